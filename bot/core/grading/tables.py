"""The grader's tables from the shipped vocabulary: rival groups, acronyms, glossary and known words."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Final

from bot.core import shipped
from bot.core.grading.normalise import normalise
from bot.core.grading.tokens import analyse, content, stem


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
    #: first stem -> (position in ``expansions``, expansion stems, acronym token) of the expansions it starts
    expansions_by_first: dict[str, tuple[tuple[int, tuple[str, ...], str], ...]]
    glossary: frozenset[str]  # stems of domain terms
    known: frozenset[str]  # surface words that are real words (typo that spells one -> "almost")
    groups_by_stem: dict[str, tuple[int, ...]]  # first stem of any name -> indices of the groups naming it
    yes: frozenset[str]  # normalised ways of saying yes ("yep", "of course")
    no: frozenset[str]  # normalised ways of saying no ("nah", "not at all")
    terms: frozenset[str]  # known terms of the field, lower case (``data/terms.txt``, acronyms and expansions)
    word_rivals: dict[str, tuple[str, ...]]  # one-word name -> one-word names of its rivals ("encoder": "decoder")
    opposites: dict[str, frozenset[str]]  # qualifier -> its opposites ("low": "high")
    term_words: frozenset[str]  # one-word names of terms: terms, acronyms, confusable names ("l2", "tanh")
    #: stem -> (group, side) of the opposites a trailing claim may contradict ("higher": the "high" side)
    claim_sides: dict[str, tuple[int, int]]
    #: ordinary words that begin a longer word of the field ("regular"): never a short form when typed alone
    prefix_words: frozenset[str] = frozenset()
    #: words that say what kind of thing a term is ("optimizer" in "Adam optimizer")
    kind_words: frozenset[str] = frozenset()
    #: stems of rivals too plain to be a claim in a remark ("inputs" beside the question's "outputs")
    plain_rivals: frozenset[str] = frozenset()
    #: ``data/facts.yaml``: (name stems, phrases a remark may not deny, phrases it may not assert); phrases
    #: are the stems of all their words, little ones too
    facts: tuple[tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]], ...] = ()
    #: words of the field that name the same thing in a name ("federated training" is "federated learning"):
    #: each word -> the first of its group (``same_words`` of ``data/forms.yaml``)
    same_words: dict[str, str] = dataclasses.field(default_factory=dict)
    #: ``data/synonyms.yaml``: first stem of a name -> (the name's stems, the words of each other name of its
    #: group), in file order
    synonyms_by_first: dict[str, tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]] = (
        dataclasses.field(default_factory=dict)
    )
    #: the words of the opposites as listed, one-word entries only (``claim_sides`` holds their stems, and
    #: those of the words of phrases: "test time"): "conditional" is listed, "conditionally" and "time" are not
    claim_side_words: frozenset[str] = frozenset()
    #: word and stem -> the words and stems that say the other thing of it in the same sentence (``flips`` of
    #: ``data/forms.yaml``, with the pairs of its opposites and qualifiers)
    flips: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)


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
    forms_data = shipped.forms()
    more_acronyms: dict[str, list[str]] = {}
    for acr, exps in (forms_data.get("acronyms") or {}).items():
        more_acronyms[str(acr)] = [exps] if isinstance(exps, str) else [str(e) for e in exps or ()]
    terms = {t.strip().lower() for t in shipped.terms()}
    for acr, exps in (shipped.acronyms() | more_acronyms).items():
        key = normalise(acr).replace(" ", "")
        terms.add(key)
        terms.update(e.strip().lower() for e in exps)
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
    for term in terms:
        if " " not in term:
            word = term if term.isalnum() else normalise(term)  # ("A*" is "astar")
            if word.isalnum():
                known.add(word)
    word_rivals: dict[str, set[str]] = {}
    for rivals in groups:
        single = [[w for w in (normalise(n) for n in side.names) if w.isalpha()] for side in rivals]
        for k, mine in enumerate(single):
            others = {w for j, theirs in enumerate(single) if j != k for w in theirs}
            for w in mine:
                if len(w) >= 4:
                    word_rivals.setdefault(w, set()).update(o for o in others if len(o) >= 4)
    by_first: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for at, (exp_stems, acr) in enumerate(expansions.items()):
        if exp_stems:
            by_first.setdefault(exp_stems[0], []).append((at, exp_stems, acr))
    return Tables(
        tuple(groups),
        acronyms,
        expansions,
        {k: tuple(v) for k, v in by_first.items()},
        glossary,
        frozenset(known),
        {k: tuple(v) for k, v in by_stem.items()},
        frozenset(normalise(str(w)) for w in forms_data.get("answer_yes") or ()),
        frozenset(normalise(str(w)) for w in forms_data.get("answer_no") or ()),
        frozenset(t for t in terms if t),
        {k: tuple(sorted(v)) for k, v in word_rivals.items() if v},
        _opposites(forms_data.get("qualifiers") or ()),
        frozenset(
            {t for t in terms if t.isalnum()}
            | set(acronyms)
            | {w for side in groups for s in side for n in s.names if (w := normalise(n)).isalnum()}
        ),
        _sides(forms_data.get("opposites") or ()),
        shipped.prefix_words(),
        frozenset(normalise(str(w)) for w in forms_data.get("kind_words") or ()),
        frozenset(stem(normalise(str(w))) for w in forms_data.get("plain_rivals") or ()),
        _facts(),
        _same_words(forms_data.get("same_words") or ()),
        _synonyms(shipped.synonyms()),
        frozenset(
            one[0].word
            for group in forms_data.get("opposites") or () for side in group or () for w in side or ()
            if len(one := analyse(str(w))) == 1
        ),
        _flips(forms_data),
    )


def _flips(forms_data: dict) -> dict[str, frozenset[str]]:
    """``Tables.flips``: each pair of ``flips``, and every two words of the two sides of a group of ``opposites``
    and ``qualifiers``, one word each (a phrase, "test time", is left out)."""
    out: dict[str, set[str]] = {}

    def pair(a: str, b: str) -> None:
        ta, tb = analyse(a), analyse(b)
        if len(ta) != 1 or len(tb) != 1:
            return
        for x, y in ((ta[0], tb[0]), (tb[0], ta[0])):
            out.setdefault(x.word, set()).update((y.word, y.stem))
            out.setdefault(x.stem, set()).update((y.word, y.stem))

    for a, b in forms_data.get("flips") or ():
        pair(str(a), str(b))
    for group in (*(forms_data.get("opposites") or ()), *(forms_data.get("qualifiers") or ())):
        sides = [[str(w) for w in side or ()] for side in group or ()]
        for i, one in enumerate(sides):
            for other in sides[i + 1 :]:
                for a in one:
                    for b in other:
                        pair(a, b)
    return {k: frozenset(v) for k, v in out.items()}


def _synonyms(
    groups: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]]:
    """Each name of each group, by its first stem: its stems and the words of the group's other names."""
    out: dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]] = {}
    for group in groups:
        names = [tuple(t.word for t in content(analyse(name))) for name in group]
        stems = [tuple(t.stem for t in content(analyse(name))) for name in group]
        for k, mine in enumerate(stems):
            others = tuple(dict.fromkeys(w for j, w in enumerate(names) if j != k and w and stems[j] != mine))
            if mine and others:
                out.setdefault(mine[0], []).append((mine, others))
    return {first: tuple(found) for first, found in out.items()}


