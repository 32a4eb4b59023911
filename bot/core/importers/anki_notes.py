"""One Anki note as raw cards: its fields as text, and one card per cloze number of a cloze note.

* Furigana, in Anki's syntax (``日本語[にほんご]``, `` 漢字[かんじ]を 書[か]く``: a reading in brackets after its
  base, the base starting after a space) or as ``<ruby>``, is shown as the words then their reading:
  "日本語 (にほんご)", "漢字を書く (かんじをかく)". A term so written is asked as its kanji, its reading another
  name of it (``shape.split_names``), never the two run together.
* ``[sound:...]`` is never text, in an HTML field or a plain one: it is counted for the card's note.
* A note of more than two fields (Word / Reading / Meaning / Example / Audio) is asked as its first field
  and its first other field with text, which is not a reading of the first (the meaning); a reading (a field
  of kana only beside a front in kanji, or a field named as one) is written after the front, in brackets;
  the fields after the meaning (an example sentence) are shown with the answer (``RawCard.extra``). A field of
  sounds only counts for nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from bot.core.importers.common import CLOZE_NOTE, RawCard
from bot.core.importers.html_text import SOUND, html_to_text
from bot.core.importers.terms import cloze_numbers, fill_clozes

log = logging.getLogger(__name__)

__all__ = ["field_text", "note_cards", "show_furigana", "strip_html"]

#: A base and its reading in Anki's syntax: the base runs back to a space (taken with it), a bracket, or
#: punctuation.
_FURIGANA = re.compile(r" ?([^\s>\[\]{}:、。，．・「」『』（）()!?！？]+?)\[([^\[\]\n]+)\]")
#: Kanji (and hanzi): a base of furigana holds one.
_IDEOGRAPH = re.compile("[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
#: Kana only (a reading): hiragana, katakana, the prolonged sound mark, spaces.
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f\s]+")
#: The names of the fields that hold a word's reading.
_READING_NAME = re.compile(r"reading|kana|furigana|yomi|pinyin|romaji|transliteration", re.IGNORECASE)


def strip_html(text: str) -> str:
    """Anki HTML to plain text: line breaks kept, tags (and scripts) removed, entities unescaped."""
    return html_to_text(text).text


def _base(m: re.Match[str]) -> str:
    return m.group(1) if _IDEOGRAPH.search(m.group(1)) else m.group(0)


def _reading(m: re.Match[str]) -> str:
    return m.group(2).strip() if _IDEOGRAPH.search(m.group(1)) else m.group(0)


def _letter(ch: str) -> bool:
    return ch.isalpha() and not ch.isascii()


def _furigana_line(line: str) -> str:
    marks = [m for m in _FURIGANA.finditer(line) if _IDEOGRAPH.search(m.group(1))]
    out: list[str] = []
    pos = i = 0
    while i < len(marks):
        j = i
        # (bases joined by kana only, "漢字[かんじ]を 書[か]く", are one phrase)
        while j + 1 < len(marks) and all(_letter(ch) for ch in line[marks[j].end() : marks[j + 1].start()]):
            j += 1
        end = marks[j].end()
        limit = marks[j + 1].start() if j + 1 < len(marks) else len(line)
        while end < limit and _letter(line[end]):  # (the kana after the last base: "書[か]く")
            end += 1
        start = marks[i].start()
        before = line[pos:start]
        if line[start] == " " and before[-1:].isascii() and before[-1:].strip():
            before += " "  # (a space after Latin text is the text's own)
        run = line[start:end]
        out.append(f"{before}{_FURIGANA.sub(_base, run)} ({_FURIGANA.sub(_reading, run)})")
        pos, i = end, j + 1
    out.append(line[pos:])
    return "".join(out)


def show_furigana(text: str) -> str:
    """Anki's furigana syntax as readable text: "日本語[にほんご]" -> "日本語 (にほんご)", " 漢字[かんじ]を 書[か]く" ->
    "漢字を書く (かんじをかく)"; brackets after anything but kanji are left as they are."""
    if "[" not in text:
        return text
    return "\n".join(_furigana_line(line) for line in text.split("\n"))


def field_text(value: str, *, html: bool, remarks: list[str], name: str) -> str:
    """One field as text; what it held that text cannot carry (images, sounds) is added to ``remarks``."""
    if html:
        parsed = html_to_text(value)
        text, images, sounds = parsed.text, parsed.images, parsed.sounds
    else:
        sounds = len(SOUND.findall(value))
        text, images = SOUND.sub("", value).strip() if sounds else value, 0
    place = name if name.startswith("field ") else f"the {name} field"
    if images:
        remarks.append(f"{images} image(s) in {place}")
    if sounds:
        remarks.append(f"{sounds} sound(s) in {place}")
    return show_furigana(text)


def _is_reading(text: str, name: str | None, front: str) -> bool:
    """Whether a field gives the reading of the front: named so, or kana only beside a front in kanji."""
    if name is not None and _READING_NAME.search(name):
        return True
    return _KANA.fullmatch(text) is not None and _IDEOGRAPH.search(front) is not None


def _sides(texts: list[str], names: Sequence[str] | None) -> tuple[str, int, list[str]]:
    """From a note's fields as text: the front (with a reading written after it), the index of the field
    that is the back, and the texts shown with the answer after it."""
    front = texts[0]
    filled = [
        i
        for i in range(1, len(texts))
        if texts[i].strip()
        and not (names is not None and names[i].strip().lower() == "add reverse")
        and not (names is None and i >= 2 and texts[i].strip().lower() == "y")
    ]
    same = [i for i in filled if texts[i] == front or (texts[i].startswith(front + " (") and texts[i].endswith(")"))]
    for i in same:  # (the word again, with its furigana: "日本語 (にほんご)" beside "日本語")
        front = texts[i] if len(texts[i]) > len(front) else front
    readings = [i for i in filled if i not in same and _is_reading(texts[i], names[i] if names else None, texts[0])]
    others = [i for i in filled if i not in same and i not in readings]
    if not others:
        return front, readings[0] if readings else 1, []
    extra = [texts[i] for i in others[1:]]
    if readings:
        reading = " ".join(texts[readings[0]].split())
        if "(" not in front:
            front = f"{front} ({reading})"
        elif reading not in front:
            extra.insert(0, reading)
        extra[:0] = [texts[i] for i in readings[1:]]
    return front, others[0], extra


def note_cards(
    fields: Sequence[str],
    *,
    line: int,
    tags: list[str],
    html: bool,
    cloze: bool,
    where: str,
    names: Sequence[str] | None = None,
) -> list[RawCard]:
    """The raw cards of one note (of at least one field): a front/back pair, or one card per cloze number of a
    cloze note. ``names`` are the note type's names of the fields, when the source gives them."""
    unseen: list[str] = []  # (an image or a sound the question is about: the card is incomplete without it)
    remarks: list[str] = []
    fields = list(fields) or [""]
    names = list(names) + [f"field {i + 1}" for i in range(len(names), len(fields))] if names is not None else None
    own = ("front", "back") if not cloze else ("Text", "Back Extra")
    texts = [field_text(fields[0], html=html, remarks=unseen, name=own[0])]
    for i, value in enumerate(fields[1:], start=1):
        name = own[1] if i == 1 else names[i] if names is not None else f"field {i + 1}"
        texts.append(field_text(value, html=html, remarks=remarks, name=name))
    extra: list[str] = []
    if cloze or len(texts) <= 2:
        question, back = texts[0], 1
    else:
        question, back, extra = _sides(texts, names)
    answer = texts[back] if back < len(texts) else ""
    side_names = (names[0], names[back] if back < len(names) else f"field {back + 1}") if names is not None else None
    more = "\n".join(extra)
    numbers = cloze_numbers(question) if cloze or "{{c" in question else []
    if not numbers:
        return [
            RawCard(
                question, answer, line, tags, html=html, where=where, remarks=remarks, unseen=unseen, names=side_names,
                extra=more,
            )
        ]
    return [
        RawCard(
            fill_clozes(question, keep=n), answer, line, tags, kind=CLOZE_NOTE, html=html, where=where,
            remarks=remarks, unseen=unseen, names=side_names,
        )
        for n in numbers
    ]
