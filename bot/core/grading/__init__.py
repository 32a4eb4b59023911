"""Typed-answer grader: tolerant of spelling, never fooled by a near-miss.

The grader works on tokens, never on a whole-string similarity score (a whole-string ``WRatio`` accepts
"dense, not sparse" for "sparse" and "L1 or L2" for "L2"):

1. ``normalise`` folds chat junk away: Discord mentions, markdown, spoilers, code spans, emoji,
   full-width letters, subscripts, zero-width characters, accents and homoglyphs.
2. The answer is cut into tokens that remember their *polarity* ("not temperature" is a negated
   token), which *list item* they sit in ("L1 or L2" is two items) and their stem (plurals).
   Numbers are canonical ("fifty thousand" == "50k" == "50,000"; "seven times" == "7x"), a number word,
   scale or unit misspelt by one slip past its first letter too ("ninty-five precent", "sixty thosand",
   "8 kiloherz"; right with the spelling noted), but a slip that spells a word of its own ("tree", "forth").
3. Each accepted answer (and its acronym/expansion variants, and the names it offers: "L1 / lasso",
   "skip (residual) connections", "overfitting: the model fits noise") is aligned token by token. "and",
   "or" and "nor" that join nothing, first in an answer, are words of it ("AND gate" is not "OR gate"). A token
   matches exactly (same word, stem, number or compound: "alpha zero" for "AlphaZero", "mergesort" for
   "merge sort"), or as a typo (OSA distance within a
   tolerance that grows with word length; never for short words or anything with a digit, but for a
   digit typed for the letter it looks like: "drop0ut"), or as a short form in no table: a word cut
   short ("archit", "recog."; never a known term, nor a word of ``data/prefix_words.txt`` unless
   dotted), its letters kept in order without vowels ("trnsfmr") or with letters left out
   ("postiori"), or another ending of the same root ("automatic" for "automated"). Words that say
   what kind of thing the answer is ("Adam optimizer") or what a number counts ("16 bits") may be
   left out.
4. Near-misses are caught before typos: the card's ``reject`` list, a shipped table of confusable
   terms (``data/confusables.yaml``) and a rule for antonym prefixes (un-, non-, self-, over/under,
   en/de ...). A typo that spells another real word is "almost", with a suggestion.
5. Meaning traps: a negated answer, a competing item ("L1 or L2", "dropout and L2") and a keyword dump
   are wrong (a thing named from a word that says how the answer is, "adapters" beside "adaptive", is a
   second answer; an answer that is one name with "and" inside, an expansion or a term of the field, is no list:
   "simultaneous localization and mapping, wav2vec" offers two); so are the question's own words typed back
   ("CNN" for "What does CNN stand for?", even where the card lists the acronym among its answers), the
   words of a fixed name in another order, a longer known term around the answer ("root mean squared
   error"), a qualifier opposite to the question's, before or after the answer ("low temperature",
   "learning rate too low" for "A high ___ ..."), and a trailing claim: one naming a rival of the
   question's terms ("ridge, which adds the L1 penalty"), tying the question's opposites the other
   way round, or denying what the answer is (``data/facts.yaml``: "Adam, which uses no momentum"), denying a
   word of the answer itself ("..., with no humans involved") or saying what a rival of the answer is (the
   reject list, the confusable table: "masking, which randomly zeroes units during training"); or one that
   says what the card's own text does not support (``support``): an absolute word ("which only works on
   text"), a year or share other than the card's, another organisation, a mapping the other way round, doing
   without what the card says is needed. "skips", "drops" and "stops" deny what follows them ("halts once
   the loss stops improving" is "has not improved"), but not where the answer is the skipping itself
   ("stochastic depth, which skips residual blocks"); "has nothing to do with" denies too. Denying a
   narrower thing than the question says is no clash ("not the true motion field" of "apparent motion").
6. Known terms (``terms``): the shipped vocabulary (``data/terms.txt``, the acronym tables) and the names
   of every loaded deck (``register_deck_terms``); a typo that spells one is not accepted.
7. Other ways of saying it (``data/forms.yaml``): yes/no words ("I don't think so" says no, "I think so"
   yes), short forms ("temp", "std dev"), more acronyms; numbers in any form ("0.15" == "15%", "II" == "2",
   "2nd" == "second", "10⁻³", "1 in 4", "175 thousand million", "512/8 = 64"; rounded where the card asks for
   a rough number); a product typed with an "x" between two factors ("n x d", "3x3" == "n × d", "3 × 3");
   a surname alone where the question asks for a person ("who", "whose", "which researcher"); letters
   typed one by one ("p.c.a."); talk around a bare answer that says nothing of it ("Hmm, Adam", "Oh I
   know this one, Adam", "Adam, final answer", "Adam, right?": ``grader.without_chatter``; on a yes-or-no
   card, talk that may say yes or no itself, "certainly", "of course", is read with the answer).

Essay cards are graded by key points ("hybrid | mixed approach" lists synonyms) with partial credit; a point
whose words are there with one of them denied or turned ("directed" for "undirected") is not made, and a
contradicted point beside made ones leaves the answer partial.

The result is a ``Verdict``: a kind, a score, a reason code and its parameters; each surface words it
(``cogs/_verdicts.py`` for Discord, ``bot/cli/render.py`` for the terminal).

Speed: what does not depend on the response (each accepted answer's forms, rivals, free words, every
word a typo may stand for, the parts of a name, the words of the second looks) is compiled once per card
and cached (``compile_card``; ``prepare`` compiles a deck ahead of its first answers). A response is
tokenised once and its near-spellings are looked up once for all forms (``response``); what its words can
match at all is found once too (``alignment.Reach``), so that a form they cannot cover is not aligned.
``grade_card_async`` compiles a card and grades a long answer in slices, giving the event loop back
between them.

Modules: ``normalise`` (chat junk), ``vocabulary`` (word lists), ``numbers``, ``tokens``, ``tables``
(shipped data), ``terms`` (known terms, answer shapes), ``variants`` (compiled answers), ``typos``,
``response`` (one response, indexed), ``alignment``, ``verdicts``, ``support`` (what a card's text supports
a remark in), ``keypoints``, ``compiled`` (a card compiled), ``grader``.
"""

