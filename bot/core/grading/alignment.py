"""Token alignment of a response with one accepted answer: exact, typo and real-word matches, and rivals."""

from __future__ import annotations

import logging
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz.distance import OSA

from bot.core.grading.numbers import SPELLED_SMALL, rounded_same, same_number
from bot.core.grading.response import Response
from bot.core.grading.tables import tables
from bot.core.grading.terms import deck_terms
from bot.core.grading.tokens import SHORT_FORMS, STEM_RESPELT, Tok, stem
from bot.core.grading.typos import fuzzy, fuzzy_at, tolerance
from bot.core.grading.variants import Rival, Variant

log = logging.getLogger(__name__)


#: Match qualities, best first: the same word, a typo, a typo that spells another real word.
EXACT, TYPO, REALWORD = 3, 2, 1
#: A short form is at least this long when written with a dot ("inf."), ``SHORT_FORM`` letters without
#: one ("optim"), and leaves out two letters of the word at least.
SHORTEST_PREFIX: Final = 3
SHORT_FORM: Final = 4
#: A word that begins an answer word and is this many letters shorter is another word, even when the
#: stemmer gives both one stem ("token" and "tokenizer", "regular" and "regularization").
DERIVED: Final = 4


def derived(a: str, b: str) -> bool:
    """Whether one of ``a`` and ``b`` begins the other, is ``DERIVED`` letters shorter and is a word of its
    own (a known term, a word of ``prefix_words``): another word, not a form of the longer one."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) < DERIVED or not b.startswith(a) or a in SHORT_FORMS:
        return False
    rest = b[len(a) :]
    if rest[0] == a[-1]:
        rest = rest[1:]  # "clip" and "clipping": a doubled letter, then an ending
    return rest not in _ENDINGS and (a in tables().prefix_words or is_term(a))


#: Endings that make another form of the same word ("clipping", "overfitting"), not another word.
_ENDINGS: Final = frozenset({"s", "es", "ed", "ing", "ings", "er", "ers"})


def is_term(word: str) -> bool:
    """Whether ``word`` is a known term of the field (shipped, or a name of a loaded deck)."""
    tabs = tables()
    return word in tabs.term_words or word in tabs.terms or word in deck_terms()


#: A number written with more characters than this may be a fraction that never ends, or a value written out
#: in full ("9.80665" for "9.81"): ``rounded_same`` weighs it (six significant digits and a point are 7).
_ENDLESS_CHARS: Final = 6
#: Two words of one root share at least this many first letters ("automat-ic", "automat-ed").
ROOT: Final = 6
#: Endings a root takes ("automatic", "automated", "generation", "generative", "discriminator").
_ROOT_ENDINGS: Final = frozenset(
    """e s es ed ing ings ic ics ical ically ion ions ive ives ively or ors er ers al ally ly ity ities ation
    ations ator ators ative atively ize ise ized ised izes ises izing ising ization isation izations isations
    ment ments ness ous y""".split()
)


def _stands_for(word: str, resp: Response, known: Container[str]) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """What a word that matched nothing may stand for, whatever the form (looked up once per response):
    the answers' words it is a short form of ("archit", "recog."), whether that short form may stand alone
    (four letters or more, or dotted), and the words it spells otherwise: its letters kept in order
    ("trnsfmr", "postiori") or another ending of the same root ("automatic" for "automated")."""
    targets = resp.targets
    begun: tuple[str, ...] = ()
    alone = False
    spelt: tuple[str, ...] = ()
    if word in targets.prefixes or (len(word) >= 4 and word[:1] in targets.initials and resp.short_form_of(word)):
        begun, alone, spelt = _short_forms_of(word, resp, known)
    if len(word) >= ROOT and word[:ROOT] in targets.roots:
        spelt = spelt + tuple(t for t in _roots_of(word, resp) if t not in spelt)
    return begun, alone, spelt


def one_root(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are two forms of one root: ``ROOT`` first letters or more alike, and cut at some
    point past them, each ends in nothing or in an ending of ``_ROOT_ENDINGS`` ("automatic" and "automated",
    "generative" and "generation")."""
    if a == b or len(a) < ROOT or len(b) < ROOT or a[:ROOT] != b[:ROOT]:
        return False
    k = ROOT
    top = min(len(a), len(b))
    while k < top and a[k] == b[k]:
        k += 1
    for cut in range(k, ROOT - 1, -1):
        x, y = a[cut:], b[cut:]
        if (not x or x in _ROOT_ENDINGS) and (not y or y in _ROOT_ENDINGS):
            return True
    return False


