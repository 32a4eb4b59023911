"""Choice mode: the right answer among options of the same kind.

An option is only a real choice when it could be the answer: a number among numbers, an expansion among
expansions ("What does RAG stand for?"), a term among terms. When the question itself lists the
candidates ("which of query, key and value…"), the others it lists come first. An expansion's options spell
the same initials (*Bidirectional Embedding Representations from Transformers* beside *Bidirectional Encoder
Representations from Transformers*), so the acronym asked does not point at the right one: the right words with
one or two of them swapped for a word of the decks' names with the same first letter. Distractors then come
from similar cards (a shared tag), cards with close terms, and any other card; a number with too few
numbers in the decks gets plausible numbers of the same form. None of them is the right answer in other
words (the grader would accept it), nor the answer of a card asking the very same question ("Which term is
this? to be": *ser* and *estar*). A vocabulary deck asks each word both ways: a term is offered among terms
(*el perro* among *el gato*, *la casa*; never a meaning) and a meaning among meanings (*the dog* among *the
cat*), and options that begin as the answer does (an article, "to") come first, so neither the language nor
the article tells the answer. Fewer than four options is better than an option of another kind: a yes/no
(true/false) question offers its two answers alone.
"""

from __future__ import annotations

import functools
import logging
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from rapidfuzz import fuzz

from bot.core.grading import field_terms, grade_card, little_word, normalise
from bot.core.models import Card, VerdictKind
from bot.core.prompts.cloze import acronym_of
from bot.core.prompts.labels import QUESTION, TERM, answer_label, two_way

log = logging.getLogger(__name__)

__all__ = ["EXPANSION", "NUMBER", "TERM_KIND", "answer_kind", "choice_options", "label_kinds"]

NUMBER = "number"
EXPANSION = "expansion"
TERM_KIND = "term"
TERM_WORDS_MAX = 7  # a longer answer is a sentence, not a term

