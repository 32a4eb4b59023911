"""Text helpers shared by the whole core: one copy of each.

- ``fold_ascii``: any Unicode to lower-case ASCII (NFKC, homoglyphs, accents, emoji and marks dropped),
  punctuation kept — the grader tokenises it.
- ``fold``: a lookup key — ``fold_ascii`` with every run of non-alphanumerics turned into one space.
- ``plain``: deck markdown as plain text (emphasis, code and link syntax dropped, spaces tidied; a blank
  "_____" kept).
- ``clip_words``: cut text at a word boundary with an ellipsis.
- ``one_line``: user text on one line, clipped (the surface decides how to quote it).
- ``storable``: text any store can hold (a lone surrogate or a NUL dropped).
- ``formula_guard`` / ``formula_unguard``: a CSV cell a spreadsheet would run as a formula, kept as text, and
  back.
- ``MONTHS``: month abbreviations (formatting dates without the C locale).
- ``han``: the Han ideographs of a text, simplified: what tells "四" (four) from "死" (death), which fold alike.

Nothing here knows any surface: no markdown is produced, only removed.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import opencc
from anyascii import anyascii

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_SKIP_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "So", "Sk", "Mn", "Me", "Mc"})
# Cyrillic and Greek letters that look like Latin ones. anyascii transliterates by sound ("р" -> "r"),
# so a word that mixes scripts (a homoglyph trick or a keyboard slip) is first mapped by shape.
_HOMOGLYPHS = str.maketrans(
    "авсдеёһіјкмнорѕтуххԁԛԝӏАВСЕНІЈКМОРЅТХУαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "abcdeehijkmhopstyxxdqwlABCEHIJKMOPSTXYabeiknoptuxABEZHIKMNOPTYX",
)
_COMBINING_RE = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_MIXED_RE = re.compile(r"\w*[a-zA-Z]\w*")
#: The rest of a word (from where a match starts).
_WORD_REST_RE = re.compile(r"\w*")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
#: Emphasis and code markers. A run of three or more underscores is a blank to fill in ("_____ is a ..."), which
#: the deck's and the importers' texts and the "which term is hidden?" prompt use: it is kept whole.
_EMPHASIS = re.compile(r"(\*\*|(?<!_)__(?!_)|\*|`+|~~)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Characters never echoed: C0/C1 controls (but tab and newline), bidi overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")
# Half of a UTF-16 surrogate pair, alone: valid in JSON ("\\ud800") and in a Python string, but no UTF-8 text
# (a database, a terminal, Discord) can hold it; and a NUL, which PostgreSQL's text refuses.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unmix(match: re.Match[str]) -> str:
    word = match.group(0)
    return word if word.isascii() else word.translate(_HOMOGLYPHS)


def _unmixed(text: str) -> str:
    """``text`` with the homoglyphs of its words of Latin letters read as those letters (``_unmix``), word by word
    only around the characters past ASCII: a word of ASCII alone has none."""
    out: list[str] = []
    done = 0  # where the text is read up to (a word's end)
    for run in _NOT_ASCII_RUN_RE.finditer(text):
        start = run.start()
        if run.end() <= done:
            continue  # (in the word before)
        if start < done:
            start = done  # (the rest of the run, after the word before: ``done`` is no word's letter)
        while start > done and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1  # (back to the start of its word: ASCII before a run)
        end = _WORD_REST_RE.match(text, run.end()).end()  # type: ignore[union-attr]
        out.append(text[done:start])
        out.append(_MIXED_RE.sub(_unmix, text[start:end]))
        done = end
    out.append(text[done:])
    return "".join(out)


def fold_ascii(text: str) -> str:
    """Unicode to lower-case ASCII: NFKC (full-width, subscripts), homoglyphs, marks/emoji dropped, anyascii.

    Punctuation is kept. Fast on plain ASCII; combining marks go first because NFKC is slow on long runs
    of them (Zalgo text).
    """
    if not text.isascii():
        text = _COMBINING_RE.sub("", text)
        text = unicodedata.normalize("NFKC", text)
        text = _unmixed(text)
        # A line or paragraph separator ("\x85", "\u2028") parts words as a space does, as Python's own
        # ``split`` and ``splitlines`` read it; other control and format characters are dropped.
        # (run by run of characters past ASCII: the ASCII between them stays as it is)
        text = _NOT_ASCII_RUN_RE.sub(_fold_run, text)
    return text.lower()


#: A run of characters past ASCII.
_NOT_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    """``fold_ascii``'s last step on a run of characters past ASCII: spaces as a space, control and format
    characters dropped, the rest transliterated (``anyascii``, character by character)."""
    return anyascii("".join(
        " " if ch.isspace() else ch
        for ch in match.group(0)
        if ch.isspace() or unicodedata.category(ch) not in _SKIP_CATEGORIES
    ))


def fold(text: str) -> str:
    """Fold text to a lookup key: lower-case ASCII words separated by single spaces."""
    return _NON_ALNUM.sub(" ", fold_ascii(text)).strip()


def plain(text: str) -> str:
    """Deck markdown as plain text: emphasis and code markers dropped, links reduced to their text; a blank (a
    run of three or more underscores) is kept."""
    out = _LINK.sub(r"\1", text)
    out = _EMPHASIS.sub("", out)
    out = "\n".join(_SPACES.sub(" ", line).rstrip() for line in out.strip().splitlines())
    return _BLANK_LINES.sub("\n\n", out).strip()


def storable(text: str) -> str:
    """``text`` as every store can hold it: without a lone surrogate or a NUL (``_UNSTORABLE``; the grader and
    every echo drop them too)."""
    return _UNSTORABLE.sub("", text)


def strip_unsafe(text: str) -> str:
    """Drop control characters and bidi overrides (they reorder or hide what is echoed)."""
    return _UNSAFE.sub("", text)


def clip_words(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """Cut ``text`` to ``limit`` characters at a word boundary when possible."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ellipsis))]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ellipsis


