"""What a card's own text supports, for weighing a remark after a right answer.

A remark is read against the card's question and explanation (its answer text) and what the answer's term is
(``data/facts.yaml``). Besides the contradictions ``verdicts`` finds, a remark is wrong when it says, where the
card says nothing of the kind:

- an absolute or limiting word ("only", "always", "every", "fully", "completely", "automatically",
  "exactly"): "sentiment analysis, which only works on text", "k-means, which always finds the global optimum". A card that says the
  word itself (or its facts do) supports it: "sparse, only a few experts per token" where the explanation says
  "activates only one or a few of them"; so does a remark whose other words the card all says, unless one of
  its sentences says the other way about them ("every layer is observed" where it says "only the bottom layer
  is observed"). "Only" next to a word of the question restates it ("during training only", but not "only
  affects the first generation", which restricts to a word the question does not say), and "only ..., not
  ..." sets a restriction against what it is not, where the card speaks of what it restricts to or denies
  what it is set against ("only works for image models, not text" where it says neither is wrong); "always" with a condition ("at 0 it always picks ...",
  "... before answering") is a step of a procedure. A word of a compound ("encoder-only", "fully connected"),
  hedged ("not always") or of the answer ("you only look once") is no claim;
- what the card denies, asserted: the first word of one of its denials and half its words or more ("Deep Blue,
  which learned chess by playing against itself" where the card says "it did not learn by self-play"), or a
  one-word denial with two words or more of what its clause says it of ("the cluster sizes are meaningful" where
  it says "cluster sizes and the distances between clusters are not meaningful"); and the other way, one word
  denied of three words or more of a sentence of the card that says it ("the arm with the highest random draw is
  not played");
- what the card says only of another thing, in a sentence that opens with that thing's name ("mel spectrogram,
  which applies a discrete cosine transform" where it says "MFCCs go one step further by applying a discrete
  cosine transform"); or two names of one of its sentences each paired with what it says of the other ("a
  Gaussian in the map and a Student-t in the original space");
- a year or a percentage where the card gives another of the kind ("transformers, introduced in 2014" where
  it says 2017, "15%, so 85% are masked");
- an organisation where the card names others and not it ("according to researchers at Stanford" where it
  says Carnegie Mellon);
- a mapping the other way round ("maps integers back to strings" where the card maps a word to an integer);
- that the answer does without what the card says it needs ("it runs without the code" where the explanation
  says "only useful when the source code ... is available");
- what the explanation says another term the question names is ("learning rate, the number of examples per
  gradient update" where it says "the batch size is the number of training examples used for one gradient
  update");
- a thing the card does not say set against one it says, denied ("teacher forcing, used mainly with image
  classifiers, not sequences" where it speaks of sequences); a restriction to one side of an opposite the card
  does not say, set against the other ("masking, only at inference, not during training");
- that the answer needs what the card says it does without ("transformers; they need huge labelled datasets"
  where it says "they learn without labels");
- that the answer does without what the card plainly says it does ("HDFS, it stores each file on one machine
  without replication" where it says "replicates each block"; "8 kHz, so no filter is needed" where "a low-pass
  filter is applied", "there's no point precomputing them" where it says to precompute them), but as a
  condition ("without replication a disk failure would lose data");
- the condition under which the card says the answer becomes another thing ("beam search with a beam width of
  1" where it says "with a beam width of 1 it reduces to greedy decoding");
- a kind of thing the answer is filed under of which neither the card nor the answer's facts say a word
  ("sentiment analysis; it's a form of image segmentation");
- no link to a thing the question names, where the question asks what it is linked to ("learning rate, which
  has nothing to do with the batch" for "Batch size is closely linked to which other hyperparameter?").
- another known term of the field the answer is said to be ("it's the same thing as RAG", "also known as
  ..."), which is none of the card's names, no other name of the same thing and not said by the card; after
  "basically" or "essentially" only a rival of the answer, as a broader kind often follows ("k-means, basically
  clustering");
- an origin the tables of who, when and where give otherwise (``data/people.yaml``, ``years.yaml``,
  ``orgs.yaml``): a person, a year, an organisation or another term's paper ("teacher forcing, introduced in the
  Transformer paper"), looked up by the answer's form, else by the card's term and aliases, else by the proper
  names its question says.

A card that says "only" (or "always", ...) supports the word only where it says it of what the remark says it
of ("only a subset of experts" where it says "activates only one or a few of them"; not "only saves the final
weights" where it says "only useful when the source code is available").

Only cards with an explanation are weighed so (a question alone says too little to support a remark), but for
another term the answer is said to be and for origins, which the tables know whatever the card says ("BERT, made
by OpenAI" is wrong: Google's).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final, NamedTuple, TypeVar

from bot.core.grading.normalise import greek_names
from bot.core.grading.tables import tables
from bot.core.grading.tokens import Tok, analyse_cached, stem
from bot.core.grading.vocabulary import GENERIC, STOP
from bot.core.shipped import acronyms as shipped_acronyms
from bot.core.shipped import forms as tables_forms
from bot.core.shipped import orgs as shipped_orgs
from bot.core.shipped import people as shipped_people
from bot.core.shipped import years as shipped_years
from bot.core.text import fold_ascii

_T = TypeVar("_T")

#: Absolute or limiting words, each with the words that support it when the card says them.
_ABSOLUTE: Final = {
    "only": ("only", "solely", "exclusively"),
    "solely": ("only", "solely", "exclusively"),
    "exclusively": ("only", "solely", "exclusively"),
    "always": ("always", "invariably", "guaranteed", "guarantees"),
    "invariably": ("always", "invariably"),
    "guaranteed": ("always", "guaranteed", "guarantees", "guarantee"),
    "guarantees": ("always", "guaranteed", "guarantees", "guarantee"),
    "every": ("every", "each", "all", "entire", "whole"),
    "fully": ("fully", "entirely", "completely", "totally"),
    "completely": ("fully", "entirely", "completely", "totally"),
    "entirely": ("fully", "entirely", "completely", "totally"),
    "automatically": ("automatically", "automatic", "automated"),
    "exactly": ("exactly",),
    # only after "than": "better than any other method" (not "any sequence")
    "any": ("any", "every", "all"),
}
#: An absolute word as a word of its own: not part of a compound ("encoder-only", "fully-connected"), and
#: not hedged ("not only", "not always", "not exactly").
_ABSOLUTE_RE: Final = re.compile(
    r"(?<![\w-])(?<!not )(?<!n't )(" + "|".join(w for w in _ABSOLUTE if w != "any") + r"|(?<=than )any)(?![\w-])"
)
#: Words that restrict: after a word of the question they restate what it asks ("during training only").
_RESTRICTING: Final = frozenset({"only", "solely", "exclusively"})
#: A condition that makes "always" a step of a procedure ("when", "before answering", "at 0").
_CONDITION_RE: Final = re.compile(r"\b(?:if|when|whenever|once|before|after|at \d[\d.]*)\b")
#: A denial a few words before an absolute word, in its clause, denies the absolute claim with it.
_HEDGED_BEFORE_RE: Final = re.compile(r"\b(?:not|never|no|cannot)\b(?:\s+[\w'-]+){0,2}\s*$|n't\b(?:\s+[\w'-]+){0,2}\s*$")
#: What a restriction is set against, after it: "only the values, not the computation".
_CONTRAST_RE: Final = re.compile(r"\b(?:not|rather than|instead of)\b")
#: Compounds whose absolute word says nothing absolute of the answer ("20 tokens for every parameter" is a rate).
_FIXED_PHRASES: Final = re.compile(
    r"\bfully[ -]connected\b|\bonly if\b|\bonly when\b|\bfixed[ -](?:size|length|point)\b|\bfor every\b"
    r"|\bevery (?:second|minute|hour|day|week|month|year|step|epoch|iteration|batch|token)\b"
)

class _Organisations(NamedTuple):
    """``forms.yaml`` organisations: the names, each name's group (its first name), and the pattern finding them."""

    names: tuple[str, ...]
    same: dict[str, str]
    pattern: re.Pattern[str]
    stems: dict[tuple[str, ...], str]  # the stems of each name, as a phrase of ``data/facts.yaml`` says it


@functools.cache
def _organisations() -> _Organisations:
    groups = [[str(name).lower() for name in group] for group in tables_forms().get("organisations") or ()]
    same = {name: group[0] for group in groups for name in group}
    names = tuple(same)
    # (Not "meta learning", "meta-learning": no organisation.)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(o) for o in names) + r")(?![\w-])(?! learn)")
    return _Organisations(names, same, pattern, {tuple(stem(w) for w in o.split()): same[o] for o in names})


_REFERENCES_RE: Final = re.compile(r"^\s*(?:references?|more|guide|source)\b.*$", re.MULTILINE)
_YEAR_RE: Final = re.compile(r"(?<![\w.])((?:19|20)\d\d)(?![\w%]|\.\d)")
_PERCENT_RE: Final = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)")

#: Words that map one thing to another ("maps a word to an integer", "from text to vectors").
_TO_WORDS: Final = frozenset({"to", "into"})
#: Content words this many places either side of "to" make a (from, to) pair.
_PAIR_SPAN: Final = 3
#: Words that name no side of a mapping.
_PAIR_SKIP: Final = frozenset({"back", "each", "one", "unique", "map", "maps", "mapped", "mapping", "turn", "turns", "convert", "converts"})

#: "without ..." in a remark: what the answer is said to do without.
_WITHOUT_RE: Final = re.compile(r"\bwithout\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?([a-z][\w-]*)")
#: A requirement in the card's text: "only if", "only when", "only useful when", "only ... if".
_NEEDS_RE: Final = re.compile(r"(?<!not )\bonly\b[^.;:\n]{0,40}?\b(?:if|when|once)\b([^.;\n]*)")
_NEGATED_RE: Final = re.compile(
    r"\b(?:not|no|never|cannot|can't|cant|won't|wont|couldn't|doesn't|don't|isn't|useless|fails?|impossible|nothing)\b"
)
#: What a requirement needs: the first content words after its "if"/"when" ("the source code").
_NEEDS_WORDS: Final = 3
_PRONOUNS: Final = frozenset({"them", "it", "one", "those", "these", "that", "this"})


class Support(NamedTuple):
    """What a card's question and explanation say that a remark's absolute words, numbers, organisations and
    mappings are weighed against (``card_support``)."""

    words: frozenset[str]  # the card's words, lower case
    years: frozenset[str]
    percents: frozenset[str]
    orgs: frozenset[str]
    pairs: frozenset[tuple[str, str]]  # (from, to) stems of the mappings it says
    needs: frozenset[str]  # stems of what it says the answer needs ("only useful when the source code ...")
    asked: frozenset[str] = frozenset()  # the question's content stems
    explained: bool = True  # the card has an explanation (without one, only organisations are weighed)
    stems: frozenset[str] = frozenset()  # the stems of the card's words
    sentences: tuple[str, ...] = ()  # the card's sentences, lower case
    #: what the explanation says other terms are: (the term's stems, the stems of what it is), as in "The batch
    #: size is the number of training examples used for one gradient update"
    definitions: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    #: stems of what the card says the answer does without ("they learn without labels", "no need for a
    #: reward model")
    withouts: frozenset[str] = frozenset()
    #: the stems of each of ``sentences``, and whether the sentence denies or sets anything against another
    sentence_stems: tuple[tuple[frozenset[str], bool], ...] = ()
    #: stems the explanation says only of what it sets the answer against ("It is not WordPiece (used by
    #: BERT)", "unlike ROUGE"): a remark that says one ties the answer to the other thing
    contrasted: frozenset[str] = frozenset()
    #: what the card's question and explanation deny ("it did not learn by self-play"): per denial, as the
    #: tokenizer reads negations, the stem of its first content word, the stems of all of them, and the content
    #: stems its clause says before it ("cluster sizes ... are not meaningful")
    denials: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()
    #: per sentence of the explanation that names two things or more written with a capital letter (or a digit),
    #: its content stems in order and which of them are such names ("Gaussian in the original space and
    #: Student-t in the map")
    pairings: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = ()
    #: per sentence of the explanation that opens with the name of another thing ("MFCCs go one step further by
    #: applying a discrete cosine transform"), the stems of that name and what the sentence says of it but
    #: the card's other sentences do not
    others_said: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    #: (number, the stem of the word right after it) of the card's text ("64 dimensions", "28x28 pixels")
    quantities: frozenset[tuple[str, str]] = frozenset()
    #: every number of the card's text, as the tokenizer writes it ("60000" for "60,000")
    numbers: frozenset[str] = frozenset()
    #: stems of the words of what the explanation sets the answer against, that the card
    #: says nowhere else ("greedy" of "unlike greedy hill climbing"): a word said of the answer that makes it
    #: the other thing
    contrast_words: frozenset[str] = frozenset()
    #: stems said only in the card's sentences that give another number of the unit the answer counts in, and
    #: not the answer's ("larger", "big" of "The larger Transformer (big) uses 16 heads" where the answer is 8
    #: heads): a remark that says one says the answer of the other thing
    counted_others: frozenset[str] = frozenset()
    #: the stems of the parts of each hyphenated word the card says outside what it sets the answer against
    #: ("precision-oriented"): a remark that says one says none of the words of ``contrast_words`` it is made of
    compounds: frozenset[tuple[str, ...]] = frozenset()
    #: the card's parts of one kind, named by one word before a word they share ("the integral term, which
    #: removes steady-state offset", "the derivative term, which damps overshoot"): per part, the stem of that
    #: word and the stems of what the card says of it in the clause after it
    parts: tuple[tuple[str, frozenset[str]], ...] = ()
    #: per clause of the explanation that says one side of an opposite (``opposites`` of ``data/forms.yaml``),
    #: its content stems and, per group of opposites, the sides it says ("a fixed forward process that adds
    #: noise": fixed), and the stems of all its words in order
    sided: tuple[tuple[frozenset[str], tuple[tuple[int, frozenset[int]], ...], tuple[str, ...]], ...] = ()
    #: the content stems (numbers too) of each condition under which the explanation says the answer becomes
    #: another thing ("with a beam width of 1 it reduces to greedy decoding": beam, width, 1)
    reductions: tuple[frozenset[str], ...] = ()
    #: per sentence of the card (its question first, then the explanation's sentences), the words a remark that
    #: types it back is weighed by (``flips_card_text``): its content words, numbers and words of ``flips``
    runs: tuple[tuple[Tok, ...], ...] = ()
    #: the words and stems of ``runs`` (a word the card says anywhere is not read as turned)
    run_words: frozenset[str] = frozenset()
    #: the names its explanation writes with a capital inside a sentence ("Freund", "Google"), lower case
    proper: frozenset[str] = frozenset()
    #: the words of the card's rejected answers, lower case
    rejected: frozenset[str] = frozenset()
    #: the shares the card gives of a thing ("keeping one activation in four": 0.25 of "activ"), and how many
    #: of a thing it says there are, as a few (-1) or as hundreds or more (+1) ("from a few examples")
    shares: frozenset[tuple[float, str]] = frozenset()
    counts: frozenset[tuple[int, str]] = frozenset()
    #: what the card says the answer does to a thing: per thing (the stem of its head word), +1 where it says the
    #: answer raises it or causes it, -1 where it lowers or prevents it ("to prevent overfitting", "trades
    #: sample diversity for fidelity"), each thing once and only where the card says it one way
    effects: tuple[tuple[str, int], ...] = ()
    #: each inequality the card's question (and explanation) writes in symbols, as (lesser side, greater side),
    #: each side folded ("f(E[X]) ≤ E[f(X)]": ("f(e[x])", "e[f(x)]")): a remark that writes it with its sides
    #: the other way round contradicts the card (``swaps_relation``); none the accepted answers write
    relations: tuple[tuple[str, str], ...] = ()
    #: per statement of the card (its question, and each clause of its explanation's sentences, ``_STATEMENT_RE``):
    #: its words as ``_polar_words`` reads them (a content stem, "" for a little word, ``_NEG`` for a denial)
    statements: tuple[tuple[str, ...], ...] = ()
    #: the text of each of ``statements``, folded
    statement_texts: tuple[str, ...] = ()
    #: the content words of all ``statements`` (a piece that says fewer than two of them says none)
    statement_words: frozenset[str] = frozenset()
    #: how many of ``statements`` come first from the question (a clause may say them either way: the question
    #: asks "Why is X not Y?", and "X is a poor Y" answers it)
    asked_statements: int = 0
    #: per statement, the index of the card's sentence it is part of (the question's are 0)
    statement_sentences: tuple[int, ...] = ()
    #: (a phrase, its short form) the explanation gives in parentheses after it ("post-training quantization
    #: (ptq)"), folded
    short_forms: tuple[tuple[str, str], ...] = ()
    #: the explanation numbers its items ("1. ...", "2. ..."): steps in order
    numbered: bool = False


def _fold(text: str) -> str:
    """``text`` in lower-case ASCII, as a response's words are read ("ε" is "epsilon", "Spärck" is "sparck")."""
    return fold_ascii(greek_names(text)).replace("\u2019", "'")


def _orgs(text: str) -> set[str]:
    orgs = _organisations()
    return {orgs.same[o] for o in orgs.pattern.findall(text)}


def _restates(before: str, after: str, support: Support) -> bool:
    """The word just before a restricting word, or the first after it but a little word, is one the question
    says ("during training only", "only during training"; not "only the L1 norm" for a question that asks of
    a norm: that narrows it)."""
    # (Of its own clause: "in-context learning - only works for images" restates nothing of "learns".)
    words = re.findall(r"[a-z]+", re.split(r"[,;:()]|\s[-\u2013\u2014]\s", before[-40:])[-1])
    # (a restriction after its word ends its phrase: "training only", "... only, not ..."; before a verb it
    # restricts what follows: "compound scaling only scales depth")
    nxt = re.match(r"\s*([a-z]+)", after)
    postposed = nxt is None or nxt.group(1) in _LITTLE or nxt.group(1) in ("and", "or", "but", "not", "so")
    if postposed and words and words[-1] not in _LITTLE and stem(words[-1]) in support.asked:
        return True
    # (what it restricts, up to the clause's end: "only affects the first generation" restricts to "first")
    clause = re.split(r"[,;:()]|\s[-\u2013\u2014]\s", after[:60])[0]
    later = [w for w in re.findall(r"[a-z]+", clause) if w not in _LITTLE and w not in GENERIC]
    return bool(later) and all(stem(w) in support.asked for w in later[:3])


