"""Plain-Python extractor of Vietnamese "Ngày Chuyển đổi số" plans (no Django imports).

extract_text(text) -> dict      structured plan, schema in SCHEMA.md
extract_file(path) -> dict      read .txt/.docx/.pdf, then extract
read_document(path) -> str      text of a .txt/.docx/.pdf (ExtractError on bad input)
"""

from .core import extract_file, extract_text
from .reader import ExtractError, read_document

__all__ = ["ExtractError", "extract_file", "extract_text", "read_document"]