def same_root(word: str, v: Variant, resp: Response) -> str | None:
    """The word of ``v`` that ``word`` is another form of (the same root, at least ``ROOT`` letters, with
    another ending: "automatic" for "automated"), or None. Never a known term of the field, nor a word of
    ``prefix_words`` ("normal" is no form of "normalization")."""
    for target in _roots_of(word, resp):
        if target in v.by_word:
            return target
    return None


def _roots_of(word: str, resp: Response) -> tuple[str, ...]:
    """The answers' words ``word`` is another form of (``same_root``), whatever the form."""
    begun = resp.roots(word[:ROOT])
    if not begun or is_term(word) or word in tables().prefix_words:
        return ()
    return tuple(target for target in begun if target.isalpha() and one_root(word, target))


def _short_forms_of(
    word: str, resp: Response, known: Container[str]
) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """What ``word`` may be a short form of, whatever the form: the answers' words it begins (empty when it
    is a word of its own), whether it may stand alone (four letters or more, or dotted), and the words whose
    letters it keeps in order (``short_form``)."""
    begun = resp.begins(word)
    if word in resp.dotted:
        if is_term(word):
            return (), False, ()
        alone = True
    elif len(word) < SHORT_FORM - 1 or word in known or word in tables().prefix_words:
        return (), False, ()
    else:
        alone = len(word) >= SHORT_FORM
    # Letters kept in order, vowels dropped ("mgmt", "trnsfmr", "optmztn"): at most one vowel after the
    # first letter, and two letters of the word's five at least; or letters left out of a long word
    # ("postiori"). Not a misspelling of some word of the card: that is read as one ("strng", "string").
    if len(word) < SHORT_FORM or resp.fuzzy_near(word):
        return begun, alone, ()
    skeleton = sum(ch in _VOWELS for ch in word[1:]) <= 1
    spelt = []
    for target in resp.targets.initials.get(word[0] if skeleton else word[:2], ()):
        if not _in_order(word, target):
            continue
        if skeleton and len(word) * 5 >= len(target) * 2:
            spelt.append(target)
        elif word[:2] == target[:2] and len(target) - len(word) <= tolerance(len(target)):
            spelt.append(target)
    return begun, alone, tuple(spelt)


_VOWELS: Final = frozenset("aeiouy")


def _dropped_letter(word: str, v: Variant) -> str | None:
    """The four-letter word of a name of several words that ``word`` (three letters) spells with one letter
    left out ("lok" in "you only lok once"), or None."""
    for t in v.toks:
        w = t.word
        if len(w) == 4 and w[0] == word[0] and w.isalpha() and _in_order(word, w):
            return w
    return None


def _in_order(short: str, word: str) -> bool:
    """Whether the letters of ``short`` appear in ``word`` in order."""
    at = 0
    for ch in short:
        at = word.find(ch, at) + 1
        if not at:
            return False
    return True


@dataclass(slots=True)
class Match:
    """How a response covers one accepted answer, token by token."""

    covered: list[int]  # per accepted token: best quality with the right polarity (0 = none)
    pos: list[int]  # per accepted token: the response token that covers it best (-1 = none)
    flipped: list[bool]  # accepted token found only with the opposite polarity
    used: set[int]  # response token indices explaining the answer
    typos: list[tuple[str, str]]  # (said, meant)
    realwords: list[tuple[str, str]]
    rival: Rival | None
    rival_said: str


def _best(near: dict[str, int], rank: dict[str, int]) -> tuple[str, int] | None:
    """The nearest of a form's words (ties to the first in the form), from a response word's near-spellings."""
    best: tuple[str, int] | None = None
    key = (0, 0)
    for target, d in near.items():
        pos = rank.get(target)
        if pos is not None and (best is None or (d, pos) < key):
            best, key = (target, d), (d, pos)
    return best


#: An answer word run together from two (a compound: "crossencoder") has at least this many letters.
_COMPOUND_LETTERS: Final = 8