#: Little words skipped after a restricting word ("only at inference").
_LITTLE: Final = frozenset(
    {"a", "an", "the", "at", "in", "on", "during", "for", "with", "while", "when", "by", "to", "of", "which", "what", "that", "it",
     "over", "across", "through", "within", "inside", "from", "into", "per", "via", "under", "between", "among", "around"}
)


#: What a card says the answer does without: "learn without labels", "no need for a reward model".
_DOES_WITHOUT_RE: Final = re.compile(
    r"\b(?:without|no need for|no longer needs?|removes? the need for)\s+(?:the |a |an |its |their |any )?([^.;:,()\n]+)"
)
#: What a remark says the answer needs: "they need huge labelled datasets", "requires retraining".
_NEEDS_SAID_RE: Final = re.compile(
    r"\b(?:needs?|needed|needing|requires?|required|requiring|relies on|depends on)\s+([^.;:,()\n]+)"
)


#: What a remark says the answer does without or needs none of: "without replication", "no filter is needed",
#: "needs no labels", "doesn't need a reward model".
_GOES_WITHOUT_RE: Final = re.compile(
    r"\b(?:without|no need (?:for|of)|needs? no|requires? no|(?:doesn't|does not|don't|do not|never) (?:needs?|requires?))\s+"
    r"(?:(?:the|a|an|its|their|any)\s+)*([a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
    r"|\bno\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:is|are)\s+(?:needed|required|necessary)\b"
    r"|\b(?:no point (?:in )?|no need to |(?:doesn't|does not|don't|do not|never) (?:need|have) to )([a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
)


#: What would happen otherwise: "without replication a failed disk would lose data" says it is needed.
_WOULD_RE: Final = re.compile(r"\b(?:would|could|might)\b|'d\b")


def _goes_without_what_card_says(remark_text: str, support: Support, own: frozenset[str]) -> bool:
    """A remark that says the answer does without (or needs no) what the card says it does, plainly: "HDFS,
    it stores each file on one machine without replication" where the card says it "replicates each block";
    "8 kHz, so no filter is needed" where "a low-pass filter is applied before sampling". Not a word of the
    question or of the answer, nor one the card too says it does without; nor a condition ("without
    replication a failed disk would lose data", "it can't work without replication")."""
    text = _fold(remark_text)
    for m in _GOES_WITHOUT_RE.finditer(text):
        rest = re.split(r"[.;:!?]", text[m.end() :], maxsplit=1)[0]
        before = re.split(r"[.;:!?]", text[: m.start()])[-1]
        if _NEGATED_RE.search(before) or _NEGATED_RE.search(rest) or _WOULD_RE.search(rest):
            continue
        said = m.group(1) or m.group(2) or m.group(3)
        what = [t for t in analyse_cached(said) if not t.stop and not t.num and t.word not in GENERIC]
        # (the first word that is neither the answer's nor the question's: "needs no human annotators")
        head = next((t for t in what if t.word not in own and t.stem not in own and t.stem not in support.asked), None)
        if head is None or head.neg or head.stem in support.withouts:
            continue
        if _said_plainly_in_a_clause((head.stem,), support):
            return True
    return False


def _needs_what_card_does_without(remark_text: str, support: Support) -> bool:
    """A remark that says the answer needs what the card says it does without ("transformers; they need
    huge labelled datasets" where the card says "they learn without labels"), not denied ("needs no
    labels", "doesn't need labels")."""
    text = _fold(remark_text)
    for m in _NEEDS_SAID_RE.finditer(text):
        if _NEGATED_RE.search(text[max(m.start() - 12, 0) : m.end()]):
            continue
        said = [t for t in analyse_cached(m.group(1)) if not t.stop and not t.num][: _NEEDS_WORDS + 1]
        if any(not t.neg and t.stem in support.withouts for t in said):
            return True
    return False


#: A remark that files the answer under a kind: "it's a form of image segmentation", "a kind of clustering".
_KIND_OF_RE: Final = re.compile(
    r"\b(?:a|an|is|it's|its)\s+(?:form|kind|type|sort|variant|branch|subfield|subtype|special case)\s+of\s+"
    r"(?:the\s+|a\s+|an\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
    # "which is a dimensionality reduction method", "the same family as k-means clustering"
    r"|\b(?:is|it's|its|was)\s+(?:a|an)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:method|technique|algorithm|approach|family)\b"
    r"|\bsame\s+(?:family|class|kind|type)\s+(?:of\s+\w+\s+)?as\s+(?:the\s+|a\s+|an\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
)


def _misfiled(remark_text: str, support: Support, own: frozenset[str], facts: Sequence[tuple[tuple[str, ...], bool]]) -> bool:
    """A remark that files the answer under a kind of thing of which neither the card nor what the answer is
    (its facts) says a word ("sentiment analysis; it's a form of image segmentation"); "dropout, a form of
    regularization" files it where the card does."""
    text = _fold(remark_text)
    m = _KIND_OF_RE.search(text)
    if m is None or text[m.end() : m.end() + 2].lstrip().startswith("?"):
        return False  # (asked, not said: "a kind of meta learning? no, ...")
    kinds = tables().kind_words
    said = next(g for g in m.groups() if g)
    if len(said.split()) < 2 or re.search(r"\b(?:and|or)\b", said):
        # ("which is a popular method", "the same family as bagging and boosting": no kind named; one word is a
        # kind too broad to weigh: "LSTM, a kind of RNN", "dropout, a form of ensembling" where the card says neither)
        return False
    kind = [t for t in analyse_cached(said) if not t.stop and not t.num and t.word not in GENERIC and t.word not in kinds]
    if not kind or any(t.neg or t.word in own or t.stem in own for t in kind):
        return False
    known = {p for phrase, is_ in facts if is_ for p in phrase}
    return not any(t.stem in support.stems or t.word in support.words or t.stem in known for t in kind)


#: The words after an absolute word that say what it is said of ("only saves the final weights").
_OF_WORDS: Final = 4


def _says_absolute_of(word: str, after: str, support: Support, own: frozenset[str], known: set[str]) -> bool:
    """Whether a sentence of the card that says ``word`` (or a word of the same sense) speaks of what the remark
    says it of: two of the words after it in its clause, or one where the card or the answer's facts
    (``known``) say them all ("only a subset of experts" where the card says "activates only one or a few of
    them"). A card that says "only" of the source code does not support "only saves the final weights"."""
    clause = re.split(r"[.;:,()\n]", after, maxsplit=1)[0]
    what = {
        t.stem
        for t in analyse_cached(clause)[: _OF_WORDS + 2]
        if not t.stop and not t.num and t.word not in GENERIC and t.word not in _LIGHT and t.stem not in own
    }
    if not what:
        return True
    synonyms = _ABSOLUTE[word]
    need = 1 if all(w in support.stems or w in known for w in what) else min(2, len(what))
    for sentence, (said, _denies) in zip(support.sentences, support.sentence_stems, strict=True):
        if len(what & said) < need:
            continue
        words = re.findall(r"[a-z]+", sentence)
        # (not a card that denies it: "the point is not only to lower the dimension")
        if any(w in synonyms and (k == 0 or words[k - 1] not in _NOT_BEFORE) for k, w in enumerate(words)):
            return True
    return False


def _superlative_said(before: str, after: str, support: Support, own: frozenset[str]) -> bool:
    """"... than any ...": a sentence of the card says a superlative and two of the words around it ("a wider
    margin than any other hyperplane" where the card says "the hyperplane with the widest margin")."""
    def content(text: str) -> list[str]:
        return [t.stem for t in analyse_cached(text) if not t.stop and not t.num and t.word not in GENERIC and t.stem not in own]

    near = content(re.split(r"[.;:,()\n]", before)[-1])[-4:] + content(re.split(r"[.;:,()\n]", after, maxsplit=1)[0])[:4]
    what = set(near)
    if len(what) < 2:
        return False
    for sentence, (said, _denies) in zip(support.sentences, support.sentence_stems, strict=True):
        if len(what & said) >= 2 and any(_superlative(w) for w in re.findall(r"[a-z]+", sentence)):
            return True
    return False


