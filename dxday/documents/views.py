from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxday.accounts.permissions import can_import_documents
from dxday.core.text import fold, in_language
from dxday.documents import queries
from dxday.documents.services import import_document, number_key
from dxday.extract import ExtractError
from dxday.programmes.forms import ImportForm


def document_list(request):
    qs = (
        queries.visible_documents(request.user)
        .select_related("jurisdiction")
        .order_by("-issued_on", "number")
    )
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(number_key__contains=number_key(q)) | qs.filter(search_key__contains=fold(q))
    return render(
        request,
        "documents/document_list.html",
        {"page": Paginator(qs.distinct(), 50).get_page(request.GET.get("page")), "q": q},
    )


def document_detail(request, pk: int):
    document = queries.get_document_for_user(request.user, pk)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "cites": queries.citations(document, request.user),
            "implementing": queries.implementing(document, request.user),
            "plan": getattr(document, "plan", None),
        },
    )


@login_required
def document_import(request):
    if not can_import_documents(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_document(actor=request.user, filename=upload.name, content=upload.read())
        except ExtractError as err:
            form.add_error("file", in_language(str(err), get_language()))
        else:
            if result.created:
                messages.success(
                    request, _("Đã nhập văn bản thành kế hoạch dự thảo. Hãy rà soát các đơn vị.")
                )
            else:
                messages.warning(request, _("Văn bản này đã được nhập trước đây; không tạo bản trùng."))
            for flag in result.flags:
                messages.warning(request, flag)
            if result.plan is None:
                return redirect("documents:detail", pk=result.document.pk)
            return redirect("programmes:plan_review", pk=result.plan.pk)
    return render(request, "documents/import.html", {"form": form})
