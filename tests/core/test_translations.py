"""The English catalogue is complete and is what the site serves.

Vietnamese is the source language (the msgids); `dxday/locale/en/LC_MESSAGES/django.po` must translate every
one of them, with no `#, fuzzy` guess left by `makemessages`, and the compiled `django.mo` next to it must be
the compilation of that .po (so a forgotten `compilemessages` fails here, not in front of an English reader).
Parsed with the standard library: polib is not a dependency of the project.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LC_MESSAGES = Path(__file__).resolve().parents[2] / "dxday" / "locale" / "en" / "LC_MESSAGES"
PO, MO = LC_MESSAGES / "django.po", LC_MESSAGES / "django.mo"
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')
# What a translation must carry over unchanged: %-placeholders, {placeholders}, HTML tags and entities.
KEEP = re.compile(r"%\(\w+\)[sdf]|%%|%[sdf]|\{\w*\}|\{\{|\}\}|</?[a-z][^>]*>|&[a-z]+;")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    """A PO string is a C string literal: "…" with \\n, \\t, \\", \\\\ escapes."""
    return re.sub(r"\\(.)", lambda escape: ESCAPES.get(escape[1], "\\" + escape[1]), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The active entries of a .po file (obsolete `#~` entries skipped, the header included as msgid "")."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            continue
        elif match := KEYWORD.match(line):
            keyword, index, text = match.groups()
            target = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else (keyword, 0)
            _append(entry, target, _unquote(text))
        elif line.startswith('"') and target is not None:
            _append(entry, target, _unquote(line))
        else:
            raise AssertionError(f"{path.name}:{number}: cannot read {raw!r}")
    return [entry for entry in entries if entry.msgstr]


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text
    else:
        setattr(entry, name, (getattr(entry, name) or "") + text)


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [entry for entry in parse_po(PO) if entry.msgid]  # the header (msgid "") is not a message


def test_the_parser_reads_the_whole_catalogue(entries):
    assert len(entries) > 500
    assert any(entry.msgid_plural for entry in entries)
    assert "Digital Transformation Day" in {entry.msgstr[0] for entry in entries}


def test_every_message_is_translated(entries):
    untranslated = [
        f"django.po:{entry.line}: {entry.msgid!r}"
        for entry in entries
        if not all(entry.msgstr.get(i) for i in range(2 if entry.msgid_plural else 1))
    ]
    assert not untranslated, "untranslated (run makemessages, then translate):\n" + "\n".join(untranslated)


def test_no_translation_is_a_fuzzy_guess(entries):
    fuzzy = [f"django.po:{entry.line}: {entry.msgid!r}" for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, "fuzzy (check, fix, then remove the flag):\n" + "\n".join(fuzzy)


def test_translations_keep_placeholders_and_markup(entries):
    broken = []
    for entry in entries:
        for index, text in entry.msgstr.items():
            source = entry.msgid_plural if index and entry.msgid_plural else entry.msgid
            if sorted(KEEP.findall(text)) != sorted(KEEP.findall(source)):
                broken.append(f"django.po:{entry.line}: {source!r} -> {text!r}")
    assert not broken, "placeholders or markup changed:\n" + "\n".join(broken)


def test_the_compiled_catalogue_is_the_po_compiled(entries):
    with MO.open("rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)  # noqa: SLF001 (the parsed .mo)
    compiled.pop("", None)  # the header
    expected: dict[object, str] = {}
    for entry in entries:
        if entry.msgid_plural:
            expected.update({(entry.key, index): text for index, text in entry.msgstr.items()})
        else:
            expected[entry.key] = entry.msgstr[0]
    stale = sorted(str(key) for key in expected.keys() - compiled.keys())
    extra = sorted(str(key) for key in compiled.keys() - expected.keys())
    changed = sorted(str(key) for key in expected.keys() & compiled.keys() if expected[key] != compiled[key])
    assert not (stale or extra or changed), (
        "django.mo is out of date: run `dxday manage compilemessages -l en`\n"
        f"missing from the .mo: {stale[:5]}\nonly in the .mo: {extra[:5]}\ndifferent: {changed[:5]}"
    )
