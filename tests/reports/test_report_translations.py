"""Every string the reports show has a Bangla translation waiting in locale/bn/pending/reports.json
or in a locale/pending/*.tsv file (msgid, tab, msgstr; the lead merges them into the catalogue),
with its placeholders intact."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PENDING = ROOT / "locale" / "bn" / "pending" / "reports.json"
PENDING_TSV = ROOT / "locale" / "pending"
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


def test_every_report_string_has_a_pending_bangla_translation():
    pending = json.loads(PENDING.read_text(encoding="utf-8"))
    for path in sorted(PENDING_TSV.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                msgid, msgstr = line.split("\t")
                pending[msgid] = msgstr
    ids = _msgids()
    assert len(ids) > 100
    missing = sorted(ids - set(pending))
    assert not missing, missing
    for msgid in ids:
        assert pending[msgid].strip(), msgid
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(pending[msgid])), msgid
        assert re.search("[\u0980-\u09ff]", pending[msgid]), f"not Bangla: {msgid}"