from __future__ import annotations

from bot.core.grading._native import KIND as BUILD  # first: chooses the compiled grader or the sources
from bot.core.grading.compiled import (
    clear_caches,
    compile_card,
    install_deck_terms,
    is_compiled,
    prepare,
    prepare_deck_terms,
    register_deck_terms,
)
from bot.core.grading.grader import SLICE_FROM, grade, grade_card, grade_card_async
from bot.core.grading.normalise import MAX_CHARS, MAX_TOKENS, normalise
from bot.core.grading.tables import tables as _tables  # (not ``tables``: that name is the submodule)
from bot.core.grading.terms import without_kind_words
from bot.core.grading.variants import compile_answer
from bot.core.grading.vocabulary import STOP as _STOP

__all__ = [
    "BUILD",
    "MAX_CHARS",
    "MAX_TOKENS",
    "SLICE_FROM",
    "clear_caches",
    "compile_answer",
    "field_terms",
    "little_word",
    "compile_card",
    "grade",
    "grade_card",
    "grade_card_async",
    "is_compiled",
    "normalise",
    "prepare",
    "install_deck_terms",
    "prepare_deck_terms",
    "register_deck_terms",
    "without_kind_words",
]


def field_terms() -> frozenset[str]:
    """The shipped vocabulary of the field's known terms, lower case (``data/terms.txt``, acronyms and their
    expansions)."""
    return _tables().terms


def little_word(word: str) -> bool:
    """Whether the grader passes ``word`` (lower case) over as talk, naming nothing ("about", "the", "maybe")."""
    return word in _STOP
