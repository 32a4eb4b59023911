"""The grader's tables from the shipped vocabulary: rival groups, acronyms, glossary and known words."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from bot.core import shipped
from bot.core.grading.normalise import normalise
from bot.core.grading.tokens import analyse, content, stem

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a group of rivals: names that mean the same thing."""

    names: tuple[str, ...]  # display names, first is the main one
    phrases: tuple[tuple[str, ...], ...]  # token stems of each name


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything the grader reads from ``bot/core/data/``, tokenised once."""

    groups: tuple[tuple[Side, ...], ...]
    acronyms: dict[str, tuple[tuple[str, ...], ...]]  # acronym token -> expansions (surface tokens)
    expansions: dict[tuple[str, ...], str]  # expansion stems -> acronym token
    glossary: frozenset[str]  # stems of domain terms
    known: frozenset[str]  # surface words that are real words (typo that spells one -> "almost")
    groups_by_stem: dict[str, tuple[int, ...]]  # first stem of any name -> indices of the groups naming it


@functools.cache
def tables() -> Tables:
    """The grader's tables, built on first use from ``bot.core.shipped``."""
    groups: list[tuple[Side, ...]] = []
    glossary_words = set(shipped.glossary())
    known = set(glossary_words) | shipped.words()
    for group in shipped.confusables():
        sides = []
        for names in group:
            phrases = tuple(tuple(t.stem for t in content(analyse(n))) for n in names)
            for n in names:
                known.update(w for w in normalise(n).split() if w.isalpha())
            sides.append(Side(names, phrases))
        groups.append(tuple(sides))
    acronyms: dict[str, tuple[tuple[str, ...], ...]] = {}
    expansions: dict[tuple[str, ...], str] = {}
    for acr, exps in shipped.acronyms().items():
        key = normalise(acr)
        forms = []
        for e in exps:
            toks = tuple(t.word for t in content(analyse(e)))
            forms.append(toks)
            expansions[tuple(t.stem for t in content(analyse(e)))] = key
            known.update(toks)
        acronyms[key] = tuple(forms)
        glossary_words.add(key)
        known.add(key)
    glossary = frozenset(stem(w) for w in glossary_words) | frozenset(glossary_words)
    by_stem: dict[str, list[int]] = {}
    for g, rivals in enumerate(groups):
        for one_side in rivals:
            for phrase in one_side.phrases:
                if phrase and g not in by_stem.setdefault(phrase[0], []):
                    by_stem[phrase[0]].append(g)
    return Tables(
        tuple(groups),
        acronyms,
        expansions,
        glossary,
        frozenset(known),
        {k: tuple(v) for k, v in by_stem.items()},
    )
