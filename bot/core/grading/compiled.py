"""A card's grading data, compiled once: its accepted answers and their forms, key points, rivals, the
words that are free to say, and every word a typo may stand for.

``compile_grading`` takes what ``grade`` takes and is cached by content; ``compile_card`` takes a card
and a direction and is cached by the card (an equal copy of a card shares the entry). ``prepare`` compiles
a deck's cards ahead of their first answer, when the deck is loaded or changed.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from bot.core.grading.alignment import ROOT, SHORTEST_PREFIX
from bot.core.grading.keypoints import KeyPoint
from bot.core.grading.normalise import clean, formula_signs, found_tokens, normalise
from bot.core.grading.pause import let_others_run
from bot.core.grading.response import Targets, Words, near_cache_clear
from bot.core.grading.support import card_support, named_terms, said_cache_clear
from bot.core.grading.tables import tables
from bot.core.grading.terms import (
    NAME_PARTICLES,
    TermTables,
    abbreviates,
    acronym_like,
    asks_who,
    build_term_tables,
    camel_parts,
    following_terms,
    initials,
    install_term_tables,
    is_acronym_of,
    known_words,
    longer_terms,
    looks_like_person,
    names_of,
    people,
    person_name,
    split_parenthesis,
    surnames,
    terms_generation,
)
from bot.core.grading.terms import (
    named_terms as known_names,
)
from bot.core.grading.tokens import analyse_cached, raw_tokens, slips_of, stem
from bot.core.grading.variants import (
    Rival,
    Variant,
    compile_answer,
    phrase_stems,
    prefix_rivals,
    respellings,
    shared_clear,
)
from bot.core.grading.verdicts import (
    NO_CLAIMS,
    NO_ROLES,
    Context,
    DigitToken,
    FormCheck,
    claims_cache_clear,
    digit_tokens,
    explained_claims,
    explained_roles,
    facts_index,
    facts_of,
    free_words,
    kind_end,
    kind_tokens,
    named_numbers,
    optional_tokens,
    question_claims,
    sibling_facts,
    spelled_names,
    unit_words,
    verdicts_cache_clear,
)
from bot.core.grading.vocabulary import GENERIC, NEGATORS, STOP
from bot.core.models import Card, Deck
from bot.core.text import plain

log = logging.getLogger(__name__)

#: Words that ask for, or give, a rough number.
_APPROX_RE: Final = re.compile(
    r"\b(?:about|around|roughly|approximately|approx|circa|nearly|some|rounded)\b|[~\u2248]"
    r"|\bsignificant (?:figures|digits)\b|\bdecimal places?\b|\bto the nearest\b",
    re.IGNORECASE,
)

T = TypeVar("T")

#: How many compiled cards (a card in one direction) stay in memory; the least recently graded go first.
CACHE_SIZE: Final = 4096


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
    checks: tuple[FormCheck, ...] = ()  # per form: echo, word order, longer known terms
    kinds: tuple[frozenset[int], ...] = ()  # per form: words saying what kind of thing it is ("optimizer")
    numbered: bool = False  # some accepted answer is a number or an ordinal ("first", "3")
    polar: str = ""  # "yes" or "no" for a yes-or-no card
    #: "yes" or "no" when an accepted answer (not every one) is that word ("Yes" beside "quadratic"): a response
    #: that says the other, or both ("yes or no"), is not right (``grader._other_side_said``)
    side: str = ""
    spelled: tuple[str, ...] = ()  # acronyms a response may spell out (``_spelled``)
    #: Answers a server added to an essay card, graded as accepted answers when the key points fall short.
    extra: CompiledCard | None = None
    #: per answer: the parts of a name run together with capitals ("CycleGAN": cycle, gan), or ()
    camel: tuple[tuple[str, ...], ...] = ()
    #: per answer: its words, the same with a word of the same meaning in the place of each (``same_words``),
    #: and whether it has no little word (``_rephrased_verdict``)
    rephrased: tuple[tuple[tuple[str, ...], tuple[str, ...], bool], ...] = ()
    digits: tuple[DigitToken, ...] = ()  # the forms' tokens written with digits (``digit_tokens``)
    #: (normalised text, answer) of each answer without the kind of thing the question names
    #: (``bare_answers``): right when typed alone, and only then
    bare: tuple[tuple[str, str], ...] = ()
    #: units the question asks the number in ("in m/s²", "how many bits"), compacted (``compact_unit``)
    units: tuple[str, ...] = ()
    #: each accepted answer without spaces, hyphens and underscores (``joined``), for answers typed with
    #: other breaks between the same letters ("word 2 vec", "inflight batching", "A U")
    joined: frozenset[str] = frozenset()
    #: the answers' own words that would read as a misspelt number word where the answer's tokens do not
    #: ("élève" of "l'élève", run into one word, next to "eleven"): in a response, read as written
    #: (``tokens.slips_of``)
    slips: frozenset[str] = frozenset()


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
    prefixes: dict[str, list[str]] = {}
    roots: dict[str, list[str]] = {}
    initials: dict[str, list[str]] = {}
    for word in fuzzy:
        if word.isalpha() and len(word) >= ROOT:
            roots.setdefault(word[:ROOT], []).append(word)
        if word.isalpha() and len(word) >= 5:
            initials.setdefault(word[0], []).append(word)
            initials.setdefault(word[:2], []).append(word)
        if word.isalpha():
            for k in range(SHORTEST_PREFIX, len(word) - 1):
                begun = prefixes.setdefault(word[:k], [])
                if word not in begun:
                    begun.append(word)
    return Targets(
        Words(fuzzy),
        Words(rival_keys),
        Words(typo),
        frozenset(keys),
        frozenset(rival_words),
        {k: tuple(v) for k, v in prefixes.items()},
        {k: tuple(v) for k, v in roots.items()},
        {k: tuple(v) for k, v in initials.items()},
        frozenset(k[0] for k in keys if k),
    )


def compile_grading(
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    keypoints: tuple[str, ...],
    aliases: tuple[str, ...],
    term: str | None,
    question: str | None,
    explanation: str | None = None,
    emphasis: tuple[str, ...] = (),
    shown: bool = True,
) -> CompiledCard:
    """Compile what ``grade`` is given (see there); raises ``ValueError`` when there is nothing to grade.
    Cached by content and by the deck names in use (``terms_generation``): a compile that overlapped a
    change of names is never found again."""
    return _compile_grading(
        terms_generation(), (accept, reject, keypoints, aliases, term, question, explanation, emphasis, shown)
    )


@functools.lru_cache(maxsize=CACHE_SIZE)
def _compile_grading(_generation: int, args: tuple[Any, ...]) -> CompiledCard:
    """``compile_grading``'s cache: keyed by the names generation and the arguments."""
    return run(compile_steps(*args))


def run(steps: Generator[None, None, T]) -> T:
    """What a generator of steps returns, its steps taken one after the other."""
    try:
        while True:
            next(steps)
            let_others_run()  # in a worker thread, the event loop gets its turn between steps
    except StopIteration as done:
        value: T = done.value
        return value


