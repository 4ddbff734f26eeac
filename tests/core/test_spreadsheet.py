import io

from openpyxl import load_workbook

from dxday.core.spreadsheet import ascii_filename, table_xlsx


def test_a_table_becomes_a_workbook_with_its_title_headers_and_rows():
    content = table_xlsx(
        "Tỷ lệ báo cáo theo tỉnh, thành phố (đủ dài để bị cắt)",
        ["Tỉnh", "Số báo cáo"],
        [["Tỉnh Đồng Nai", 3], ['=HYPERLINK("x")', 1]],
        title="Tỷ lệ báo cáo",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert len(sheet.title) == 31
    assert sheet["A1"].value == "Tỷ lệ báo cáo"
    assert [c.value for c in sheet[3]] == ["Tỉnh", "Số báo cáo"]
    assert [c.value for c in sheet[4]] == ["Tỉnh Đồng Nai", 3]
    # text a spreadsheet would run stays text
    assert sheet["A5"].data_type == "s" and sheet["A5"].quotePrefix
    assert sheet.freeze_panes == "A4"


def test_file_names_are_ascii():
    assert ascii_filename("Báo cáo kết quả Đồng Nai", "bao-cao", "xlsx") == "bao-cao-ket-qua-dong-nai.xlsx"
    assert ascii_filename("…", "bao-cao", "docx") == "bao-cao.docx"
