from django.contrib import admin

from dxday.documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "issued_on", "issuer_text", "is_stub"]
    list_filter = ["kind", "is_stub"]
    search_fields = ["number", "title", "issuer_text"]
    raw_id_fields = ["issuer", "jurisdiction", "cites"]
    readonly_fields = ["content_hash"]
