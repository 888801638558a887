"""Every string the reports show has a Bangla translation in the catalogue, with its placeholders intact
(the reports' texts are long and full of figures: a lost placeholder would print a wrong number)."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "bn" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def _msgids():
    ids = set()
    for path in (ROOT / "casework" / "reports").glob("*.py"):
        for match in re.finditer(r'(?<![\w.])_\(\s*((?:"[^"]*"\s*)+)', path.read_text(encoding="utf-8")):
            ids.add("".join(re.findall(r'"([^"]*)"', match.group(1))))
    for path in (ROOT / "casework" / "templates" / "reports").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        ids.update(re.findall(r'{% translate "([^"]*)" %}', text))
        ids.update(re.findall(r"{% translate '([^']*)' %}", text))
        for match in re.finditer(r"{% blocktranslate trimmed %}(.*?){% endblocktranslate %}", text, re.S):
            ids.add(" ".join(match.group(1).split()))
    return ids


def test_every_report_string_has_a_bangla_translation():
    catalogue = {
        e.msgid: e.msgstr or (e.msgstr_plural or {}).get(0, "")
        for e in polib.pofile(str(CATALOGUE))
        if not e.msgctxt and not e.obsolete and "fuzzy" not in e.flags
    }
    ids = _msgids()
    assert len(ids) > 100
    missing = sorted(ids - set(catalogue))
    assert not missing, missing
    for msgid in ids:
        assert catalogue[msgid].strip(), msgid
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(catalogue[msgid])), msgid
        assert re.search("[\u0980-\u09ff]", catalogue[msgid]), f"not Bangla: {msgid}"