def _same_words(groups: object) -> dict[str, str]:
    """``forms.yaml`` same_words: each word to the first word of its group."""
    out: dict[str, str] = {}
    for group in groups if isinstance(groups, list) else ():
        words = [normalise(str(w)) for w in group or ()]
        for w in words[1:]:
            out.setdefault(w, words[0])
    return out


Phrases = tuple[tuple[str, ...], ...]


#: Words left out of a phrase of ``data/facts.yaml``.
_ARTICLES: Final = frozenset({"a", "an", "the"})


def _facts() -> tuple[tuple[Phrases, Phrases, Phrases], ...]:
    """``data/facts.yaml``, tokenised: per entry, its names (content stems), what it is and is not (stems)."""
    data = shipped.data_yaml("facts.yaml")
    out = []
    for entry in data.get("facts") or ():
        if not isinstance(entry, dict):
            continue
        names = tuple(p for n in entry.get("names") or () if (p := tuple(t.stem for t in content(analyse(str(n))))))
        # A phrase said negated ("no reward model") states the opposite: "not: [no reward model]" is
        # "is: [reward model]".
        said: dict[bool, list[tuple[str, ...]]] = {True: [], False: []}
        for key, is_so in (("is", True), ("not", False)):
            for w in entry.get(key) or ():
                toks = analyse(str(w))
                # Articles say nothing: "trains the model" is said by "train models" too.
                words = tuple(t.stem for t in toks if t.word not in _ARTICLES) or tuple(t.stem for t in toks)
                if words:
                    said[is_so != any(t.neg for t in toks)].append(words)
        is_, not_ = tuple(said[True]), tuple(said[False])
        if names and (is_ or not_):
            out.append((names, is_, not_))
    return tuple(out)


def _sides(groups: object) -> dict[str, tuple[int, int]]:
    """``forms.yaml`` opposites: each word's stem to its (group, side)."""
    out: dict[str, tuple[int, int]] = {}
    for g, group in enumerate(groups if isinstance(groups, list) else ()):
        for k, side in enumerate(group or ()):
            for w in side or ():
                for t in analyse(str(w)):
                    out.setdefault(t.stem, (g, k))
    return out


def _opposites(groups: object) -> dict[str, frozenset[str]]:
    """``forms.yaml`` qualifiers: each word to the words of the other sides of its group."""
    out: dict[str, set[str]] = {}
    for group in groups if isinstance(groups, list) else ():
        sides = [[normalise(str(w)) for w in side or ()] for side in group or ()]
        for k, side in enumerate(sides):
            others = {w for j, other in enumerate(sides) if j != k for w in other}
            for w in side:
                out.setdefault(w, set()).update(others)
    return {k: frozenset(v) for k, v in out.items()}
