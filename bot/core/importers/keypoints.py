"""Key points drawn from a long answer: the terms and phrases that carry it, for grading it as an essay.

A key point is a short phrase (one to four words) a good answer should make, with its synonyms after
``|`` ("generative adversarial networks | GANs"). They are drawn like this:

1. When the answer is a list (bullets or numbers), each item gives one point: its heading ("GANs:" ...)
   or, failing that, its most specific phrase.
2. Otherwise the candidates are the runs of content words between punctuation and function words
   ("smaller linear models", "hidden layers"), scored by how specific they are (domain terms, acronyms,
   names, long words), how early they come, whether the answer repeats them, and whether they are quoted.
3. Nothing the question already says, nor the card's own names, can be a point (echoing the question
   must not score); points never share a word stem; the best 2-5 are kept, more for a longer answer.
4. An acronym written next to its expansion ("Hamiltonian Monte Carlo (HMC)") is a synonym.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.grading.normalise import normalise
from bot.core.grading.tables import tables
from bot.core.grading.tokens import stem
from bot.core.grading.vocabulary import GENERIC, STOP
from bot.core.text import plain

log = logging.getLogger(__name__)

__all__ = ["MAX_POINTS", "MIN_POINTS", "draw_keypoints", "list_items", "pairs_in"]

MIN_POINTS = 2
MAX_POINTS = 5
MAX_WORDS = 4

# Function words, common verbs, adverbs and vague adjectives: never part of a key point.
_FILLER = frozenset(
    """about above across after again against all almost along already although always am among amount
    any anyone anything anyway around because before behind being below beneath beside besides between
    beyond both but cannot certain certainly come comes coming could de despite did different do does
    doing done down due during each easier easy either else enough especially etc even ever every
    everything example examples except far few first following for further get gets getting give given
    gives go goes going gone good got great had has have having help helps here how however i.e e.g
    ie eg if important include includes including instead into just keep kept know large larger last
    later least less let lets lot lots low lower made main mainly make makes making many may mean means
    meant more moreover most mostly much must need needed needs new next no nor not now often once one
    ones only onto or other others otherwise out over own part per put quite rather real really right
    same second see seen several shall should show shown side simple simply since small smaller so some
    someone something sometimes still such take takes taking than then thereby therefore these thing
    things third though three through thus together too toward towards two typically under unless until
    up upon us use used useful uses using usually various versus very via want wants way ways what
    whatever when whenever where whereas whether which while who whole whom whose why will within
    without work works would yes yet you your able allow allows allowed become becomes based called
    case cases certain consider done end ends even fact form forms full general given group hand high
    higher kind kinds level likely long look looks lead leads let making means need often order possible
    provide provides providing refers refer referred result results set sets show shows start starts
    state step steps sure tell term terms time times try tries type types value within word words
    and or nor also etc inside outside another according back forth instead upon whether""".split()
)
# Common verbs (base and third-person forms): a key point is a thing, not an action.
_VERBS = frozenset(
    f"{v}{suffix}"
    for v in """add aim apply assign assume attach become bring build calculate cause change choose combine
    compare compute contain contribute convert create decide define describe determine drive enable encode
    ensure estimate examine execute explain express extract feed find fit focus follow generate hand
    happen hold identify improve increase involve learn leverage map measure mimic model obtain occur
    operate perform pick place predict prepare produce receive reduce remove replace represent require
    return run sample save select send serve solve store support tend track train transform treat turn
    update write repeat introduce""".split()
    for suffix in ("", "s", "es")
) - {"model", "models", "train", "trains", "map", "maps", "sample", "samples", "support", "store", "stores",
     "turn", "turns", "place", "places", "return", "returns", "feed", "feeds", "hold", "holds", "change",
     "changes", "update", "updates", "run", "runs", "cause", "causes", "focus", "focuses"}
_STOPWORDS = STOP | _FILLER | _VERBS
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’+-]*[A-Za-z0-9+]|[A-Za-z]|\d+(?:\.\d+)?%?")
_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”«»|=<>~]|\s[-–—]+\s|--|\n|https?://\S+|www\.\S+")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*s?$")
_ITEM = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+(.*)$")
_ITEM_HEAD = re.compile(r"^\**([^:*]{2,60}?)\**\s*:(?:\s|$)")
_QUOTED = re.compile(r"[\"“]([^\"”]{3,60})[\"”]")


@dataclass(slots=True)
class _Candidate:
    words: tuple[str, ...]  # surface words
    score: float
    order: int  # position in the answer (first seen)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@functools.lru_cache(maxsize=65536)
def _word_stem(word: str) -> str:
    """The stem of one surface word, folded (cached: the same words recur across a deck)."""
    folded = normalise(word)
    return stem(folded) if folded else ""


def _stems(text: str) -> set[str]:
    return {stem(w) for w in normalise(text).split() if w}


def _weight(word: str, *, mid_sentence: bool, glossary: frozenset[str]) -> float:
    low = word.lower()
    if _ACRONYM.match(word) and len(word) <= 8:
        return 2.0
    if low in GENERIC:
        return 0.3
    weight = 0.2
    if len(low) >= 8:
        weight = 0.9
    elif len(low) >= 5:
        weight = 0.5
    if _word_stem(low) in glossary:
        weight += 1.2
    if mid_sentence and word[:1].isupper():
        weight += 0.3
    if "-" in word:
        weight += 0.3
    return weight


def _runs(segment: str) -> list[tuple[list[str], bool]]:
    """Runs of content words in one segment, each with whether it starts mid-sentence."""
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    start_mid = False
    for index, m in enumerate(_WORD.finditer(segment)):
        word = m.group(0).strip("'’")
        low = word.lower()
        if (
            not word
            or low in _STOPWORDS
            or low.replace("’", "'") in _STOPWORDS
            or word.isdigit()
            or (len(word) == 1 and not word.isupper())
            or (len(word) == 1 and index == 0)
            or (low.endswith("ly") and len(low) > 4 and stem(low) not in _glossary())
        ):
            if current:
                runs.append((current, start_mid))
            current = []
            continue
        if not current:
            start_mid = index > 0
        current.append(word)
    if current:
        runs.append((current, start_mid))
    return runs


def _trim(words: list[str], banned: set[str]) -> list[str]:
    """Words of a run without the question's words at its edges, at most ``MAX_WORDS`` (the last ones)."""
    while words and _word_stem(words[0]) in banned:
        words = words[1:]
    while words and _word_stem(words[-1]) in banned:
        words = words[:-1]
    while len(words) >= 2 and (_leading_verb(words[0]) or _gerund(words[0])):
        words = words[1:]
    if len(words) > MAX_WORDS:
        words = words[-MAX_WORDS:]  # the head noun of an English phrase comes last
    return words