def compile_steps(
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    keypoints: tuple[str, ...],
    aliases: tuple[str, ...],
    term: str | None,
    question: str | None,
    explanation: str | None = None,
    emphasis: tuple[str, ...] = (),
    shown: bool = True,
) -> Generator[None, None, CompiledCard]:
    """``compile_grading`` in steps of about a millisecond at most, pausing (``yield``) between them: between
    accepted answers, key points and forms (``grade_card_async`` gives the event loop back there).

    ``explanation``: the card's answer text, when it is more than one of its accepted answers
    (``explanation_of``): a remark after a right answer may not contradict it either. ``emphasis``: what
    the answer text sets in bold (``emphasis_of``), whose roles a remark may not swap (``explained_roles``).
    ``shown``: the player reads ``question`` as it is (not so in the term direction, where it is the answer text
    with the term left out): its words typed back are an echo."""
    accept = tuple(a for a in accept if a and a.strip())
    names = tuple(n for n in ((term,) if term else ()) + tuple(aliases) if n and n.strip())
    if not accept and not keypoints:
        accept = names
    elif accept and names and term:
        # The card's names are answers too when the accepted answers name its term (a name the question
        # says itself is no answer).
        acc_norm = {normalise(a) for a in accept}
        if normalise(term) in acc_norm:
            said = free_words(question)
            accept = accept + tuple(n for n in names if normalise(n) not in acc_norm and not _said_in(n, said))
    # A name the card also rejects is no answer: a deck that lists "prompt engineering" among the names of
    # prompt tuning and rejects it means it is wrong.
    rejected = {normalise(r) for r in reject if r and r.strip()}
    if rejected and accept:
        kept = tuple(a for a in accept if normalise(a) not in rejected)
        accept = kept or accept
    if len(accept) > 1 and question and _SPELL_OUT_RE.search(question):
        # What an acronym stands for, asked: the acronym among the accepted answers is the question typed back
        # ("SAM" for "What does SAM stand for?"), no answer.
        kept = tuple(a for a in accept if not _asked_acronym(normalise(a), question, accept))
        accept = kept or accept
    keypoints = tuple(k for k in keypoints if k and k.strip())
    if not accept and not keypoints:
        raise ValueError("nothing to grade against: give accept, keypoints or term")

    q_words = question_words(question)
    compiled: list[Answer] = []
    for display, text in _answer_texts(accept, question, q_words):
        yield
        compiled.append(Answer(display, normalise(text), compile_answer(text)))
    answers = _own_expansions(tuple(compiled))
    points: list[KeyPoint] = []
    for kp in keypoints:
        synonyms = [s.strip() for s in kp.split("|") if s.strip()]
        if synonyms:
            yield
            points.append((synonyms[0], tuple(_keypoint_forms(s) for s in synonyms)))
    yield
    known = Vocabulary(known_words(), free_words(question, term, *aliases, *accept, *reject))
    rejects = tuple(
        Rival(phrase_stems(r), r.strip(), accept[0].strip() if accept else "", "")
        for r in reject
        if r and r.strip() and phrase_stems(r)
    )
    free = free_words(question, term, *aliases, *accept)
    forms = tuple(v for a in answers for v in a.forms)
    own = free_words(term, *aliases, *accept) | {st for v in forms for st in v.stems}
    claims = question_claims(question)
    explained = NO_CLAIMS
    if explanation:
        yield  # (an explanation of a few hundred words takes a step of its own)
        explained = explained_claims(explanation)
    # A rival of the question's terms that is the answer (or one of its names) is no contradiction.
    claims = claims._replace(rivals=tuple(rv for rv in claims.rivals if not all(st in own for st in rv.stems)))
    ctx = Context(
        free,
        q_words,
        rejects,
        known,
        names=own,
        claims=claims,
        options=_options(question),
        option_words=_option_words(question),
        facts=facts_of(tuple(t.stem for t in analyse_cached(question or "") if not t.stop)),
        approx=any(_APPROX_RE.search(text) for text in (question or "", *accept)),
        explained=explained,
        turned=_turned_words(question, q_words | own | free_words(*reject)),
        support=card_support(question or "", explanation, tuple(accept), tuple(reject)),
        asks=(question or "").rstrip().endswith("?"),
        roles=explained_roles(explanation, emphasis, question, accept, reject) if explanation and emphasis else NO_ROLES,
        spelled_names=spelled_names(term, *aliases, *accept),
        accepted_names=tuple(dict.fromkeys(tuple(t.stem for t in v.toks if not t.stop) for v in forms)),
        answer_units=unit_words(*accept),
        named_numbers=named_numbers(question),
        term_names=_term_names(term, aliases) or named_terms(question or ""),
    )
    who = asks_who(question)
    # One-word answers and names of the card: an answer they abbreviate is a fixed name.
    acronyms = tuple(
        dict.fromkeys([a.norm for a in answers if " " not in a.norm] + [w for n in names if " " not in (w := normalise(n))])
    )
    checks: list[FormCheck] = []
    form_stems: list[frozenset[str]] = []
    named = _tight_names(answers)
    own_forms = frozenset(tuple(t.stem for t in v.toks) for a in answers for v in a.forms)
    term_facts = facts_of(tuple(t.stem for t in analyse_cached(term) if not t.stop)) if term else ()
    for a in answers:
        for v in a.forms:
            yield
            check = _checks(a, v, question, q_words, free, who, acronyms, own_forms, shown)
            if term_facts:
                # What the card's term is not, where the form's own facts say nothing of it (the Switch
                # Transformer's "to every expert" beside a "mixture of experts" form, whose facts share some).
                known_phrases = {p for p, _is in check.facts}
                term_not = tuple(f for f in term_facts if not f[1] and f[0] not in known_phrases)
                if term_not:
                    check = check._replace(facts=check.facts + term_not)
            # (A name a tight form says itself is checked by the form's own ``tight``; "winters of AI" is no
            # tight form, and "winter AI" is no "AI winter".)
            others = tuple(n for n in named if not (check.tight and n.stems <= v.stems))
            checks.append(check._replace(names=others) if others else check)
            form_stems.append(v.stems)
    # A shorter form of a longer name is the same thing ("joint" beside "joint representation"): what the
    # longer one is and is not holds for it too, or a remark refused after the name passes after the word.
    for i, mine in enumerate(form_stems):
        own_phrases = {p for p, _is in checks[i].facts}
        inherited: dict[tuple[str, ...], tuple[tuple[str, ...], bool]] = {}
        for j, longer in enumerate(form_stems):
            if j != i and mine < longer:
                for f in checks[j].facts:
                    if f[0] not in own_phrases:
                        inherited.setdefault(f[0], f)
        if inherited:
            checks[i] = checks[i]._replace(facts=checks[i].facts + tuple(inherited.values()))
        if checks[i].facts:
            checks[i] = checks[i]._replace(by_first=facts_index(checks[i].facts))
    # What the answer's rivals are (the reject list, the confusable table), said after the answer, gives the
    # rival's property to it ("masking, which randomly zeroes units during training").
    rival_stems = [rv.stems for rv in rejects] + [rv.stems for v in forms for rv in v.rivals]
    if rival_stems:
        said = free | explained.stems
        for i, v in enumerate(forms):
            rivals_of = tuple(dict.fromkeys(rv for rv in rival_stems if not all(st in v.stems for st in rv)))
            siblings = sibling_facts(rivals_of, checks[i].facts, said)
            if siblings:
                checks[i] = checks[i]._replace(siblings=siblings)
    # A fixed name's words said in another order are no answer whichever form matched ("experts of mixture"
    # beside "MoE model"): each form checks the other fixed names of the card.
    orders = tuple(dict.fromkeys(c.order for c in checks if c.order))
    if orders:
        keyed = {o: frozenset(w for w in o if w not in STOP) for o in orders}
        checks = [
            c._replace(orders=theirs) if (theirs := tuple((o, keyed[o]) for o in orders if o != c.order)) else c
            for c in checks
        ]
    yield
    all_forms = forms + tuple(v for _, synonyms in points for f in synonyms for v in f)
    return CompiledCard(
        answers=answers,
        keypoints=tuple(points),
        ctx=ctx,
        forms=forms,
        optional=tuple(optional_tokens(v, ctx.question) for v in forms),
        kinds=tuple(kind_tokens(v) for v in forms),
        numbered=any(v.nums for v in forms),
        targets=_targets(all_forms),
        whole=any(not a.forms for a in answers),
        checks=tuple(checks),
        polar=_polar(answers),
        side=_side(answers),
        spelled=_spelled(answers),
        camel=tuple(camel_parts(a.display.strip()) for a in answers),
        rephrased=tuple(_rephrased(a.norm) for a in answers),
        digits=digit_tokens(forms),
        bare=bare_answers(accept, question, q_words, {a.norm for a in answers} | rejected),
        units=asked_units(question) if any(v.nums for v in forms) else (),
        joined=frozenset(glued for a in accept if len(glued := joined(a)) >= 2),
        slips=frozenset(w for v in forms for w in slips_of(v.display) if any(w in t.word for t in v.toks)),
    )


