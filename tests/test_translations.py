"""The Dutch catalogue is complete, well-formed and compiled; English falls back to the source text.

These tests use GNU msgfmt (the same tool ``compilemessages`` uses) and plain Python, and never touch
the database.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "omkijken" / "locale"
NL_PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
NL_MO = LOCALE / "nl" / "LC_MESSAGES" / "django.mo"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")

PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]|\{\{\s*[^}]+?\s*\}\}|\{[A-Za-z_][A-Za-z0-9_]*\}")


def msgfmt(po: Path, out: str | Path = "/dev/null") -> subprocess.CompletedProcess[str]:
    assert MSGFMT is not None
    return subprocess.run(  # noqa: S603 - fixed tool, our own file
        [MSGFMT, "--check", "--statistics", "-o", str(out), str(po)],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )


def po_entries(po: Path) -> list[dict[str, object]]:
    """A tiny PO reader: each entry's flags, msgid, msgid_plural and msgstr(s)."""
    entries: list[dict[str, object]] = []
    entry: dict[str, object] | None = None
    field: tuple[str, int | None] | None = None

    def unquote(text: str) -> str:
        body = text.strip()[1:-1]
        return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)

    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": [], "msgid": "", "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] = [*entry["flags"], *(f.strip() for f in line[2:].split(","))]  # type: ignore[misc]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert field is not None
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += unquote(line)  # type: ignore[index]
            else:
                entry[field[0]] = str(entry[field[0]] or "") + unquote(line)
        else:
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
            assert match, f"cannot read PO line: {line!r}"
            keyword, index, value = match.group(1), match.group(2), unquote(match.group(3))
            if keyword == "msgstr":
                key = int(index) if index is not None else None
                entry["msgstr"][key] = value  # type: ignore[index]
                field = ("msgstr", key)
            else:
                entry[keyword] = value
                field = (keyword, None)
    return [e for e in entries if e["msgid"] != ""]


def catalogue(mo: Path) -> dict[object, str]:
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    return dict(translations._catalog)  # type: ignore[attr-defined]


@needs_msgfmt
def test_the_dutch_catalogue_has_no_untranslated_and_no_fuzzy_entries() -> None:
    # given the Dutch catalogue as makemessages wrote it and a translator filled it in
    # when msgfmt checks it and counts its messages
    result = msgfmt(NL_PO)
    # then it is valid and every message is translated, none fuzzy
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert re.search(r"^\d+ translated messages?\.$", result.stderr.strip()), result.stderr
    # and a plain reading of the file agrees: no empty msgstr and no fuzzy flag anywhere
    entries = po_entries(NL_PO)
    assert entries, "the Dutch catalogue is empty"
    empty = [e["msgid"] for e in entries if any(not s for s in e["msgstr"].values())]  # type: ignore[attr-defined]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]  # type: ignore[operator]
    assert empty == []
    assert fuzzy == []
    assert "#, fuzzy" not in NL_PO.read_text(encoding="utf-8")


@needs_msgfmt
def test_the_english_catalogue_exists_and_is_valid() -> None:
    # given the English catalogue, whose source text is already English
    # when msgfmt checks it
    result = msgfmt(EN_PO)
    # then it is valid and carries no fuzzy entries
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@needs_msgfmt
def test_every_placeholder_of_the_english_text_survives_in_the_dutch_text() -> None:
    # given every Dutch entry
    entries = po_entries(NL_PO)
    # when msgfmt checks the python-format strings and each placeholder is compared
    result = msgfmt(NL_PO)
    mismatches = []
    for entry in entries:
        sources = [str(entry["msgid"])] + ([str(entry["msgid_plural"])] if entry["msgid_plural"] else [])
        wanted = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        for text in entry["msgstr"].values():  # type: ignore[attr-defined]
            if set(PLACEHOLDER.findall(text)) != wanted:
                mismatches.append((entry["msgid"], text))
    # then msgfmt finds no format error and every placeholder is kept, none invented
    assert result.returncode == 0, result.stderr
    assert mismatches == []


@needs_msgfmt
def test_the_committed_dutch_mo_file_matches_its_po_file(tmp_path: Path) -> None:
    # given the committed Dutch .po and .mo files
    fresh = tmp_path / "django.mo"
    # when the .po is compiled afresh into a temporary file
    result = msgfmt(NL_PO, fresh)
    assert result.returncode == 0, result.stderr
    # then both compiled catalogues hold exactly the same messages
    assert catalogue(NL_MO) == catalogue(fresh)


def test_the_login_button_reads_inloggen_in_dutch_and_log_in_in_english() -> None:
    # given the compiled catalogues
    # when the text is looked up in Dutch and in English
    with translation.override("nl"):
        dutch = translation.gettext("Log in")
    with translation.override("en"):
        english = translation.gettext("Log in")
    # then Dutch gets the translation and English keeps the source text
    assert dutch == "Inloggen"
    assert english == "Log in"


@pytest.mark.parametrize(
    ("source", "dutch"),
    [
        ("Username", "Gebruikersnaam"),
        ("Password", "Wachtwoord"),
        ("Too many failed login attempts", "Te veel mislukte inlogpogingen"),
        ("Search by name, code, street or neighbourhood", "Zoek op naam, code, straat of buurt"),
        ("Dutch", "Nederlands"),
        ("English", "Engels"),
        ("Lease", "Huurovereenkomst"),
    ],
)
def test_key_texts_have_their_agreed_dutch_wording(source: str, dutch: str) -> None:
    # given a text whose Dutch wording was agreed
    # when it is looked up in Dutch
    with translation.override("nl"):
        translated = translation.gettext(source)
    # then it reads exactly as agreed
    assert translated == dutch


def test_every_plural_text_uses_the_singular_for_one_and_the_plural_for_more() -> None:
    # given every text with a plural form in the Dutch catalogue
    plurals = [e for e in po_entries(NL_PO) if e["msgid_plural"]]
    assert plurals, "expected at least one plural text (for example the page counter)"
    # when each is looked up in Dutch for one and for seven things
    with translation.override("nl"):
        found = [
            (
                translation.ngettext(str(e["msgid"]), str(e["msgid_plural"]), 1),
                translation.ngettext(str(e["msgid"]), str(e["msgid_plural"]), 7),
            )
            for e in plurals
        ]
    # then one gets the singular form and seven the plural form
    assert found == [(e["msgstr"][0], e["msgstr"][1]) for e in plurals]  # type: ignore[index]
