"""Writing a deck in the ``cards/*.yaml`` format, by hand so the keys keep their documented order."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import stat
from pathlib import Path

import yaml

from bot.core.decks import TEXT_MAX, shorten, within_limits
from bot.core.models import Deck

log = logging.getLogger(__name__)

_PLAIN_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.,()/'+&-]*$")
#: What the loader turns an unquoted word into (``yes``, ``off``, ``~``, ``0xFF``, ``1:30``, dates ...): it
#: decides from the text alone, as ``yaml.safe_load`` does.
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
#: Characters a double-quoted scalar writes as an escape: the YAML reader refuses the control characters
#: (C0, DEL, C1) and a byte-order mark; NEL and the line and paragraph separators are line breaks to it; a
#: TAB, a line break and the quote and backslash themselves.
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
_NAMED = {
    "\\": "\\\\", '"': '\\"', "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
    "\f": "\\f", "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P",
}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    return f"\\x{ord(char):02x}" if ord(char) <= 0xFF else f"\\u{ord(char):04x}"


def _quoted(value: str) -> str:
    """``value`` double-quoted on one line, every character the loader would change or refuse escaped."""
    return '"' + _ESCAPED.sub(_escape, value) + '"'


def _plain_reads_back(value: str) -> bool:
    """Whether ``value`` written unquoted loads as this same string (not a number, a bool, a date, null)."""
    return (
        _PLAIN_OK.match(value) is not None
        and value.lower() not in {"y", "n"}  # booleans to some YAML readers
        and not value.endswith((" ", ":"))
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG
    )


def _scalar(value: str) -> str:
    """A one-line YAML scalar: plain when that reads back as the same string, else double-quoted."""
    return value if _plain_reads_back(value) else _quoted(value)


def _block(key: str, value: str, indent: str) -> str:
    """A literal block scalar (``|`` keeps one final newline, ``|-`` none)."""
    chomp = "" if value.endswith("\n") else "-"
    body = value[:-1] if value.endswith("\n") else value
    first = next((line for line in body.split("\n") if line), "")
    header = f"{indent}{key}: |{'2' if first[:1] == ' ' else ''}{chomp}"
    inner = indent + "  "
    return "\n".join([header, *(f"{inner}{line}" if line else "" for line in body.split("\n"))])


def _block_ok(value: str) -> bool:
    """Whether a literal block scalar reads back as ``value``: some text, only ordinary line breaks (no
    escaped character, no TAB or CR), no line ending in spaces, at most one final line break, and no blank
    line before the first line of text (a block's indentation is read from its first lines)."""
    lines = value.split("\n")
    return (
        bool(value.strip())
        and not value.endswith("\n\n")
        and not value.startswith("\n")
        and _ESCAPED.search(value.replace("\n", "")) is None
        and not any(c in value for c in "\t\r")
        and all(line == line.rstrip() for line in lines)
    )


def _text_field(key: str, value: str, indent: str) -> str:
    if _block_ok(value) and ("\n" in value.rstrip("\n") or len(value) > 100):
        return _block(key, value, indent)
    return f"{indent}{key}: {_scalar(value)}"


def _flow_item(value: str) -> str:
    """A scalar inside ``[...]``: a comma there would split it, so one with a comma is quoted."""
    scalar = _scalar(value)
    if not scalar.startswith('"') and "," in scalar:
        return _quoted(value)
    return scalar


def _list_field(key: str, values: tuple[str, ...], indent: str) -> str:
    flow = "[" + ", ".join(_flow_item(v) for v in values) + "]"
    if len(indent) + len(key) + len(flow) + 2 <= 110:
        return f"{indent}{key}: {flow}"
    return "\n".join([f"{indent}{key}:", *(f"{indent}  - {_scalar(v)}" for v in values)])


def deck_to_yaml(deck: Deck) -> str:
    """The deck in the ``cards/*.yaml`` format: keys in their documented order, empty optional lists left out.

    Importing the text gives the same deck: every value reads back as the same string, and a deck past the
    import's limits is written within them (``decks.within_limits``; a server's accepted answers may have
    taken a card past ``LIST_MAX``).
    """
    out = [f"deck: {_scalar(deck.id)}", f"title: {_scalar(shorten(deck.title, TEXT_MAX['title']))}"]
    if deck.description:
        out.append(_text_field("description", shorten(deck.description, TEXT_MAX["description"]), ""))
    out.append("cards:")
    for card in map(within_limits, deck.cards):
        out.append(f"  - id: {_scalar(card.id)}")
        ind = "    "
        out.append(f"{ind}term: {_scalar(card.term) if card.term else 'null'}")
        if card.aliases:
            out.append(_list_field("aliases", card.aliases, ind))
        out.append(_text_field("question", card.question, ind))
        out.append(_text_field("answer", card.answer, ind))
        for key in ("accept", "reject", "keypoints", "tags"):
            values = getattr(card, key)
            if values:
                out.append(_list_field(key, values, ind))
        out.append(f"{ind}status: {card.status}")
        if card.note:
            out.append(_text_field("note", card.note, ind))
    return "\n".join(out) + "\n"


def write_deck(deck: Deck, path: str | Path) -> None:
    """Write the deck YAML atomically: a temp file in the same directory, then ``os.replace``."""
    write_text_atomic(Path(path), deck_to_yaml(deck))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never half of one."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: a temp file in the same directory, flushed to disk, then ``os.replace``. A new
    file gets the permissions the umask allows (as any file the user creates), a replaced one keeps its own."""
    directory = path.parent if str(path.parent) else Path(".")
    while True:
        tmp = str(directory / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # (the umask applies)
            break
        except FileExistsError:
            continue
    try:
        with contextlib.suppress(FileNotFoundError):
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
