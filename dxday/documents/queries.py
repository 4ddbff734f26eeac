from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from dxday.documents.models import Document
from dxday.programmes.queries import visible_plans


def visible_documents(user) -> QuerySet[Document]:
    """Documents of plans the user may see, and every cited (stub) or plan-less document, which are public."""
    return Document.objects.filter(plan__isnull=True) | Document.objects.filter(plan__in=visible_plans(user))


def get_document_for_user(user, pk: int) -> Document:
    """A document the user may see (public stubs and the documents of visible plans); 404 otherwise."""
    document = visible_documents(user).select_related("jurisdiction", "issuer").filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def implementing(document: Document, user) -> QuerySet[Document]:
    """Documents that cite this one (e.g. the plans that implement 505/QĐ-TTg), as the user may see them."""
    return (
        visible_documents(user).filter(cites=document).select_related("jurisdiction").order_by("-issued_on")
    )


def citations(document: Document, user) -> QuerySet[Document]:
    """The legal bases (căn cứ) a document cites, as the user may see them, oldest first: a draft plan cited
    by a public document stays hidden from those who may not read the draft."""
    return (
        visible_documents(user)
        .filter(cited_by=document)
        .distinct()
        .select_related("jurisdiction")
        .order_by("issued_on", "number")
    )