def _compound_typo(first: str, second: str, by_word: Mapping[str, tuple[int, ...]], known: Container[str]) -> str:
    """The compound word of the answer that ``first`` and ``second``, run together, spell with a typo in one of
    them, the other being its start or its end as written ("corss" + "encoder", "cross" + "encodre" for
    "crossencoder"). The misspelt part is no real word ("cross decoder" is no typo of "crossencoder"). "" if none."""
    if not (first.isalpha() and second.isalpha()) or len(first) + len(second) < _COMPOUND_LETTERS:
        return ""
    prefixes = tables().prefix_words  # ("micro economics" is no typo of "macroeconomics")
    for w in by_word:
        if len(w) < _COMPOUND_LETTERS or not w.isalpha():
            continue
        if w.endswith(second) and len(w) > len(second) and first not in known and first not in prefixes:
            if fuzzy(first, w[: -len(second)]) is not None:
                return w
        elif w.startswith(first) and len(w) > len(first) and second not in known and second not in prefixes:
            if fuzzy(second, w[len(first) :]) is not None:
                return w
    return ""


def align(
    v: Variant,
    resp: Response,
    rejects: Sequence[Rival],
    known: Container[str],
    approx: bool = False,
    *,
    rivals: bool = True,
) -> Match:
    """Align the response tokens with ``v``; ``known`` words are real words (a typo that spells one is suspect).
    ``approx``: the card asks for a rough number ("About how many ...?"): a number rounded to two significant
    digits or more is the same number. ``rivals``: look for a rival the player asserted (a key point, which
    never reads one, does not)."""
    acc = v.toks
    covered = [0] * len(acc)
    pos = [-1] * len(acc)
    flipped = [False] * len(acc)
    used: set[int] = set()
    near_only: list[tuple[int, tuple[int, ...]]] = []  # tokens matched as a near-spelling, and what
    later: list[int] = []  # words that matched nothing: perhaps short forms
    run_together: set[str] = set()  # words run together into an answer word ("over fitting")
    typos: list[tuple[str, str]] = []
    realwords: list[tuple[str, str]] = []
    by_stem, by_word, pairs = v.by_stem, v.by_word, v.pairs
    stem_initials = v.stem_initials
    acc_nums = v.nums
    toks = resp.toks
    n = len(toks)
    targets = resp.targets

    repeats = v.repeats
    said_by: dict[int, set[int]] = {i: set() for group in repeats for i in group}  # repeated word -> tokens

    def cover(i: int, r: Tok, quality: int, j: int) -> None:
        if repeats and i in said_by:
            said_by[i].add(j)  # (of either polarity: a denial read too far does not unsay the word)
        if r.neg == acc[i].neg:
            if quality > covered[i]:
                covered[i] = quality
                pos[i] = j
            used.add(j)
        else:
            flipped[i] = True

    # Only the tokens that can touch this form are visited; the others change nothing.
    skip = -1
    for j in resp.tokens_for(v.keys, bool(acc_nums), v.fuzzy_targets):
        r = toks[j]
        if j == skip or r.stop:
            continue
        word = r.word
        if r.num:
            counted = False
            for i in acc_nums:
                said = acc[i].stem
                if same_number(said, word) or (
                    (approx or len(said) > _ENDLESS_CHARS or len(word) > _ENDLESS_CHARS)
                    and rounded_same(said, word, approx)
                ):
                    cover(i, r, EXACT, j)
                    counted = True
            if counted or word not in SPELLED_SMALL:
                continue
            first = SPELLED_SMALL[word]  # only run into the next word: "two fish" for "Twofish"
        else:
            hits = by_word.get(word)
            if not hits:
                hits = by_stem.get(r.stem)
                if hits and word.isalpha():
                    hits = tuple(i for i in hits if not derived(word, acc[i].word))
            if not hits and word.endswith("s"):
                hits = by_word.get(word[:-1])  # "HMMs": the stemmer leaves vowel-less plurals alone
            if hits:
                for i in hits:
                    cover(i, r, EXACT, j)
                continue
            pair = pairs.get(word)
            if pair:
                cover(pair[0], r, EXACT, j)
                cover(pair[1], r, EXACT, j)
                continue
            first = word
        if j + 1 < n and not toks[j + 1].stop:
            after = toks[j + 1]
            joined = first + after.word
            hits = by_word.get(joined)
            if not hits and after.num and after.word in SPELLED_SMALL:
                joined = first + SPELLED_SMALL[after.word]  # "alpha zero" for "AlphaZero" ("zero" is read as 0)
                hits = by_word.get(joined)
            if not hits and not r.num and (word[0] in stem_initials or joined in STEM_RESPELT):
                hits = by_stem.get(stem(joined))  # (no stem of the form starts otherwise: not stemmed)
            if hits:
                for i in hits:
                    cover(i, r, EXACT, j)
                used.add(j + 1)
                run_together.update((word, after.word))
                skip = j + 1
                continue
            target = _compound_typo(word, after.word, by_word, known) if not r.num and not after.num else ""
            if target:
                # "corss-encoder" for "cross-encoder", "back propagatoin": one part of a compound misspelt
                for i in by_word[target]:
                    cover(i, r, TYPO, j)
                used.add(j + 1)
                run_together.update((word, after.word))
                typos.append((word + after.word, target))
                near_only.append((j, by_word[target]))
                skip = j + 1
                continue
        if r.num:
            continue
        if word in v.rival_words or r.stem in v.rival_words or r.stem in v.rival_stems:
            continue
        if not v.fuzzy_targets:
            continue
        best = _best(resp.fuzzy_near(word), v.fuzzy_rank) if len(word) > 3 and word.isalnum() else None
        if best is None or fuzzy_at(word, best[0], best[1]) is None:
            if word.isalpha():
                later.append(j)  # perhaps a short form: looked at once the plain matches are known
            continue
        target = best[0]
        # "automatic" for "automated": a real word, but the same one with another ending.
        if word in known and not (word[:ROOT] in targets.roots and same_root(word, v, resp) == target):
            for i in by_word[target]:
                cover(i, r, REALWORD, j)
            if r.neg == acc[by_word[target][0]].neg:
                realwords.append((word, target))
        else:
            for i in by_word[target]:
                cover(i, r, TYPO, j)
            typos.append((word, target))
        near_only.append((j, by_word[target]))

    # Short forms ("archit"), other forms of a root ("automatic"), a letter left out ("lok"): only for a
    # form some word of which is still missing.
    if later and 0 in covered:
        memo = resp.later
        for j in later:
            r = toks[j]
            word = r.word
            found = memo.get(word)
            if found is None:
                found = memo[word] = _stands_for(word, resp, known)
            begun, alone, spelt = found
            short, quality = None, EXACT
            if begun and (alone or len(acc) > 1):  # "gen" in "retrieval-augmented gen", not "pre" alone
                short = next((t for t in begun if t in by_word), None)
            if short is None and spelt:
                short, quality = next((t for t in spelt if t in by_word), None), TYPO
            if short is None and len(word) == 3 and len(acc) > 1 and word not in known:
                short, quality = _dropped_letter(word, v), TYPO
            if short is not None:
                for i in by_word[short]:
                    cover(i, r, quality, j)
                near_only.append((j, by_word[short]))

    # A word the answer says more than once ("term frequency-inverse document frequency") is said only as often
    # as it is typed: "term frequency inverse document" leaves the last word out.
    for places in repeats:
        typed = len(set().union(*(said_by[i] for i in places)))
        for i in [i for i in places if covered[i]][max(typed, 1) :]:
            covered[i] = 0
            pos[i] = -1

    # A near-spelling of a word another token says exactly explains nothing ("AdamW or Adam").
    for j, hits in near_only:
        if j in used and all(covered[i] == EXACT and pos[i] != j for i in hits):
            used.discard(j)

    rival, said = _find_rival(v, resp, rejects, run_together) if rivals else (None, "")
    return Match(covered, pos, flipped, used, typos, realwords, rival, said)