def one_line(text: str, limit: int = 40) -> str:
    """Text a user typed, for echoing: safe characters, on one line, clipped."""
    return clip_words(" ".join(strip_unsafe(text).split()), limit)


#: What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_guard(cell: str) -> str:
    """A CSV cell no spreadsheet runs as a formula: one that would be is written after an apostrophe; so is one
    that ``formula_unguard`` would change ("'+' joins strings" comes back as it was)."""
    guarded = cell.startswith(_FORMULA_STARTS) or (cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS))
    return "'" + cell if guarded else cell


def formula_unguard(cell: str) -> str:
    """A cell written by ``formula_guard``, as it was (a CSV made by an export imports back unchanged)."""
    return cell[1:] if cell.startswith("'") and formula_guard(cell[1:]) == cell else cell


#: The Han ideographs: the CJK unified ideographs, their extensions and the compatibility ones (NFKC maps most of
#: those to unified ones first).
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_to_simplified: tuple[opencc.OpenCC, opencc.OpenCC] | None = None
_to_simplified_lock = threading.Lock()


def han(text: str) -> str:
    """The Han ideographs of ``text`` in order, each in its simplified Chinese form (OpenCC's Japanese-to-traditional
    table, then its traditional-to-simplified one: "東京" and "东京" are one word, and so are "経済", "經濟" and
    "经济"), everything else dropped; "" when it has none (at once for ASCII).

    ``fold`` reads an ideograph by its sound, without its tone ("四" and "死" are both "si"): where it matters
    which ideograph was written, this tells them apart."""
    if text.isascii():
        return ""
    found = "".join(_HAN_RE.findall(unicodedata.normalize("NFKC", text)))
    if not found:
        return ""
    global _to_simplified
    converters = _to_simplified
    if converters is None:
        with _to_simplified_lock:
            if _to_simplified is None:
                _to_simplified = (opencc.OpenCC("jp2t"), opencc.OpenCC("t2s"))
            converters = _to_simplified
    japanese, traditional = converters
    return str(traditional.convert(japanese.convert(found)))

