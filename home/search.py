"""Search text that works the same for Bangla and English, on SQLite and on PostgreSQL.

Why the text is rewritten before it reaches the search index:

* SQLite's full-text tokenizer (FTS5 `unicode61`, which Wagtail's backend cannot configure) cuts a
  Bangla word at every vowel sign: "পাসপোর্টের কপি রাখুন" becomes প, সপ, র, ট, কপ, খ, ন, so "লাশ"
  matched pages about "সালিশ". Bangla is therefore indexed and searched as its Latin transliteration
  (anyascii, already a Wagtail dependency): "পাসপোর্টের" → "pasporter", one whole word in every
  database.
* Readers spell Bangla in several ways. The transliteration folds what they mix up: hasanta and
  joiners vanish (হেলপলাইন = হেল্পলাইন), শ/ষ/স are all "s" (রশিদ = রসিদ), ি/ী are "i", ু/ূ are "u".
  A few common endings (-এর, -র, -কে, -তে, -য়, -টি…) are also indexed without the ending, so
  "দালাল" finds "দালালের".
* Digits of both scripts are the same ASCII digits, with no thousands separator: "16135" finds
  "১৬১৩৫" and "৩৫০০০" finds "৩৫,০০০".
* Names in both scripts (BMET/বিএমইটি, GMC/জিএমসি, WEWB/ওয়েজ আর্নার্স…) share one search word.
* The query goes through the same function and keeps only letters and digits, so quotes, NUL and
  other characters that the backends treat as syntax can never reach them.

The original text is still what the reader sees; only the index holds this form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from wagtail.search import index
from wagtail.search.query import And, Or, PlainText

MAX_QUERY_WORDS = 12

BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
BANGLA_WORD = re.compile(r"[\u0980-\u09FF\u200c\u200d]+")
# Endings that mark case or number. A word is indexed whole and without each ending that fits
# (leaving at least three letters); a query word matches any of those forms. Endings that are also
# ordinary word ends ("-টি" as in কমিটি) are left out.
ENDINGS_AFTER_CONSONANT = ("গুলো", "গুলি", "দের", "ের", "এর", "কে", "ে")
ENDINGS_AFTER_VOWEL = ("য়ের", "দের", "তে", "কে", "র", "য়")
VOWEL_SIGNS = set("ািীুূৃেৈোৌ")

# Words (or phrases) that mean the same thing, each group indexed under its first, ASCII, word.
SYNONYMS = [
    ("bmet", ["বিএমইটি", "বিএমইটিতে", "জনশক্তি কর্মসংস্থান ও প্রশিক্ষণ ব্যুরো"]),
    ("gmc", ["জিএমসি", "জিএমসিতে", "grievance management committee"]),
    ("wewb", ["ওয়েজ আর্নার্স", "wage earners", "wage earner"]),
    ("demo", ["ডেমো"]),
    ("gd", ["জিডি", "সাধারণ ডায়েরি", "general diary"]),
    ("nid", ["এনআইডি", "জাতীয় পরিচয়পত্র", "national id"]),
    ("iqama", ["আকামা"]),
    ("bkash", ["বিকাশ"]),
    ("mrdeh", ["মরদেহ", "লাশ", "মৃতদেহ", "body"]),
]


def _stems(word: str) -> list[str]:
    """The word without each case ending that fits. `word` is NFC Bangla with no joiners."""
    stems = []
    for ending in ENDINGS_AFTER_CONSONANT + ENDINGS_AFTER_VOWEL:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        after_vowel = word[-len(ending) - 1] in VOWEL_SIGNS
        if ending in (ENDINGS_AFTER_VOWEL if after_vowel else ENDINGS_AFTER_CONSONANT):
            stems.append(word[: -len(ending)])
    return stems


def _latin(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", anyascii(text).replace("'", "").lower()).strip()


@lru_cache(maxsize=65536)
def _bangla_forms(word: str) -> str:
    """One Bangla word as " form|form " (whole, then without each ending): a page repeats its words,
    and pages share most of theirs, so each is transliterated once."""
    word = word.replace("\u200c", "").replace("\u200d", "")
    variants = [_latin(w) for w in [word, *_stems(word)]]
    return " " + "|".join(dict.fromkeys(v for v in variants if v)) + " "


def _word_forms(text: str) -> list[list[str]]:
    """For each word: its search forms, first the whole word, then the word without its ending."""
    text = unicodedata.normalize("NFC", text.replace("|", " ")).translate(BANGLA_DIGITS)
    text = re.sub(r"(?<=\d)[,\-](?=\d)", "", text)  # 35,000 → 35000; 01000-000101 → 01000000101
    text = text.replace("\u0981", "")  # chandrabindu is often left out when typing

    text = BANGLA_WORD.sub(lambda match: _bangla_forms(match.group()), text)
    words = []
    for chunk in text.split():
        if "|" in chunk:
            words.append(chunk.split("|"))
        else:
            words.extend([w] for w in _latin(chunk).split())
    return words


@lru_cache(maxsize=1)
def _synonym_phrases() -> list[tuple[tuple[str, ...], str]]:
    phrases = []
    for canonical, members in SYNONYMS:
        for member in [canonical, *members]:
            key = tuple(forms[0] for forms in _word_forms(member))
            if key:
                phrases.append((key, canonical))
    return sorted(phrases, key=lambda p: -len(p[0]))  # longest first


@lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, list[tuple[int, tuple[str, ...], str]]]:
    """The synonym phrases under their first word, each with its place in _synonym_phrases()."""
    by_first: dict[str, list] = {}
    for order, (phrase, canonical) in enumerate(_synonym_phrases()):
        by_first.setdefault(phrase[0], []).append((order, phrase, canonical))
    return by_first


def _match_at(words: list[list[str]], i: int):
    """The synonym phrase that starts at word i (the longest, as _synonym_phrases() orders them)."""
    best = None
    for form in words[i]:
        for order, phrase, canonical in _phrases_by_first_word().get(form, ()):
            if best is not None and order >= best[0]:
                break
            n = len(phrase)
            if i + n <= len(words) and all(phrase[k] in words[i + k] for k in range(1, n)):
                best = (order, n, canonical)
                break
    return (best[1], best[2]) if best else (0, None)


def index_text(value) -> str:
    """What the index stores for a piece of page text (a string or a list of strings)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "\n".join(str(v) for v in value)
    words = _word_forms(str(value))
    out = []
    for i, forms in enumerate(words):
        out.extend(forms)
        _n, canonical = _match_at(words, i)
        if canonical:
            out.append(canonical)
    return " ".join(out)


