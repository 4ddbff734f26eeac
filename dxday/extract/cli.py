"""`dxday extract FILE [--format json|text]`: print the structured plan of a document."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .core import extract_file
from .reader import ExtractError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ExtractError(f"Tham số không hợp lệ: {message} / bad arguments")


def format_text(data: dict[str, Any]) -> str:
    doc = data["document"]
    out = [
        f"Loại văn bản: {doc['kind']}    Số: {doc['number'] or '-'}    Ngày ban hành: {doc['issued_on'] or '-'}",
        f"Cơ quan ban hành: {doc['issuer'] or '-'}    Phạm vi: {doc['jurisdiction'] or '-'}    "
        f"Năm: {doc['year'] or '-'}",
    ]
    if doc["theme"]:
        out.append(f"Chủ đề: {doc['theme']}")
    out.append("")
    out.append(f"Căn cứ pháp lý ({len(data['legal_bases'])}):")
    for lb in data["legal_bases"]:
        out.append(f"  - {lb['number'] or '(không số)'}  {lb['date'] or ''}  {lb['issuer'] or ''}".rstrip())
    out.append("")
    out.append(f"Hoạt động ({len(data['activities'])}):")
    for i, act in enumerate(data["activities"], 1):
        out.append(f"  {i}. {act['title']}")
        if act["lead"]:
            out.append(f"     chủ trì: {'; '.join(act['lead'])}")
        if act["partners"]:
            out.append(f"     phối hợp: {'; '.join(act['partners'])}")
        if act["start"] or act["end"]:
            out.append(f"     thời gian: {act['start'] or '?'} → {act['end'] or '?'}")
        if act["location"]:
            out.append(f"     địa điểm: {act['location']}")
        if act["participants"]:
            out.append(f"     đối tượng: {act['participants']}")
    out.append("")
    out.append(f"Thời hạn ({len(data['deadlines'])}):")
    for d in data["deadlines"]:
        out.append(f"  - {d['due']}  {d['what']}  [{d['due_text']}]")
    out.append("")
    out.append(f"Trách nhiệm ({len(data['responsibilities'])}):")
    for r in data["responsibilities"]:
        out.append(f"  * {r['unit']}")
        for duty in r["duties"]:
            out.append(f"      - {duty}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    try:
        parser = _Parser(prog="dxday extract", description="Extract the structured plan of a document.")
        parser.add_argument("file")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        args = parser.parse_args(argv)
        data = extract_file(args.file)
    except ExtractError as err:
        print(f"dxday extract: {err}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    out = (
        json.dumps(data, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else format_text(data)
    )
    stream = sys.stdout
    try:
        stream.buffer.write(out.encode("utf-8"))  # UTF-8 whatever the locale
        stream.flush()
    except AttributeError:
        stream.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
