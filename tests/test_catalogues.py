"""Every visitor-facing string exists in Dutch and in English, compiled."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(PROJECT_ROOT.glob("*/locale/*/LC_MESSAGES/django.po"))


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def test_both_languages_have_catalogues_for_the_same_code():
    languages = {}
    for po_path in CATALOGUES:
        app = po_path.relative_to(PROJECT_ROOT).parts[0]
        languages.setdefault(app, set()).add(po_path.parent.parent.name)
    assert languages, "no catalogues found"
    assert all(found == {"nl", "en"} for found in languages.values()), languages


@pytest.mark.parametrize("po_path", CATALOGUES, ids=catalogue_id)
def test_compiled_catalogue_translates_every_entry(po_path):
    source = polib.pofile(str(po_path))
    assert source.fuzzy_entries() == []
    assert [entry.msgid for entry in source.untranslated_entries()] == []
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make compilemessages`"
    compiled = {entry.msgid: entry for entry in polib.mofile(str(mo_path))}
    for entry in source.translated_entries():
        assert entry.msgid in compiled, f"{entry.msgid!r} is not compiled: recompile"
        if entry.msgid_plural:
            assert all(compiled[entry.msgid].msgstr_plural.values())
        else:
            assert compiled[entry.msgid].msgstr == entry.msgstr


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "Naar de inhoud"), ("en", "Skip to content")],
)
def test_interface_strings_follow_the_active_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to content") == expected


@pytest.mark.parametrize(
    "po_path", [path for path in CATALOGUES if path.parent.parent.name == "en"], ids=catalogue_id
)
def test_english_catalogues_say_exactly_what_the_code_says(po_path):
    """Source strings are English; a stale fuzzy guess would show another text."""
    for entry in polib.pofile(str(po_path)).translated_entries():
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
        else:
            assert entry.msgstr == entry.msgid