def clean_query(raw: str, max_length: int = 200) -> str:
    """The query as typed, minus NUL and other control characters (for showing it back)."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" and ch not in "\u200c\u200d" else ch for ch in raw or "")
    return " ".join(text.split())[:max_length]


def query_words(raw: str) -> list[list[str]]:
    """The query as words to look up, each a list of forms any of which may match.

    Only ASCII letters and digits are left, so nothing in it is syntax to a search backend.
    """
    words = _word_forms(clean_query(raw))
    out, i = [], 0
    while i < len(words):
        n, canonical = _match_at(words, i)
        if canonical:
            out.append([canonical])
            i += n
        else:
            out.append(words[i])
            i += 1
    unique = {tuple(w): w for w in out}
    return list(unique.values())[:MAX_QUERY_WORDS]


def build_query(raw: str):
    """A Wagtail search query (every word, any of its forms), or None when nothing is left."""
    words = query_words(raw)
    if not words:
        return None
    parts = [PlainText(w[0]) if len(w) == 1 else Or([PlainText(f) for f in w]) for w in words]
    return parts[0] if len(parts) == 1 else And(parts)


class NormalisedSearchField(index.SearchField):
    """A SearchField whose indexed value is `index_text(...)` of the field (same name and boost)."""

    def get_value(self, obj):
        return index_text(super().get_value(obj))

    # Equal to the SearchField it replaces, so Wagtail's check that pages keep Page.search_fields
    # (wagtailsearch.W001) sees the core fields as present: they are, in normalised form.
    def __eq__(self, other):
        if isinstance(other, index.SearchField):
            return other.field_name == self.field_name and other.kwargs == self.kwargs
        return NotImplemented

    __hash__ = index.SearchField.__hash__


def normalised(search_fields) -> list:
    """`search_fields` with every SearchField indexing the normalised text instead of the raw one."""
    return [
        NormalisedSearchField(f.field_name, **f.kwargs) if type(f) is index.SearchField else f
        for f in search_fields
    ]