_NUMBER = re.compile(
    r"^[~≈<>]?\s*[-+]?(\d[\d,]*(\.\d+)?|\.\d+)\s*(%|percent|x|k|m|b|bn|million|billion|thousand)?$", re.IGNORECASE
)
_STANDS_FOR = re.compile(r"\bstands? for\b|\bacronym\b|\babbreviat|\bexpan(d|sion)", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_NUMERIC = re.compile(r"(\d[\d,]*(?:\.\d+)?|\.\d+)")
_YEAR = re.compile(r"(1[0-9]{3}|20[0-9]{2})")
_ASKS_YEAR = re.compile(r"\byears?\b|^\s*(?:in\s+)?when\b", re.IGNORECASE)
#: Years on each side of a year answer that may be offered in its place.
_YEARS_AROUND = 5


def _asks_expansion(card: Card) -> bool:
    return bool(_STANDS_FOR.search(card.question))


def _expansions(card: Card) -> list[str]:
    """The card's names and answers that spell out one of its acronyms (*mixture of experts* for MoE)."""
    names = [*card.names, *card.accept]
    return [n for n in names if any(acronym_of(a, n) for a in names if a != n)]


def answer_kind(card: Card, direction: str, label: str) -> str:
    """What kind of thing the right answer ``label`` is: a number, an expansion or a term."""
    if _NUMBER.match(label.strip()):
        return NUMBER
    if direction == QUESTION and _asks_expansion(card):
        return EXPANSION
    return TERM_KIND


def label_kinds(card: Card, label: str, *, as_answer: bool) -> set[str]:
    """The kinds ``label`` (a name or an answer of ``card``) can stand in for."""
    if _NUMBER.match(label.strip()):
        return {NUMBER}
    kinds: set[str] = set()
    if (as_answer and _asks_expansion(card)) or label in _expansions(card):
        kinds.add(EXPANSION)
    if not (as_answer and _asks_expansion(card)) and len(label.split()) <= TERM_WORDS_MAX:
        kinds.add(TERM_KIND)
    return kinds


def _listed_siblings(question: str, right: str) -> list[str]:
    """The other candidates a question lists next to the answer ("which of query, key and value")."""
    target = normalise(right)
    if not target:
        return []
    size = len(target.split())
    for clause in re.split(r"[:;?()]|\bwhich of\b|\bof\b", question):
        items = [i.strip(" .\"'") for i in _LIST_SPLIT.split(clause.strip()) if i.strip(" .\"'")]
        if len(items) < 2:
            continue
        # The list's ends run into the sentence ("...and value represents the..."): keep as many words as
        # the answer has.
        items[0] = " ".join(items[0].split()[-size:])
        items[-1] = " ".join(items[-1].split()[:size])
        folded = [normalise(i) for i in items]
        if target in folded:
            return [i for i, f in zip(items, folded, strict=True) if f and f != target]
    return []


#: Little words of a name, which an acronym skips ("Reinforcement Learning from Human Feedback").
_LITTLE = frozenset({"a", "an", "and", "by", "for", "from", "in", "of", "on", "the", "to", "with"})
_NAME_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
#: Letters two words share at the start when they are forms of one word ("transformer", "transformers").
_SAME_ROOT = 5
#: Marks around a word of an expansion, kept when another word stands in for it.
_MARKS = "()[],;:.\"'"
#: The names of several words a word must be part of to stand in an expansion's options.
_COMMON = 2


def _same_initials(right: str, pool: Sequence[Card], rng: random.Random) -> list[str]:
    """Three expansions with the initials of ``right``, so that no option is told by being the one the others
    vary. Two or three of its words (never a little word, an acronym or a word with a hyphen) each get one
    stand-in of the same first letter and number (a word of several of the field's or ``pool``'s names, no form
    of a word of ``right``; "Thoughts" for "Transformers", never "Treatment", which would leave the answer the
    only plural), swapped in so that each word and its stand-in are in two options each (*A B*, *A' B*,
    *A B'*, *A' B'*; with three words, *A B C*, *A' B' C*, *A B' C'*, *A' B C'*); a single such word gets three
    stand-ins, one an option. The grader weeds out any that would still be right."""
    words = right.split()
    cores = [w.strip(_MARKS) for w in words]
    # a word of letters alone: not a little word, an acronym ("PCA (principal ...)") nor a word of a hyphen
    # ("Short-Term", whose two letters the acronym spells)
    slots = [i for i, c in enumerate(cores) if c.isalpha() and not c.isupper() and c.lower() not in _LITTLE]
    own = {part[:_SAME_ROOT] for c in cores for part in c.lower().split("-")}  # ("nearest" of "k-nearest")
    field, counted = _field_words()
    pooled = {n.lower() for other in pool for n in (*other.names, *other.accept) if " " in n.strip()} - field
    seen = {w: n for w, n in (Counter(counted) + Counter(_word_counts(pooled))).items() if w[:_SAME_ROOT] not in own}
    forms: dict[str, list[str]] = {}
    for low in sorted(seen):
        forms.setdefault(low[:_SAME_ROOT], []).append(low)
    # by first letter, one form of each word of the field's names ("network", "encoder"), not a person's or a
    # one-off: its singular form, and its plural as the names write it (else made)
    singulars: dict[str, list[str]] = {}
    plurals: dict[str, list[tuple[str, bool]]] = {}
    for root, found in forms.items():
        if all(seen[w] < _COMMON for w in found):
            continue
        one = next((w for w in found if not _plural(w)), None)
        many = next((w for w in found if _plural(w)), None)
        if one is not None:
            singulars.setdefault(root[0], []).append(one)
        if many is not None:
            plurals.setdefault(root[0], []).append((many, True))
        elif one is not None and not one.endswith(_NO_PLURAL):
            plurals.setdefault(root[0], []).append((_pluralise(one), False))

    def stand_ins(i: int, want: int) -> list[str]:
        """Up to ``want`` stand-ins for the word at ``i``, of its number ("Experts": "Embeddings", never
        "Encoder"): a plural one as the names write it first (a word the field makes plural is a noun)."""
        letter = cores[i][0].lower()
        if not _plural(cores[i]):
            return rng.sample(singulars.get(letter, []), min(want, len(singulars.get(letter, []))))
        found = plurals.get(letter, [])
        written = [w for w, seen_so in found if seen_so]
        made = [w for w, seen_so in found if not seen_so]
        picks = rng.sample(written, min(want, len(written)))
        return picks + rng.sample(made, min(want - len(picks), len(made)))

    usable = [i for i in slots if stand_ins(i, 1)]
    if not usable:
        return []
    if len(usable) == 1:
        # one word to vary ("Contrastive Language-Image Pre-training"): three stand-ins for it, one an option
        i = usable[0]
        picks = stand_ins(i, 3)
        return [" ".join(_stand_in(w, cores[i], pick) if j == i else w for j, w in enumerate(words)) for pick in picks]
    chosen = sorted(rng.sample(usable, min(3, len(usable))))
    stand_in = {i: _stand_in(words[i], cores[i], stand_ins(i, 1)[0]) for i in chosen}
    if len(chosen) == 2:
        swaps = [chosen[:1], chosen[1:], chosen]
    else:
        swaps = [[chosen[0], chosen[1]], [chosen[1], chosen[2]], [chosen[0], chosen[2]]]
    return [" ".join(stand_in.get(i, w) if i in swap else w for i, w in enumerate(words)) for swap in swaps]


@functools.cache
def _field_words() -> tuple[frozenset[str], dict[str, int]]:
    """The field's names of several words (lower case) and, for each word of them, in how many it is."""
    names = frozenset(n.lower() for n in field_terms() if " " in n.strip())
    return names, _word_counts(names)


def _word_counts(names: Iterable[str]) -> dict[str, int]:
    """For each word of ``names`` that may stand in for a word of an expansion, in how many of them it is:
    words of names of several words ("embedding" of "embedding layer"), not an adverb ("fully" of "fully
    connected"), a talk word ("about" of "about 30,000") nor a word with a hyphen."""
    seen: dict[str, int] = {}
    for name in names:
        for low in set(_NAME_WORD.findall(name)):
            if len(low) >= _SAME_ROOT and "-" not in low and not low.endswith("ly") and not little_word(low):
                seen[low] = seen.get(low, 0) + 1
    return seen


def _plural(word: str) -> bool:
    """Whether ``word`` reads as a plural ("Transformers", "networks"; not "analysis", "loss", "corpus")."""
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


#: Endings of words that are no nouns to make plural ("recognising", "supervised", "generative", "neural").
_NO_PLURAL = ("ing", "ed", "ive", "al", "ic", "ous", "ful", "less", "able", "ible", "ar", "ary", "ent", "ant")


def _pluralise(word: str) -> str:
    """The plural of a singular ``word`` ("network" -> "networks", "policy" -> "policies", "matrix" -> "matrixes")."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _stand_in(word: str, core: str, pick: str) -> str:
    """``word`` (its letters ``core``) with ``pick`` in their place, cased as they are, its marks kept
    ("Reasoning,", "(principal")."""
    at = word.index(core)
    return word[:at] + (pick.capitalize() if core[0].isupper() else pick) + word[at + len(core) :]


#: The roundnesses a step may have, in the answer's own units, roundest first (15: 5, 1; 100: 100, 50, 25, 20…).
_ROUNDS = tuple(k * 10**z for z in range(13) for k in (1, 2, 5, 25))
#: The most steps of a made number option the answer may be (a step of 1 for 384 would offer 383, 385, 386).
_MOST_STEPS = 16
#: How many steps a made number option is drawn among, where the answer allows as many.
_STEP_CHOICES = 3


def _numbers_like(label: str, rng: random.Random, want: int) -> list[str]:
    """Plausible numbers written like ``label``, nearest first on each side: steps of one size below and above it
    (``40%`` -> ``30%``, ``50%``, ``20%``…; ``384`` -> ``288``, ``480``, ``192``…). Every option is exact, written as the
    answer is: a halving rounded (``4%``, ``8%``, ``15%``, ``30%``) shows which option the others were made from. The
    step divides the answer, is as round as the answer allows, is drawn by ``rng`` among a few such, and leaves
    room for ``want`` steps on each side (up to 100% for a share of at most 100%) where the answer allows, so
    that the answer takes any place among the options: the first ``want`` put it at a random place (so many
    below it, the rest above), then spares."""
    found = _NUMERIC.search(label)
    if found is None:
        return []
    raw = found.group(1)
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    scale = 10**decimals
    n = round(float(raw.replace(",", "")) * scale)
    percent = "%" in label or "percent" in label.lower()
    # (a share of at most 100% among shares of at most 100%; a growth of 150% has no such bound)
    top = 100 * scale if percent and n <= 100 * scale else None
    if n <= 0:
        return []

    def places(d: int) -> int:
        """How many places among the options the answer can take with steps of ``d``."""
        above = want if top is None else min(want, (top - n) // d)
        return max(0, min(want, (n - 1) // d) - max(0, want - above) + 1)

    room = (n - 1) // want if top is None else min((n - 1) // want, (top - n) // want)
    # A step that lets the answer take any place, drawn among a few of the roundest that divide it and make it
    # 4 to 16 steps, so the answer is not always the same number of steps (768 among 192, 384 and 576 is 4 of
    # them, among 576, 672 and 864 is 8; 100 is 4 steps of 25 or 5 of 20, 40% 4 of 10% or 8 of 5%, so another
    # option is as round as the answer whichever is drawn). Each roundness is looked for among its thousand
    # largest steps; a number with no such step (a large prime) takes steps of 1. Where no roundness of the
    # answer has one yet, the roundness itself if it costs the answer one place at most (15% among 5%, 10%,
    # 20%, never the largest, rather than the only multiple of 5 among 9%, 12%, 18%).
    fits: list[int] = []
    fallback = 1
    roundest = 0  # the roundness of the first steps found; the draw takes in those of half as round at most
    for unit in sorted((r for r in _ROUNDS if n % r == 0), reverse=True):
        if roundest and 2 * unit < roundest:
            break
        fits += [
            d
            for d in range(room - room % unit, max(0, room - 1000 * unit), -unit)
            if d and n % d == 0 and n // d <= _MOST_STEPS and d not in fits
        ]
        if fits and not roundest:
            roundest = unit
        if len(fits) >= _STEP_CHOICES:
            break
        if not fits and places(unit) >= want:
            fallback = unit
            break
    step = rng.choice(fits) if fits else fallback

    def written(m: int) -> str | None:
        if m <= 0 or (top is not None and m > top):
            return None
        text = f"{m / scale:,.{decimals}f}" if "," in raw else f"{m / scale:.{decimals}f}"
        return label[: found.start(1)] + text + label[found.end(1) :]

    spares = 2 * want + 2
    below = _distinct(written(n - k * step) for k in range(1, spares))
    above = _distinct(written(n + k * step) for k in range(1, spares))
    return _around(below, above, rng, want)


def _distinct(texts: Iterable[str | None]) -> list[str]:
    """``texts`` but None and repeats, in order."""
    out: list[str] = []
    for text in texts:
        if text is not None and text not in out:
            out.append(text)
    return out


def _around(below: list[str], above: list[str], rng: random.Random, want: int) -> list[str]:
    """``want`` of the options ``below`` and ``above`` the answer (each nearest first), so many of them below it as
    a random draw says (as far as each side has options), then the rest of them as spares."""
    # (drawn among the places the options allow, each as likely as the others: with too few on one side the
    # answer does not take the place nearest that side more often than the rest)
    most = min(want, len(below))
    low = rng.randint(min(most, max(0, want - len(above))), most)
    high = max(0, want - low)
    chosen = below[:low] + above[:high]
    rng.shuffle(chosen)
    return chosen + below[low:] + above[high:]


def _percent(label: str) -> bool:
    return "%" in label or "percent" in label.lower()


def _is_year(card: Card, label: str) -> bool:
    """Whether ``label``, the answer of ``card``, is a year ("2017" for "In what year…?", "When…?")."""
    return bool(_YEAR.fullmatch(label.strip())) and bool(_ASKS_YEAR.search(card.question))


def _years_near(label: str, rng: random.Random, want: int) -> list[str]:
    """Years next to the year ``label`` (``2017`` -> ``2016``, ``2018``, ``2019``…): a year among years, the first
    ``want`` of them putting it at a random place (so many years before it, the rest after), then spares. No year
    after this one is offered: a year still to come cannot be when something happened, so it would only narrow
    the options (the answer would stand out as the latest year offered that has been)."""
    year = int(label.strip())
    latest = max(year, datetime.now(UTC).year)
    before = [str(year - d) for d in range(1, _YEARS_AROUND + 1)]
    after = [str(year + d) for d in range(1, _YEARS_AROUND + 1) if year + d <= latest]
    return _around(before, after, rng, want)


def _is_equivalent(card: Card, direction: str, label: str, taken: Iterable[str], *, spelt: bool = True) -> bool:
    """True when ``label`` duplicates the right answer (or an option already taken). ``spelt``: a label the
    grader finds almost right (a misspelling of the answer) duplicates it too; not for an expansion built with
    other words of the field (``_same_initials``), which the grader may call almost right for its many right
    words, but which no one would take for the answer misspelt."""
    n = normalise(label)
    if not n:
        return True
    if n in {normalise(t) for t in taken}:
        return True
    same = {normalise(a) for a in (*card.accept, *card.names)}
    if n in same:
        return True
    kind = grade_card(card, label, direction=direction).kind
    return kind is VerdictKind.CORRECT or (spelt and kind is VerdictKind.ALMOST)


#: Words an answer may begin with that tell its form: articles of the languages decks teach, and "to" of an
#: English verb. An answer that begins with one is offered among options that begin with one of its kind.
_ARTICLES = frozenset(
    "the a an el la los las un una unos unas le les une des du il lo gli der die das den dem des ein eine einen "
    "einem einer o os as um uma".split()
)
_ELIDED = re.compile(r"^l[’']\w", re.IGNORECASE)  # "l'eau", "l'école"


def _lead(text: str) -> str:
    """The form an answer's first word tells: "article" ("el perro", "the dog", "l'eau"), "to" ("to run"),
    or "" (a bare word: "correr", "red")."""
    words = text.lower().split()
    if _ELIDED.match(text.strip()):
        return "article"
    if len(words) < 2:
        return ""
    if words[0] in _ARTICLES:
        return "article"
    return "to" if words[0] == "to" else ""


_REMARK = re.compile(r"\s*\([^()]*\)")


def _remarked(question: str, asked: str) -> bool:
    """Whether ``question`` is the question ``asked`` (normalised) with only a parenthesised remark besides:
    its answer is one to ``asked`` too ("the dog (female)": *la perra* beside *el perro* for "the dog")."""
    bare = _REMARK.sub(" ", question)
    return bare != question and normalise(bare) == asked


def _is_name(card: Card, text: str) -> bool:
    """Whether ``text`` is one of ``card``'s names (its term or an alias): a word asked for by its meaning."""
    return normalise(text) in {normalise(n) for n in card.names}


def _candidate(other: Card, direction: str, kind: str, *, name: bool = False) -> str | None:
    """What ``other`` can offer as an option of ``kind`` (one option a card, so no two say the same); ``name``:
    the answer is a term, so only a name of ``other`` is (a meaning is no option among terms)."""
    if direction == TERM or name:
        return other.term if other.term and kind in label_kinds(other, other.term, as_answer=False) else None
    if other.accept and kind in label_kinds(other, other.accept[0], as_answer=True):
        return other.accept[0]
    if kind == EXPANSION:
        return next(iter(_expansions(other)), None)
    if other.term and kind in label_kinds(other, other.term, as_answer=False):
        return other.term
    return None


def choice_options(
    card: Card,
    direction: str,
    pool: Sequence[Card],
    rng: random.Random,
    *,
    count: int = 4,
    right: str | None = None,
) -> tuple[tuple[str, ...], int] | None:
    """(option labels, index of the right one): the right answer and up to ``count - 1`` distractors of
    its kind; None when there is no distractor of its kind at all."""
    if right is None:
        right = answer_label(card, direction)
    pair = two_way(right)
    if pair is not None:
        # A yes/no (true/false) question has two answers: other cards' terms would be no answer to it.
        index = 0 if normalise(pair[0]) == normalise(right) else 1
        if _is_equivalent(card, direction, pair[1 - index], [right]):
            return None
        options = [*pair]
        options[index] = right
        return tuple(options), index
    kind = answer_kind(card, direction, right)
    year = kind == NUMBER and _is_year(card, right)
    # A term asked by its meaning ("Which term is this? the dog": *el perro*) is offered among terms; a meaning
    # asked of a card that names no term ("What is el perro?") among the answers of such cards first.
    name = direction == QUESTION and kind == TERM_KIND and _is_name(card, right)
    meaning = direction == QUESTION and kind == TERM_KIND and not card.names
    asked = normalise(card.question)
    lead = _lead(right)
    ref = normalise(card.term or right)
    tiers: list[list[str]] = [[] for _ in range(13)]
    built: list[str] = []
    if direction == QUESTION:
        tiers[0] = _listed_siblings(card.question, right)
        if kind == EXPANSION:
            built = _same_initials(right, pool, rng)
            tiers[0] += built
    seen_keys: set[str] = set()
    for other in sorted(pool, key=lambda c: c.key):
        if other.key == card.key or other.key in seen_keys:
            continue
        seen_keys.add(other.key)
        if normalise(other.question) == asked or _remarked(other.question, asked):
            continue  # the same question asked again: its answer is right too ("to be": ser, estar)
        text = _candidate(other, direction, kind, name=name)
        if text is None or (kind == TERM_KIND and f" {normalise(text)} " in f" {asked} "):
            continue  # (an option the question shows is no answer to it: "What is rojo?" offers no "rojo")
        if kind == NUMBER and (_percent(text) != _percent(right) or _is_year(other, text) != year):
            continue  # a share among shares, a year among years, a count among counts
        if kind == TERM_KIND and len(text.split()) > max(3, 2 * len(right.split())):
            continue  # a sentence among short terms gives itself away
        shared = bool(set(card.tags) & set(other.tags))
        close = fuzz.token_set_ratio(ref, normalise(other.term or text)) >= 60
        # a meaning among meanings, then an answer of the answer's form ("el perro" among "la casa"), first
        unlike = 2 * (meaning and bool(other.names)) + (_lead(text) != lead)
        tiers[3 * unlike + (1 if shared else (2 if close else 3))].append(text)
    picked: list[str] = []
    for i, candidates in enumerate(tiers):
        if i:
            rng.shuffle(candidates)
        for text in candidates:
            if len(picked) >= count - 1:
                break
            if not _is_equivalent(card, direction, text, [right, *picked], spelt=text not in built):
                picked.append(text)
    if kind == NUMBER and len(picked) < count - 1:
        for text in (_years_near if year else _numbers_like)(right, rng, count - 1 - len(picked)):
            if len(picked) >= count - 1:
                break
            if not _is_equivalent(card, direction, text, [right, *picked]):
                picked.append(text)
    if not picked:
        return None
    options = [right, *picked]
    rng.shuffle(options)
    return tuple(options), options.index(right)