_BREAKS_RE: Final = re.compile(r"[\s\-_\u2010-\u2015]+")


def joined(text: str) -> str:
    """``text`` folded, without spaces, hyphens and underscores: "in-flight batching" is "inflightbatching". A
    minus sign stays, as "~" ("10^-6" is no "10^6", "-cos x" no "cos x"): a dash at the start, or after a
    space, a bracket, "=" or "^", before a letter, digit, bracket or point."""
    folded = text.casefold()
    if "-" in folded:
        folded = _SIGN_DASH_RE.sub("~", folded)
    return _BREAKS_RE.sub("", folded)


_SIGN_DASH_RE: Final = re.compile(r"(?:^|(?<=[\s(=^]))-(?=[\w(.])")


def compact_unit(text: str) -> str:
    """A unit as compared: folded, without spaces, powers written as superscripts ("m/s^2" is "m/s²")."""
    return text.casefold().replace(" ", "").replace("^2", "²").replace("^3", "³").rstrip(".")


#: Where a question names the unit of the number it asks for: "in m/s²", "how many bits", "(ms)".
_UNIT_RES: Final = (
    re.compile(r"\bin\s+([^\s,?;:()]+)", re.IGNORECASE),
    re.compile(r"\bhow\s+many\s+([^\s,?;:()]+)", re.IGNORECASE),
    re.compile(r"\(([^\s()]{1,12})\)"),
)


def asked_units(question: str | None) -> tuple[str, ...]:
    """The units the question asks its number in (``_UNIT_RES``), compacted; none that is a little word
    ("in the …") or holds a digit ("in 2 minutes" names what is given, not what is asked)."""
    if not question:
        return ()
    out: dict[str, None] = {}
    for pattern in _UNIT_RES:
        for m in pattern.finditer(question):
            unit = compact_unit(m.group(1))
            if unit and unit not in STOP and not any("0" <= c <= "9" for c in unit):
                out[unit] = None
    return tuple(out)


_POSSESSIVE_RE: Final = re.compile(r"['’]s$")


_ASKED_KIND_RE: Final = re.compile(
    r"\b(?:which|what(?:\s+(?:is|are|was|were)\s+the)?)\s+((?:[^\W_]|[-'])+(?:\s+(?:[^\W_]|[-'])+){0,3})",
    re.IGNORECASE,
)


def asked_kind(question: str | None) -> frozenset[str]:
    """Stems of the words right after the question's "which" or "what" (or "what is the"), up to the first little
    word: the kind of thing asked for ("Which continuous distribution models …" gives continuous, distribution,
    model; "What is the largest ocean?" gives largest, ocean)."""
    if not question:
        return frozenset()
    out: set[str] = set()
    for m in _ASKED_KIND_RE.finditer(question):
        for n, t in enumerate(analyse_cached(m.group(1))):
            if t.stop:
                break
            out.add(t.stem)
            if n and t.word.endswith("s") and t.stem != t.word and not t.word.endswith(("ss", "is", "us")):
                # a plural head, or the verb after the kind: "Which transport protocol sends datagrams …" (not a word
                # of its own ending so: "Which cluster analysis index …")
                break
    return frozenset(out)


def bare_answers(
    accept: Sequence[str], question: str | None, q_words: frozenset[str], taken: set[str] | frozenset[str]
) -> tuple[tuple[str, str], ...]:
    """Each accepted answer without its last words where the question already names that kind of thing:
    "exponential" for "exponential distribution" asked "Which continuous distribution …?", "Richter" for
    "Richter scale" asked "Which logarithmic scale …?", "Spearman" for "Spearman's rank correlation" asked
    "Which correlation coefficient … on the ranks …?". Such a name is right typed alone, and only then:
    "Jaccard distance" is another measure, not "Jaccard" with a remark. None that is the question's own
    words, only little words, shorter than three letters (two with a digit), an answer already or a name
    the card rejects (``taken``); none unless a word left out is one of the kind the question asks for
    ("Which … scale", ``asked_kind``)."""
    out: dict[str, str] = {}
    kind = asked_kind(question)
    if not kind:
        return ()
    # (one word of an answer written apart is no name: "Ada" of "Ada Boost" beside "AdaBoost")
    # (an acronym's expansion is a fixed name: only the kind asked for may be left out of it, so "User" is no
    # name of "User Datagram Protocol" beside "UDP", asked "Which transport protocol sends datagrams …?")
    whole_words = {joined(a) for a in accept if len(a.split()) == 1}
    acronyms = [a for a in accept if acronym_like(a)]
    for a in accept:
        a = a.strip()
        for text in _alternatives(a):
            if split_parenthesis(text) is not None:
                continue
            if len(text.split()) > 1 and joined(text) in whole_words:
                continue
            spelt_out = any(is_acronym_of(short, text) for short in acronyms)
            rest = _without_asked_kind(text, q_words, kind, fixed=spelt_out)
            if not rest or not any(t.stem in kind for t in analyse_cached(text[len(rest) :])):
                continue
            for form in dict.fromkeys((rest, _POSSESSIVE_RE.sub("", rest))):
                norm = normalise(form)
                short = len(norm) < 3 and not (len(norm) == 2 and any(c.isdigit() for c in norm))
                if norm and not short and norm not in taken:
                    out.setdefault(norm, a)
    return tuple(out.items())


