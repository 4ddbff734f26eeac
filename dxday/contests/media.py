"""Entry images: the content decides the type (not the file's name), the picture is re-encoded (which drops
anything hidden after or inside it, and its metadata), and the deployment's scanner sees it first
(DXDAY_UPLOAD_SCAN_COMMAND, e.g. "clamdscan --no-summary -": the bytes on its standard input, exit 0 =
clean)."""

from __future__ import annotations

import io
import shlex
import subprocess

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb stops here
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def scan(data: bytes) -> None:
    command = getattr(settings, "DXDAY_UPLOAD_SCAN_COMMAND", "")
    if not command:
        return
    result = subprocess.run(shlex.split(command), input=data, capture_output=True, timeout=60, check=False)
    if result.returncode != 0:
        raise ValidationError({"image": _("Tệp bị trình quét virus từ chối.")})


def clean_image(upload) -> ContentFile:
    """The upload re-encoded in its own format (JPEG, PNG or WebP), or ValidationError saying why not."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError({"image": _("Ảnh lớn hơn 5 MB.")})
    data = upload.read()
    scan(data)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in FORMATS:
            raise UnidentifiedImageError
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({"image": _("Ảnh quá lớn (tối đa 40 triệu điểm ảnh).")})
            image.load()
            picture = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") and kind != "JPEG" else "RGB")
            out = io.BytesIO()
            options = {"optimize": True} if kind == "PNG" else {"quality": 88}
            picture.save(out, kind, **options)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError({"image": _("Tệp không phải ảnh JPEG, PNG hoặc WebP.")}) from None
    return ContentFile(out.getvalue(), name=f"entry.{FORMATS[kind]}")
