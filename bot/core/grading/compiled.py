"""A card's grading data, compiled once: its accepted answers and their forms, key points, rivals, the
words that are free to say, and every word a typo may stand for.

``compile_grading`` takes what ``grade`` takes and is cached by content; ``compile_card`` takes a card
and a direction and is cached by the card (an equal copy of a card shares the entry). ``prepare`` compiles
a deck's cards ahead of their first answer, when the deck is loaded or changed.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.grading.keypoints import KeyPoint
from bot.core.grading.normalise import clean, normalise
from bot.core.grading.response import Targets, Words, near_cache_clear
from bot.core.grading.tables import tables
from bot.core.grading.tokens import stem
from bot.core.grading.variants import Rival, Variant, compile_answer, phrase_stems
from bot.core.grading.verdicts import Context, free_words, optional_tokens
from bot.core.models import Card

log = logging.getLogger(__name__)

#: How many compiled cards (a card in one direction) stay in memory; the least recently graded go first.
CACHE_SIZE = 4096


class Vocabulary:
    """Real words: the shipped ones and a card's own (a typo that spells one is suspect)."""

    __slots__ = ("shared", "own")

    def __init__(self, shared: frozenset[str], own: frozenset[str]) -> None:
        self.shared = shared
        self.own = own

    def __contains__(self, word: object) -> bool:
        return word in self.own or word in self.shared


@dataclass(frozen=True, slots=True)
class Answer:
    """One accepted answer: as written, normalised, and its forms (none when made only of little words)."""

    display: str
    norm: str
    forms: tuple[Variant, ...]


@dataclass(frozen=True, slots=True)
class CompiledCard:
    """Everything ``grade`` needs that does not depend on the response."""

    answers: tuple[Answer, ...]
    keypoints: tuple[KeyPoint, ...]
    ctx: Context
    forms: tuple[Variant, ...]  # every form of every accepted answer, in order
    optional: tuple[frozenset[int], ...]  # per form: the tokens the player may leave out
    targets: Targets
    whole: bool  # some accepted answer is compared whole (made only of little words)


def _targets(forms: Iterable[Variant]) -> Targets:
    fuzzy: dict[str, None] = {}
    rival_keys: dict[str, None] = {}
    typo: dict[str, None] = {}
    keys: set[str] = set()
    rival_words: set[str] = set()
    for v in forms:
        fuzzy.update(dict.fromkeys(v.fuzzy_targets))
        rival_keys.update(dict.fromkeys(v.rival_keys))
        typo.update(dict.fromkeys(target for _, target in v.typo_rivals))
        keys |= v.keys
        rival_words.update(v.rival_words)
    return Targets(Words(fuzzy), Words(rival_keys), Words(typo), frozenset(keys), frozenset(rival_words))


@functools.lru_cache(maxsize=CACHE_SIZE)
def compile_grading(
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    keypoints: tuple[str, ...],
    aliases: tuple[str, ...],
    term: str | None,
    question: str | None,
) -> CompiledCard:
    """Compile what ``grade`` is given (see there); raises ``ValueError`` when there is nothing to grade."""
    accept = tuple(a for a in accept if a and a.strip())
    names = tuple(n for n in ((term,) if term else ()) + tuple(aliases) if n and n.strip())
    if not accept and not keypoints:
        accept = names
    elif accept and names:
        acc_norm = {normalise(a) for a in accept}
        if any(normalise(n) in acc_norm for n in names):
            accept = accept + tuple(n for n in names if normalise(n) not in acc_norm)
    keypoints = tuple(k for k in keypoints if k and k.strip())
    if not accept and not keypoints:
        raise ValueError("nothing to grade against: give accept, keypoints or term")

    answers = tuple(Answer(a.strip(), normalise(a), compile_answer(a)) for a in accept)
    points: list[KeyPoint] = []
    for kp in keypoints:
        synonyms = [s.strip() for s in kp.split("|") if s.strip()]
        if synonyms:
            points.append((synonyms[0], tuple(compile_answer(s) for s in synonyms)))
    known = Vocabulary(tables().known, free_words(question, term, *aliases, *accept, *reject))
    rejects = tuple(
        Rival(phrase_stems(r), r.strip(), accept[0].strip() if accept else "", "")
        for r in reject
        if r and r.strip() and phrase_stems(r)
    )
    ctx = Context(free_words(question, term, *aliases, *accept), free_words(question), rejects, known)
    forms = tuple(v for a in answers for v in a.forms)
    all_forms = forms + tuple(v for _, synonyms in points for f in synonyms for v in f)
    return CompiledCard(
        answers=answers,
        keypoints=tuple(points),
        ctx=ctx,
        forms=forms,
        optional=tuple(optional_tokens(v, ctx.question) for v in forms),
        targets=_targets(all_forms),
        whole=any(not a.forms for a in answers),
    )