class Reach:
    """What the words of one response can match in any form of the card, by every way ``align`` has of
    matching a word: an upper bound, found once per response, that tells a form's tokens no word can
    cover without aligning the form (``coverable``). The plain lookups come first; a token they do not
    find is looked for among the near-spellings of the response's words, the stems of its words run
    together, and what its words may stand for (a short form, another ending of a root, a word with a
    letter dropped)."""

    __slots__ = ("words", "stems", "num", "_known", "_said", "_runs", "_joined", "_respelt", "_near", "_memo", "_exact")

    def __init__(self, resp: Response, known: Container[str]) -> None:
        words: set[str] = set()
        stems: set[str] = set()
        said: dict[str, None] = {}
        num = False
        toks = resp.toks
        n = len(toks)
        for j, r in enumerate(toks):
            if r.stop:
                continue
            if r.num:
                num = True
                continue
            w = r.word
            said[w] = None
            words.add(w)
            stems.add(r.stem)
            if w.endswith("s"):
                words.add(w[:-1])
            if j + 1 < n and not toks[j + 1].stop:
                words.add(w + toks[j + 1].word)
        self.words = words  # words, without a plural "s", run together: what ``by_word`` and ``pairs`` may hit
        self.stems = stems
        self.num = num  # a number, which may be any number of the form
        self._known = known  # (the response is passed to each call: a reference to it would be a cycle)
        self._said = said  # the words (not little ones, not numbers), each once
        self._runs: list[str] = []  # the words run together (two side by side, not little ones nor numbers)
        #: first letter -> the stems of ``_runs`` that start with it (found per letter on first use)
        self._joined: dict[str, set[str]] | None = None
        self._respelt: set[str] = set()  # the stems of ``_runs`` that may start otherwise (``STEM_RESPELT``)
        self._near: set[str] | None = None
        self._memo: dict[str, bool] = {}
        self._exact: dict[str, bool] = {}

    def coverable(self, resp: Response, v: Variant, i: int, exact: bool = False) -> bool:
        """Whether some word of the response may cover token ``i`` of ``v`` (with either polarity): False
        only when ``align`` can neither cover it nor find it negated. With ``exact``, whether it may cover
        it as the same word (``EXACT``: no typo, no letters left out)."""
        t = v.toks[i]
        word = t.word
        if word in self.words or t.stem in self.stems or (self.num and i in v.nums):
            return True
        if v.pair_keys and not self.words.isdisjoint(v.pair_keys[i]):
            return True
        if t.num:
            return self._far(resp, word, t.stem, False, exact)
        memo = self._exact if exact else self._memo
        found = memo.get(word)
        if found is None:
            # (A word's stem is the stem of the word: the answer is the same for every token spelt so.)
            found = memo[word] = self._far(resp, word, t.stem, word.isalnum() and len(word) > 3, exact)
        return found

    def _far(self, resp: Response, word: str, word_stem: str, fuzzy_target: bool, exact: bool) -> bool:
        """Whether ``word`` (a token of some form) is the stem of two words run together, a near-spelling of
        a word (when a typo may stand for it: ``fuzzy_target``), or what a word stands for; with ``exact``,
        only the stem of words run together or a short form of it (``EXACT`` matches)."""
        if self._joined is None:
            toks = resp.toks
            n = len(toks)
            self._runs = [
                r.word + toks[j + 1].word
                for j, r in enumerate(toks)
                if not r.stop and not r.num and j + 1 < n and not toks[j + 1].stop
            ]
            self._joined = {}
            self._respelt = {stem(w) for w in self._runs if w in STEM_RESPELT}
            self._near = set()
            for w in self._said:
                if len(w) > 3 and w.isalnum():
                    self._near.update(resp.fuzzy_near(w))
        # (A stem starts with the letter of its word, but for ``STEM_RESPELT``: only the runs that start like
        # ``word_stem`` are stemmed.)
        letter = word_stem[:1]
        joined = self._joined.get(letter)
        if joined is None:
            joined = self._joined[letter] = {stem(w) for w in self._runs if w[0] == letter}
        if word_stem in joined or word_stem in self._respelt:
            return True
        if exact:
            fuzzy_target = False
        elif fuzzy_target and self._near is not None and word in self._near:
            return True
        first = word[0]
        memo = resp.later
        for w in self._said:
            if w[0] != first or not w.isalpha():
                continue
            if not exact and len(w) == 3 and len(word) == 4 and word.isalpha() and w not in self._known and _in_order(
                w, word
            ):
                return True  # a letter dropped (``_dropped_letter``)
            if _in_order(w, word) or (len(w) >= ROOT and w[:ROOT] == word[:ROOT]):
                found = memo.get(w)
                if found is None:
                    found = memo[w] = _stands_for(w, resp, self._known)
                if word in found[0] or (not exact and word in found[2]):
                    return True
        return False


