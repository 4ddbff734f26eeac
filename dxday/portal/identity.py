"""The identity kit of a year's Digital Transformation Day, for provinces, schools and the press to print and
post: the emblem (SVG), a screen banner, a social-network image and an A4 poster (PNG), and a guide with the
colours, the theme and the hashtags. Everything is drawn from the national programme of the year (its theme),
so the kit changes when the ministry sets the theme, and nobody has to design and mail it by hand."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from django.utils.translation import gettext as _

RED, GOLD, BLUE, WHITE = "#b3161b", "#ffcd00", "#0b3d91", "#ffffff"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
HASHTAGS = "#NgayChuyenDoiSo #ChuyenDoiSo #DX10thang10"


@dataclass(frozen=True)
class Kit:
    year: int
    theme: str

    @property
    def title(self) -> str:
        return _("Ngày Chuyển đổi số quốc gia %(year)d") % {"year": self.year}

    @property
    def filename(self) -> str:
        return f"bo-nhan-dien-ngay-chuyen-doi-so-{self.year}.zip"


def emblem_svg(kit: Kit) -> str:
    """The emblem: a red disc with the date, the year and the day's name around it."""
    title = escape(kit.title)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" aria-label="{title}">
<title>{title}</title>
<circle cx="200" cy="200" r="196" fill="{RED}"/>
<circle cx="200" cy="200" r="170" fill="none" stroke="{GOLD}" stroke-width="6"/>
<text x="200" y="190" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="bold"
 font-size="112" fill="{WHITE}">10/10</text>
<text x="200" y="250" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="bold"
 font-size="44" fill="{GOLD}">{kit.year}</text>
<text x="200" y="300" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="22"
 fill="{WHITE}">{escape(_("NGÀY CHUYỂN ĐỔI SỐ"))}</text>
<text x="200" y="328" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="22"
 fill="{WHITE}">{escape(_("QUỐC GIA"))}</text>
</svg>
"""


def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)  # without the DejaVu package: Pillow's own font


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _picture(kit: Kit, width: int, height: int) -> bytes:
    """A red picture with a gold band: the day's name, its date and the theme, sized to the picture."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), RED)
    draw = ImageDraw.Draw(image)
    unit = min(width, height) / 100
    margin = round(6 * unit)
    band = round(height * 0.08)
    draw.rectangle([0, height - band, width, height], fill=GOLD)
    y = margin
    big, middle = _font(round(11 * unit), bold=True), _font(round(6 * unit), bold=True)
    for text, font, fill in (
        (_("NGÀY CHUYỂN ĐỔI SỐ QUỐC GIA"), middle, WHITE),
        (f"10/10/{kit.year}", big, GOLD),
    ):
        for line in _wrap(draw, text, font, width - 2 * margin):
            draw.text((margin, y), line, font=font, fill=fill)
            y += round(font.size * 1.25)
    if kit.theme:
        y += round(2 * unit)
        font = _font(round(4.5 * unit))
        for line in _wrap(draw, f"“{kit.theme}”", font, width - 2 * margin):
            draw.text((margin, y), line, font=font, fill=WHITE)
            y += round(font.size * 1.3)
    _disc(draw, kit, width, height - band, margin)
    size = round(band * 0.4)
    while size > 8 and draw.textlength(HASHTAGS, font=_font(size, bold=True)) > width - 2 * margin:
        size -= 2
    small = _font(size, bold=True)
    draw.text((margin, height - band // 2), HASHTAGS, font=small, fill=RED, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _disc(draw, kit: Kit, width: int, height: int, margin: int) -> None:
    """The emblem's disc in the free corner: lower right of a landscape picture, lower middle of a poster."""
    r = round(min(width, height) * (0.3 if width > height else 0.28))
    cx = width - margin - r if width > height else width // 2
    cy = height - margin - r
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=WHITE)
    ring = round(r * 0.88)
    draw.ellipse([cx - ring, cy - ring, cx + ring, cy + ring], outline=RED, width=max(2, r // 30))
    for text, size, fill, dy in (("10/10", 0.42, RED, -0.12), (str(kit.year), 0.2, BLUE, 0.3)):
        font = _font(round(r * size), bold=True)
        draw.text((cx, cy + round(r * dy)), text, font=font, fill=fill, anchor="mm")


def guide(kit: Kit) -> str:
    theme = kit.theme or _("(Bộ Khoa học và Công nghệ chưa công bố chủ đề năm nay.)")
    return "\n".join(
        [
            kit.title,
            "=" * len(kit.title),
            "",
            _("Chủ đề: %(theme)s") % {"theme": theme},
            _("Ngày: 10/10/%(year)d") % {"year": kit.year},
            _("Hashtag: %(tags)s") % {"tags": HASHTAGS},
            "",
            _("Màu: đỏ %(red)s, vàng %(gold)s, xanh %(blue)s, trắng %(white)s.")
            % {"red": RED, "gold": GOLD, "blue": BLUE, "white": WHITE},
            _("Phông chữ: DejaVu Sans (tự do, có đủ dấu tiếng Việt)."),
            "",
            _("Tệp trong bộ:"),
            _("- bieu-trung.svg: biểu trưng, phóng to thu nhỏ không vỡ nét;"),
            _("- banner-man-hinh-1920x1080.png: màn hình lớn, phông sân khấu, trang web;"),
            _("- mang-xa-hoi-1200x630.png: ảnh chia sẻ trên mạng xã hội;"),
            _("- ap-phich-a4.png: áp phích khổ A4 (150 dpi), in và dán tại trụ sở, trường học;"),
            "",
            _(
                "Không thay đổi màu, tỷ lệ của biểu trưng; để khoảng trống quanh biểu trưng ít nhất bằng "
                "1/10 đường kính."
            ),
            "",
        ]
    )


@lru_cache(maxsize=8)
def kit_zip(year: int, theme: str, language: str) -> bytes:
    """The kit as a .zip in the active language (the same bytes for the same year, theme and language:
    drawn once per process)."""
    kit = Kit(year, theme)
    out = io.BytesIO()
    stamp = (year, 1, 1, 0, 0, 0)  # fixed dates inside the zip: the same kit gives the same bytes
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("huong-dan.txt", guide(kit).encode()),
            ("bieu-trung.svg", emblem_svg(kit).encode()),
            ("banner-man-hinh-1920x1080.png", _picture(kit, 1920, 1080)),
            ("mang-xa-hoi-1200x630.png", _picture(kit, 1200, 630)),
            ("ap-phich-a4.png", _picture(kit, 1240, 1754)),
        ):
            archive.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
