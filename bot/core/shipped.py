"""The field's vocabulary shipped with the package (``bot/core/data/``), parsed once for every user.

- ``acronyms()``: ``acronyms.yaml``, acronym -> expansions (the grader and the term lookup).
- ``confusables()``: ``confusables.yaml``, groups of rival sides, each side a tuple of names.
- ``glossary()``: ``glossary.txt``, domain terms (lower case).
- ``words()``: ``words.txt``, ordinary words one or two letters from a domain term (lower case).
- ``terms()``: ``terms.txt``, known terms of the field (lower case, one or more words).
- ``forms()``: ``forms.yaml``, yes/no words, short forms and more acronyms, as written in the file.
- ``synonyms()``: ``synonyms.yaml``, groups of names that denote the same thing.
- ``years()``: ``years.yaml``, when terms of the field were introduced.
- ``people()``: ``people.yaml``, who introduced them.
- ``orgs()``: ``orgs.yaml``, the organisations they come from.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources
from typing import Any, Final

import yaml

log = logging.getLogger(__name__)


def data_text(name: str) -> str:
    """The text of one shipped data file."""
    return (resources.files("bot.core") / "data" / name).read_text(encoding="utf-8")


#: libyaml's parser where PyYAML was built with it (faster on the larger tables), else PyYAML's own.
_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_yaml(name: str) -> Any:
    """One shipped YAML table, read safely; {} (and a warning) if it cannot be read."""
    try:
        return yaml.load(data_text(name), Loader=_LOADER) or {}  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError):  # pragma: no cover - shipped with the package
        log.warning("could not read data/%s; going on without it", name)
        return {}


def _word_list(name: str) -> frozenset[str]:
    try:
        text = data_text(name)
    except OSError:  # pragma: no cover - shipped with the package
        log.warning("could not read data/%s; going on without it", name)
        return frozenset()
    words = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(w for w in words if w)


@lru_cache(maxsize=1)
def acronyms() -> dict[str, tuple[str, ...]]:
    """``data/acronyms.yaml``: acronym -> expansions, as written in the file."""
    out: dict[str, tuple[str, ...]] = {}
    for short, longs in data_yaml("acronyms.yaml").items():
        if isinstance(longs, str):
            longs = [longs]
        out[str(short)] = tuple(str(x) for x in longs or ())
    return out


@lru_cache(maxsize=1)
def confusables() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``data/confusables.yaml``: groups of rival sides; the names of one side mean the same thing."""
    return tuple(
        tuple(tuple(str(name) for name in side) for side in group)
        for group in data_yaml("confusables.yaml").get("groups", [])
    )


def _named_entries(name: str, key: str) -> list[tuple[tuple[str, ...], tuple[object, ...]]]:
    """The entries of ``data/{name}.yaml`` (a list under ``name``): each one's ``names`` and its ``key`` list,
    both non-empty."""
    out: list[tuple[tuple[str, ...], tuple[object, ...]]] = []
    for entry in data_yaml(f"{name}.yaml").get(name) or ():
        if isinstance(entry, dict):
            names = tuple(str(n) for n in entry.get("names") or ())
            values = tuple(entry.get(key) or ())
            if names and values:
                out.append((names, values))
    return out


@lru_cache(maxsize=1)
def people() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """``data/people.yaml``: (names, the people credited with introducing it) per term."""
    out = ((names, tuple(str(p) for p in by if str(p).strip())) for names, by in _named_entries("people", "by"))
    return tuple((names, by) for names, by in out if by)


@lru_cache(maxsize=1)
def orgs() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """``data/orgs.yaml``: (names, the organisations it comes from) per term."""
    out = ((names, tuple(str(o).lower() for o in by if str(o).strip())) for names, by in _named_entries("orgs", "by"))
    return tuple((names, by) for names, by in out if by)


@lru_cache(maxsize=1)
def years() -> tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]:
    """``data/years.yaml``: (names, the years each was introduced in) per term."""
    out = (
        (names, tuple(int(str(y)) for y in when if isinstance(y, int) or str(y).isdigit()))
        for names, when in _named_entries("years", "years")
    )
    return tuple((names, when) for names, when in out if when)


@lru_cache(maxsize=1)
def glossary() -> frozenset[str]:
    """``data/glossary.txt``: domain terms of the field, lower case."""
    return _word_list("glossary.txt")


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """``data/words.txt``: ordinary words a typo of a domain term may spell, lower case."""
    return _word_list("words.txt")


@lru_cache(maxsize=1)
def prefix_words() -> frozenset[str]:
    """``data/prefix_words.txt``: words of their own that begin like a longer word ("normal"), lower case."""
    return _word_list("prefix_words.txt")


@lru_cache(maxsize=1)
def terms() -> frozenset[str]:
    """``data/terms.txt``: known terms of the field (names a typo must not land on), lower case."""
    return _word_list("terms.txt")


@lru_cache(maxsize=1)
def forms() -> dict[str, Any]:
    """``data/forms.yaml``: ``answer_yes``/``answer_no`` word lists, ``short_forms`` (short -> full) and
    ``acronyms`` (acronym -> expansions), as written in the file."""
    data = data_yaml("forms.yaml")
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def synonyms() -> tuple[tuple[str, ...], ...]:
    """``data/synonyms.yaml``: groups of names that denote exactly the same thing, as written in the file."""
    data = data_yaml("synonyms.yaml")
    groups = data.get("synonyms") if isinstance(data, dict) else None
    return tuple(tuple(str(name) for name in group) for group in groups or () if isinstance(group, list))
