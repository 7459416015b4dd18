"""Simplified Chinese is complete, consistent with the source strings, and compiled."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "platform" / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w*)\}")


@pytest.fixture(scope="module")
def catalog():
    """The one catalog: the browser scripts carry no text of their own (the server sends it translated)."""
    return LOCALE / "django.po"


def test_every_message_is_translated_and_none_is_fuzzy(catalog):
    po = polib.pofile(str(catalog))
    assert len(po) > 0
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not missing, f"untranslated: {missing[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_placeholders_survive_translation(catalog):
    po = polib.pofile(str(catalog))
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            sources = {entry.msgid, entry.msgid_plural}
            targets = set(entry.msgstr_plural.values())
        else:
            sources, targets = {entry.msgid}, {entry.msgstr}
        expected = set().union(*(set(PLACEHOLDER.findall(s)) for s in sources))
        for target in targets:
            assert set(PLACEHOLDER.findall(target)) <= expected, f"placeholder mismatch in {entry.msgid!r}"
            assert expected <= set(PLACEHOLDER.findall(target)) or entry.msgid_plural, (
                f"placeholder dropped in {entry.msgid!r}"
            )


def test_compiled_catalog_matches_the_source(catalog):
    po = polib.pofile(str(catalog))
    mo_path = catalog.with_suffix(".mo")
    assert mo_path.exists(), "run: manage.py compilemessages"
    mo = polib.mofile(str(mo_path))
    compiled = {e.msgid: e.msgstr for e in mo if e.msgid and not e.msgid_plural}
    source = {e.msgid: e.msgstr for e in po if not e.obsolete and e.translated() and not e.msgid_plural}
    stale = [msgid for msgid, msgstr in source.items() if compiled.get(msgid) != msgstr]
    assert not stale, f"the .mo file is stale; recompile (first: {stale[:5]})"


def test_the_catalog_holds_every_string_of_the_source(tmp_path, settings):
    """makemessages, run on a copy of the catalog, adds nothing: no string was marked and left out."""
    import shutil

    from django.core.management import call_command

    copy = tmp_path / "zh_Hans" / "LC_MESSAGES"
    shutil.copytree(LOCALE, copy)
    settings.LOCALE_PATHS = [tmp_path]
    root = LOCALE.parents[3]
    cwd = Path.cwd()
    try:
        import os

        os.chdir(root)
        call_command(
            "makemessages",
            locale=["zh_Hans"],
            ignore_patterns=[".venv", "var", "tests", "deploy", "platform/locale"],
            no_obsolete=True,
            verbosity=0,
        )
    finally:
        os.chdir(cwd)
    before = {(e.msgctxt, e.msgid) for e in polib.pofile(str(LOCALE / "django.po"))}
    after = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "django.po"))}
    assert not after - before, f"not in the catalog: {sorted(after - before)[:20]}"
