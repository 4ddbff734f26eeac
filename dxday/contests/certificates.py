"""Certificates (giấy chứng nhận) of a category's first three places, as PDF, once the results are out."""

from __future__ import annotations

from pathlib import Path

from dxday.contests.models import Contest
from dxday.contests.results import Standing

FONTS = Path("/usr/share/fonts/truetype/dejavu")
PLACES = {1: "GIẢI NHẤT", 2: "GIẢI NHÌ", 3: "GIẢI BA"}


def certificate_pdf(contest: Contest, standing: Standing) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    regular, bold = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_draw_color(179, 22, 27)
    pdf.set_line_width(2)
    pdf.rect(10, 10, 277, 190)
    area = contest.activity.plan.area
    lines = [
        ("B", 14, str(area).upper()),
        ("B", 30, "GIẤY CHỨNG NHẬN"),
        ("", 16, contest.title),
        ("B", 24, PLACES.get(standing.rank, f"HẠNG {standing.rank}")),
        ("", 14, f"Hạng mục: {standing.entry.category.name}"),
        ("B", 20, standing.entry.title),
        ("", 16, standing.entry.entrant),
        ("", 12, f"Điểm chung cuộc {standing.final:.2f} · Ngày Chuyển đổi số {contest.votes_close.year}"),
    ]
    pdf.set_y(28)
    for style, size, text in lines:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(0, size * 0.6, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())