def card_arguments(
    card: Card, direction: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None, str | None]:
    """What ``grade`` is given for ``card`` in ``direction`` (accept, reject, keypoints, aliases, term, question).

    ``"question"``: the accepted answers (or key points for an essay card; a card with neither is graded
    against its answer text). ``"term"``: the card's term and aliases, the answer text shown.
    """
    if direction == "term" and card.names:
        return card.names, card.reject, (), (), None, card.answer
    if direction not in ("question", "term"):
        raise ValueError(f"unknown direction {direction!r}")
    if card.is_essay:
        return (), card.reject, card.keypoints, card.aliases, card.term, card.question
    return card.accept or (card.answer,), card.reject, (), card.aliases, card.term, card.question


class _CardCache:
    """Compiled cards by (card, direction), least recently graded dropped first; safe across threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Card, str], CompiledCard] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Card, str]) -> CompiledCard | None:
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
            return found

    def put(self, key: tuple[Card, str], value: CompiledCard) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._data

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_cards = _CardCache(CACHE_SIZE)


def compile_card(card: Card, direction: str = "question") -> CompiledCard:
    """The compiled grading data of ``card`` in ``direction``: compiled on first use, then cached."""
    key = (card, direction)
    found = _cards.get(key)
    if found is None:
        found = compile_grading(*card_arguments(card, direction))
        _cards.put(key, found)
    return found


def cached_card(card: Card, direction: str = "question") -> CompiledCard | None:
    """The compiled grading data of ``card`` in ``direction`` if it is compiled already, else None."""
    return _cards.get((card, direction))


def texts_to_compile(card: Card, direction: str = "question") -> tuple[str, ...]:
    """The texts ``compile_card`` compiles for ``card`` (accepted answers, names, key point synonyms)."""
    accept, _, keypoints, aliases, term, _ = card_arguments(card, direction)
    synonyms = tuple(s for kp in keypoints for s in kp.split("|"))
    return tuple(t for t in (*accept, *((term,) if term else ()), *aliases, *synonyms) if t and t.strip())


def is_compiled(card: Card, direction: str = "question") -> bool:
    """Whether ``card`` in ``direction`` is compiled already (grading it costs only the response)."""
    return (card, direction) in _cards


def prepare(cards: Iterable[Card], *, limit: int = CACHE_SIZE // 2) -> int:
    """Compile the grading data of up to ``limit`` cards (both directions of a card with a term).

    Call it when a deck is loaded or changed, off the event loop (about a millisecond a card); a card
    beyond the limit is compiled when first graded. Returns how many cards were compiled. Cards without
    anything to grade against (incomplete ones) are skipped.
    """
    done = 0
    for card in cards:
        if done >= limit:
            break
        for direction in ("question", "term") if card.names else ("question",):
            try:
                compile_card(card, direction)
            except ValueError:
                continue
        done += 1
    return done


def clear_caches(*, compiled: bool = True) -> None:
    """Forget what the grader has cached: the words of past responses (their folding, stems and
    near-spellings) and, with ``compiled``, every compiled card. Benchmarks measure cold starts with it."""
    clean.cache_clear()
    stem.cache_clear()
    near_cache_clear()
    if compiled:
        _cards.clear()
        compile_grading.cache_clear()
        compile_answer.cache_clear()