def _superlative(word: str) -> bool:
    """``word`` is a superlative of a word the grader knows ("widest", "largest", "most", "best"; not "test",
    "interest", "forest")."""
    if word in ("most", "best", "least", "worst"):
        return True
    if len(word) < 6 or not word.endswith("est"):
        return False
    base = word[:-3]
    known = tables().known
    bases = (base, f"{base}e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else "", f"{base[:-1]}y" if base.endswith("i") else "")
    return any(b and b in known and (b + "est") not in _NOT_SUPERLATIVE for b in bases)


#: Words that end like a superlative of a real word but are not one.
_NOT_SUPERLATIVE: Final = frozenset({"interest", "forest", "honest", "suggest", "request", "harvest", "contest", "protest", "manifest", "modest", "digest", "invest", "arrest", "attest", "detest", "divest", "infest", "ingest", "molest", "unrest"})

#: Words before an absolute word that deny it ("not only", "isn't just").
_NOT_BEFORE: Final = frozenset({"not", "t", "never"})


#: Stems of a question that asks what a thing is linked to ("closely linked to which hyperparameter").
_RELATING: Final = frozenset(stem(w) for w in "linked related relationship depends affects influences tied connected correlated".split())
#: A remark that denies any link: "which has nothing to do with the batch", "independent of the batch size".
_UNRELATED_RE: Final = re.compile(
    r"\b(?:nothing to do with|unrelated to|not related to|no relation to|not linked to|no link to|no effect on"
    r"|independent of|doesn't affect|does not affect|no bearing on|regardless of|whatever|no matter|unaffected by"
    r"|not affected by|doesn't depend on|does not depend on|don't depend on|do not depend on)\s+([^.;:()\n]+)"
)


def _unrelated(remark_text: str, support: Support, answer: frozenset[str]) -> bool:
    """A remark that denies the link a question asks about, to a thing the question names ("learning rate,
    which has nothing to do with how many examples are in a batch" for "Batch size is closely linked to which
    other hyperparameter?"). ``answer``: the stems of the answer's form."""
    m = _UNRELATED_RE.search(_fold(remark_text))
    if m is None:
        return False
    return any(
        not t.stop and t.stem in support.asked and t.stem not in answer and t.word not in GENERIC
        for t in analyse_cached(m.group(1))
    )


#: Verbs that say only that a thing is used or holds, not what it is ("only works for text").
_LIGHT: Final = frozenset(
    """work works worked working apply applies applied happen happens use uses used using matter matters
    make makes help helps run runs exist exists mean means come comes came get gets got have has""".split()
)


def _restricts_supported(after: str, support: Support, own: frozenset[str]) -> bool:
    """"only ..., not ...": a restriction set against what it is not ("only changes the noise, not the
    trend"); but not one side of an opposite set against the other where the card does not say that side
    ("masking, it only applies at inference, not during training")."""
    contrast = _CONTRAST_RE.search(after)
    if contrast is None:
        return False
    # (the card says what it restricts to, or denies what it is set against: "only changes the noise, not the
    # trend" where it speaks of changes, "only the parameter values, not the computation" where it says
    # checkpoints "contain no description of the computation"; not "only works for image models, not text"
    # where it says neither)
    restricted = {
        t.stem
        for t in analyse_cached(after[: contrast.start()])
        if not t.stop and not t.num and t.word not in GENERIC and t.word not in _LIGHT and t.stem not in own
    }
    against = {
        t.stem
        for t in analyse_cached(re.split(r"[.;:()]", after[contrast.end() :])[0])
        if not t.stop and not t.num and t.word not in GENERIC and t.stem not in own
    }
    if (
        restricted
        and not restricted & support.stems
        and not any(denies and against & said_ for said_, denies in support.sentence_stems)
    ):
        return False
    sides = tables().claim_sides
    said = [
        t
        for t in analyse_cached(after[: contrast.start()])
        if not t.stop and t.stem in sides and t.word not in own and t.stem not in own
    ]
    if not said:
        return True
    other = {sides[t.stem] for t in analyse_cached(after[contrast.end() :]) if t.stem in sides}
    return not any(
        any(g == sides[t.stem][0] and k != sides[t.stem][1] for g, k in other)
        and t.stem not in support.stems
        and t.word not in support.words
        for t in said
    )


def _defines_another(remark: Sequence[Tok], support: Support, answer: frozenset[str]) -> bool:
    """A remark that says what the explanation says another term is ("learning rate, the number of examples
    per gradient update" where it says "the batch size is the number of training examples used for one
    gradient update"), a term the question names: three of its words or more, most of the remark's words.
    Not when the remark names that term itself ("the knowledge base is queried in real time")."""
    named = {r.stem for r in remark}
    said = {r.stem for r in remark if not r.stop and not r.num and not r.neg and r.stem not in answer}
    if len(said) < _DEFINED_WORDS:
        return False
    for term, what in support.definitions:
        if term & answer or term <= named or not term <= support.asked:
            continue
        hit = said & what
        if len(hit) >= _DEFINED_WORDS and 3 * len(hit) >= 2 * len(said):
            return True
    return False


#: What a clause of an essay must say for ``unsupported(..., essay=True)`` to find anything in it: an absolute
#: word, a denial, a word that credits or dates, or (where the card defines terms) a definition.
_ESSAY_CLAIM_RE: Final = re.compile(
    r"\b(?:only|solely|exclusively|always|invariably|guaranteed|guarantees|fully|completely|entirely|automatically"
    r"|exactly|than any|no|not|never|without|none|nothing|invent\w*|introduc\w*|propos\w*|develop\w*|creat\w*"
    r"|coin\w*|pioneer\w*|publish\w*|popularis\w*|populariz\w*|assembl\w*|collect\w*|compil\w*|design\w*"
    r"|author\w*|releas\w*|(?:built|made|written) by|same\s+(?:\w+\s+)?as|also\s+called"
    r"|known\s+as|identical\s+to|equivalent\s+to)\b|n't\b"
)


def essay_claim_possible(clause: str, support: Support) -> bool:
    """Whether ``unsupported`` may find a claim in ``clause`` of an essay answer (a cheap test, before its words
    are read)."""
    text = _fold(clause)
    return (
        _ESSAY_CLAIM_RE.search(text) is not None
        or (bool(support.definitions) and _DEFINES_RE.search(text.strip()) is not None)
        or (bool(support.sided) and bool(_sides_of(analyse_cached(clause))))
    )


def _redefines(clause: str, support: Support) -> bool:
    """A clause that says a term the card defines is something else, none of whose words the card's definition
    says ("the hidden size means the number of tokens in the vocabulary" where the card says "hidden size: the
    size of the layers ...")."""
    said = _definition(_fold(clause).strip())
    if said is None:
        return False
    term, what = said
    return any(term == theirs and not what & defined for theirs, defined in support.definitions)


def _restated(remark: Sequence[Tok], word: str, support: Support, own: frozenset[str]) -> bool:
    """A remark whose every word but the absolute one the card says ("teacher forcing, always feeding the
    ground truth"), where no sentence of the card says the other way about its words ("every layer is
    observed" where it says "only the bottom layer is observed")."""
    said = [
        r
        for r in remark
        if not r.stop and not r.num and r.word not in _ABSOLUTE and r.word not in GENERIC and r.stem not in own
    ]
    if not said or not all(r.stem in support.stems or r.word in support.words for r in said):
        return False
    other = _UNIVERSAL_RE if word in _RESTRICTING else _RESTRICTING_RE
    for sentence in support.sentences:
        if other.search(sentence):
            stems = {stem(w) for w in re.findall(r"[a-z]+", sentence)}
            if any(r.stem in stems for r in said):
                return False
    return True


_SENTENCE_RE: Final = re.compile(r"(?<=[.;!?])\s+|\n+")
#: Where an explanation's sentences and the parts before a colon end.
_PIECE_RE: Final = re.compile(r"(?<=[.;:!?])\s+|\n+")
_UNIVERSAL_RE: Final = re.compile(r"\b(?:all|every|always|any|fully|entirely|completely)\b")
_RESTRICTING_RE: Final = re.compile(r"\b(?:only|solely|exclusively)\b")


def _definition(clause: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """A clause that says what a term is ("the batch size is the number of training examples ..."): the
    term's stems and the stems of what it is, or None."""
    m = _DEFINES_RE.search(clause)
    if m is None:
        return None
    term = [t.stem for t in analyse_cached(m.group(1)) if not t.stop]
    if not term or m.group(1).split()[-1] in _NOT_TERMS:
        return None
    what = frozenset(t.stem for t in analyse_cached(m.group(2)) if not t.stop and not t.num)
    return (frozenset(term), what) if len(what) >= _DEFINED_WORDS else None


#: "<term> is/are/means <what it is>": up to three words of a term before the verb, at a clause's start.
_DEFINES_RE: Final = re.compile(
    r"^\W*(?:the |a |an )?((?:[a-z][\w-]* ){0,2}[a-z][\w-]*)(?: (?:is|are|means|refers to)|:) (?:the |a |an )?(.+)"
)
_CLAUSE_RE: Final = re.compile(r"(?<=[.;:!?])\s+|\n+|;")
#: Subjects that name no term ("it is", "this means").
_NOT_TERMS: Final = frozenset({"it", "this", "that", "there", "which", "what", "they", "these", "those", "he", "she", "one"})
#: A definition says at least this many words; a remark must say this many of them.
_DEFINED_WORDS: Final = 3


def _pairs(toks: Sequence[Tok], *, clause: bool = True) -> set[tuple[str, str]]:
    """The (from, to) stems of each "A ... to B" of ``toks``: content words up to ``_PAIR_SPAN`` places before
    and after a "to" (of the same list item, with ``clause``: a card's "maps each word (string) to" spans one)."""
    out: set[tuple[str, str]] = set()
    for k, t in enumerate(toks):
        if t.word not in _TO_WORDS:
            continue
        def side(rs: Sequence[Tok], t: Tok = t) -> list[str]:
            return [
                r.stem
                for r in rs
                if not r.stop and not r.num and not r.neg and r.word not in _PAIR_SKIP and (not clause or r.item == t.item)
            ]

        before = side(toks[max(k - _PAIR_SPAN - 1, 0) : k])[-_PAIR_SPAN:]
        after = side(toks[k + 1 : k + 2 + _PAIR_SPAN])[:_PAIR_SPAN]
        out.update((a, b) for a in before for b in after if a != b)
    return out


@functools.lru_cache(maxsize=1024)
def card_support(
    question: str, explanation: str | None, answers: tuple[str, ...] = (), rejects: tuple[str, ...] = ()
) -> Support:
    """What the card's ``question`` and ``explanation`` say (built once per card); the years, shares and
    organisations of its accepted ``answers`` too (and the names of its ``rejects``, which a remark may name
    beside the answer without naming someone else)."""
    said = "\n".join((question, *answers))
    if not explanation:
        return Support(
            frozenset(), frozenset(), frozenset(), frozenset(_orgs(_fold(said))),
            # (what the question maps to what: "turns a mel spectrogram into an audio waveform")
            frozenset(_pairs(analyse_cached(question), clause=False)),
            frozenset(), explained=False,
            runs=(runs := _runs((question,))),
            run_words=_words_of(runs),
            relations=_card_relations((question,), answers),
        )
    text = _fold(f"{said}\n{explanation}")
    words = frozenset(re.findall(r"[a-z]+", text))
    # (The years of a reference list date the papers cited, not the thing: "References: ... (2021)".)
    years = frozenset(_YEAR_RE.findall(_REFERENCES_RE.sub(" ", text)))
    percents = frozenset(_PERCENT_RE.findall(text))
    # (the question, and the explanation's sentences and the parts before a colon)
    pieces = (question, *_PIECE_RE.split(explanation))
    pairs: set[tuple[str, str]] = set()
    for part in pieces:
        pairs |= _pairs(analyse_cached(part), clause=False)
    needs: set[str] = set()
    for m in _NEEDS_RE.finditer(text):
        needs.update([t.stem for t in analyse_cached(m.group(1)) if not t.stop and not t.num][:_NEEDS_WORDS])
    asked = frozenset(t.stem for t in analyse_cached(question) if not t.stop)
    sentences = tuple(p for p in _SENTENCE_RE.split(text) if p.strip())
    # (a line that names a term before a colon defines it too: "- Hidden size: the size of the layers ...")
    parts = (*_CLAUSE_RE.split(_fold(explanation)), *_fold(explanation).split("\n"))
    definitions = tuple(dict.fromkeys(d for part in parts if (d := _definition(part))))
    stems = frozenset(stem(w) for w in words)
    withouts: set[str] = set()
    for m in _DOES_WITHOUT_RE.finditer(text):
        withouts.update([t.stem for t in analyse_cached(m.group(1)) if not t.stop and not t.num][:_NEEDS_WORDS])
    sentence_stems = tuple(
        (_stems_of(s), _DENYING_RE.search(s) is not None) for s in sentences
    )
    contrasted, contrast_words, compounds = _contrasted_stems(explanation, said, answers)
    return Support(
        words, years, percents, frozenset(_orgs(text)), frozenset(pairs), frozenset(needs), asked, True, stems, sentences, definitions,
        frozenset(withouts), sentence_stems, contrasted, _denials(pieces),
        _pairings(explanation), _others_said(explanation, answers, question),
        frozenset(p for part in (*pieces, *answers) for p in _quantities(analyse_cached(part))),
        frozenset(t.word for part in (question, *answers, explanation) for t in analyse_cached(part) if t.num or _SIZE_RE.fullmatch(t.word)),
        contrast_words=contrast_words,
        counted_others=_counted_others(pieces, answers),
        compounds=compounds,
        parts=_parts(_fold(explanation)),
        sided=_sided(explanation),
        reductions=_reductions(_fold(explanation)),
        runs=(runs := _runs((question, *_SENTENCE_RE.split(explanation)))),
        run_words=_words_of(runs),
        proper=_proper_names(explanation),
        rejected=frozenset(w for r in rejects for w in re.findall(r"[a-z]+", r.lower())),
        shares=frozenset((v, w) for part in (question, *pieces[1:]) for v, w, _r in _shares(analyse_cached(part))),
        counts=frozenset(x for part in (question, *pieces[1:]) for x in _counts(analyse_cached(part))),
        effects=_card_effects((question, *pieces[1:])),
        relations=_card_relations((question, explanation), answers),
        statements=(statements := _statements(question, explanation))[0],
        statement_texts=statements[1],
        statement_words=frozenset(w for st in statements[0] for w in st if w and w != _NEG),
        asked_statements=statements[2],
        statement_sentences=statements[3],
        short_forms=_short_forms(_fold(explanation)),
        numbered=len(re.findall(r"^\s*\d+[.)]\s", explanation, re.MULTILINE)) >= 2,
    )


#: Where a card's statements part: sentences, dashes, and a clause that says something of its own (", while",
#: ", which": "It is not an ensemble, which averages the predictions" denies nothing of the averaging).
_STATEMENT_RE: Final = re.compile(
    r"[.;:!?]+(?:\s+|$)|\n+|\s[-\u2013\u2014]+\s|,\s*(?:while|whereas|but|so|which|where|who|and|or)\b|\s(?:while|whereas)\s"
)
#: What ``_polar_words`` writes for a word that denies.
_NEG: Final = "\x00"
#: Words that deny what they stand before (not "than", "unlike": they compare).
_POLAR_NEGATORS: Final = frozenset(
    """not no never none nothing nobody neither nor without cannot cant isnt arent wasnt werent dont doesnt didnt
    wont hasnt havent hadnt shouldnt couldnt wouldnt mustnt aint""".split()
)
#: Words after "not" that deny only a restriction ("not only X but also Y" says X).
_POLAR_NOT_JUST: Final = frozenset({"only", "just", "merely", "simply", "solely"})
_POLAR_WORD_RE: Final = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@functools.lru_cache(maxsize=4096)
def _polar_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (folded) as a statement's polarity is read: the stem of a content word, "" for a
    little word, ``_NEG`` for a word that denies ("not", "never", "without", "can't"; not "not only")."""
    words = [w.replace("'", "") for w in _POLAR_WORD_RE.findall(_fold(text))]
    out: list[str] = []
    for k, w in enumerate(words):
        if w in _POLAR_NEGATORS or w.endswith("nt") and w[:-2] in _AUX_NT:
            out.append("" if w == "not" and k + 1 < len(words) and words[k + 1] in _POLAR_NOT_JUST else _NEG)
        elif w in ("t",) and out and out[-1] == "":
            out[-1] = _NEG  # ("can t" typed apart)
        elif w in STOP or w in _LITTLE or w in _POLAR_LITTLE or len(w) < 3 and not any(c.isdigit() for c in w) or _adverb(w):
            out.append("")  # (an adverb too: "does not typically work")
        else:
            out.append(stem(w))
    return tuple(out)


def _adverb(word: str) -> bool:
    """An adverb of manner or degree ("typically", "actually"), read as a little word: said or not, it turns
    nothing of a statement."""
    return len(word) > 5 and word.endswith("ly") and not word.endswith("ply") and word not in _NOT_ADVERBS


_NOT_ADVERBS: Final = frozenset({"family", "assembly", "anomaly", "monopoly", "butterfly"})
#: Words that join or count, read as little words by ``_polar_words`` ("and", "such", "any").
_POLAR_LITTLE: Final = frozenset(
    "and or but than then such both either any all each every some many much other another own same only".split()
)
#: Verbs whose "-n't" form denies ("isn't", "doesn't", typed without the apostrophe too).
_AUX_NT: Final = frozenset("is are was were do does did has have had should could would must wo ca ai need".split())


def _statements(question: str, explanation: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...], int, tuple[int, ...]]:
    """``Support.statements`` of a card, their texts, how many come from its question, and the sentence of each."""
    out: dict[tuple[str, ...], tuple[str, int]] = {}
    asked = 0
    sentence = 0
    for n, part in enumerate((question, explanation)):
        for whole in _SENTENCE_RE.split(part.replace("**", "")):
            sentence += 1
            for text in _STATEMENT_RE.split(whole):
                if text and text.strip():
                    plain = re.sub(r"\([^()]*\)", " ", text.replace("**", ""))
                    words = _polar_words(plain)
                    if any(w and w != _NEG for w in words):
                        out.setdefault(words, (_fold(plain).strip(), sentence if n else 0))
        if n == 0:
            asked = len(out)
    return tuple(out), tuple(t for t, _s in out.values()), asked, tuple(k for _t, k in out.values())


_SHORT_FORM_RE: Final = re.compile(r"((?:[a-z][\w-]* ){0,3}[a-z][\w-]*) \(([a-z][a-z0-9]{1,6})\)")


def _short_forms(explanation: str) -> tuple[tuple[str, str], ...]:
    """``Support.short_forms`` of a folded explanation: a short form in parentheses whose letters start the
    words (or the parts of hyphenated words) before it, last ones first ("quantization-aware training (qat)")."""
    out = []
    for m in _SHORT_FORM_RE.finditer(explanation):
        short = m.group(2)
        parts = [p for w in m.group(1).split() for p in w.split("-") if p]
        for k in range(len(parts) - 1, -1, -1):
            if "".join(p[0] for p in parts[k:]) == short:
                words = m.group(1).split()
                # (the words that hold those parts)
                taken: list[str] = []
                count = 0
                for w in reversed(words):
                    taken.insert(0, w)
                    count += len([p for p in w.split("-") if p])
                    if count >= len(parts) - k:
                        break
                out.append((" ".join(taken), short))
                break
    return tuple(out)


#: A remark's clause is read against a statement of the card when this many content words of it or more are
#: the statement's, in its order ...
_POLAR_MATCH: Final = 3
#: ... and they are this share of the clause's content words, and of the statement's words between them.
_POLAR_SHARE: Final = 0.6


def _lcs(a: Sequence[str], b: Sequence[str]) -> list[list[tuple[int, int]]]:
    """The index pairs of a longest common subsequence of ``a`` and ``b``, two ways where ties part them:
    taking the first words of ``b`` it can, and the last."""
    n, m = len(a), len(b)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            dp[i][j] = dp[i + 1][j + 1] + 1 if a[i] == b[j] else max(dp[i + 1][j], dp[i][j + 1])
    ways = []
    for early in (True, False):
        out = []
        i = j = 0
        while i < n and j < m:
            if a[i] == b[j] and (early or dp[i][j + 1] < dp[i][j]):
                out.append((i, j))
                i += 1
                j += 1
            elif dp[i + 1][j] >= dp[i][j + 1] if early else dp[i][j + 1] < dp[i + 1][j]:
                i += 1
            else:
                j += 1
        ways.append(out)
    return ways if ways[0] != ways[1] else ways[:1]


def _tightest(
    mine: Sequence[tuple[int, str]], theirs: Sequence[tuple[int, str]]
) -> tuple[list[tuple[int, int]], int]:
    """The common words of ``mine`` and ``theirs`` (a longest common subsequence, the one whose words lie
    closest together in ``theirs``) and how many of ``theirs`` lie from the first of them to the last."""
    best: tuple[list[tuple[int, int]], int] = ([], 0)
    for pairs in _lcs([w for _k, w in mine], [w for _k, w in theirs]):
        if not pairs:
            continue
        b0, b1 = theirs[pairs[0][1]][0], theirs[pairs[-1][1]][0]
        inside = sum(1 for k, _w in theirs if b0 <= k <= b1)
        if not best[0] or inside < best[1]:
            best = (pairs, inside)
    return best


def _polarity(words: Sequence[str], first: int, last: int, matched: frozenset[int]) -> int | None:
    """How many denials ``words`` say from the little words right before ``first`` ("no weights are updated",
    "can never be served") to ``last``; None where one of
    them denies a word that is not one of ``matched`` (the words the other side says too): "not a good measure"
    may be said "a poor measure", with no denial."""
    k = first
    while k > 0 and words[k - 1] in ("", _NEG):
        k -= 1
    count = 0
    for at in range(k, last + 1):
        if words[at] != _NEG:
            continue
        count += 1
        nxt = next((j for j in range(at + 1, len(words)) if words[j] and words[j] != _NEG), None)
        if nxt is None or nxt not in matched:
            return None
    return count


@functools.lru_cache(maxsize=8192)
def _content(words: tuple[str, ...]) -> tuple[tuple[tuple[int, str], ...], frozenset[str]]:
    """The content words of ``_polar_words`` (with their places), and their set."""
    out = tuple((k, w) for k, w in enumerate(words) if w and w != _NEG)
    return out, frozenset(w for _k, w in out)


def _polar_match(said: tuple[str, ...], statement: tuple[str, ...]) -> tuple[int, int] | None:
    """(how many words match, whether the piece says the statement the other way: 1 or 0) of a piece of a
    remark read against a statement of the card, or None where it does not say the statement: three content
    words or more of it in its order, most of the piece's and of the statement's words between them; or two,
    all the piece's and all the statement's words between them. A word in place of the statement's opposite
    one (``Tables.flips``: "increases" for "reduces") counts as matched and turns it, as an odd number of
    denials more or fewer over the words does (a double denial, or a denial and an opposite, say it again)."""
    mine, mine_set = _content(said)
    theirs, theirs_set = _content(statement)
    if len(mine_set & theirs_set) < min(_POLAR_MATCH - 1, len(mine)):
        return None  # (most statements: too few words in common to read further)
    # (at most the piece's words the statement says, or says the opposite of, can match: too few of the piece's)
    flips_table = tables().flips
    reach = sum(1 for _k, w in mine if w in theirs_set or not theirs_set.isdisjoint(flips_table.get(w, ())))
    if reach < _POLAR_SHARE * len(mine) or reach < _POLAR_MATCH - 1:
        return None
    pairs, _inside = _tightest(mine, theirs)
    if not pairs:
        return None
    flips = _flipped_in_gaps(mine, theirs, pairs)
    a0 = min(mine[pairs[0][0]][0], *(mine[i][0] for i, _j in flips)) if flips else mine[pairs[0][0]][0]
    a1 = max(mine[pairs[-1][0]][0], *(mine[i][0] for i, _j in flips)) if flips else mine[pairs[-1][0]][0]
    b0 = min(theirs[pairs[0][1]][0], *(theirs[j][0] for _i, j in flips)) if flips else theirs[pairs[0][1]][0]
    b1 = max(theirs[pairs[-1][1]][0], *(theirs[j][0] for _i, j in flips)) if flips else theirs[pairs[-1][1]][0]
    inside = sum(1 for k, _w in theirs if b0 <= k <= b1)
    n = len(pairs) + len(flips)
    if n < _POLAR_MATCH - 1 or n < _POLAR_SHARE * len(mine) or n < _POLAR_SHARE * inside:
        return None
    if n < _POLAR_MATCH and (n < len(mine) or n < inside):
        return None
    if flips and len(pairs) < _POLAR_MATCH - 1:
        return None  # (an opposite needs two words of the statement around it)
    here = _polarity(said, a0, a1, frozenset(mine[i][0] for i, _j in pairs) | {mine[i][0] for i, _j in flips})
    there = _polarity(statement, b0, b1, frozenset(theirs[j][0] for _i, j in pairs) | {theirs[j][0] for _i, j in flips})
    if here is None or there is None:
        return n, 0  # (a word denied that the other does not say: read as said the same way)
    return n, (here + there + len(flips)) % 2


def _flipped_in_gaps(
    mine: Sequence[tuple[int, str]], theirs: Sequence[tuple[int, str]], pairs: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The (``mine``, ``theirs``) indices of the words left between the same two matched words (or before the
    first, after the last, one word away) on both sides that are opposites of ``Tables.flips``."""
    flips_table = tables().flips
    out: list[tuple[int, int]] = []
    bounds = [(-1, -1), *pairs, (len(mine), len(theirs))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        lo_i, hi_i = i0 + 1, i1
        lo_j, hi_j = j0 + 1, j1
        if i0 < 0:
            lo_i, lo_j = max(lo_i, hi_i - 1), max(lo_j, hi_j - 1)
        if i1 >= len(mine):
            hi_i, hi_j = min(hi_i, lo_i + 1), min(hi_j, lo_j + 1)
        for i in range(lo_i, hi_i):
            turned = flips_table.get(mine[i][1])
            if not turned:
                continue
            j = next((j for j in range(lo_j, hi_j) if theirs[j][1] in turned), None)
            if j is not None:
                out.append((i, j))
                break
    return out


#: A statement of what a thing is ("It is not an ensemble", "it's RLHF").
_IT_IS_POLAR_RE: Final = re.compile(r"^\W*(?:it|this|that|they|these|he|she)(?:'s|'re| is| are| was| were)\b")


def turned_polarity(
    remark_text: str, support: Support, kept_texts: tuple[str, ...] = (), found: tuple[re.Pattern[str], ...] = ()
) -> bool:
    """A clause that says a statement of the card (its question, or a clause of its explanation) with a denial
    put in or taken out ("a SavedModel can't be served without the source code" where the card says "the model
    can be served without the source code"; "it's an ensemble" where it says "It is not an ensemble"): the
    words of ``_polar_match``, and an odd number of denials more or fewer over them (a double denial says the
    thing). Not where another statement of the card, or one of ``kept_texts`` (its key points), says the
    clause's words as the clause does. Where the key points are said of things (``found``: ``owners``), a piece
    that names one is read only against the statements of that thing and of none ("checkpoints can't be served
    without the source code" says nothing against "[a SavedModel] can be served without the source code")."""
    if not support.statements:
        return False
    kept_words = tuple(_polar_words(t) for t in kept_texts)
    asked = support.asked_statements
    whose = (*([-1] * asked), *(owner for owner, _w in _owned_statements(found, support))) if found else ()
    for piece in _STATEMENT_RE.split(remark_text):
        if not piece or not piece.strip():
            continue
        said = _polar_words(piece)
        content = [w for w in said if w and w != _NEG]
        if not content or (len(content) > 1 and len(support.statement_words.intersection(content)) < _POLAR_MATCH - 1):
            continue
        turned = kept = 0
        named = _owned(_fold(piece).lower(), found)[0] if found else set()
        for n_st, (statement, text) in enumerate(zip(support.statements, support.statement_texts, strict=True)):
            if named and whose and whose[n_st] != -1 and (len(named) > 1 or whose[n_st] not in named):
                continue  # (said of another thing, or of two)
            if len(content) == 1:
                # "It is RLHF" where the card says "It is not RLHF": the one word, and both say what it is
                mine = [w for w in statement if w and w != _NEG]
                if mine != content or not (_IT_IS_POLAR_RE.match(_fold(piece)) and _IT_IS_POLAR_RE.match(text)):
                    continue
                hit: tuple[int, int] | None = (1, (said.count(_NEG) + statement.count(_NEG)) % 2)
            else:
                hit = _polar_match(said, statement)
            if hit is None:
                continue
            n, odd = hit
            if odd and n_st >= support.asked_statements:
                turned = max(turned, n)
            else:
                kept = max(kept, n)
        if turned and any((hit := _polar_match(said, words)) is not None and not hit[1] and hit[0] >= turned for words in kept_words):
            continue  # (a key point says it so)
        if turned > kept:
            return True
    return False


def _name_re(name: str) -> str:
    """A pattern for a name said in a folded text: its words apart or hyphenated, plural or not."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", name) if w]
    return r"(?<![\w-])" + r"[\s-]?".join(words) + r"(?:s|es)?(?![\w-])"


#: Words a key point's first words must not be to name the thing it is said of ("the", "each").
_NOT_OWNERS: Final = STOP | _LITTLE | _POLAR_LITTLE | frozenset({"no", "not"})


@functools.lru_cache(maxsize=256)
def owners(keypoints: tuple[tuple[str, ...], ...], support: Support) -> tuple[re.Pattern[str], ...]:
    """``_things_of`` a card's key points (cached by what it reads of ``support``)."""
    return _things_of(keypoints, support.statement_texts[: support.asked_statements], support.short_forms)


@functools.lru_cache(maxsize=1024)
def _things_of(
    keypoints: tuple[tuple[str, ...], ...], asked: tuple[str, ...], short_forms: tuple[tuple[str, str], ...]
) -> tuple[re.Pattern[str], ...]:
    """The things a card's key points are said of, one pattern each, when there are two or more: of key points
    that are names (three words or fewer: "checkpoints", "SavedModel"), their forms; of key points that say
    something of a thing the question names ("bagging trains models independently ..."), that thing (its
    first word or two). With the short forms the explanation gives them ("post-training quantization (PTQ)")."""
    question = " ".join(asked)
    # (a question that asks how or why is answered by what things do, not by the things: "simulates Hamiltonian
    # dynamics" names nothing)
    short = all(len(syns[0].split()) <= _NAME_WORDS for syns in keypoints if syns) and not _HOW_WHY_RE.search(question)
    found: list[tuple[str, ...]] = []
    for syns in keypoints:
        if not syns:
            continue
        if short:
            names = [_fold(x).strip().lower() for x in syns if len(x.split()) <= _NAME_WORDS]
        else:
            words = re.findall(r"[a-z0-9][\w'-]*", _fold(syns[0]).lower())
            while words and words[0] in ("the", "a", "an"):
                words = words[1:]
            names = []
            for n in (2, 1):
                phrase = " ".join(words[:n])
                if len(words) > n and words[n - 1] not in _NOT_OWNERS and words[0] not in _NOT_OWNERS and re.search(_name_re(phrase), question):
                    names = [phrase]
                    break
        names += [sf for name in names for phrase, sf in short_forms if phrase.endswith(name) or name.endswith(phrase)]
        names = [n for n in names if n and n not in _NOT_OWNERS]
        if names and tuple(names) not in found and not any(set(names) & set(f) for f in found):
            found.append(tuple(names))
    if len(found) < 2:
        return ()
    return tuple(re.compile("|".join(_name_re(n) for n in names)) for names in found)


_HOW_WHY_RE: Final = re.compile(r"\b(?:how|why)\b")
#: A key point of this many words or fewer is a name.
_NAME_WORDS: Final = 3
#: What is left of a piece that says what its thing is ("[bagging] is inherently sequential").
_IS_RE: Final = re.compile(r"^\W*(?:is|are|was|were|'s|'re)\b")
#: A piece that opens with one of these says its thing of the one named before it.
_PRONOUN_RE: Final = re.compile(r"^\W*(?:it|they|its|their|this|these|he|she)\b")


def _owned(text: str, found: tuple[re.Pattern[str], ...]) -> tuple[set[int], str]:
    """Which of ``found`` a folded text names, and the text without those names."""
    named = set()
    for k, pattern in enumerate(found):
        if pattern.search(text):
            named.add(k)
            text = pattern.sub(" ", text)
    return named, text


def _owned_statements(
    found: tuple[re.Pattern[str], ...], support: Support
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """``_owned_statements_of`` the card's statements (a key cheap to look up: not the whole ``Support``)."""
    asked = support.asked_statements
    return _owned_statements_of(found, support.statement_texts[asked:], support.statement_sentences[asked:])


@functools.lru_cache(maxsize=256)
def _owned_statements_of(
    found: tuple[re.Pattern[str], ...], texts: tuple[str, ...], sentences: tuple[int, ...]
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Per statement of the explanation, the one of ``found`` it is said of (-1: none, -2: two or more; a
    statement that names none is said of the one its sentence named before it) and its words without the
    names."""
    out = []
    last, where = -1, -1
    for text, sentence in zip(texts, sentences, strict=True):
        named, rest = _owned(text, found)
        if len(named) == 1:
            owner = next(iter(named))
        elif named:
            owner = -2
        elif sentence == where and last >= 0 or _PRONOUN_RE.match(text) and last >= 0:
            owner = last
        else:
            owner = -1
        last, where = owner, sentence
        out.append((owner, _polar_words(rest)))
    return tuple(out)


def _said_match(said: Sequence[str], statement: Sequence[str]) -> tuple[int, frozenset[str]]:
    """How many content words of ``said`` a statement says in its order (0 unless most of them, and most of
    the statement's words between them: ``_polar_match``), and which."""
    mine, mine_set = _content(tuple(said))
    theirs, theirs_set = _content(tuple(statement))
    if len(mine_set & theirs_set) < min(_POLAR_MATCH - 1, len(mine)):
        return 0, frozenset()
    pairs, inside = _tightest(mine, theirs)
    if len(pairs) < _POLAR_MATCH - 1 or len(pairs) < _POLAR_SHARE * len(mine) or len(pairs) < _POLAR_SHARE * inside:
        return 0, frozenset()
    if len(pairs) < _POLAR_MATCH and (len(pairs) < len(mine) or len(pairs) < inside):
        return 0, frozenset()  # (two words: all the clause's, and all the statement's between them)
    return len(pairs), frozenset(mine[i][1] for i, _j in pairs)


def swapped_owner(remark_text: str, support: Support, found: tuple[re.Pattern[str], ...]) -> bool:
    """A clause that says of one of the things the key points are said of (``owners``) what the explanation
    says only of another ("bagging is inherently sequential" where it says "boosting is inherently sequential";
    "a lake stores cleaned, structured data" where a warehouse does): its words, but the thing's name, said by
    a statement of the other thing (``_said_match``) better than by any of its own, of none or of both, and
    not all said by one of its own."""
    if not found or not support.statements:
        return False
    statements = _owned_statements(found, support)
    last = -1
    for piece in _STATEMENT_RE.split(_fold(remark_text).lower()):
        if not piece or not piece.strip():
            continue
        named, rest = _owned(piece, found)
        if len(named) == 1:
            mine = next(iter(named))
        elif not named and last >= 0 and _PRONOUN_RE.match(piece):
            mine = last
        else:
            last = -1 if named else last
            continue
        last = mine
        said = [w for w in _polar_words(rest) if w and w != _NEG]
        if not said or len(said) < _POLAR_MATCH - 1 and not _IS_RE.match(rest):
            continue
        best: dict[int, int] = {}
        other = (0, frozenset[str]())
        for (owner, words), text in zip(statements, support.statement_texts[support.asked_statements :], strict=True):
            if len(said) == 1:
                # "bagging is inherently sequential" where "boosting is inherently sequential": the one word,
                # all the statement says of its thing
                theirs = [w for w in words if w and w != _NEG]
                n, which = (1, frozenset(said)) if theirs == said and _IS_RE.match(_owned(text, found)[1]) else (0, frozenset())
            else:
                n, which = _said_match(said, words)
            best[owner] = max(best.get(owner, 0), n)
            if owner >= 0 and owner != mine and n > other[0]:
                other = (n, which)
        if not other[0] or other[0] <= max(best.get(mine, 0), best.get(-1, 0), best.get(-2, 0)):
            continue
        own_words = [set(words) for owner, words in statements if owner == mine]
        if any(other[1] <= w for w in own_words):
            continue
        return True
    return False


def _words_of(runs: tuple[tuple[Tok, ...], ...]) -> frozenset[str]:
    """``Support.run_words`` of ``runs``."""
    return frozenset(w for run in runs for t in run for w in (t.word, t.stem))


def _run_word(t: Tok, flips: dict[str, frozenset[str]]) -> bool:
    """A word a sentence typed back is weighed by: a content word, a number, or a word of ``Tables.flips``."""
    return not t.stop or t.num or t.word in flips


def _runs(texts: Sequence[str]) -> tuple[tuple[Tok, ...], ...]:
    """``Support.runs`` of the card's sentences ``texts``."""
    flips = tables().flips
    out = []
    for text in texts:
        run = tuple(t for t in analyse_cached(text) if _run_word(t, flips))
        if len(run) > _FLIP_CONTEXT:
            out.append(run)
    return tuple(out)


#: A sentence of the card typed back with one word turned is weighed when this many of its words around that
#: one are typed as the card has them, in its order.
_FLIP_CONTEXT: Final = 3
#: ... and this many more where the card says the turned word somewhere else.
_SAID_ELSEWHERE: Final = 1
#: A turned word is turned back by a denial this many words after it that the card's sentence does not say.
_UNDONE_WITHIN: Final = 4


def _digit_slip(a: str, b: str) -> bool:
    """Two words that differ only in their digits ("l1" and "l2", "fp16" and "fp32")."""
    return a != b and any(c.isdigit() for c in a) and _DIGITS_RE.sub("", a) == _DIGITS_RE.sub("", b) != ""


_DIGITS_RE: Final = re.compile(r"\d+")


def _turned(said: Tok, card: Tok, flips: dict[str, frozenset[str]]) -> bool:
    """Whether the remark's word ``said`` says the other thing of the card's word ``card``: a pair of
    ``Tables.flips``, another number, or a name with other digits."""
    if said.stem == card.stem or said.neg != card.neg:
        return False
    if said.num and card.num:
        return True
    turned = flips.get(said.word) or flips.get(said.stem)
    return bool(turned and (card.word in turned or card.stem in turned)) or _digit_slip(said.word, card.word)


def flips_card_text(remark: Sequence[Tok], support: Support) -> bool:
    """Whether ``flipped_word`` finds a word turned in ``remark``, or ``denial_turned`` a denial put in or left
    out."""
    return bool(flipped_word(remark, support)) or denial_turned(remark, support)


#: A sentence of the card typed back with a denial put in or left out is weighed when this many of its words or
#: more, in its order, are typed as the card has them.
_DENIAL_CONTEXT: Final = 4


def denial_turned(remark: Sequence[Tok], support: Support) -> bool:
    """Whether a remark types a sentence of the card back, ``_DENIAL_CONTEXT`` of its words or more in its order,
    with a denial the card does not say there, or without the one it says ("AdaBoost - it cannot be shown to
    minimize an exponential loss" where the card says it can be; "RAG - the knowledge base is not kept separate"
    where it is), from the remark's first word that counts: and no sentence of the card says them so."""
    if not support.runs:
        return False
    flips = tables().flips
    said = [t for t in remark if _run_word(t, flips)]
    if len(said) < _DENIAL_CONTEXT:
        return False
    # (from the remark's first word that counts: one that speaks of another thing first says the sentence of that
    # thing, "elastic net - the L2 part alone never sets coefficients to zero" where the card says the L1 part can)
    for run in support.runs:
        for j in range(len(run) - _DENIAL_CONTEXT + 1):
            k = 0
            while k < len(said) and j + k < len(run) and said[k].stem == run[j + k].stem:
                k += 1
            if k < _DENIAL_CONTEXT:
                continue
            window = said[:k]
            if any(window[x].neg != run[j + x].neg for x in range(k)) and not _card_says(window, support.runs):
                return True
    return False


def flipped_word(remark: Sequence[Tok], support: Support) -> str:
    """Whether a remark after the answer types a sentence of the card back (its question or a sentence of its
    explanation) with one word turned into the other thing ("beam search, which keeps the k least probable
    sequences" for "... keeps only the k most probable ..."; "Adam, which keeps averages of future gradients"
    where the card says past ones): ``_FLIP_CONTEXT`` words or more around it typed as the card has them, and
    the turned words said nowhere in the card so (a card that says both sides says nothing turned). The word
    turned, as typed; "" if there is none."""
    if not support.runs:
        return ""
    flips = tables().flips
    said = [t for t in remark if _run_word(t, flips)]
    if len(said) <= _FLIP_CONTEXT:
        return ""
    # (a word the card says anywhere, it may say of this too: "a higher-order model" beside "lower-level models")
    card_words = support.run_words
    # (only a word that can be turned: a word of ``flips``, a number, a name with digits)
    turnable = [
        (i, r) for i, r in enumerate(said)
        if (r.word in flips or r.stem in flips or r.num or any(ch.isdigit() for ch in r.word))
    ]
    for run in support.runs:
        for i, r in turnable:
            for j, c in enumerate(run):
                if not _turned(r, c, flips):
                    continue
                before = 0
                while i - before > 0 and j - before > 0 and _same_word(said[i - before - 1], run[j - before - 1]):
                    before += 1
                after = 0
                while i + after + 1 < len(said) and j + after + 1 < len(run) and _same_word(said[i + after + 1], run[j + after + 1]):
                    after += 1
                if r.num and not after:
                    continue  # (a number needs its unit after it as the card has it: "57 subjects", not "4 options")
                if any(t.neg for t in said[i + 1 : i + 1 + _UNDONE_WITHIN]) and not any(
                    t.neg for t in run[j + 1 : j + 1 + _UNDONE_WITHIN]
                ):
                    continue  # (turned back by a denial after it: "discards the half that cannot contain it")
                # (a word the card says elsewhere needs more of the sentence around it: "stores data row by
                # column" where the card says "column by column" and speaks of row groups)
                need = _FLIP_CONTEXT + (_SAID_ELSEWHERE if r.word in card_words or r.stem in card_words else 0)
                if before + after >= need and not _card_says(said[i - before : i + after + 1], support.runs):
                    return r.word
    return ""


def _same_word(a: Tok, b: Tok) -> bool:
    return a.stem == b.stem and a.neg == b.neg


def _card_says(window: Sequence[Tok], runs: tuple[tuple[Tok, ...], ...]) -> bool:
    """Whether a sentence of the card holds ``window``'s words in its order."""
    n = len(window)
    for run in runs:
        for k in range(len(run) - n + 1):
            if all(_same_word(window[x], run[k + x]) for x in range(n)):
                return True
    return False


#: A condition under which the explanation says the answer becomes another thing: "With a beam width of 1 it
#: reduces to greedy decoding", "at temperature 0 it becomes greedy decoding", "when k = 1 it is just
#: nearest-neighbour classification".
_REDUCES_RE: Final = re.compile(
    r"\b(?:with|at|when|if|for)\s+([^,.;:()\n]{1,60}?),?\s+(?:it|this|the (?:method|model|algorithm))?\s*"
    r"(?:reduces to|becomes|is equivalent to|turns into|degenerates (?:in)?to|collapses (?:in)?to|is just|is simply)\b"
)


def _reductions(explanation: str) -> tuple[frozenset[str], ...]:
    """``Support.reductions`` of an explanation (folded)."""
    out = []
    for m in _REDUCES_RE.finditer(explanation):
        stems = frozenset(t.stem if not t.num else t.word for t in analyse_cached(m.group(1)) if not t.stop or t.num)
        if len(stems) >= 2:
            out.append(stems)
    return tuple(out)


#: A remark that says what the answer becomes under a condition says the card's reduction itself.
_BECOMES_RE: Final = re.compile(
    r"\b(?:reduces? to|becomes?|equivalent|equals?|turns? into|degenerates?|collapses?|is|it's|its|gives?|same as|like)\b|="
)


def _reduced(remark_text: str, remark: Sequence[Tok], support: Support) -> bool:
    """A remark that sets the condition under which the card says the answer becomes another thing ("beam
    search with a beam width of 1" where "with a beam width of 1 it reduces to greedy decoding"); not one that
    says what it becomes then ("beam search; with a width of 1 it is greedy decoding" restates the card)."""
    if _BECOMES_RE.search(_fold(remark_text)):
        return False
    said = {r.word if r.num else r.stem for r in remark if not r.neg}
    return any(condition <= said for condition in support.reductions)


def _asserts_any(
    remark: Sequence[Tok], stems: frozenset[str], own: frozenset[str], compounds: frozenset[tuple[str, ...]] = frozenset()
) -> bool:
    """The remark asserts (does not deny) a word whose stem is one of ``stems``, none of the answer's own words,
    nor a part of a word of ``compounds`` it says whole ("precision-oriented" where the card says it too)."""
    return any(
        not r.neg and not r.stop and r.stem in stems and r.word not in own and r.word != "minus"
        and not (compounds and _in_compound(remark, k, compounds))
        for k, r in enumerate(remark)
    )


def _in_compound(remark: Sequence[Tok], k: int, compounds: frozenset[tuple[str, ...]]) -> bool:
    """Whether the word at ``k`` and the ones around it say one of ``compounds`` whole."""
    for parts in compounds:
        n = len(parts)
        for start in range(max(0, k - n + 1), min(k, len(remark) - n) + 1):
            if tuple(r.stem for r in remark[start : start + n]) == parts:
                return True
    return False


def _counted_others(pieces: Sequence[str], answers: tuple[str, ...]) -> frozenset[str]:
    """``Support.counted_others`` of a card whose text is ``pieces`` (its question first) and whose accepted
    answers are ``answers``."""
    said = [t for a in answers for t in analyse_cached(a)]
    numbers = {t.word for t in said if t.num}
    units = {u for _n, u in _quantities(said)}
    if not numbers or not units:
        return frozenset()
    other: set[str] = set()
    rest = {t.stem for t in said}
    for i, part in enumerate(pieces):
        toks = analyse_cached(part)
        content = {t.stem for t in toks if not t.stop and not t.num}
        if i and any(u in units and n not in numbers for n, u in _quantities(toks)) and not any(t.word in numbers for t in toks):
            other |= content
        else:
            rest |= content
    return frozenset(other - rest - GENERIC)


#: A size written with its dimensions: "28x28", "16×16".
_SIZE_RE: Final = re.compile(r"\d+[x×]\d+")


def _quantities(toks: Sequence[Tok]) -> list[tuple[str, str]]:
    """The (number, the stem of the word right after it) pairs of ``toks``, but those said negated; and (number,
    "per " and the stem of the word after "per") for a number a "per" follows within a few words ("two
    forward-backward passes per step")."""
    out = [
        (t.word, u.stem)
        for t, u in zip(toks, toks[1:], strict=False)
        if (t.num or _SIZE_RE.fullmatch(t.word)) and not t.neg and not u.num and not u.stop and u.word.isalpha()
    ]
    for k, t in enumerate(toks):
        if t.num and not t.neg and t.word.isdigit():
            for j in range(k + 1, min(k + 1 + _PER_WITHIN, len(toks) - 1)):
                if toks[j].num:
                    break
                if toks[j].word == "per" and toks[j + 1].word.isalpha():
                    out.append((t.word, "per " + toks[j + 1].stem))
                    break
    return out


#: How many words after a number a "per" may come and still say what it counts per.
_PER_WITHIN: Final = 5


def _other_quantity(remark: Sequence[Tok], support: Support) -> bool:
    """A remark that gives a number of a unit the card counts in, a number the card never says ("each working in
    128 dimensions" where it says 64 dimensions, "32x32 pixels" where it says 28x28)."""
    units = {u for _n, u in support.quantities}
    # (a number the card says at all may be said of another thing: "64 of the 512 dimensions")
    return any(u in units and n not in support.words and n not in support.numbers for n, u in _quantities(remark))


#: Words that say there are few of a thing, and many (hundreds or more).
_FEW: Final = frozenset({"few", "handful", "couple", "several", "single"})
_MANY: Final = frozenset({"hundreds", "thousands", "millions", "billions", "trillions"})
#: Little words between a count or a share and what it counts ("a quarter of the activations").
_OF_THE: Final = frozenset({"of", "the", "a", "an", "its", "their", "his", "her", "all", "those", "these"})


def _counted(toks: Sequence[Tok], k: int) -> str:
    """The stem of the thing the count or share at ``k`` counts: the first content word after it, past little
    words, in its list item; "" if none."""
    for t in toks[k + 1 : k + 4]:
        if t.item != toks[k].item or t.num or t.neg:
            return ""
        if t.word in _OF_THE:
            continue
        return "" if t.stop or t.word in GENERIC or t.word in _MAGNITUDE else t.stem
    return ""


def _number(word: str) -> float | None:
    try:
        return float(word[:-1]) / 100 if word.endswith("%") else float(word)
    except ValueError:
        return None


def _shares(toks: Sequence[Tok]) -> list[tuple[float, str, bool]]:
    """The shares ``toks`` give of a thing, not denied: a fraction or a percentage before it ("half of the
    activations", "25% of the tokens", "one in four activations"), or "one activation in four"; each with
    whether a word of its list item before it takes it away ("discards half of the units")."""
    out = []
    for k, t in enumerate(toks):
        if not t.num or t.neg:
            continue
        value = _number(t.word)
        if value is None:
            continue
        share: tuple[float, str] | None = None
        if 0 < value < 1 and (what := _counted(toks, k)):
            share = (round(value, 4), what)
        elif (
            value >= 1 and k + 3 < len(toks) and toks[k + 2].word in ("in", "of") and toks[k + 3].num
            and not toks[k + 1].stop and not toks[k + 1].num and (whole := _number(toks[k + 3].word)) and whole > value
        ):
            share = (round(value / whole, 4), toks[k + 1].stem)
        if share is not None:
            out.append((*share, any(r.item == t.item and r.stem in _REMOVING for r in toks[:k])))
    return out


#: Stems of words that take a share of a thing away: what is left is the rest ("throws away three quarters").
_REMOVING: Final = frozenset(
    stem(w) for w in "discard drop remove throw away lose prune mask zero delete cut eliminate".split()
)


def _counts(toks: Sequence[Tok]) -> list[tuple[int, str]]:
    """How many of a thing ``toks`` say there are, not denied: a few (-1: "a few examples", "several experts")
    or hundreds or more (+1: "thousands of examples", "a hundred examples")."""
    out = []
    for k, t in enumerate(toks):
        if t.neg:
            continue
        if t.word in _FEW:
            size = -1
        elif t.word in _MANY or (
            t.num and (n := _number(t.word)) is not None and n >= 100 and not t.word.endswith("%") and not _YEAR_RE.fullmatch(t.word)
        ):
            size = 1
        else:
            continue
        what = _counted(toks, k)
        if what:
            out.append((size, what))
    return out


def _other_count(remark: Sequence[Tok], support: Support) -> bool:
    """A remark that gives another share of a thing than the card gives ("keeps half of the activations" where
    it says "keeping one activation in four"), or says there are hundreds or more of a thing where the card
    says a few, or the other way round ("needs thousands of examples in the prompt" where it says "from a few
    examples in the prompt")."""
    # (a share the card gives at all may be said of another thing: "a 50.7% chance" where it says "the
    # probability ... is about 50.7%" and "the chance ... to exceed 50%")
    said = {v for v, _w in support.shares} | {round(float(p) / 100, 4) for p in support.percents}
    for value, what, removed in _shares(remark):
        if removed and round(1 - value, 4) in said:
            continue  # (what is left of it: "throws away three quarters of the activations")
        if value not in said and any(w == what for _v, w in support.shares):
            return True
    for size, what in _counts(remark):
        theirs = {n for n, w in support.counts if w == what}
        if theirs and size not in theirs:
            return True
    return False


def _subject_name(sentence: str) -> list[str]:
    """The words of the name a sentence opens with, when it opens with one: a word with a capital letter past
    its first or a digit ("MFCCs", "GPT-2"), two capitalised words ("Deep Thought"), or a known term of two
    words or more ("Average pooling")."""
    words = re.findall(r"[\w][\w'-]*", sentence.replace("**", ""))[:4]
    if not words:
        return []
    if re.search(r"\w[A-Z0-9]", words[0]) and len(words[0]) >= 2:
        return words[:1]
    if len(words) >= 2 and words[0][0].isupper() and words[1][0].isupper():
        return words[:2]
    for k in (4, 3, 2):
        phrase = " ".join(words[:k]).lower()
        if len(words) >= k and phrase in tables().terms:
            return words[:k]
    return []


def _others_said(
    explanation: str, answers: tuple[str, ...], question: str
) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """``Support.others_said`` (not of a thing the question names: "Both MoE and stacking ..." for "MoE is one
    of which class of methods?")."""
    own = {t.stem for a in (*answers, question) for t in analyse_cached(a) if not t.stop}
    parts = [p for p in _SENTENCE_RE.split(explanation) if p.strip()]
    found: list[tuple[frozenset[str], frozenset[str]]] = []
    plain: set[str] = set()
    for part in parts:
        content = {t.stem for t in analyse_cached(part) if not t.stop and not t.num}
        name = _subject_name(part)
        subject = frozenset(t.stem for w in name for t in analyse_cached(w) if not t.stop and not t.num)
        if subject and not subject & own:
            found.append((subject, frozenset(content - subject)))
        else:
            plain |= content
    return tuple((subject, said - plain) for subject, said in found if len(said - plain) >= 2)


def _parts(explanation: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """``Support.parts`` of a folded explanation: a word (not a little one) that two words or more name a kind
    of ("integral term", "derivative term"; "training loss", "validation loss") makes each of them a part; what
    the card says of a part is the clause after it (past ", which"), up to a mark, when no other part is named
    in it."""
    pairs = [(m.group(1), m.group(2), m.end(2)) for m in _PAIR_RE.finditer(explanation)]
    kinds: dict[str, set[str]] = {}
    for first, second, _end in pairs:
        if second in _PART_HEADS and first.isalpha() and len(first) >= 3 and first not in STOP and first not in _NOT_PARTS:
            kinds.setdefault(second, set()).add(first)
    heads = {h for h, firsts in kinds.items() if len(firsts) >= 2}
    if not heads:
        return ()
    named = {f for h in heads for f in kinds[h]} | heads
    said: dict[str, set[str]] = {}
    for first, second, end in pairs:
        if second not in heads or first not in kinds[second]:
            continue
        clause = _PART_END_RE.split(explanation[end:], maxsplit=1)[0]
        words = re.findall(r"[a-z][a-z0-9]*", clause)
        if any(words[k] in named and words[k + 1] in heads for k in range(len(words) - 1)):
            continue  # (a clause that runs into another part says something of both: "..., added to the MSE term")
        said.setdefault(first, set()).update(
            stem(w) for w in words if w not in STOP and w not in _NOT_PARTS and len(w) >= 3 and w not in named
        )
    return tuple((stem(first), frozenset(stems)) for first, stems in said.items() if stems)


#: Two words in a row (overlapping: "the integral term").
_PAIR_RE: Final = re.compile(r"(?=\b([a-z][a-z0-9]*) ([a-z][a-z0-9]*)\b)")
#: Where what the card says of a part ends.
_PART_END_RE: Final = re.compile(r"[.;:()\[\]\n]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|and the|or the)\b")
#: Words that name a kind of part of a thing ("the integral term", "the validation loss").
_PART_HEADS: Final = frozenset(
    """term terms loss error layer layers step steps phase stage part component matrix gate head state network
    net distribution block node unit cell weights score rate pass set""".split()
)
#: Words before such a word that name no part: little words, and words that say how many or which.
_NOT_PARTS: Final = _LITTLE | frozenset(
    """and or but not its their this that these those each every per own one two three some any all both other
    same first second last next previous new which whose whole has have how much than""".split()
)


def _sides_of(toks: Sequence[Tok]) -> dict[int, set[int]]:
    """Per group of opposites, the sides ``toks`` say, not denied, by words listed alone ("time" of "test time"
    says no side)."""
    tabs = tables()
    sides = tabs.claim_sides
    out: dict[int, set[int]] = {}
    for t in toks:
        side = sides.get(t.stem)
        if side is not None and not t.neg and t.word in tabs.claim_side_words:
            out.setdefault(side[0], set()).add(side[1])
    return out


def _sided(explanation: str) -> tuple[tuple[frozenset[str], tuple[tuple[int, frozenset[int]], ...], tuple[str, ...]], ...]:
    """``Support.sided``."""
    sides = tables().claim_sides
    out = []
    for piece in _PIECE_RE.split(explanation):
        for clause in _CLAUSE_SPLIT_RE.split(piece):
            toks = analyse_cached(clause)
            said = _sides_of(toks)
            if said:
                stems = frozenset(t.stem for t in toks if not t.stop and not t.num and t.stem not in sides and len(t.word) >= 3)
                out.append((stems, tuple((g, frozenset(k)) for g, k in said.items()), tuple(t.stem for t in toks)))
    return tuple(out)


def _turns_a_side(remark: Sequence[Tok], support: Support, own: frozenset[str]) -> bool:
    """A clause that says one side of an opposite of a thing that a clause of the card says the other side of:
    two content words of it or more (not the answer's) said in both, the side word a few words from the same one
    of them in each, and neither saying both sides ("the forward noising process is itself learned" where the card says
    "a fixed forward process that adds noise")."""
    sides = tables().claim_sides
    for part in _split_items(remark):
        mine = {g: k for g, k in _sides_of(part).items() if len(k) == 1}
        if not mine:
            continue
        said = {
            r.stem for r in part
            if not r.stop and not r.num and r.stem not in sides and r.stem not in own and r.word not in own and len(r.word) >= 3
        }
        if len(said) < 2:
            continue
        seq = [r.stem for r in part]
        for stems, theirs, order in support.sided:
            shared = said & stems
            if len(shared) < 2:
                continue
            for g, k in theirs:
                if (
                    g in mine
                    and len(k) == 1
                    and k != mine[g]
                    # (any word of the other side in the card's clause, listed or not, weighs both: "large models
                    # reduce the impact")
                    and len({sides[st][1] for st in order if sides.get(st, (-1,))[0] == g}) == 1
                    and _near(order, g, shared, sides) & _near(seq, g, shared, sides)
                ):
                    return True
    return False


#: Words that say a quantity is large or grows (+1), or small or shrinks (-1), of the words next to them.
_MAGNITUDE: Final = {
    **{w: 1 for w in """high higher highest large larger largest big bigger biggest huge increase increases increased
    increasing raise raises raised raising grow grows grew growing more greater stronger strong strongest wider
    widen widens widened double doubles doubled doubling up""".split()},
    **{w: -1 for w in """low lower lowest small smaller smallest tiny decrease decreases decreased decreasing reduce
    reduces reduced reducing lowers lowered lowering shrink shrinks shrank shrinking less fewer weak weaker weakest
    narrower narrow narrows narrowed halve halves halved halving zero down""".split()},
}
#: Verbs that say only that a quantity is or becomes so ("goes up", "make the batch bigger", "set it low").
_BECOMING: Final = frozenset(
    """give gives gave giving yield yields produce produces go goes going went gone get gets got getting become becomes became becoming be is are was were been set sets
    turn turns turned turning make makes made making keep keeps kept stay stays stayed should must can""".split()
)
#: What sets two quantities side by side rather than tying them: a comparison with another thing, a ratio
#: said the other way ("inversely"), a condition denied.
_NOT_TIED_RE: Final = re.compile(r"\b(?:than|unlike|whereas|versus|vs|compared|inversely|inverse (?:of|to|relation\w*|proportion\w*)|opposite|rather|instead)\b")
#: Verbs that say what the answer does to a thing: raises or causes it (+1), lowers or prevents it (-1).
_EFFECT: Final = {
    **{w: 1 for w in """cause causes caused causing increase increases increased increasing raise raises raised
    raising worsen worsens worsened worsening amplify amplifies amplified amplifying boost boosts boosted boosting
    promote promotes promoted promoting induce induces induced inducing exacerbate exacerbates aggravate
    aggravates""".split()},
    **{w: -1 for w in """prevent prevents prevented preventing avoid avoids avoided avoiding reduce reduces reduced
    reducing lowers lowered lowering lessen lessens mitigate mitigates mitigated mitigating curb curbs
    alleviate alleviates alleviated suppress suppresses suppressed eliminate eliminates eliminated eliminating
    decrease decreases decreased decreasing combat combats sacrifice sacrifices sacrificed sacrificing""".split()},
}
#: Words after which an effect verb says what the thing before them does ("to prevent", "which reduces", "it
#: avoids", "and raises"), and words that may stand between ("which mainly reduces").
_EFFECT_AFTER: Final = frozenset({"to", "which", "that", "it", "they", "and", "this", "so"})
_EFFECT_ASIDE: Final = frozenset(
    {"also", "mainly", "usually", "often", "typically", "greatly", "largely", "further", "can", "may", "will", "helps", "help", "should", "does", "just", "only", "ever", "then", "simply", "actually", "really"}
)
#: A thing made worse, a thing given up: "makes overfitting worse", "at the cost of quality", "trades
#: diversity for fidelity" (the first given up, the second gained).
_WORSE_RE: Final = re.compile(r"\bmak(?:es?|ing)\s+(?:the\s+|its\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+worse\b")
_COST_RE: Final = re.compile(r"\bat\s+the\s+(?:cost|expense|price)\s+of\s+(?:the\s+|its\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)")
_TRADES_RE: Final = re.compile(
    r"\btrad(?:es?|ing)\s+(?:off\s+)?(?:the\s+|its\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+for\s+(?:the\s+|its\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
)


def _head(text: str) -> str:
    """The stem of the last content word of ``text`` (the head of a short noun phrase: "sample diversity")."""
    words = [t for t in analyse_cached(text) if not t.stop and not t.num and t.word not in GENERIC]
    return words[-1].stem if words else ""


def _effects(toks: Sequence[Tok], *, opening: bool = True) -> list[tuple[str, int]]:
    """What ``toks`` say the thing they are said of does to another thing: an effect verb (``_EFFECT``) that
    opens its list item or follows "to", "which", "it" ..., not denied, and the head of what follows it ("to
    prevent overfitting": overfit, -1). Not "reduces to" (becomes)."""
    out = []
    for k, t in enumerate(toks):
        sign = _EFFECT.get(t.word)
        if sign is None or t.neg:
            continue
        j = k - 1
        while j >= 0 and toks[j].item == t.item and toks[j].word in _EFFECT_ASIDE:
            j -= 1
        if (j >= 0 and toks[j].item == t.item and toks[j].word not in _EFFECT_AFTER) or (
            not opening and (j < 0 or toks[j].item != t.item)
        ):
            continue  # (not said of the thing spoken of; in the card, not the first word of a clause either)
        what: list[Tok] = []
        for u in toks[k + 1 : k + 5]:
            if u.item != t.item or u.neg or u.num or u.word in _MAGNITUDE or u.word in _BECOMING or u.word in _LIGHT:
                break
            if u.stop or u.word in _LITTLE:
                if what or u.word in ("to", "into"):
                    break
                continue
            what.append(u)
            if len(what) == 2:
                break
        content = [u for u in what if u.word not in GENERIC]
        if content:
            out.append((content[-1].stem, sign))
    return out


def _card_effects(pieces: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """``Support.effects`` of the card's question and explanation sentences ``pieces``."""
    found: dict[str, set[int]] = {}
    for piece in pieces:
        text = _fold(piece)
        if _NOT_TIED_RE.search(text) or _NEGATOR_RE.search(text):
            continue
        for what, sign in _effects(analyse_cached(piece), opening=False):
            found.setdefault(what, set()).add(sign)
        for m in _TRADES_RE.finditer(text):
            for group, sign in ((1, -1), (2, 1)):
                if what := _head(m.group(group)):
                    found.setdefault(what, set()).add(sign)
        for m in _COST_RE.finditer(text):
            if what := _head(m.group(1)):
                found.setdefault(what, set()).add(-1)
    return tuple((what, signs.pop()) for what, signs in found.items() if len(signs) == 1)


def _turns_effect(remark_text: str, remark: Sequence[Tok], support: Support) -> bool:
    """A remark that says the answer does the other thing to a thing than the card says ("ridge regression,
    which makes overfitting worse" where it adds the term "to prevent overfitting"; "truncation trick, which
    increases sample diversity at the cost of quality" where it "trades sample diversity for fidelity")."""
    theirs = dict(support.effects)
    said = list(_effects(remark))
    text = _fold(remark_text)
    if not _NEGATOR_RE.search(text):
        said += [(what, 1) for m in _WORSE_RE.finditer(text) if (what := _head(m.group(1))) and theirs.get(what) == -1]
        said += [(what, -1) for m in _COST_RE.finditer(text) if (what := _head(m.group(1)))]
    return any(theirs.get(what, sign) != sign for what, sign in said)


#: The stems of the generic words (a quantity named by one says nothing of which it is: "a larger model").
_GENERIC_STEMS: Final = frozenset(stem(w) for w in GENERIC)


def _split_items(remark: Sequence[Tok]) -> list[list[Tok]]:
    """``remark`` by its list items (the parts its commas and joins mark)."""
    out: dict[int, list[Tok]] = {}
    for r in remark:
        out.setdefault(r.item, []).append(r)
    return list(out.values())


def _near(stems: Sequence[str], group: int, shared: set[str], sides: dict[str, tuple[int, int]]) -> set[str]:
    """The words of ``shared`` that stand within ``_NEAR`` words of a word of opposites ``group`` in ``stems``."""
    at = [k for k, st in enumerate(stems) if sides.get(st, (-1,))[0] == group]
    return {st for k in at for j, st in enumerate(stems) if st in shared and abs(j - k) <= _NEAR}


#: How near a word of an opposite must stand to the thing it says it of.
_NEAR: Final = 3


def _swaps_parts(remark: Sequence[Tok], support: Support, own: frozenset[str]) -> bool:
    """A remark that names one part of the card (``Support.parts``) and says of it what the card says only of
    another one, two words of it or more ("the derivative term removes steady-state error" where the card says
    "the integral term, which removes steady-state offset" and "the derivative term, which damps overshoot")."""
    heard = {r.stem for r in remark if not r.neg}
    named = [(first, stems) for first, stems in support.parts if first in heard]
    if len(named) != 1:
        return False  # no part named, or two (the remark may weigh one against the other)
    mine, own_said = named[0]
    said = {
        r.stem for r in remark
        if not r.stop and not r.num and not r.neg and r.stem not in own and r.word not in own and r.stem != mine
    }
    for first, stems in support.parts:
        if first == mine:
            continue
        theirs = (said & stems) - own_said
        if len(theirs) >= 2 and len(theirs) > len(said & own_said):
            return True
    return False


def _said_of_another(remark: Sequence[Tok], support: Support, own: frozenset[str]) -> bool:
    """A remark that says of the answer what the card says only of another thing ("mel spectrogram, which
    applies a discrete cosine transform to the log filterbank energies" where it says "MFCCs go one step further
    by applying a discrete cosine transform"): three of its content words or more, most of them, said only in
    a sentence that opens with the other thing's name, which the remark does not say."""
    said = {r.stem for r in remark if not r.stop and not r.num and not r.neg and r.stem not in own and r.word not in own and len(r.word) >= 3}
    if len(said) < 3:
        return False
    for subject, theirs in support.others_said:
        if subject & said:
            continue
        both = said & theirs
        if len(both) >= 3 and 2 * len(both) > len(said):
            return True
    return False


def _pairings(explanation: str) -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """``Support.pairings``."""
    out = []
    for sentence in _SENTENCE_RE.split(explanation):
        words = re.findall(r"[\w][\w'-]*", sentence)
        names = {
            t.stem
            for w in words[1:]
            if w[0].isupper() or any(ch.isdigit() for ch in w)
            for t in analyse_cached(w)
            if not t.stop and not t.num and len(t.word) >= 2
        }
        stems = tuple(t.stem for t in analyse_cached(sentence) if not t.stop and not t.num)
        named = frozenset(n for n in names if n in stems)
        if len(named) >= 2:
            out.append((stems, named))
    return tuple(out)


def _owners(stems: Sequence[str], names: frozenset[str]) -> dict[str, str]:
    """Each word of ``stems`` but the ``names``, to the last of them said before it ("Gaussian in the original
    space and Student-t in the map": the space is the Gaussian's, the map the Student-t's)."""
    out: dict[str, str] = {}
    last = ""
    for st in stems:
        if st in names:
            last = st
        elif last:
            out.setdefault(st, last)
    return out


def _swaps_pairing(remark: Sequence[Tok], support: Support, own: frozenset[str]) -> bool:
    """A remark that pairs two things the card's sentence names with what the sentence says of each other
    ("a Gaussian in the low-dimensional map and a Student-t in the original space" where it says "Gaussian in
    the original space and Student-t in the map"): two words or more, each nearer the other name than in the
    card's sentence."""
    said = [r.stem for r in remark if not r.stop and not r.num and not r.neg]
    for stems, named in support.pairings:
        both = named & set(said)
        if len(both) < 2:
            continue
        card = _owners(stems, both)
        mine = _owners(said, both)
        swapped = {st for st, n in mine.items() if st not in own and st in card and card[st] != n}
        kept = {st for st, n in mine.items() if st not in own and card.get(st) == n}
        if len({mine[st] for st in swapped}) >= 2 and len(swapped) > len(kept):
            return True
    return False


#: What a sentence compares the answer with: "than ..." (not "rather than", "other than"), "unlike ...".
_COMPARISON_RE: Final = re.compile(r"(?:(?<!rather)(?<!other)\s+than|\bunlike)\b[^.,;:()\n]*", re.IGNORECASE)


def _denials(pieces: Sequence[str]) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """``Support.denials``: each run of denied words of the card's sentences, as the tokenizer reads them, but
    what they compare the answer with ("faster than a Boltzmann machine", "unlike PCA"), which they deny
    nothing of; with the content words of its clause before it. ``pieces``: the question and the explanation's
    sentences."""
    out: list[tuple[str, frozenset[str], frozenset[str]]] = []
    for part in pieces:
        for clause in _CLAUSE_SPLIT_RE.split(_COMPARISON_RE.sub(" ", part)):
            run: list[str] = []
            before: list[str] = []
            toks = analyse_cached(clause)
            for k, t in enumerate(toks):
                content = not t.stop and not t.num and t.word not in _ASIDE and len(t.word) >= 3
                if t.neg and content:
                    run.append(t.stem)
                elif content and not run:
                    before.append(t.stem)
                if run and (k + 1 == len(toks) or not toks[k + 1].neg):
                    out.append((run[0], frozenset(run), frozenset(before)))
                    run = []
    return tuple(dict.fromkeys(out))


#: Where a sentence's clauses part: a comma, a dash, "but", "while", "whereas".
_CLAUSE_SPLIT_RE: Final = re.compile(r",|\s[-\u2013\u2014]\s|\b(?:but|while|whereas)\b")


#: Words that set what follows them against the thing described: the explanation's "not X", "unlike X".
_CONTRAST_START_RE: Final = re.compile(
    r"\b(?:not|unlike|whereas|rather than|instead of|as opposed to|in contrast to|contrary to|as distinct from)\b"
)
#: The contrast words after which the explanation describes another thing, not the answer ("unlike greedy hill
#: climbing").
_OTHER_THING_WORDS: Final = frozenset({"unlike", "whereas", "as opposed to", "in contrast to", "as distinct from"})
#: Words that say nothing of the thing they are said of: "for example", "usually".
_SAYS_NOTHING: Final = frozenset(stem(w) for w in "example instance usually often typically generally also".split())
#: A sentence that starts by setting the answer against another thing: "It is not ...", "They are not ...".
_IT_IS_RE: Final = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:it|they|this|these|he|she)\s+(?:is|are|was|were)\s+$")
#: The end of a sentence, or of its part about the other thing (", and it can be faster than ...").
_SENTENCE_END_RE: Final = re.compile(r"[.!?;](?:\s|$)|\n|,?\s+(?:and|but|while|so|yet)\s+(?:it|they|this|these|he|she)\b")
#: A relative clause after what a contrast word sets against: ", which ...".
_WHICH_RE: Final = re.compile(r",?\s*(?:which|who|that)\s")
#: The end of such a relative clause.
_RELATIVE_END_RE: Final = re.compile(r"[,;:.!?()\n]|\s(?:but|and|so)\s")
#: The end of what a contrast word sets against: a clause mark, a parenthesis closed after it left in.
_CONTRAST_END_RE: Final = re.compile(r"[,;:.!?\n]|\s(?:but|and|which|that|so)\s")


def _contrasted_stems(
    raw: str, said: str, answers: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, ...]]]:
    """``Support.contrasted``: the names after a contrast word of the explanation ``raw`` (up to the end of
    its clause, with a parenthesis right after it: "not WordPiece (used by BERT)"), as stems, that the card
    says nowhere else, neither in the rest of the explanation nor in its question and answers (``said``). A
    name is a word written with a capital letter past its first ("WordPiece", "BERT") or with a digit. Then
    ``Support.contrast_words``: the stems of the other words of a scope after a word that sets another thing
    against the answer (``_OTHER_THING_WORDS``: "unlike greedy hill climbing") that the card says nowhere
    else. Last ``Support.compounds``."""
    explanation = _fold(raw)
    names = {w.lower() for w in re.findall(r"\b\w+\b", raw) if re.search(r"\w[A-Z0-9]", w)}
    inside: set[str] = set()
    scoped: set[str] = set()
    kept: list[str] = []
    scopes: list[str] = []
    at = 0
    for m in _CONTRAST_START_RE.finditer(explanation):
        if m.start() < at:
            continue
        rest = explanation[m.end() :]
        end = _CONTRAST_END_RE.search(rest)
        scope = rest[: end.start()] if end else rest
        if "(" in scope or (end and rest[end.start() :].lstrip(" ,").startswith("(")):
            close = rest.find(")")
            if close != -1:
                scope = rest[: close + 1]
        other_thing = m.group(0) in _OTHER_THING_WORDS
        if other_thing and end and (after := _WHICH_RE.match(rest, end.start())) is not None:
            # "unlike greedy hill climbing, which only ever accepts improvements": the relative clause describes
            # the other thing too, up to the end of its clause
            stop = _RELATIVE_END_RE.search(rest, after.end())
            scope = rest[: stop.start()] if stop else rest
        if m.group(0) == "not" and _IT_IS_RE.search(explanation, 0, m.start()):
            # "They are not the fundamental frequency (F0), the rate at which the vocal folds vibrate.": the rest
            # of the sentence describes the other thing
            ends = _SENTENCE_END_RE.search(rest)
            scope = rest[: ends.start()] if ends else rest
            other_thing = True
        kept.append(explanation[at : m.start()])
        scopes.append(scope)
        at = m.end() + len(scope)
        for w in re.findall(r"[a-z][a-z0-9]*", scope):
            if w not in STOP and len(w) >= 3:
                if w in names:
                    inside.add(stem(w))
                elif other_thing and len(stem(w)) >= 4:  # (not what "not" denies: "it has not improved")
                    scoped.add(stem(w))
    if not inside and not scoped:
        return frozenset(), frozenset(), frozenset()
    kept.append(explanation[at:])
    elsewhere_text = " ".join((*kept, _fold(said), *map(_fold, answers)))
    elsewhere = {stem(w) for w in re.findall(r"[a-z][a-z0-9-]*", elsewhere_text)}
    # (the hyphenated words said elsewhere, but those the scopes say too: "next-token" there and elsewhere may be
    # either thing's)
    compounds = frozenset(_hyphenated(elsewhere_text) - _hyphenated(" ".join(scopes)))
    return frozenset(inside - elsewhere - GENERIC), frozenset(scoped - elsewhere - GENERIC - _SAYS_NOTHING), compounds


def _hyphenated(text: str) -> set[tuple[str, ...]]:
    """The hyphenated words of a folded ``text``, by the stems of their parts ("precision-oriented")."""
    return {tuple(stem(p) for p in w.split("-") if p) for w in _HYPHENATED_RE.findall(text)}


_HYPHENATED_RE: Final = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")


def unsupported(
    remark_text: str,
    remark: Sequence[Tok],
    support: Support,
    own: frozenset[str],
    facts: Sequence[tuple[tuple[str, ...], bool]],
    answer: frozenset[str] = frozenset(),
    *,
    essay: bool = False,
    subjects: tuple[tuple[str, ...], ...] = (),
    terms: tuple[frozenset[str], ...] = (),
) -> bool:
    """A remark after the answer (``remark_text``, its words ``remark``) that says what the card does not
    support (the module's docstring). ``own``: the words and stems of the card's answers, which a remark may
    repeat ("you only look once"); ``facts``: what the answer is and is not; ``answer``: the stems of the
    answer's form. ``essay``: a clause of an essay answer, which is weighed for its absolute words and its
    denials of the card alone (an explanation sets things against others where a short remark does not), and
    for whom and when it credits the card's ``subjects`` (its names, as stems) with. ``terms``: the stems of the card's
    term and its aliases, by which the tables of who, when and where are looked up when they do not know the
    answer's form ("15%" for a card on masked language modelling)."""
    if _equates_with_another(remark_text, support, own):
        return True  # "faithful reasoning, it's the same thing as RAG"
    if essay:
        if not support.explained:
            return False
        if subjects and _misattributed(remark_text, remark, subjects):
            return True
        if terms and _credited_otherwise(remark_text, remark, support, own, facts, answer, terms):
            return True  # "it includes unanswerable questions; Google released it together with BERT"
        if support.definitions and _redefines(remark_text, support):
            return True
        if _NEGATOR_RE.search(_fold(remark_text)) and _denies_card(remark, support, own):
            return True
        if support.sided and _turns_a_side(remark, support, own):
            return True  # "the forward noising process is itself learned" where the card says it is fixed
        if _goes_without_what_card_says(remark_text, support, own):
            return True
        said_ = _said(remark_text)
        # (not "every": an explanation's steps happen at every step)
        absolutes = tuple(a for a in said_[2] if a[0] != "every") if said_ is not None else ()
        return bool(absolutes) and _absolute_unsupported(absolutes, remark, support, own, facts)
    if support.definitions and _defines_another(remark, support, answer):
        return True
    if support.explained and _contrasted(remark, support, own):
        return True
    if support.reductions and _reduced(remark_text, remark, support):
        return True  # "beam search with a beam width of 1" where the card says that is greedy decoding
    if (support.shares or support.counts) and _other_count(remark, support):
        return True  # "keeps half of the activations" where "keeping one activation in four"
    if support.quantities and _other_quantity(remark, support):
        return True  # "60,000 images of 32x32 pixels" where the card says 28x28
    if support.contrast_words and _asserts_any(remark, support.contrast_words, own, support.compounds):
        return True  # "50%, and the zeros can sit anywhere" where "unlike unstructured pruning where zeros can fall anywhere"
    if support.counted_others and _asserts_any(remark, support.counted_others, own):
        return True  # "8, the number the big Transformer uses" where the card gives the big one 16 heads
    if support.effects and _turns_effect(remark_text, remark, support):
        return True  # "ridge regression, which makes overfitting worse" where it is there "to prevent overfitting"
    if support.parts and _swaps_parts(remark, support, own):
        return True  # "the derivative term removes steady-state error" where the integral term does
    if support.others_said and _said_of_another(remark, support, own):
        return True  # "mel spectrogram, which applies a discrete cosine transform" where MFCCs do
    if support.pairings and _swaps_pairing(remark, support, own):
        return True  # "t-SNE, a Gaussian in the map and a Student-t in the original space"
    if support.denials and _asserts_denied(remark, support, own):
        return True  # "Deep Blue, which learned chess by playing against itself" where it "did not learn by self-play"
    if support.contrasted and _asserts_any(remark, support.contrasted, own):
        return True  # "byte-pair encoding, the tokenizer BERT uses" where the card says "not WordPiece (used by BERT)"
    if support.explained and _NEGATOR_RE.search(_fold(remark_text)) and _denies_card(remark, support, own):
        return True
    if support.withouts and _needs_what_card_does_without(remark_text, support):
        return True
    if support.explained and _goes_without_what_card_says(remark_text, support, own):
        return True
    if support.explained and _misfiled(remark_text, support, own, facts):
        return True
    if support.asked & _RELATING and _unrelated(remark_text, support, answer):
        return True
    if (answer or terms) and _miscredited(_fold(remark_text), remark, answer, terms):
        return True  # "a deep belief network, invented by Yann LeCun"
    if support.explained and _credited_elsewhere(remark_text, remark, support):
        return True  # "skip list, invented by Donald Knuth" where the card says William Pugh introduced it
    if support.explained and _names_another(remark_text, support, answer, terms):
        return True  # "AdaBoost, by Weizenbaum and Schapire" where the card says Freund and Schapire
    if "paper" in remark_text.lower() and _in_anothers_paper(_fold(remark_text), own, answer, terms):
        return True  # "teacher forcing, introduced in the Transformer paper in 2017"
    said_ = _said(remark_text)
    if said_ is None:
        return False
    text, named, absolutes, years, percents, without = said_
    if (answer or terms) and (years or "0s" in text) and _misdated(text, years, answer, terms):
        return True  # "backpropagation, invented in 2017"
    if named and _other_organisation(named, remark, support, own, facts, answer, terms):
        return True
    if not support.explained:
        # Without an explanation, what the question maps to what: a remark that maps it the other way round
        # ("vocoder, which turns an audio waveform into a mel spectrogram").
        return bool(support.pairs) and _maps_back(remark, support)
    if absolutes and _absolute_unsupported(absolutes, remark, support, own, facts):
        return True
    # (a year or share said negated is set against the card's: "15%, not 50%")
    asserted = {r.word for r in remark if not r.neg}
    if support.years and any(y not in support.years and y in asserted for y in years):
        return True
    if support.percents and any(p not in support.percents and f"{p}%" in asserted for p in percents):
        return True
    if support.pairs and _maps_back(remark, support):
        return True
    if support.needs and without and not _NEGATED_RE.search(text):
        # "without them it can already make images", "it runs without the code" (not "without them it can't",
        # "useless without the code")
        for what in without:
            if what in _PRONOUNS or stem(what) in support.needs:
                return True
    return False


def _other_organisation(
    named: frozenset[str],
    remark: Sequence[Tok],
    support: Support,
    own: frozenset[str],
    facts: Sequence[tuple[tuple[str, ...], bool]],
    answer: frozenset[str],
    terms: tuple[frozenset[str], ...],
) -> bool:
    """A remark naming organisations (``named``, of the text) none of which the card names, its facts name or
    ``data/orgs.yaml`` gives the answer (or the card's term), where one of those names others."""
    # (What the text says before the answer is no remark: "I'm only guessing, but k-means".)
    heard = {r.word for r in remark}
    same = _organisations().same
    named = frozenset(o for o in named if o.split()[0] in heard or any(a in heard for a, b in same.items() if b == o))
    if not named:
        return False
    stems = _organisations().stems
    known = support.orgs | {o for phrase, is_ in facts if is_ and (o := stems.get(phrase)) is not None}
    known |= _of_card(_orgs_by_name(), answer, terms)
    return bool(known) and not named & known and not any(o in own for o in named)


#: "paper" and the few words before it that may name the term whose paper it is ("the original 2017 transformer
#: paper", "Kingma and Ba's Adam paper").
_PAPER_RE: Final = re.compile(r"((?:[\w'-]+\s+){1,4})paper\b")


def _in_anothers_paper(text: str, own: frozenset[str], answer: frozenset[str], terms: tuple[frozenset[str], ...]) -> bool:
    """A remark that says the answer comes from the paper of another known term, whose people, years or
    organisations in the tables share none with the answer's ("teacher forcing, introduced in the Transformer
    paper": Williams and Zipser's, not Vaswani's). A term of the card's own ("from the Attention Is All You
    Need paper" on a transformer card) or one the tables do not know is not judged."""
    for m in _PAPER_RE.finditer(text):
        words = [t.stem for t in analyse_cached(m.group(1).replace("'s ", " ")) if not t.stop and not t.num]
        other = next(
            (name for n in range(min(_NAMED_WORDS, len(words)), 0, -1) if (name := frozenset(words[-n:])) and _in_tables(name)),
            None,
        )
        if other is None or other <= own:
            continue
        for table in (_people().by_name, _orgs_by_name()):
            mine, theirs = _of_card(table, answer, terms), table.get(other, frozenset())
            if mine and theirs and not mine & theirs:
                return True
        mine_years, their_years = _of_card(_years_by_name(), answer, terms), _years_by_name().get(other, frozenset())
        if mine_years and their_years and all(abs(a - b) > _YEAR_SLACK for a in mine_years for b in their_years):
            return True
    return False


def _in_tables(name: frozenset[str]) -> bool:
    """Whether the tables of who, when or where know a name (its content stems)."""
    return name in _people().by_name or name in _years_by_name() or name in _orgs_by_name()


def _credited_otherwise(
    remark_text: str,
    remark: Sequence[Tok],
    support: Support,
    own: frozenset[str],
    facts: Sequence[tuple[tuple[str, ...], bool]],
    answer: frozenset[str],
    terms: tuple[frozenset[str], ...],
) -> bool:
    """A clause of an essay that credits or dates the card's subject (``_CREDIT_RE``, ``_DATING_RE``) otherwise
    than the tables of who, when and where do (``_miscredited``, ``_misdated``, ``_other_organisation``)."""
    text = _fold(remark_text)
    if not (_CREDIT_RE.search(text) or _DATING_RE.search(text)):
        return False
    if _miscredited(text, remark, answer, terms):
        return True
    years = tuple(_YEAR_RE.findall(text))
    if (years or "0s" in text) and _misdated(text, years, answer, terms):
        return True
    if "paper" in text and _in_anothers_paper(text, own, answer, terms):
        return True
    named = frozenset(_orgs(text))
    return bool(named) and _other_organisation(named, remark, support, own, facts, answer, terms)


def _maps_back(remark: Sequence[Tok], support: Support) -> bool:
    """A remark that maps two things the card maps one to the other ("A ... to B") the other way round."""
    if not any(w in _TO_WORDS for w in (r.word for r in remark)):
        return False
    return any((b, a) in support.pairs and (a, b) not in support.pairs for a, b in _pairs(remark))


def _absolute_unsupported(
    absolutes: tuple[tuple[str, str, str], ...],
    remark: Sequence[Tok],
    support: Support,
    own: frozenset[str],
    facts: Sequence[tuple[tuple[str, ...], bool]],
) -> bool:
    """An absolute word of a remark (``absolutes``: each with what is said before and after it) that the card
    does not support ("k-means, which always finds the global optimum")."""
    heard = {r.word for r in remark}
    said = {p for phrase, is_ in facts if is_ for p in phrase}
    for word, before, after in absolutes:
        if word in own or word not in heard:
            continue
        if word in _RESTRICTING and (_restates(before, after, support) or _restricts_supported(after, support, own)):
            # "teacher forcing, used during training only" for "During training, what is ...?"; "only
            # changes the sampling, not the model" sets what it restricts against what it is not
            continue
        if word == "always" and _CONDITION_RE.search(f"{before} {after}"):
            continue  # "at 0 it always picks the most likely token": a step of a procedure, not a law
        if _HEDGED_BEFORE_RE.search(before):
            continue  # "never sets them exactly to zero": the absolute word denied
        if any(stem(w) in said for w in _ABSOLUTE[word]):
            continue
        if word == "any" and _superlative_said(before, after, support, own):
            continue  # "a wider margin than any other hyperplane" where the card says "the widest margin"
        if any(w in support.words for w in _ABSOLUTE[word]) and _says_absolute_of(word, after, support, own, said):
            continue
        if not _restated(remark, word, support, own):
            return True
    return False


@functools.cache
def _trigger() -> re.Pattern[str]:
    """Whether a remark may say anything ``unsupported`` weighs: a word of ``_ABSOLUTE``, an organisation, a
    digit, "to"/"into" or "without" (most remarks say none)."""
    names = "|".join(re.escape(o) for o in _organisations().names)
    return re.compile(r"\d|\b(?:to|into|without|" + "|".join(_ABSOLUTE) + "|" + names + r")\b")


@functools.lru_cache(maxsize=4096)
def _said(remark_text: str) -> tuple[str, frozenset[str], tuple[tuple[str, str, str], ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    """What ``unsupported`` reads in a response's text, once per text: the text folded, the organisations it
    names, its absolute words (with the text before and after each), its years and shares, and what it says
    the answer does without. None when it says none of them."""
    text = _fold(remark_text)
    if not _trigger().search(text):
        return None
    plain = _FIXED_PHRASES.sub(" ", text)
    absolutes = tuple((m.group(1), plain[: m.start()], plain[m.end() :]) for m in _ABSOLUTE_RE.finditer(plain))
    without = tuple(m.group(1) for m in _WITHOUT_RE.finditer(text))
    return (
        text,
        frozenset(_orgs(text)),
        absolutes,
        tuple(_YEAR_RE.findall(text)),
        tuple(_PERCENT_RE.findall(text)),
        without,
    )


def said_cache_clear() -> None:
    """Forget what ``unsupported`` read in past responses."""
    _said.cache_clear()


#: Words a contrast may say without saying what it sets against what ("per word", "the model").
_ASIDE: Final = GENERIC | _LITTLE | {"per"}


def _contrasted(remark: Sequence[Tok], support: Support, own: frozenset[str]) -> bool:
    """A remark that sets what the card does not say against what it does, denied after it ("teacher forcing,
    used mainly with image classifiers, not sequences", "computed once for the whole caption instead of per
    word" where the card speaks of sequences and of each word): the thing said the other way round. What it
    denies must be all the card's words, and what it asserts before that must say a word the card does not
    (a right remark sets the card's own words against another thing: "models the boundary rather than how
    the data was generated")."""
    first = next((k for k, r in enumerate(remark) if r.neg), -1)
    if first <= 0 or remark[first].item == remark[first - 1].item:
        return False  # (a denial set apart: ", not text", "rather than", "instead of"; not "never trained on")
    if remark[first].word in _NOT_JUST:
        return False  # "rather than just next-token prediction" says that and more
    denied: list[Tok] = []
    for r in remark[first:]:
        if not r.neg:
            break
        if not r.stop and not r.num and r.word not in _ASIDE and r.stem not in own and r.word not in own:
            denied.append(r)
    asserted = [
        r
        for r in remark[:first]
        if not r.stop and not r.num and r.word not in _ASIDE and r.word not in _ABSOLUTE and r.stem not in own and r.word not in own
    ]
    if not denied or not asserted or not support.explained:
        return False
    if not all(r.stem in support.stems or r.word in support.words for r in denied):
        return False
    if not any(r.stem not in support.stems and r.word not in support.words for r in asserted):
        return False
    # (unless the card denies it too: "..., not used for training" where it says "not used to train the tool")
    return not any(_denied_in(sentence, denied) for sentence in support.sentences)


def _asserts_denied(remark: Sequence[Tok], support: Support, own: frozenset[str]) -> bool:
    """A remark that asserts what the card denies: the first content word of one of its denials and others,
    half its content words or more, neither denied nor the answer's ("learned chess by playing against
    itself" where the card says "it did not learn by self-play"). A word of a compound counts for it ("play"
    for "self-play")."""
    asserted = {
        r.stem for r in remark if not r.neg and not r.stop and not r.num and r.word not in _ASIDE and r.stem not in own and r.word not in own
    }
    if len(asserted) < 2:
        return False
    for first, stems, before in support.denials:
        both = {s for s in stems if s in asserted or any(len(a) >= 4 and len(s) > len(a) and s.endswith(a) for a in asserted)}
        if first not in both:
            continue
        if len(both) >= 2 and 2 * len(both) >= len(stems) and not _said_plainly_in_a_clause(sorted(both), support, anywhere=True):
            # (but words a plain clause of the card says too: "a network that processes a sequence one step at a
            # time", where the card says so first, then "not a recursive network, which ... rather than a time sequence")
            return True
        # what the clause says it of, said too: "cluster sizes ... are meaningful" where the card says "cluster
        # sizes and the distances between clusters in the plot are not meaningful"
        if len(stems) == 1 and len(before & asserted - {first}) >= 2:
            return True
    return False


def _denied_in(sentence: str, denied: Sequence[Tok]) -> bool:
    """Whether ``sentence`` (of the card) says every word of ``denied`` after a word that denies it, in the
    clause the word opens ("not a neural net) of binary variables" denies no variables)."""
    for m in _NEGATOR_RE.finditer(sentence):
        scope = re.split(r"[,;:()\[\]]| but ", sentence[m.end() :], maxsplit=1)[0]
        after = _stems_of(scope)
        if all(r.stem in after for r in denied):
            return True
    return False


#: A word that denies what follows it (not "than" or "unlike", which compare).
_NEGATOR_RE: Final = re.compile(r"\b(?:no|not|never|without|none|nothing)\b|n't\b")
#: Words that open a clause about the thing before them.
_RELATIVE: Final = frozenset({"that", "which", "who", "whose", "where"})

#: Words of a card's sentence that deny or set something against another: such a sentence is no plain
#: statement a remark could deny.
_DENYING_RE: Final = re.compile(r"\b(?:not|no|never|without|instead|rather|unlike|nor|neither|cannot|n't|t)\b")


#: Words after "not" that deny only a restriction ("not just the weights", "not only text").
_NOT_JUST: Final = frozenset({"just", "only", "merely", "simply", "solely", "exclusively"})


def _denies_card(remark: Sequence[Tok], support: Support, own: frozenset[str]) -> bool:
    """A remark that denies what a sentence of the card plainly says ("StringLookup, there are no other output
    modes" where the card says "use the other output modes"): two words or more of one denial, none of them
    the answer's, all in one sentence of the card that denies nothing, and in none that denies something. "nothing"
    or "nobody" denies what its clause says after it ("nothing learns how to combine them")."""
    remark = _nothing_denies(remark)
    for stems, subject in _denied_runs(remark, own, _ASIDE | _QUANTIFIERS):
        if not stems:
            continue
        if len(set(stems)) < 2:
            # one word denied of what the remark says before it, as one of the card's sentences says both:
            # "the arm with the highest draw is not played" where it says "the arm with the highest draw is played"
            saying = [
                denies for said, denies in support.sentence_stems
                if said.issuperset(stems) and subject and len(said & subject) >= min(3, len(subject))
            ]
            if saying and not any(saying):
                return True
            continue
        # (a card that denies them itself somewhere supports the denial: "served without the source code")
        saying = [denies for said, denies in support.sentence_stems if said.issuperset(stems)]
        if saying and not any(saying):
            return True
        if saying and _said_plainly_in_a_clause(stems, support, subject or set()):
            return True  # "doesn't keep groups of correlated features" where "..., while the L2 part keeps groups ..."
    # The words for kinds of things count too, where three words or more are denied that one clause of the card
    # says plainly ("never sets any coefficient exactly to zero" where "the L1 part can set coefficients exactly
    # to zero, while ..."). (What the remark says before the denial must be said in that clause too: "the L2
    # part alone never sets coefficients to zero" is said of another part.)
    return any(
        subject is not None and len(set(stems)) >= 3 and _said_plainly_in_a_clause(stems, support, subject)
        for stems, subject in _denied_runs(remark, own, _LITTLE | _QUANTIFIERS)
    )


#: Words that deny what their clause says after them: "nothing learns how to combine them".
_NOBODY: Final = frozenset({"nothing", "nobody", "noone"})


def _nothing_denies(remark: Sequence[Tok]) -> Sequence[Tok]:
    """``remark`` with the words after "nothing" or "nobody" that opens its list item read as denied (the
    tokenizer denies after "no one" already), but "nothing to ...", "nothing but ...", "nothing about ..."."""
    k = next((k for k, r in enumerate(remark) if r.word in _NOBODY), -1)
    if k < 0 or k + 1 >= len(remark) or remark[k + 1].word in ("to", "but", "else", "more", "less", "about", "of") or remark[k + 1].neg:
        return remark
    if any(not r.stop for r in remark[:k] if r.item == remark[k].item):
        return remark  # (the subject of its clause only: "it says nothing about the effect size" denies nothing)
    item = remark[k].item
    return (*remark[: k + 1], *(r._replace(neg=True) if r.item == item else r for r in remark[k + 1 :]))


def _denied_runs(
    remark: Sequence[Tok], own: frozenset[str], aside: frozenset[str]
) -> list[tuple[list[str], set[str] | None]]:
    """The stems of each run of denied words of ``remark`` (not the answer's, nor numbers, nor the words of
    ``aside``), with the content stems the remark says before it (None after "not just": "not just the weights"
    says the weights and more, nothing of the subject denied); runs said of another thing ("handles data that
    isn't linearly separable") are left out."""
    runs: list[tuple[list[str], set[str] | None]] = []
    of_another: list[bool] = []
    before: set[str] = set()
    for k, r in enumerate(remark):
        content = not r.stop and not r.num and r.word not in aside and r.stem not in own and r.word not in own
        if not r.neg:
            if content:
                before.add(r.stem)
            continue
        if k == 0 or not remark[k - 1].neg:
            runs.append(([], None if r.word in _NOT_JUST else set(before)))
            # (but the answer's own words: "..., file system, which never replicates blocks" is said of it)
            of_another.append(
                k >= 2 and remark[k - 1].word in _RELATIVE and not remark[k - 2].stop
                and remark[k - 2].stem not in own and remark[k - 2].word not in own
            )
        if content:
            runs[-1][0].append(r.stem)
    return [run for run, other in zip(runs, of_another, strict=True) if not other]


#: Words that say how many, not what: "never sets any coefficient to zero".
_QUANTIFIERS: Final = frozenset({"any", "each", "every", "some", "all"})


def _stems_of(text: str) -> frozenset[str]:
    """The stems of the words of ``text`` (of the card, folded), as its letters read and as a response's words
    are read ("x·Φ" is one word of a response, "xf")."""
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text)) | {t.stem for t in analyse_cached(text)}


def _said_plainly_in_a_clause(
    stems: Sequence[str], support: Support, subject: set[str] | frozenset[str] = frozenset(), *, anywhere: bool = False
) -> bool:
    """``stems`` (and ``subject``, what the remark says them of) are all said in one clause of the card's sentences
    that denies nothing, and in no clause that denies something (a sentence may deny in another clause: "...,
    while the L2 part keeps them together instead of picking one"). With ``anywhere``, whatever other clauses say."""
    plain = False
    for sentence, (said, _denies) in zip(support.sentences, support.sentence_stems, strict=True):
        if not said.issuperset(stems):
            continue
        for clause in _CLAUSE_SPLIT_RE.split(sentence):
            if clause and _stems_of(clause).issuperset((*stems, *subject)):
                if _DENYING_RE.search(clause):
                    if not anywhere:
                        return False
                    continue
                plain = True
    return plain


def _name_keys(names: Sequence[str]) -> list[frozenset[str]]:
    """The stems (little words left out) of each of ``names`` and of their acronyms' expansions
    (``data/acronyms.yaml``): "bidirectional encoder representations from transformers" names BERT too."""
    expansions = _expansions()
    out = []
    for name in (*names, *(long for n in names for long in expansions.get(n.lower(), ()))):
        stems = frozenset(t.stem for t in analyse_cached(name) if not t.stop)
        if stems:
            out.append(stems)
    return out


@functools.cache
def _expansions() -> dict[str, tuple[str, ...]]:
    return {short.lower(): longs for short, longs in shipped_acronyms().items()}


#: A remark that says the answer is another thing: "the same thing as", "also called", "basically" ... and what
#: follows (the thing, an article before it left out).
_EQUATES_RE: Final = re.compile(
    r"\b(?:(?:the\s+)?same\s+(?:thing\s+|idea\s+|method\s+|technique\s+)?as|identical\s+to|equivalent\s+to|"
    r"another\s+(?:name|word|term)\s+for|(?:just|simply)\s+(?:an?\s+)?(?:other\s+|fancy\s+|new\s+)?(?:name|word|term)\s+for|"
    r"(?:also|otherwise|sometimes)\s+(?:called|known\s+as)|a\.?k\.?a\.?|basically|essentially)"
    r"\s+(?:just\s+)?(?:(?:the|a|an)\s+)?([a-z0-9][a-z0-9\- ]{0,60})"
)
#: A condition before such a phrase, in its clause: what follows is said of a case ("at 0 it's basically greedy").
_EQUATED_CASE_RE: Final = re.compile(r"\b(?:at|when|whenever|if|once|with|for)\b")
#: The most words a known term named after such a phrase has.
_EQUATED_WORDS: Final = 5


def _equates_with_another(remark_text: str, support: Support, own: frozenset[str]) -> bool:
    """A remark that calls the answer another known term of the field, one that is none of the card's names, no
    name of the same thing (``data/synonyms.yaml``, or an entry of ``data/facts.yaml`` that names both) and that the
    card's own text does not say ("faithful reasoning, it's the same thing as RAG"; "temperature, the same thing as
    the learning rate"). Only a known term right after the phrase counts ("basically a trainable lookup table" says
    what it is, not which other thing), and after "basically" or "essentially" only a rival of the answer
    (``_rival_of``): what follows them is often the broader kind it is ("k-means, basically clustering")."""
    text = _fold(remark_text)
    if not _EQUATES_RE.search(text):
        return False
    terms = tables().terms
    for m in _EQUATES_RE.finditer(text):
        if _EQUATED_CASE_RE.search(text[: m.start()].rsplit(",", 1)[-1]):
            continue  # under a condition: "at 0 it's basically greedy decoding"
        words = m.group(1).split()
        for n in range(min(_EQUATED_WORDS, len(words)), 0, -1):
            name = " ".join(words[:n]).strip("-")
            if name not in terms and name.rstrip("s") not in terms:
                continue
            if words[n : n + 1] in (["and"], ["or"]):
                break  # a kind of things it is one of: "same idea as ridge and lasso"
            stems = frozenset(t.stem for t in analyse_cached(name) if not t.stop)
            if not stems or stems <= own or any(st in support.words for st in name.split()) or _same_thing(stems, own):
                break
            if m.group(0).startswith(("basically", "essentially")) and not _rival_of(stems, own, name, support):
                break  # often the broader kind it is: "k-means, basically clustering"
            return True
    return False


def _rival_of(stems: frozenset[str], own: frozenset[str], name: str, support: Support) -> bool:
    """Whether a known term (its ``stems``, ``name`` as typed) is a rival of the card's answer: a rejected answer
    of the card, or the other side of a group of ``data/confusables.yaml`` one of whose sides the card names."""
    if all(w in support.rejected for w in name.split()):
        return True
    for group in tables().groups:
        sides = [{frozenset(p) for p in side.phrases} for side in group]
        mine = [k for k, side in enumerate(sides) if any(p and p <= own for p in side)]
        if mine and any(stems in side for k, side in enumerate(sides) if k not in mine):
            return True
    return False


def _same_thing(stems: frozenset[str], own: frozenset[str]) -> bool:
    """Whether a name (its stems) is another name of a thing the card names (``own``: the stems and words of the
    card's names): both names of one group of ``data/synonyms.yaml`` or of one entry of ``data/facts.yaml``."""
    tabs = tables()
    for entry in tabs.facts:
        names = [frozenset(n) for n in entry[0]]
        if any(stems == n for n in names) and any(n <= own for n in names if n != stems):
            return True
    for first in stems:
        for name, others in tabs.synonyms_by_first.get(first, ()):
            if frozenset(name) == stems and any(frozenset(stem(w) for w in o) <= own for o in others):
                return True
    for group in tabs.synonyms_by_first.values():
        for name, others in group:
            if frozenset(name) <= own and any(frozenset(stem(w) for w in o) == stems for o in others):
                return True
    return False


def _of_card(
    table: dict[frozenset[str], frozenset[_T]], answer: frozenset[str], terms: tuple[frozenset[str], ...]
) -> frozenset[_T]:
    """What ``table`` gives the answer (``_of_answer``), or else what it gives the card's term and aliases
    (``terms``: the stems of each): "sparse" answers a card on mixture of experts."""
    found = _of_answer(table, answer) if answer else frozenset()
    if found:
        return found
    said = frozenset(s for s in answer if s not in STOP)
    # A name of the card's own that the table does not know is looked up by the card's longer names that say it
    # ("ridge" by "ridge regression"), not by its other names ("foundation models" on a transformer card).
    own = said in terms
    out: frozenset[_T] = frozenset()
    for name in terms:
        if not own or (said < name):
            out |= _of_answer(table, name)
    return out


#: The most words of a name of the tables of who, when and where that ``named_terms`` looks for.
_NAMED_WORDS: Final = 4


def named_terms(text: str) -> tuple[frozenset[str], ...]:
    """The proper names of things that ``text`` (a card's question) says, written with a capital letter or in
    capitals, that the tables of who introduced a thing, when or where know (``data/people.yaml``, ``years.yaml``,
    ``orgs.yaml``), as the content stems of each, longest first: what a card without a term of its own is about
    ("Why is the Switch Transformer cheaper to run?"). A plain term of the question ("stacks sorted linked lists")
    is what the answer is made of or compared with as often as what it is, and is left out."""
    capitals = {stem(w.lower()) for w in _NAME_CAPS_RE.findall(text.strip()[1:])}
    if not capitals:
        return ()
    stems = [t.stem for t in analyse_cached(text) if not t.stop]
    tables_ = (_people().by_name, _years_by_name(), _orgs_by_name())
    out: list[frozenset[str]] = []
    for n in range(min(_NAMED_WORDS, len(stems)), 0, -1):
        for k in range(len(stems) - n + 1):
            name = frozenset(stems[k : k + n])
            if name & capitals and name not in out and not any(name < longer for longer in out) and any(name in t for t in tables_):
                out.append(name)
    return tuple(out)


#: A word written with a capital letter or in capitals ("Switch", "BERT", "SQuAD").
_NAME_CAPS_RE: Final = re.compile(r"\b[A-Z][\w-]*")


@functools.cache
def _orgs_by_name() -> dict[frozenset[str], frozenset[str]]:
    """``data/orgs.yaml``: each name's stems (``_name_keys``) -> the organisations (each group's first name in
    ``forms.yaml``) its term comes from."""
    same = _organisations().same
    out: dict[frozenset[str], frozenset[str]] = {}
    for names, by in shipped_orgs():
        orgs = frozenset(same.get(o, o) for o in by)
        for stems in _name_keys(names):
            out[stems] = out.get(stems, frozenset()) | orgs
    return out


def _of_answer(table: dict[frozenset[str], frozenset[_T]], answer: frozenset[str]) -> frozenset[_T]:
    """What ``table`` (by a name's stems) gives the answer whose form's stems are ``answer``, also without a word
    for its kind ("k-means algorithm")."""
    name = frozenset(s for s in answer if s not in STOP)
    return table.get(name) or table.get(frozenset(s for s in name if s not in GENERIC)) or frozenset()


@functools.cache
def _years_by_name() -> dict[frozenset[str], frozenset[int]]:
    """``data/years.yaml``: each name's stems (``_name_keys``) -> the years its term was introduced in."""
    out: dict[frozenset[str], frozenset[int]] = {}
    for names, when in shipped_years():
        for stems in _name_keys(names):
            out[stems] = out.get(stems, frozenset()) | frozenset(when)
    return out


#: A remark that dates the answer: it was introduced, invented, published ... in a year.
_DATING_RE: Final = re.compile(
    r"\b(?:invent|introduc|propos|describ|publish|releas|creat|develop|coin|came out|appeared|presented|first)\w*"
)
#: How far a year said may be from one the table gives (a conference year after the preprint's).
_YEAR_SLACK: Final = 1


def _misdated(text: str, years: tuple[str, ...], answer: frozenset[str], terms: tuple[frozenset[str], ...] = ()) -> bool:
    """A remark that dates the answer (``_DATING_RE``) to a year, or a decade ("the 1980s"), none of those
    ``data/years.yaml`` gives its name is near. ``answer``: the stems of the answer's form; ``years``: the
    years the remark says."""
    if not _DATING_RE.search(text):
        return False
    known = _of_card(_years_by_name(), answer, terms)
    if not known:
        return False
    said = [(int(y), int(y)) for y in years] + [(int(d) * 10, int(d) * 10 + 9) for d in _DECADE_RE.findall(text)]
    return bool(said) and all(k < low - _YEAR_SLACK or k > high + _YEAR_SLACK for low, high in said for k in known)


#: A remark that credits someone with the answer: invented, introduced, proposed ... by them.
_CREDIT_RE: Final = re.compile(
    r"\b(?:invent|introduc|propos|develop|creat|coin|devis|pioneer|publish|came up|credit|discover|popularis|"
    r"populariz|father|godfather|mother|assembl|collect|compil|design|author|(?:built|made|written) by)\w*"
)
#: Surnames this short are read only after a given name ("Kaiming He", not "by he").
_SHORT_SURNAME: Final = 3
#: How many words after "by" may name the people credited ("by Rumelhart, Hinton and Williams").
_BY_WORDS: Final = 6


class _People(NamedTuple):
    """``data/people.yaml`` as the grader reads it."""

    by_name: dict[frozenset[str], frozenset[str]]  # a name's stems -> the surnames of the people it credits
    surnames: frozenset[str]  # every surname of the table of more than ``_SHORT_SURNAME`` letters
    full: frozenset[tuple[str, str]]  # (the word before the surname, the surname) of everyone in the table


@functools.cache
def _people() -> _People:
    """``data/people.yaml``: each name's stems (``_name_keys``) -> the surnames of the people credited with it;
    every surname the table names."""
    by_name: dict[frozenset[str], frozenset[str]] = {}
    surnames: set[str] = set()
    full: set[tuple[str, str]] = set()
    for names, by in shipped_people():
        people = [re.findall(r"[a-z][a-z'-]*", _fold(person)) for person in by]
        last = frozenset(words[-1] for words in people if words)
        for words in people:
            if not words:
                continue
            if len(words[-1]) > _SHORT_SURNAME:
                surnames.add(words[-1])
            if len(words) > 1:
                full.add((words[-2], words[-1]))
        for stems in _name_keys(names):
            by_name[stems] = by_name.get(stems, frozenset()) | last
    return _People(by_name, frozenset(surnames), frozenset(full))


def _misattributed(clause: str, remark: Sequence[Tok], subjects: tuple[tuple[str, ...], ...]) -> bool:
    """An essay's clause that credits one of the card's names (``subjects``) to the wrong people or dates it to
    the wrong year ("it was invented by Yann LeCun in 1998" for a deep belief network)."""
    text = _fold(clause)
    years = tuple(_YEAR_RE.findall(text))
    for subject in subjects:
        answer = frozenset(subject)
        if _miscredited(text, remark, answer) or ((years or "0s" in text) and _misdated(text, years, answer)):
            return True
    return False


def _miscredited(
    remark_text: str, remark: Sequence[Tok], answer: frozenset[str], terms: tuple[frozenset[str], ...] = ()
) -> bool:
    """A remark that credits the answer (``_CREDIT_RE``) to people of ``data/people.yaml`` none of whom the
    table credits with it ("a deep belief network, invented by Yann LeCun"; "backprop, popularised by
    Rumelhart and Hinton" is right). ``answer``: the stems of the answer's form. A term the table does not list,
    or a remark that names nobody the table knows, is not judged."""
    if not _CREDIT_RE.search(remark_text):
        return False
    credited = _of_card(_people().by_name, answer, terms)
    if not credited:
        return False
    named = _credited_people([r.word for r in remark])
    return bool(named) and not named & credited


def _credited_elsewhere(remark_text: str, remark: Sequence[Tok], support: Support) -> bool:
    """A remark that credits the answer to people (those of ``data/people.yaml``, or names written with a capital
    after "by") the card's text never names, where the card says who introduced it."""
    if not _CREDIT_RE.search(_fold(remark_text)) or not any(_CREDIT_RE.search(s) for s in support.sentences):
        return False
    named = _credited_people([r.word for r in remark if not r.neg])
    for m in _BY_NAMES_RE.finditer(remark_text):
        named.update(w.lower() for w in re.findall(r"[A-Z][a-z][\w'-]*", m.group(1)) if w.lower() not in STOP)
    return bool(named) and not any(n in support.words or n.split("'")[0] in support.words for n in named)


#: A capitalised word inside a remark: a name ("Schapire", "DeepMind"), unless it opens a sentence.
_NAME_WORD_RE: Final = re.compile(r"(?<![.!?:]\s)(?<![./_=])\b([A-Z][a-z]+(?:[A-Z][a-z]+)*)\b")


def _proper_names(explanation: str) -> frozenset[str]:
    """``Support.proper`` of an explanation."""
    tabs = tables()
    out = set()
    for sentence in _SENTENCE_RE.split(explanation.replace("**", "")):
        for m in _NAME_WORD_RE.finditer(sentence.strip()):
            word = m.group(1).lower()
            if m.start() and word not in STOP and word not in tabs.term_words and word not in tabs.known:
                out.add(word)
    return frozenset(out)


def _names_another(
    remark_text: str, support: Support, answer: frozenset[str], terms: tuple[frozenset[str], ...] = ()
) -> bool:
    """A remark that names someone or something with a capitalised word the card's text never says, where the
    card names people or organisations itself ("AdaBoost, introduced by Weizenbaum and Schapire" where the card
    says Freund and Schapire; "a 2017 paper from Schmidhuber" where it says Google)."""
    if not support.proper:
        return False
    text = remark_text.strip()
    tabs = tables()
    # (the people ``data/people.yaml`` credits with the answer: "backprop, popularised by Rumelhart")
    credited = {w for name in _of_card(_people().by_name, answer, terms) for w in name.split()}
    for m in _NAME_WORD_RE.finditer(text):
        word = m.group(1).lower()
        if m.start() == 0 or word in support.words or word in STOP or word in tabs.term_words or word in tabs.known:
            continue
        if word in credited or word in support.rejected:
            continue
        return True
    return False


#: The words after "by" in a remark: "invented by Donald Knuth and Vaughan Pratt".
_BY_NAMES_RE: Final = re.compile(r"\bby\s+((?:\S+\s*){1,4})")


def _credited_people(words: Sequence[str]) -> set[str]:
    """The surnames of ``data/people.yaml`` that ``words`` name: a surname said with its given name ("Thomas
    Bayes", "Kaiming He"), after "by" ("by Hinton and Osindero") or just before a word that credits ("Hinton
    proposed"); a surname that is an ordinary word ("long") names nobody elsewhere."""
    people = _people()
    named = {b for a, b in zip(words, words[1:], strict=False) if (a, b) in people.full}
    for k, w in enumerate(words):
        if w == "by":
            named.update(x for x in words[k + 1 : k + 1 + _BY_WORDS] if x in people.surnames)
        elif w in people.surnames and any(_CREDIT_RE.match(x) for x in words[k + 1 : k + 3]):
            named.add(w)  # "which Hinton first proposed"
    return named


_DECADE_RE: Final = re.compile(r"(?<![\w.])((?:19|20)\d)0s\b")


#: An inequality sign, and the side it reads as lesser ("<" for a sign whose lesser side is its left).
_RELATION_RE: Final = re.compile(r"<=|>=|[≤≥<>⩽⩾]")
_LESSER_LEFT: Final = frozenset({"<", "<=", "≤", "⩽"})
_OPENING: Final = "([{"
_CLOSING: Final = ")]}"
#: Signs that join the parts of one side of an inequality, spaced or not ("E[X] / a", "g(n) + h(n)").
_ARITHMETIC: Final = frozenset("+-−*/·×^")


def _relation_side(text: str, i: int, step: int) -> str:
    """The side of an inequality that ends just before ``i`` (``step`` -1) or starts at ``i`` (``step`` 1): its
    brackets balanced, its parts joined by arithmetic signs; a space, a mark or another sign outside
    brackets ends it."""
    n = len(text)
    opening, closing = (_OPENING, _CLOSING) if step == 1 else (_CLOSING, _OPENING)
    j = i
    while 0 <= j < n and text[j] == " ":
        j += step
    start = j
    depth = 0
    while 0 <= j < n:
        ch = text[j]
        if ch in opening:
            depth += 1
        elif ch in closing:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            if ch == " ":
                k = j
                while 0 <= k < n and text[k] == " ":
                    k += step
                if 0 <= k < n and text[k] in _ARITHMETIC:
                    # a spaced sign joins the next part: "E[X] / a"
                    j = k + step
                    while 0 <= j < n and text[j] == " ":
                        j += step
                    continue
                break
            if ch in ",;?!:<>=≤≥⩽⩾" or (ch == "." and not (0 <= j + step < n and text[j + step].isdigit())):
                break
        j += step
    lo, hi = (start, j) if step == 1 else (j + 1, start + 1)
    return text[lo:hi] if lo < hi else ""


def _relation_fold(side: str) -> str:
    side = side.replace("−", "-").replace("–", "-").replace("·", "*").replace("×", "*")
    return re.sub(r"\s+", "", side).lower().strip(".,;:!?")


#: Words that make the inequality after them a condition, one case of several ("x for x > 0 and ... otherwise"):
#: a remark may speak of another case.
_CONDITION_BEFORE_RE: Final = re.compile(r"\b(?:for|when|whenever|if|where|while|given|otherwise|else)\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def relations_of(text: str, *, conditions: bool = True) -> tuple[tuple[str, str], ...]:
    """Each inequality ``text`` writes in symbols, as (lesser side, greater side), each side folded: "f(E[X]) ≤
    E[f(X)]" and "E[f(X)] ≥ f(E[X])" are both ("f(e[x])", "e[f(x)]"). Those inside a side are read too ("P(X ≥
    a) ≤ E[X] / a": X ≥ a as well). Without ``conditions``, not one said as a case ("for x > 0")."""
    if not _RELATION_RE.search(text):
        return ()
    found: list[tuple[str, str]] = []
    for m in _RELATION_RE.finditer(text):
        side = _relation_side(text, m.start() - 1, -1)
        if not conditions and _CONDITION_BEFORE_RE.search(text[: m.start()].rstrip()[: -len(side) or None]):
            continue
        left = _relation_fold(side)
        right = _relation_fold(_relation_side(text, m.end(), 1))
        if not re.search(r"[\w)\]|]$", left) or not re.match(r"[\w(\[|]", right):
            continue  # not an inequality between two things: an arrow ("->"), a sign typed alone
        found.append((left, right) if m.group(0) in _LESSER_LEFT else (right, left))
    return tuple(dict.fromkeys(found))


def _card_relations(texts: Sequence[str | None], answers: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``Support.relations`` of the card's ``texts`` (question, explanation), but those an accepted answer writes."""
    own = {r for a in answers for r in relations_of(a)}
    return tuple(dict.fromkeys(r for t in texts if t for r in relations_of(t, conditions=False) if r not in own))


def swaps_relation(remark_text: str, support: Support) -> bool:
    """A remark that writes an inequality of the card with its sides the other way round ("Jensen's inequality,
    which says E[f(X)] ≤ f(E[X])" where the question says f(E[X]) ≤ E[f(X)]), and not the card's way as well
    ("E[X] ≥ a ... never E[X] < a" weighs both). A remark that denies anything is not weighed: it may say the
    turned one is false."""
    if not support.relations or not _RELATION_RE.search(remark_text):
        return False
    said = relations_of(remark_text)
    if not said or _NEGATOR_RE.search(_fold(remark_text)):
        return False
    card = set(support.relations)
    return any((b, a) in card and (b, a) not in said and a != b for a, b in said)


def credited_names(stems: frozenset[str], surname: str) -> tuple[frozenset[str], ...]:
    """The names of ``data/people.yaml`` (as stems) that ``stems`` says whole and that the table credits to the
    person of ``surname``, with the surnames of those it credits with them: what a remark after that person's
    name may say of them ("Torvalds, who also created Git"; "Kingma, who also co-wrote the Adam paper")."""
    if not surname:
        return ()
    found = []
    for name, people in _people().by_name.items():
        if surname in people and name <= stems:
            found.append(name | people)
    return tuple(found)
