"""Which importer reads a file: told by its content first (a zip is an Anki package), then its name."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bot.core.errors import Quote
from bot.core.importers.anki import import_anki
from bot.core.importers.apkg import ZIP_MAGIC, import_package
from bot.core.importers.common import DEFAULT_LIMITS, ImportLimits, ImportRefused, ImportResult, decode_text
from bot.core.importers.csv import import_csv
from bot.core.importers.quizlet import import_quizlet
from bot.core.importers.yaml_in import import_yaml
from bot.core.models import Deck

log = logging.getLogger(__name__)

__all__ = ["FORMATS", "detect_format", "import_file"]

#: The formats ``import_file`` reads: the bot's YAML, an Anki package, an Anki text export, CSV, Quizlet.
FORMATS = ("yaml", "apkg", "anki", "csv", "quizlet")
_ANKI_HEADER = re.compile(r"^#(?:separator|html|tags column|notetype column|deck|guid column|deck column):", re.MULTILINE)
_YAML_DECK = re.compile(r"^deck:\s*\S", re.MULTILINE)
_REFUSED_SUFFIXES = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".png", ".jpg", ".jpeg", ".gif",
     ".webp", ".mp3", ".mp4", ".zip", ".exe", ".colpkg"}
)


def detect_format(path: str | Path, head: bytes) -> str:
    """The format of a file from its first bytes (``head``, a few KB) and its name; refused when unknown."""
    path = Path(path)
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC):
        if suffix in (".apkg", "") or suffix not in _REFUSED_SUFFIXES:
            return "apkg"
    if suffix in _REFUSED_SUFFIXES:
        raise ImportRefused(
            "import.unknown_format",
            "{file} is not a format decks are imported from: use a Quizlet or Anki text export, a CSV, an Anki "
            ".apkg or a deck YAML",
            file=Quote(path.name),
        )
    text = decode_text(head, path.name)
    if suffix in (".yaml", ".yml") or (_YAML_DECK.search(text) and re.search(r"^cards:", text, re.MULTILINE)):
        return "yaml"
    if _ANKI_HEADER.search(text):
        return "anki"
    if suffix == ".csv":
        return "csv"
    return "quizlet"


def import_file(
    path: str | Path,
    *,
    format: str | None = None,
    deck_id: str | None = None,
    title: str | None = None,
    existing: Deck | None = None,
    reverse: bool = True,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import a file in any of ``FORMATS`` (``format`` None: detected); refused with the reason when it
    cannot be (``ImportRefused``), or when it gives no usable card (``import.no_cards``)."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(8192)
    kind = format or detect_format(path, head)
    if kind == "yaml":
        result = import_yaml(path, deck_id=deck_id, title=title, limits=limits)
    elif kind == "apkg":
        result = import_package(path, deck_id=deck_id, title=title, existing=existing, reverse=reverse, limits=limits)
    else:
        reader = {"anki": import_anki, "csv": import_csv, "quizlet": import_quizlet}.get(kind)
        if reader is None:
            raise ValueError(f"unknown format {kind!r}; one of {', '.join(FORMATS)}")
        result = reader(path, deck_id=deck_id, title=title, existing=existing, reverse=reverse, limits=limits)
    if not result.cards:
        found = "; ".join(str(w) for w in result.warnings[:3])
        raise ImportRefused(
            "import.no_cards",
            "{file} has no usable card" + (" ({why})" if found else ""),
            file=Quote(path.name),
            **({"why": found} if found else {}),
        )
    return result
