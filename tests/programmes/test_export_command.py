"""`dxday export`: a plan to a .docx or .xlsx file from the command line."""

import io

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command


def test_export_writes_the_plan_docx(imported_plan, tmp_path):
    target = tmp_path / "ke-hoach.docx"
    out = io.StringIO()
    call_command("export", str(imported_plan.pk), "--output", str(target), stdout=out)
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.tables[0].rows[0].cells[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    assert out.getvalue().startswith(f"{target}: {target.stat().st_size} bytes")


def test_export_writes_the_assignments_xlsx(imported_plan, tmp_path):
    target = tmp_path / "phan-cong.xlsx"
    call_command(
        "export", str(imported_plan.pk), "--format", "xlsx", "--output", str(target), stdout=io.StringIO()
    )
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes())).worksheets[0]
    assert sheet.max_row > 1


def test_export_of_a_missing_plan_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError) as err:
        call_command("export", "999999", "--output", str(tmp_path / "x.docx"))
    assert str(err.value) == "no plan with id 999999"
    assert not (tmp_path / "x.docx").exists()