def reach(resp: Response, known: Container[str]) -> Reach:
    """The ``Reach`` of ``resp`` (found on first use; ``known`` is the card's, the same for every form)."""
    found = resp.reach
    if found is None:
        found = resp.reach = Reach(resp, known)
    assert isinstance(found, Reach)
    return found


def _own(v: Variant, r: Tok) -> bool:
    """The answer's own word, or two of them run together ("textembedding")."""
    return r.word in v.words or r.stem in v.stems or r.word in v.pairs


def has_run(seq: Sequence[str], sub: Sequence[str]) -> bool:
    """Whether ``sub`` (one word or more) runs in ``seq``, in its order."""
    k = len(sub)
    run = tuple(sub)
    return k > 0 and any(tuple(seq[i : i + k]) == run for i in range(len(seq) - k + 1))


def _find_rival(
    v: Variant, resp: Response, rejects: Sequence[Rival], joined: set[str]
) -> tuple[Rival | None, str]:
    """A rival (reject list, confusable table, antonym prefix) the player asserted (not negated); words
    run together into an answer word (``joined``: "over fitting" is "overfitting", not "fitting") are no rival."""
    positive = resp.positive
    if not positive:
        return None, ""
    pos_stems = resp.pos_stems
    # Antonym prefixes, also with a typo ("unsupervized").
    for p in resp.positives_for(v.rival_words, v.rival_keys) if v.rival_words else ():
        r = positive[p]
        if _own(v, r) or r.word in joined:
            continue
        hit = v.rival_words.get(r.word) or v.rival_words.get(r.stem)
        if hit is None and r.word.isalpha() and len(r.word) > 4 and v.rival_keys:
            # The card's rival keys hold the form's: their near-spellings, when found already (a form after
            # the first), read through the form's ranks are the form's own.
            found = resp.rival_near_found(r.word)
            if found is None:
                found = v.rival_index.near(r.word, tolerance(len(r.word)))
            best = _best(found, v.rival_rank)
            if best is not None and fuzzy_at(r.word, best[0], best[1]) is not None:
                near = min((OSA.distance(r.word, w) for w in v.words), default=99)
                if best[1] < near:
                    hit = v.rival_words[best[0]]
        if hit is not None:
            return hit, r.word
    apart = positive[-1].item != positive[0].item
    spread: Rival | None = None
    for rivals in (rejects, v.rivals if not pos_stems.isdisjoint(v.rival_firsts) else ()):
        for rv in rivals:
            # A reject spelt inside this accepted answer ("the last layer" in "the second-to-last layer")
            # is not a rival of it: whether the player said the whole answer decides.
            if rv.stems and pos_stems.issuperset(rv.stems) and not v.stems.issuperset(rv.stems):
                # (one said within an item first: "..., or CLIP score" names CLIP score, though the
                # words of "Inception Score" are all said too)
                if not apart or any(said.issuperset(rv.stems) for said, _ in resp.positive_items().values()):
                    return rv, rv.shown
                spread = spread or rv
    if spread is not None:
        return spread, spread.shown
    if rejects and len(positive) > 2 and apart:
        # A reject made of the answer's words, said as an item of its own beside the answer ("long short-term
        # memory or long-term short memory", "Fréchet Inception Distance or Inception Score").
        own = [t.stem for t in v.toks if not t.stop]
        for rv in rejects:
            if len(rv.stems) < 2 or not v.stems.issuperset(rv.stems):
                continue
            for _, said in resp.positive_items().values():
                if has_run(said, rv.stems) and not has_run(said, own):
                    return rv, rv.shown
    if not v.typo_rivals:
        return None, ""
    # Table rivals spelt with a typo ("retension" for "retention" when "attention" is accepted).
    typo_index = resp.index().typo(resp) if resp.indexed else None
    for rv, target in v.typo_rivals:
        for p in typo_index.get(target, ()) if typo_index is not None else range(len(positive)):
            r = positive[p]
            if r.word in v.words or r.stem in v.stems or not r.word.isalpha():
                continue
            d = resp.typo_near(r.stem).get(target)
            if d is not None:
                near = min((OSA.distance(r.stem, s) for s in v.stems), default=99)
                if d < near:
                    return rv, r.word
    return None, ""