def _leading_verb(word: str) -> bool:
    """A word ending a run's first place in "-s" ("Combines AI modules") is most likely a verb."""
    low = word.lower()
    return (
        low.endswith("s") and not low.endswith(("ss", "us", "is")) and "-" not in low and not _ACRONYM.match(word)
    )


def _gerund(word: str) -> bool:
    """A run opening with "-ing" ("switching back", "adjusting weights") opens with an action."""
    low = word.lower()
    return low.endswith("ing") and len(low) > 5 and _word_stem(low) not in _glossary()


def _glossary() -> frozenset[str]:
    return tables().glossary


def _candidates(text: str, banned: set[str], glossary: frozenset[str]) -> list[_Candidate]:
    counts = Counter(stem(w) for w in normalise(text).split())
    quoted = {normalise(q) for q in _QUOTED.findall(text)}
    found: dict[str, _Candidate] = {}
    order = 0
    total = max(1, len(text))
    for segment in _BREAK.split(text):
        if not segment or not segment.strip():
            continue
        for words, mid in _runs(segment):
            words = _trim(words, banned)
            if not words or all(_word_stem(w) in banned for w in words):
                continue
            key = normalise(" ".join(words))
            if len(words) == 1 and (_gerund(words[0]) or words[0].lower() in GENERIC):
                continue  # "switching", "output": an action or a word any answer has
            if not key or key in found:
                if key in found:
                    found[key].score += 0.4
                continue
            order += 1
            score = sum(_weight(w, mid_sentence=mid or i > 0, glossary=glossary) for i, w in enumerate(words))
            stems = [stem(w) for w in key.split()]
            repeats = sum(min(counts[s] - 1, 3) for s in stems if s not in banned)
            score += min(1.5, 0.35 * repeats)
            if key in quoted:
                score += 2.0
            if 2 <= len(words) <= 3:
                score += 0.4
            elif len(words) == 1 and not _ACRONYM.match(words[0]) and stem(key) not in glossary:
                score -= 0.5
            if all(w.lower() in GENERIC for w in words):
                score -= 1.0
            position = text.find(words[0]) / total
            score += 1.0 * (1 - min(1.0, position * 1.5))
            found[key] = _Candidate(tuple(words), score, order)
    for quote in _QUOTED.findall(text):
        words = [m.group(0) for m in _WORD.finditer(quote)]
        key = normalise(quote)
        content = [w for w in words if w.lower() not in _STOPWORDS]
        if (
            2 <= len(words) <= 6
            and len(content) * 2 >= len(words)
            and key
            and not all(stem(w) in banned for w in key.split())
        ):
            order += 1
            found[key] = _Candidate(tuple(words), 3.5 + 0.2 * len(words), order)
    return list(found.values())


