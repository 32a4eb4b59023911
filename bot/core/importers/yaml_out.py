"""Writing a deck in the ``cards/*.yaml`` format, by hand so the keys keep their documented order."""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

from bot.core.models import Deck

log = logging.getLogger(__name__)

_PLAIN_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.,()/'+&-]*$")
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def _scalar(value: str) -> str:
    """A one-line YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if (
        _PLAIN_OK.match(value)
        and value.lower() not in _YAML_WORDS
        and not value.endswith((" ", ":"))
        and not re.fullmatch(r"[-+]?[0-9][0-9_.,:eE+-]*", value)
    ):
        return value
    out = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    return f'"{out}"'


def _block(key: str, value: str, indent: str) -> str:
    """A literal block scalar (``|`` keeps one final newline, ``|-`` none)."""
    chomp = "" if value.endswith("\n") else "-"
    body = value[:-1] if value.endswith("\n") else value
    header = f"{indent}{key}: |{'2' if body[:1] == ' ' else ''}{chomp}"
    inner = indent + "  "
    return "\n".join([header, *(f"{inner}{line}" if line else "" for line in body.split("\n"))])


def _text_field(key: str, value: str, indent: str) -> str:
    lines = value.split("\n")
    block_ok = (
        not value.endswith("\n\n")
        and bool(value.strip())
        and not any(c in value for c in "\t\r")
        and all(line == line.rstrip() for line in lines)
    )
    if block_ok and ("\n" in value.rstrip("\n") or len(value) > 100):
        return _block(key, value, indent)
    return f"{indent}{key}: {_scalar(value)}"


def _flow_item(value: str) -> str:
    """A scalar inside ``[...]``: a comma there would split it, so one with a comma is quoted."""
    scalar = _scalar(value)
    if not scalar.startswith('"') and "," in scalar:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return scalar


def _list_field(key: str, values: tuple[str, ...], indent: str) -> str:
    flow = "[" + ", ".join(_flow_item(v) for v in values) + "]"
    if len(indent) + len(key) + len(flow) + 2 <= 110:
        return f"{indent}{key}: {flow}"
    return "\n".join([f"{indent}{key}:", *(f"{indent}  - {_scalar(v)}" for v in values)])


def deck_to_yaml(deck: Deck) -> str:
    """The deck in the ``cards/*.yaml`` format: keys in their documented order, empty optional lists left out."""
    out = [f"deck: {_scalar(deck.id)}", f"title: {_scalar(deck.title)}"]
    if deck.description:
        out.append(_text_field("description", deck.description, ""))
    out.append("cards:")
    for card in deck.cards:
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
    """Write ``data`` to ``path``: a temp file in the same directory, flushed to disk, then ``os.replace``."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
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
