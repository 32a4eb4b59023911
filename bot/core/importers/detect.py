"""Which importer reads a file: told by its content first (a zip is an Anki package), then its name."""

from __future__ import annotations

import dataclasses
import logging
import re
import tempfile
from pathlib import Path

from bot.core.errors import Quote
from bot.core.importers.anki import import_anki
from bot.core.importers.apkg import ZIP_MAGIC, import_package
from bot.core.importers.common import (
    DEFAULT_LIMITS,
    ImportLimits,
    ImportRefused,
    ImportResult,
    decode_text,
    size_text,
)
from bot.core.importers.csv import header_line, import_csv
from bot.core.importers.quizlet import import_quizlet
from bot.core.importers.yaml_in import defuse_deck, import_yaml
from bot.core.models import Deck

log = logging.getLogger(__name__)

__all__ = ["FORMATS", "detect_format", "import_data", "import_file", "upload_name"]

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
    if suffix in (".csv", ".tsv") or header_line(text):  # (a spreadsheet saved as text: its header says so)
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
        # The warnings name the file as it was opened (a temporary folder for an upload): shown by name only.
        found = "; ".join(str(dataclasses.replace(w, file=path.name)) for w in result.warnings[:3])
        raise ImportRefused(
            "import.no_cards",
            "{file} has no usable card" + (" ({why})" if found else ""),
            file=Quote(path.name),
            **({"why": found} if found else {}),
        )
    return result


#: What an uploaded file's name may keep: letters, digits and ``._-`` (anything else becomes ``_``).
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def upload_name(filename: str) -> str:
    """An uploaded file's name, safe to create in a folder of our own: no folders, no odd characters."""
    name = _UNSAFE_NAME.sub("_", Path(filename.replace("\\", "/")).name)
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix.strip("_") and not stem.strip("._"):  # nothing kept before the suffix ("生物.csv"): the
        name = f"deck.{suffix}"  # suffix stays, as it tells a CSV from a Quizlet page
    name = name.strip("._") or "deck"
    if len(name) > 100:
        stem, suffix = Path(name).stem, Path(name).suffix[:12]
        name = stem[: 100 - len(suffix)] + suffix
    return name


def import_data(
    filename: str,
    data: bytes,
    *,
    format: str | None = None,
    deck_id: str | None = None,
    title: str | None = None,
    existing: Deck | None = None,
    reverse: bool = True,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import an uploaded file (its name and bytes) as ``import_file`` would import it from disk.

    The bytes are checked against the size limits before anything is written (a package may be up to
    ``max_package_bytes``, any other file up to ``max_bytes``); then they go to a private temporary folder
    that is removed afterwards. The deck's ``source`` is the uploaded file's name.
    """
    name = upload_name(filename)
    shown = uploaded_as(filename) or name
    limit = limits.max_package_bytes if data.startswith(ZIP_MAGIC) else limits.max_bytes
    if len(data) > limit:
        raise ImportRefused(
            "import.too_large",
            "{file} is {size}; a deck file may be at most {limit}",
            file=Quote(shown),
            size=size_text(len(data), beside=limit),
            limit=size_text(limit, beside=len(data)),
        )
    if not data.strip():
        raise ImportRefused("import.no_cards", "{file} is empty", file=Quote(shown))
    with tempfile.TemporaryDirectory(prefix="tutor-import-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            result = import_file(
                path, format=format, deck_id=deck_id, title=title, existing=existing, reverse=reverse, limits=limits
            )
        except ImportRefused as refused:
            # (the readers name the file as it was written to the folder: named as uploaded instead)
            raise _named(refused, name, shown) from None
    if data.startswith(ZIP_MAGIC):
        # A package the bot exported carries its cards whole (``apkg.TUTORBOT_FIELD``): kept as an uploaded deck
        # file is (``defuse_deck``: a masked link shows where it leads, a mention reads as text).
        result.deck = defuse_deck(result.deck)
    result.deck = dataclasses.replace(result.deck, source=shown)
    result.warnings = [dataclasses.replace(w, file=shown) for w in result.warnings]
    return result


def uploaded_as(filename: str) -> str:
    """An uploaded file's name as the member knows it (no folders; control characters dropped; at most 100
    characters), for messages: ``upload_name`` is only the name it is written under."""
    name = "".join(ch for ch in Path(filename.replace("\\", "/")).name if ch.isprintable()).strip()
    return name[:100]


def _named(refused: ImportRefused, written: str, shown: str) -> ImportRefused:
    """``refused`` naming the file ``shown`` where it names it ``written``."""
    if written == shown:
        return refused
    params = {
        key: (Quote if isinstance(value, Quote) else str)(value.replace(written, shown)) if isinstance(value, str)
        else value
        for key, value in refused.params.items()
    }
    return ImportRefused(refused.code, refused.text, **params)