_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9-]{1,9})\s*\)")
_WORDS_BEFORE = re.compile(r"([A-Za-z][\w'-]*)\s*$")


def pairs_in(text: str) -> dict[str, str]:
    """Expansion <-> acronym pairs written in the text ("Hamiltonian Monte Carlo (HMC)"), both ways."""
    pairs: dict[str, str] = {}
    if "(" not in text:
        return pairs
    for m in _PAREN_ACRONYM.finditer(text):
        acronym = m.group(1)
        letters = acronym.rstrip("s").lower()
        before = text[max(0, m.start() - 120) : m.start()].split()
        take = before[-len(letters) :] if len(letters) <= len(before) else before
        take = [w.strip(",;:\"'“”") for w in take]
        if len(take) < 2 or "".join(w[:1].lower() for w in take) != letters:
            continue
        expansion = " ".join(take)
        pairs[normalise(expansion)] = acronym
        pairs[normalise(acronym)] = expansion
    return pairs


def list_items(text: str) -> list[str]:
    """The items of the first list in ``text`` (bullets or numbers), without their markers."""
    items: list[str] = []
    for line in text.split("\n"):
        m = _ITEM.match(line)
        if m:
            items.append(m.group(1).strip())
        elif items and line.startswith("   ") and line.strip():
            items[-1] += " " + line.strip()
        elif items and line.strip():
            break
    return items


def _item_point(item: str, banned: set[str], glossary: frozenset[str]) -> str | None:
    head = _ITEM_HEAD.match(plain(item))
    if head and len(head.group(1).split()) <= 6:
        pair = re.search(r"\(([^)]*)\)", head.group(1))
        bare = re.sub(r"\([^)]*\)", " ", head.group(1))
        runs = [_trim(words, set()) for words, _ in _runs(bare)]
        best = max(runs, key=len, default=[])
        if best and not all(_word_stem(w) in banned for w in best):
            return " ".join(best) + (f" ({pair.group(1)})" if pair else "")
    found = _candidates(plain(item), banned, glossary)
    if not found:
        return None
    return max(found, key=lambda c: (c.score, -c.order)).text


def _shares_stem(a: str, chosen: Iterable[str], pairs: dict[str, str] | None = None) -> bool:
    def words(text: str) -> set[str]:
        return {stem(w) for w in normalise(text).split() if w not in STOP and w not in GENERIC}

    def stems(text: str) -> set[str]:
        other = (pairs or {}).get(normalise(text))
        return words(text) | (words(other) if other else set())

    mine = stems(a)
    return any(mine & stems(c) for c in chosen)


def _with_synonym(point: str, pairs: dict[str, str]) -> str:
    key = normalise(re.sub(r"\s*\([^)]*\)", "", point))
    other = pairs.get(key)
    base = re.sub(r"\s*\(([^)]*)\)\s*$", "", point).strip() or point
    if other is None:
        inner = re.search(r"\(([^)]*)\)\s*$", point)
        if inner and normalise(inner.group(1)):
            return f"{base} | {inner.group(1).strip()}"
        return base
    return f"{base} | {other}"


def draw_keypoints(answer: str, *, question: str = "", names: Sequence[str] = ()) -> tuple[str, ...]:
    """The 2-5 key points of a long ``answer`` (see the module doc); fewer when the answer has fewer.

    ``names``: the card's term first, then its other names; the term is never a point (nor is anything
    the question says), but another name may be (the expansion of an acronym the question asks about).
    """
    text = plain(answer)
    glossary = tables().glossary
    banned = _stems(question) | {s for n in names[:1] for s in _stems(n)}
    pairs = pairs_in(text)
    chosen: list[str] = []

    items = list_items(text)
    if len(items) >= 2:
        intro = text.split("\n", 1)[0] if not _ITEM.match(text.split("\n", 1)[0]) else ""
        strong = [c for c in _candidates(intro, banned, glossary) if c.score >= 3.5] if intro else []
        if strong:
            chosen.append(max(strong, key=lambda c: c.score).text)
        for item in items:
            point = _item_point(item, banned, glossary)
            if point and not _shares_stem(point, chosen, pairs) and normalise(point):
                chosen.append(point)
            if len(chosen) == MAX_POINTS:
                break
    if len(chosen) < MIN_POINTS:
        words = len(text.split())
        want = max(MIN_POINTS, min(MAX_POINTS, MIN_POINTS + words // 60))
        ranked = sorted(_candidates(text, banned, glossary), key=lambda c: (-c.score, c.order))
        for candidate in ranked:
            if len(chosen) >= want:
                break
            if candidate.score < 1.0 and len(chosen) >= MIN_POINTS:
                break
            if _shares_stem(candidate.text, chosen, pairs):
                continue
            chosen.append(candidate.text)
    return tuple(_with_synonym(point, pairs) for point in chosen)
