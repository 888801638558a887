"""The Bangla catalogue is complete: nothing untranslated, nothing fuzzy, nothing missing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "bn" / "LC_MESSAGES" / "django.po"


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"
    assert len(po.translated_entries()) > 50


def test_plural_entries_have_every_form():
    po = polib.pofile(str(PO))
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_placeholders_survive_translation():
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")
    po = polib.pofile(str(PO))
    for entry in po.translated_entries():
        if entry.obsolete:
            continue
        if entry.msgstr:
            assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), entry.msgid


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Extract strings again into a copy of the source: the committed catalogue must hold them all."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is missing in CI")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(".venv", ".git", "staticfiles", "node_modules", "__pycache__", "*.mo", "media", "private")
    shutil.copytree(ROOT, copy, ignore=ignore)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "bn", "--no-obsolete",
         "--ignore=tests", "--ignore=staticfiles", "-v0"],
        cwd=copy, env=env, check=True,
    )
    fresh = polib.pofile(str(copy / "locale" / "bn" / "LC_MESSAGES" / "django.po"))
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if e.translated() and not e.obsolete}
    missing = [e.msgid for e in fresh if (e.msgctxt, e.msgid) not in committed]
    assert not missing, f"strings not translated in locale/bn (run `make messages`): {missing[:20]}"


def test_translation_functions_keep_names_makemessages_knows():
    """xgettext finds _(), gettext(), gettext_lazy(), ngettext()… by name: a string marked with
    `gettext as _gettext` or `gettext_lazy as _lazy` is never extracted, and `make messages` then
    drops its Bangla (it did: five report strings, 2026-12-04)."""
    import re

    alias = re.compile(r"\b(\w*gettext\w*) as (\w+)")
    wrong = []
    for path in ROOT.rglob("*.py"):
        if any(part in (".venv", "tests", "node_modules") for part in path.relative_to(ROOT).parts):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "django.utils.translation import" in line:
                wrong += [f"{path.relative_to(ROOT)}: {f} as {name}" for f, name in alias.findall(line) if name != "_"]
    assert not wrong, wrong
