"""No English left in Vietnamese pages (and the other way round)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxday.core.text import in_language


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "Tệp rỗng"), ("en", "Empty file"), (None, "Tệp rỗng")],
)
def test_in_language_picks_one_side_of_a_bilingual_message(language, expected):
    assert in_language("Tệp rỗng / empty file", language) == expected


def test_in_language_keeps_a_message_without_english_tail():
    assert in_language("Văn bản thuộc A / B ngoài phạm vi", "vi") == "Văn bản thuộc A / B ngoài phạm vi"


def test_import_of_unsupported_file_says_why_in_vietnamese_only(client, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("kehoach.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    page = client.post(reverse("documents:import"), {"file": upload}).content.decode()
    assert "Định dạng không hỗ trợ (.exe); chỉ nhận .txt, .docx, .pdf" in page
    assert "unsupported file type" not in page