def _without_asked_kind(
    text: str, q_words: frozenset[str], kind: frozenset[str] = frozenset(), *, fixed: bool = False
) -> str:
    """``text`` without its last words that the question says too (one word at least is kept); empty when
    none is the question's, or when what is left is the question's own words or only little words. A word
    that names a thing of the field on its own is left out only where it is of the ``kind`` asked for:
    "vision" is no name of "vision transformer model" asked "Which model …, fed to a transformer encoder?". From
    a ``fixed`` name (an acronym's expansion) only words of the kind are left out."""
    words = text.split()
    n = len(words)
    while n > 1 and _said_in(words[n - 1], q_words) and (
        _said_in(words[n - 1], kind) or (not fixed and _droppable(words[n - 1]))
    ):
        n -= 1
    if n == len(words):
        return ""
    rest = " ".join(words[:n])
    if _said_in(rest, q_words) or all(t.stop for t in analyse_cached(rest)):
        return ""
    return rest


#: Stems of words that end a name without making it another thing ("ROC curve", "KL divergence", "top-k sampling"):
#: the answer said whole, not a longer term. (Not "search" nor "++": "binary search" is no "binary", "C++" no "C".)
_NAME_HEADS: Final = frozenset({"curv", "curve", "diverg", "divergence", "sampl", "sampling"})


def _one_thing(name: tuple[str, ...], own: frozenset[tuple[str, ...]]) -> bool:
    """Whether ``data/synonyms.yaml`` gives ``name`` (stems) as another name of one of the card's forms ``own``
    ("gradient boosting machine" beside "gradient boosting"). (Not the groups of ``data/facts.yaml``, which hold
    a family: "WGAN-GP" beside "WGAN".)"""
    tabs = tables()
    for mine, others in tabs.synonyms_by_first.get(name[0], ()):
        if mine == name and any(tuple(stem(w) for w in other) in own for other in others):
            return True
    return False


@functools.cache
def _kind_stems_of(kind_words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for k in kind_words | GENERIC for w in (k, stem(k)))


def _kind_stems() -> frozenset[str]:
    """The words and stems of what kind of thing a name says it is ("function", "learning", "model")."""
    return _kind_stems_of(tables().kind_words)


def _droppable(word: str) -> bool:
    """Whether ``word``, said by the question but not of the kind it asks for, may be left out of an answer's
    name: not a letter ("top" is no name of "top k sampling"), a plural, the name's own head ("integrated" is
    none of "integrated gradients attribution"), nor a one-word name of the field ("vision" is none of "vision
    transformer model")."""
    norm = normalise(word)
    if len(norm) < 2 or (norm.endswith("s") and stem(norm) != norm):
        return False
    words = tables().term_words
    return not (norm in words or norm in known_names() or stem(norm) in words)


