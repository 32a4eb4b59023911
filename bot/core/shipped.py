"""The field's vocabulary shipped with the package (``bot/core/data/``), parsed once for every user."""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources

import yaml

log = logging.getLogger(__name__)


def data_text(name: str) -> str:
    """The text of one shipped data file."""
    return (resources.files("bot.core") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def acronyms() -> dict[str, tuple[str, ...]]:
    """``data/acronyms.yaml``: acronym -> expansions, as written in the file."""
    try:
        data = yaml.safe_load(data_text("acronyms.yaml")) or {}
    except (OSError, yaml.YAMLError):  # pragma: no cover - shipped with the package
        log.warning("could not read data/acronyms.yaml; acronyms come from the decks only")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for short, longs in data.items():
        if isinstance(longs, str):
            longs = [longs]
        out[str(short)] = tuple(str(x) for x in longs or ())
    return out
