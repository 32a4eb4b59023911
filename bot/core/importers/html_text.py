"""Anki fields (HTML) as plain text, with the standard library's ``html.parser``.

* Scripts, styles and other non-text elements are dropped with everything inside them; no markup, no
  attribute, no event handler survives.
* Line breaks come from the markup only (``<br>``, ``<div>``, ``<p>``, ``<li>``, headings, table rows);
  the newlines of the HTML source are spaces, as a browser shows them.
* List items become "- " lines; entities are decoded (``&amp;`` -> ``&``, ``&nbsp;`` -> a space).
* Ruby (``<ruby>猫<rt>ねこ</rt></ruby>``, with or without ``<rp>``) becomes Anki's furigana syntax, `` 猫[ねこ]``,
  which ``anki_notes`` shows as "猫 (ねこ)": never the reading glued to its base ("猫ねこ").
* What cannot come along is counted, for the card's note: images, sounds (``[sound:...]``), videos.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bot.core.importers.layout import tidy

log = logging.getLogger(__name__)

__all__ = ["SOUND", "HtmlText", "html_to_text"]

_DROP = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "math", "select", "textarea"})
_BLOCK = frozenset(
    {"div", "p", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "dd", "dt"}
)
_MEDIA = frozenset({"img", "video", "audio", "picture", "source"})
SOUND = re.compile(r"\[sound:[^\]]*\]")
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


@dataclass(slots=True)
class HtmlText:
    """A field as plain text, and what it held that text cannot carry."""

    text: str
    images: int = 0
    sounds: int = 0
    dropped: list[str] = field(default_factory=list)  # elements dropped with their content


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.images = 0
        self.dropped: list[str] = []
        self.rp = 0  # (inside <rp>: the brackets a browser without ruby shows, dropped)
        self.rt = False  # (inside <rt>, whose end tag HTML lets a page leave out)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def _end_rt(self) -> None:
        if self.rt:
            self.parts.append("]")
            self.rt = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.skip += 1
            self.dropped.append(tag)
            return
        if self.skip:
            return
        if tag == "ruby":
            self.parts.append(" ")  # (where the base starts, as in Anki's syntax)
        elif tag == "rt":
            self._end_rt()
            self.parts.append("[")
            self.rt = True
        elif tag == "rp":
            self._end_rt()
            self.rp += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _MEDIA:
            self.images += tag in ("img", "picture")
        elif tag in _BLOCK:
            self._newline()
            if tag == "li":
                self.parts.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropped.append(tag)
            return
        if tag in ("rt", "rp"):
            return  # (an empty reading)
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("rt", "ruby"):
            self._end_rt()
        elif tag == "rp":
            self.rp = max(0, self.rp - 1)
        elif tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self.skip and not self.rp:
            self.parts.append(_WHITESPACE.sub(" ", data))


def html_to_text(html: str) -> HtmlText:
    """An Anki field's HTML as plain text (see the module doc)."""
    sounds = len(SOUND.findall(html))
    parser = _Parser()
    parser.feed(SOUND.sub(" ", html))
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return HtmlText(tidy("\n".join(lines)), parser.images, sounds, parser.dropped)