def _rephrased(norm: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """An answer's words, the same with each word of ``same_words`` in its group's place, and whether none
    of them is a little word."""
    same = tables().same_words
    target = tuple(norm.split())
    return target, tuple(same.get(w, w) for w in target), not any(w in STOP for w in target)


def _spelled(answers: tuple[Answer, ...]) -> tuple[str, ...]:
    """Acronyms among the answers that the shipped tables do not spell out and the card does not either:
    a response that spells one out ("density-based spatial clustering of applications with noise" for
    "DBSCAN") is right."""
    acronyms = tables().acronyms
    out = []
    for a in answers:
        short = acronym_like(a.display)
        if short and short not in acronyms and not any(b is not a and is_acronym_of(short, b.norm) for b in answers):
            out.append(short)
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _options(question: str | None) -> tuple[frozenset[str], ...]:
    """The stems of the words around each "or" of ``question`` (up to four each side): the options a
    question offers ("... masked language modelling or next-token prediction?")."""
    words = normalise(question or "").split()
    out = []
    for k, w in enumerate(words):
        if w == "or":
            around = [*words[max(0, k - 4) : k], *words[k + 1 : k + 5]]
            out.append(frozenset(stem(x) for x in around) | frozenset(around))
    return tuple(out)


def _term_names(term: str | None, aliases: Sequence[str]) -> tuple[frozenset[str], ...]:
    """``Context.term_names``: the content stems of the card's term and of each alias."""
    out = (frozenset(t.stem for t in analyse_cached(n) if not t.stop) for n in (term or "", *aliases) if n and n.strip())
    return tuple(dict.fromkeys(stems for stems in out if stems))


def _option_words(question: str | None) -> tuple[frozenset[str], ...]:
    """The words (and stems) on either side of each "or" of ``question``, up to two content words, as far as
    a mark or an article: one set a side, the options it offers ("first" and "second" in "... AI winter
    (first or second)?"; "on", "policy" and "off", "policy" in "... an on-policy or an off-policy
    algorithm?"). A series before the "or" gives one set an option ("GPT-2", "GPT-3.5" and "GPT-4" in
    "...: GPT-2, GPT-3.5 or GPT-4?"; "encoder-only", "decoder-only" and "encoder-decoder" in "Is BERT an
    encoder-only, decoder-only, or encoder-decoder model?"), each set apart by commas and begun by a mark or
    an article ("activation" in "Which activation, ReLU or tanh, ...?" is none)."""
    if not question or " or " not in f" {question.lower()} ":
        return ()
    raw = raw_tokens(question)
    out: list[frozenset[str]] = []
    for k, w in enumerate(raw):
        if w != "or":
            continue
        for step in (-1, 1):
            i = k + step
            if step > 0:
                while 0 <= i < len(raw) and raw[i] in _OPTION_ARTICLES:
                    i += step  # ("or an off-policy algorithm")
            elif i > 0 and raw[i] == ",":
                i -= 1  # (", or": the series' last comma)
            side, i = _option_side(raw, i, step)
            if side:
                out.append(side)
            while step < 0 and side:
                # the options listed before it, back to the series' start
                j = i
                while j >= 0 and raw[j] in _OPTION_ARTICLES:
                    j -= 1
                if j < 1 or raw[j] != ",":
                    break
                side, i = _option_side(raw, j - 1, step, until=_SERIES_AFTER)
                if i < 0 or (raw[i][0].isalnum() and raw[i] not in _OPTION_ARTICLES and raw[i] not in _SERIES_AFTER):
                    break  # not begun by a mark, an article or such a word: none ("Which activation, ReLU or tanh?")
                out.append(side)
    return tuple(out)


def _option_side(
    raw: Sequence[str], i: int, step: int, *, until: frozenset[str] = frozenset()
) -> tuple[frozenset[str], int]:
    """The words (and stems) of one option from ``raw[i]`` on, going ``step``: up to two content words, as far
    as a mark, an article, an "or" or a word of ``until``; and where it stops."""
    side: set[str] = set()
    content = 0
    while 0 <= i < len(raw) and content < 2:
        word = raw[i]
        if not word[0].isalnum() or word in _OPTION_ARTICLES or word == "or" or word in until:
            break
        root = stem(word)
        side.update((word, root) if not root.isdigit() or word.isdigit() else (word,))  # ("first": not "1", "one")
        content += word not in STOP
        i += step
    return frozenset(side), i


#: Words a series of options may follow ("used at training, inference or both", "Was it Adam, SGD or RMSProp",
#: "Does L1, L2 or neither ..."); not a question word, which a thing asked about follows ("Which activation, ...").
_SERIES_AFTER: Final = frozenset({
    "at", "in", "on", "with", "by", "from", "between", "to", "for", "into", "it", "is", "was", "are", "were", "does",
    "do", "did", "use", "uses", "using",
})  # fmt: skip
#: Articles, which end an option's words before an "or" and are skipped after it.
_OPTION_ARTICLES: Final = frozenset({"a", "an", "the"})


def _turned_words(question: str | None, said: frozenset[str]) -> frozenset[str]:
    """The antonym-prefix forms of the content words ``question`` asserts ("undirected" for "directed",
    "independent" for "dependent"), but the words of ``said`` (the question's, the card's names, its rejects)."""
    if not question:
        return frozenset()
    out: set[str] = set()
    for t in analyse_cached(question):
        if not t.stop and not t.neg and not t.num and len(t.word) >= _TURNED_LETTERS:
            out.update(w for w in prefix_rivals(t.word) if w not in said and not _counterpart(t.word, w))
    return frozenset(out)


#: Prefixes that name a counterpart rather than deny a word: a remark may speak of the inputs of what the
#: question says outputs ("ReLU, which is zero for negative inputs" for "Which activation outputs
#: max(0, x)?") without turning it.
_COUNTERPARTS: Final = (("in", "out"),)


def _counterpart(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with a prefix of ``_COUNTERPARTS`` swapped for its pair."""
    for a, b in _COUNTERPARTS:
        for x, y in ((a, b), (b, a)):
            if word.startswith(x) and other == y + word[len(x) :]:
                return True
    return False


#: Only a word of this many letters or more has an antonym-prefix form that turns it ("directed").
_TURNED_LETTERS: Final = 5


def question_words(question: str | None) -> frozenset[str]:
    """Words and stems of ``question``, and its neighbouring words run together ("tfidf" for "TF-IDF")."""
    words = free_words(question)
    if not question:
        return words
    toks = [t.word for t in analyse_cached(question) if not t.stop]
    return words | {a + b for a, b in zip(toks, toks[1:], strict=False)}


def _answer_texts(
    accept: tuple[str, ...], question: str | None, q_words: frozenset[str]
) -> list[tuple[str, str]]:
    """(display, text) of each answer to compile: the accepted answers, "PCA (principal component analysis)"
    as either name alone, the names an answer offers ("L1 / lasso", "skip (residual) connections"), its
    name before an explanation ("overfitting: the model fits noise"), and a person's surname alone when
    the question asks "who"."""
    out: dict[str, str] = {}
    who = asks_who(question)
    for a in accept:
        a = a.strip()
        for text in dict.fromkeys(_alternatives(a)):
            parts = split_parenthesis(text)
            if parts is not None:
                short, long = parts
                if is_acronym_of(short, long) or is_acronym_of(long, short):
                    # Either name alone, unless the question already says it (then it is no answer).
                    kept = [p for p in parts if not _said_in(p, q_words)] or list(parts)
                    for p in kept:
                        out.setdefault(p, a)
                    continue
                out.setdefault(short, a)
                text_for_person = short
            else:
                text_for_person = text
            out.setdefault(text, a)
            if who and person_name(text_for_person, question):
                for surname in surnames(text_for_person):
                    out.setdefault(surname, a)
            named = people(text_for_person) if who else None
            if named:
                out.setdefault(" and ".join(surnames(p)[-1] for p in named), a)  # "Minsky and Papert"
    return [(display, text) for text, display in out.items()]


def _given_names(display: str) -> tuple[tuple[str, ...], str]:
    """A person's given names (normalised, initials and particles left out) and the last word of their
    surname: "Marie Curie" is (("marie",), "curie")."""
    words = display.split()
    family = surnames(display)
    last = normalise(words[-1])
    skip = len(family[0].split()) if family else 1
    given = tuple(w for w in (normalise(x) for x in words[:-skip]) if len(w) >= 2 and w not in NAME_PARTICLES)
    return given, last


#: Pronouns that, written with a capital before a lower-case word of a name, are a person's name ("He
#: initialization"): a pronoun never comes right before the noun it would go with.
_NAME_PRONOUNS: Final = frozenset({"he", "she"})


def _little_word_name(display: str, v: Variant) -> str:
    """A little word that is a name in an accepted answer, and so must be typed: written in capitals ("IT
    department") or a capitalised pronoun before a lower-case word ("He initialization"). Without it the
    answer's only words are ones its rivals share ("HR department", "Xavier initialization")."""
    words = display.split()
    if len(words) < 2:
        return ""
    for k, raw in enumerate(words):
        w = normalise(raw)
        if w not in STOP or any(t.word == w for t in v.toks):
            continue
        letters = raw.strip("()[],.;:'\"")
        if len(letters) >= 2 and letters.isalpha() and letters.isupper():
            return w  # "IT department"
        if (
            w in _NAME_PRONOUNS
            and letters[:1].isupper()
            and k + 1 < len(words)
            and words[k + 1][:1].islower()
        ):
            return w  # "He initialization"
    return ""


#: Marks that offer another name in an accepted answer: "L1 / lasso", "tokenizer or tokeniser" (not
#: "encoder/decoder", which names both).
_OFFERS_RE: Final = re.compile(r"\s+/\s+|\s+or\s+", re.IGNORECASE)
#: Marks after which an accepted answer explains itself: "overfitting: the model fits noise".
_EXPLAINS_RE: Final = re.compile(r"\s*[;:]\s+|\s+[-\u2013\u2014]+\s+")
#: A name inside brackets in the middle of an answer: "skip (residual) connections".
_INNER_PAREN_RE: Final = re.compile(r"^(.*?\S)\s*\(([^()]+)\)\s+(\S.*)$")
_NUMBER_RE: Final = re.compile(r"^[\d.,%]+$")
#: A name offered or explained has at most this many words.
_NAME_WORDS: Final = 5


def _alternatives(answer: str) -> list[str]:
    """``answer`` and the names it offers in other ways of writing it: the name before an explanation, each
    name of "A / B" or "A or B", and "skip (residual) connections" as "skip connections" and "residual
    connections"."""
    out = [answer]
    head = _EXPLAINS_RE.split(answer, maxsplit=1)
    if len(head) == 2 and 0 < len(head[0].split()) <= _NAME_WORDS and not _formula_split(answer, head):
        out.append(head[0].strip())
    for text in list(out):
        inner = _INNER_PAREN_RE.match(text) if len(text.split()) <= _NAME_WORDS + 2 else None
        if inner is not None and len(inner.group(2).split()) <= _NAME_WORDS:
            before, within, after = inner.groups()
            out += [f"{before} {after}", f"{within} {after}"]
    for text in list(out):
        out += offered_names(text)
    return out


#: A term of a formula on its own: a letter or two, a number, a Greek letter's name or a function of a term.
_FORMULA_TERM_RE: Final = re.compile(
    r"[A-Za-z]{1,2}\d?|\d+(?:\.\d+)?|[\u0370-\u03ff]|(?:sqrt|log|ln|exp|sin|cos|tan)\s*\(?\s*\w{1,2}\s*\)?"
    r"|(?:alpha|beta|gamma|delta|epsilon|theta|lambda|mu|sigma|tau|phi|omega|pi)",
    re.IGNORECASE,
)


def offered_names(answer: str) -> tuple[str, ...]:
    """The names an answer offers as either one ("top-k or temperature", "L1 / lasso"), each of which an accepted
    answer makes right on its own; () when it offers one."""
    names = [n.strip() for n in _OFFERS_RE.split(answer.strip())] if len(answer.split()) <= 2 * _NAME_WORDS else []
    if len(names) > 1 and all(0 < len(n.split()) <= _NAME_WORDS and not _NUMBER_RE.match(n) for n in names):
        if not all(_FORMULA_TERM_RE.fullmatch(n) for n in names):
            return tuple(names)  # (not "a / b", "sigma / sqrt(n)": a quotient, no two names)
    return ()


def _formula_split(answer: str, parts: list[str]) -> bool:
    """Whether the dash that parts ``answer`` in two is a formula's minus sign ("n - 1", "1 - p"), not the
    dash before an explanation ("overfitting - the model fits noise")."""
    return "-" in answer and bool(formula_signs(answer)) and len(parts[1].split()) <= 2


def _said_in(text: str, words: frozenset[str]) -> bool:
    content = [t for t in analyse_cached(text) if not t.stop]
    return bool(content) and all(t.stem in words or t.word in words for t in content)


def _said_apart(text: str, question: str) -> bool:
    """Whether the question says every word of an answer, but not side by side in its order ("residual
    network" of "Which architecture introduced residual connections to train networks ...?")."""
    said = [t.stem for t in analyse_cached(text) if not t.stop]
    words = [t.stem for t in analyse_cached(question) if not t.stop]
    k = len(said)
    return k >= 2 and not any(words[i : i + k] == said for i in range(len(words) - k + 1))


def _own_expansions(answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """An acronym the card spells out itself ("MAE" beside "masked autoencoder") means only that: the shipped
    expansions of the acronym ("mean absolute error") are other answers."""
    out = []
    for a in answers:
        if len(a.forms) > 1 and " " not in a.norm and any(
            b is not a and is_acronym_of(a.norm, b.norm) for b in answers
        ):
            a = Answer(a.display, a.norm, a.forms[:1])
        out.append(a)
    return tuple(out)


def _tight_names(answers: tuple[Answer, ...]) -> tuple[Variant, ...]:
    """The forms of the card's answers that are names of two to four words with no little word between
    them, an article before them aside ("mode collapse", "a directed graphical model"): their words in
    another order name nothing, whichever answer the response is judged against ("similarity cosine" is
    no "cosine" with a word of the question beside it)."""
    out: dict[tuple[str, ...], Variant] = {}
    for a in answers:
        for v in a.forms[:1]:
            if _tight(a, v):
                out.setdefault(tuple(t.stem for t in v.toks), v)
    return tuple(out.values())


def _tight(a: Answer, v: Variant) -> bool:
    """``v`` is a name of two to four words with no little word between them (an article before them
    aside): "mode collapse", "the cosine similarity"."""
    if not 2 <= len(v.toks) <= 4 or len(v.items) != 1:
        return False
    words = a.norm.split()
    while words and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    return words == [t.word for t in v.toks]


_LEADING_ARTICLES: Final = frozenset({"a", "an", "the"})


def _of_phrase(norm: str) -> bool:
    """Whether an answer is a thing "of" another ("curse of dimensionality", "analysis of variance"): said
    the other way round ("dimensionality of curse") it names something else, though "the dimensionality
    curse" and "dimensionality, curse of" (an index entry) say it."""
    words = norm.split()
    return len(words) == 3 and words[1] == "of" and not any(w in STOP or w.isdigit() for w in (words[0], words[2]))


def _checks(
    a: Answer,
    v: Variant,
    question: str | None,
    q_words: frozenset[str],
    free: frozenset[str],
    who: bool,
    acronyms: tuple[str, ...],
    own_forms: frozenset[tuple[str, ...]] = frozenset(),
    shown: bool = True,
) -> FormCheck:
    """What ``judge`` checks besides the alignment for one form of an accepted answer (``shown``: the player reads
    the question as it is)."""
    stems = tuple(t.stem for t in v.toks)
    # (the answer as the question says it, spelt without its marks too: "arigatou" of "What is ありがとう?")
    said = _said_in(a.norm, q_words) or any(_said_in(normalise(x), q_words) for x in respellings(a.display))
    # (not in the term direction: the "question" is the answer text, which the player never sees whole)
    apart = shown and bool(question) and said and _said_in(a.norm, q_words) and _said_apart(a.norm, question or "")
    ordered = False
    if 2 <= len(v.toks) <= 6 and (len(v.items) == 1 or " and " in a.norm):
        # A fixed name: the expansion of an acronym (the question's, another answer's or the tables'; "and"
        # may be one of its words: "least absolute shrinkage and selection operator"), a person, a hyphenated
        # proper name ("Kullback-Leibler").
        # Initials of the words, and of the words as written with their hyphens ("t-distributed" is the
        # "t" of "t-SNE").
        letters = (*initials(a.norm), "".join(w[0] for w in a.display.lower().split() if w[:1].isalnum()))
        table = tables().acronyms
        ordered = (
            any(x in q_words or x in table for x in letters)
            or any(
                2 <= len(w) <= 8 and w[0] == v.norm[:1] and is_acronym_of(w, v.norm) for w in (*q_words, *acronyms)
            )
        ) or len(v.items) == 1 and (
            looks_like_person(a.display)
            or ("-" in a.display and len(a.display.split()) == 1 and a.display[:1].isupper())
        )
    # A longer term the card names itself (an alias, another answer) or whose extra words the question
    # says is no other answer.
    # (Also around the answer without the words that say what kind of thing it is: "positional embedding"
    # is no "embedding layer".)
    core = stems[: kind_end(v)]
    longer = tuple(
        p
        for p in dict.fromkeys(longer_terms(stems) + (longer_terms(core) if core != stems else ()))
        if not all(s in free for s in p[: -len(core if p[-len(stems) :] != stems else stems)])
    )
    # A longer term that starts with the answer and says what another thing is after it ("binary search tree",
    # "temperature scaling", "Kruskal-Wallis test"): its words after the answer, but for words of a kind ("softmax
    # function"), numbers ("ResNet-50"), a qualifier with a little word ("standard error of the mean"), the
    # card's own names and the question's words.
    kinds = _kind_stems() | _NAME_HEADS
    followed = tuple(
        dict.fromkeys(
            p[len(stems) :]
            for p in following_terms(stems)
            if p not in own_forms
            and p[len(stems)] not in STOP
            and not all(s in kinds or s in STOP or s.isdigit() or s in free for s in p[len(stems) :])
            and not _one_thing(p, own_forms)
        )
    )
    alone = who and looks_like_person(a.display)
    expansion = len(v.toks) >= 2 and any(
        2 <= len(w) <= 8 and w[0] == v.norm[:1] and w.isalpha() and is_acronym_of(w, v.norm) for w in q_words
    )
    offered = frozenset().union(*_options(question))  # the options the question offers ("X or Y?")
    surname = ""
    if looks_like_person(a.display):
        last = normalise(a.display.split()[-1])
        if last in STOP and all(t.word != last for t in v.toks):
            surname = last  # a little word the alignment skips ("He")
    else:
        surname = _little_word_name(a.display, v)
    given, family = _given_names(a.display) if who and looks_like_person(a.display) else ((), "")
    return FormCheck(
        order=tuple(t.word for t in analyse_cached(a.norm)) if (ordered or _of_phrase(a.norm)) and v is a.forms[0] else (),
        # "collapse mode" for "mode collapse"; "dimensionality reduction" for "reduction of dimensionality" is fine
        tight=_tight(a, v),
        # A phrase of an option the question offers is weighed, not claimed ("fine-tune or pre-train from
        # scratch?").
        facts=tuple(f for f in facts_of(stems) if f[1] or not all(s in offered or s in STOP for s in f[0])),
        echo=bool(question) and not said,
        apart=apart,
        ordered=ordered,
        longer=longer,
        followed=followed,
        alone=alone,
        expansion=expansion,
        surname=surname,
        given=given,
        family=family,
        initials=next(
            (
                w
                for w in sorted(q_words)
                if len(v.toks) >= 2 and 2 <= len(w) <= 8 and w.isalpha() and w[0] == a.norm[:1]
                and _SPELL_OUT_RE.search(question or "")
                and is_acronym_of(w, a.norm) and abbreviates(w, tuple(a.norm.split()))
            ),
            "",
        ),
    )


def _asked_acronym(norm: str, question: str, accept: tuple[str, ...]) -> bool:
    """Whether an accepted answer (``norm``, normalised) is one word that the question says and that another
    accepted answer spells out ("sam" beside "Sharpness-Aware Minimization" for "What does SAM stand for?")."""
    if not norm or " " in norm or not re.search(rf"(?<![\w-]){re.escape(norm)}(?![\w-])", question.lower()):
        return False
    return any(" " in (other := normalise(a)) and is_acronym_of(norm, other) for a in accept)


#: A question that asks what an acronym stands for.
_SPELL_OUT_RE: Final = re.compile(r"\b(?:stands?|short) for\b|\babbreviat|\bexpan(?:d|sion)", re.IGNORECASE)


def _polar(answers: tuple[Answer, ...]) -> str:
    """ "yes" or "no" when every accepted answer is that word (or one like it), else ""."""
    tabs = tables()
    norms = {a.norm for a in answers}
    if norms and norms <= tabs.yes:
        return "yes"
    if norms and norms <= tabs.no:
        return "no"
    return ""


def _side(answers: tuple[Answer, ...]) -> str:
    """ "yes" or "no" when some accepted answer is that word (or one like it) and none the other, else ""."""
    tabs = tables()
    norms = {a.norm for a in answers}
    yes, no = bool(norms & tabs.yes), bool(norms & tabs.no)
    return "" if yes == no else "yes" if yes else "no"


Arguments = tuple[
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    str | None,
    str | None,
    str | None,
    tuple[str, ...],
    bool,
]


def card_arguments(card: Card, direction: str, extra: tuple[str, ...] = ()) -> Arguments:
    """What ``grade`` is given for ``card`` in ``direction`` (accept, reject, keypoints, aliases, term, question,
    explanation).

    ``"question"``: the accepted answers (or key points for an essay card; a card with neither is graded
    against its answer text), and the answer text as the explanation a remark is weighed against
    (``explanation_of``). ``"term"``: the card's term and aliases, the answer text shown. ``extra``
    answers (added by a server) join the accepted answers, or the names in the term direction; an essay
    card keeps its key points (its extra answers are compiled apart, ``compile_card``). A server's answer
    overrides the card's reject entry of the same normalised words (``reject_without``).
    """
    reject = reject_without(card.reject, extra)
    if direction == "term" and card.names:
        return card.names + extra, reject, (), (), None, card.answer, None, (), False
    if direction not in ("question", "term"):
        raise ValueError(f"unknown direction {direction!r}")
    if card.is_essay:
        # (its answer text too: a claim beside the key points may not contradict it)
        return (
            (), reject, card.keypoints, card.aliases, card.term, card.question,
            essay_explanation(card.answer, card.keypoints), (), True,
        )  # fmt: skip
    accept = (card.accept or (card.answer,)) + extra
    explanation = explanation_of(card.answer, accept)
    emphasis = emphasis_of(card.answer) if explanation else ()
    return accept, reject, (), card.aliases, card.term, card.question, explanation, emphasis, True


def reject_without(reject: tuple[str, ...], extra: tuple[str, ...]) -> tuple[str, ...]:
    """A card's reject list without the entries a server accepted (the same words once normalised): an
    answer both accepted and rejected would be graded wrong, and the server's decision is the later one."""
    if not extra or not reject:
        return reject
    accepted = {normalise(a) for a in extra} - {""}
    return tuple(r for r in reject if normalise(r) not in accepted)


#: Bold in deck markdown: "**key**", "__key__".
_BOLD_RE: Final = re.compile(r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__")


def emphasis_of(answer: str) -> tuple[str, ...]:
    """What a card's answer text sets in bold, as plain words, each once, in order."""
    found = (plain(a or b).strip(" .:;,") for a, b in _BOLD_RE.findall(_CODE_RE.sub(" ", answer)))
    return tuple(dict.fromkeys(f for f in found if f))


#: Code in deck markdown: fenced blocks and inline spans (formulas, listings: no claims in words).
_CODE_RE: Final = re.compile(r"```.*?(?:```|$)|`[^`\n]*`", re.DOTALL)
#: An explanation of at most this many words besides the accepted answers' says nothing more than them.
_EXPLAINS_FROM: Final = 3


def _keypoint_forms(text: str) -> tuple[Variant, ...]:
    """The compiled forms of one key point synonym. A synonym whose denial is all filler words ("questions
    with no answer" keeps only "questions"; "know when not to answer" only "know when") carries the word it
    denies (``Variant.denied``): the response must deny it too ("questions that can't be answered"), or an
    answer that names the thing ("question answering") would make the point."""
    forms = compile_answer(text)
    raw = raw_tokens(text)
    if NEGATORS.isdisjoint(raw) or any(t.neg for v in forms for t in v.toks):
        return forms
    at = next(i for i, w in enumerate(raw) if w in NEGATORS)
    denied = next((w for w in raw[at + 1 :] if w[0].isalnum() and w not in _DENIAL_FILLER), "")
    if not denied:
        return forms
    return tuple(dataclasses.replace(v, denied=denied) for v in forms)


#: Words between a denial and the word it denies in a key point ("not to answer", "no more than").
_DENIAL_FILLER: Final = frozenset({"to", "a", "an", "the", "be", "any", "one"})


def essay_explanation(answer: str, keypoints: tuple[str, ...]) -> str | None:
    """What an essay card says, for weighing a claim beside its key points: its answer text and its key points
    (each synonym a sentence of its own)."""
    points = "\n".join(f"{s.strip()}." for k in keypoints for s in k.split("|") if s.strip())
    return explanation_of(f"{answer}\n{points}", ())


def explanation_of(answer: str, accept: tuple[str, ...]) -> str | None:
    """A card's answer text as plain words, when it explains more than its accepted answers say: None
    when it is one of them ("Adam" beside accepted "Adam", as an imported card often writes it) or
    adds fewer than ``_EXPLAINS_FROM`` words to them."""
    if not answer or not answer.strip():
        return None
    text = plain(_CODE_RE.sub(" ", answer))
    said = {w for a in accept for w in _WORD_RE.findall(normalise(a))}
    extra = {w for w in _WORD_RE.findall(normalise(text)) if w not in said and w not in STOP}
    if len(extra) < _EXPLAINS_FROM:
        return None
    return text


_WORD_RE: Final = re.compile(r"[a-z0-9]+")


def extra_answers(extra: Sequence[str] | str) -> tuple[str, ...]:
    """Extra accepted answers as a cache key: stripped, without blanks or repeats, in order."""
    if not extra:
        return ()
    if isinstance(extra, str):
        extra = (extra,)
    return tuple(dict.fromkeys(s.strip() for s in extra if s and s.strip()))


#: (names generation, card, direction), with the extra answers when a server added some.
CacheKey = tuple[object, ...]


class _CardCache:
    """Compiled cards by (card, direction), least recently graded dropped first; safe across threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[CacheKey, CompiledCard] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: CacheKey) -> CompiledCard | None:
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
            return found

    def put(self, key: CacheKey, value: CompiledCard) -> None:
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
#: (id of a card, direction) -> (the card, its compiled data): found again without hashing the card. The
#: card is kept, so its id is not reused while the entry lives; cleared with ``_cards``.
_by_identity: dict[tuple[int, str], tuple[Card, CompiledCard, int]] = {}
#: Cards being compiled in steps now (``compile_card_steps``): another first answer waits for that compile.
_compiling: set[CacheKey] = set()


def _key(card: Card, direction: str, extra: tuple[str, ...], generation: int | None = None) -> CacheKey:
    gen = terms_generation() if generation is None else generation
    return (gen, card, direction, extra) if extra else (gen, card, direction)


def compile_card_steps(
    card: Card, direction: str = "question", extra: tuple[str, ...] = ()
) -> Generator[None, None, CompiledCard]:
    """``compile_card`` in steps (``compile_steps``), for ``grade_card_async``; what it compiles is cached as
    ``compile_card`` caches it."""
    generation = terms_generation()
    key = _key(card, direction, extra, generation)
    found = _cards.get(key)
    while found is None and key in _compiling and terms_generation() == generation:
        yield  # another answer's compile of this card is under way: wait for it rather than compile twice
        found = _cards.get(key)
    if found is None:
        _compiling.add(key)
        try:
            args = card_arguments(card, direction, extra)
            found = yield from compile_steps(*args)
            if extra and not args[0]:
                _, reject, _, aliases, term, question, _, _, shown = args
                more = yield from compile_steps(extra, reject, (), aliases, term, question, shown=shown)
                found = dataclasses.replace(found, extra=more)
        finally:
            _compiling.discard(key)
        if terms_generation() != generation:
            # The deck names changed while compiling: what was built may rest on the old ones.
            return compile_card(card, direction, extra)
        _cards.put(key, found)
    if not extra:
        if len(_by_identity) >= CACHE_SIZE:
            _by_identity.clear()
        _by_identity[id(card), direction] = (card, found, generation)
    return found


def compile_card(card: Card, direction: str = "question", extra: tuple[str, ...] = ()) -> CompiledCard:
    """The compiled grading data of ``card`` in ``direction``: compiled on first use, then cached.

    ``extra``: answers a server accepted for the card (``extra_answers`` form); an essay card grades them
    as accepted answers beside its key points.
    """
    if not extra:
        # The same card object graded again (a deck's cards live as long as the deck): no hashing of it.
        seen = _by_identity.get((id(card), direction))
        if seen is not None and seen[0] is card and seen[2] == terms_generation():
            return seen[1]
    while True:
        generation = terms_generation()
        key = _key(card, direction, extra, generation)
        found = _cards.get(key)
        if found is None:
            args = card_arguments(card, direction, extra)
            found = compile_grading(*args)
            if extra and not args[0]:
                _, reject, _, aliases, term, question, _, _, shown = args
                found = dataclasses.replace(
                    found, extra=compile_grading(extra, reject, (), aliases, term, question, shown=shown)
                )
            if terms_generation() != generation:
                continue  # the deck names changed meanwhile (a compile in a worker thread): compile again
            _cards.put(key, found)
        break
    if not extra:
        if len(_by_identity) >= CACHE_SIZE:
            _by_identity.clear()
        _by_identity[id(card), direction] = (card, found, generation)
    return found


def cached_card(card: Card, direction: str = "question", extra: tuple[str, ...] = ()) -> CompiledCard | None:
    """The compiled grading data of ``card`` in ``direction`` if it is compiled already, else None."""
    return _cards.get(_key(card, direction, extra))


def texts_to_compile(card: Card, direction: str = "question", extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The texts ``compile_card`` compiles for ``card`` (accepted answers, names, key point synonyms)."""
    accept, _, keypoints, aliases, term, _, _, _, _ = card_arguments(card, direction, extra)
    synonyms = tuple(s for kp in keypoints for s in kp.split("|"))
    texts = (*accept, *((term,) if term else ()), *aliases, *synonyms, *extra)
    return tuple(dict.fromkeys(t for t in texts if t and t.strip()))


def is_compiled(card: Card, direction: str = "question") -> bool:
    """Whether ``card`` in ``direction`` is compiled already (grading it costs only the response)."""
    return _key(card, direction, ()) in _cards


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
    found_tokens.cache_clear()
    stem.cache_clear()
    near_cache_clear()
    said_cache_clear()
    verdicts_cache_clear()
    if compiled:
        _cards.clear()
        _by_identity.clear()
        _compile_grading.cache_clear()
        compile_answer.cache_clear()
        shared_clear()
        claims_cache_clear()


def prepare_deck_terms(decks: Iterable[Deck]) -> TermTables:
    """The grader's known terms from ``decks`` (terms, aliases, accepted answers), built but not yet in
    use: safe to run in a worker thread, then pass to ``install_deck_terms`` on the event loop."""
    return build_term_tables(names_of(card for deck in decks for card in deck.cards))


def install_deck_terms(built: TermTables) -> int:
    """Make the names of ``prepare_deck_terms`` known terms of the field (cheap: a swap). When the names
    changed, compiled cards are compiled again on their next use. Returns how many names are known from
    decks."""
    if install_term_tables(built):
        _cards.clear()
        _by_identity.clear()
        _compile_grading.cache_clear()
    return len(built.terms)


def register_deck_terms(decks: Iterable[Deck]) -> int:
    """Make the names of ``decks`` (terms, aliases, accepted answers) known terms of the field.

    Call it whenever the loaded decks change, with every loaded deck: a typo that spells another card's
    answer is then not accepted as a misspelling. When the names changed, compiled cards are compiled
    again on their next use. Returns how many names are known from decks. (``prepare_deck_terms`` in a
    thread and ``install_deck_terms`` on the loop do the same without holding the loop.)
    """
    return install_deck_terms(prepare_deck_terms(decks))
