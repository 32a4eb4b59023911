"""Which wrong chat messages are guesses: the rule that makes a chat answer cost a try, as the answer box does.

With chat answers on (``TUTOR_CHAT_ANSWERS``) every message in a quiz's channel is graded. A right one scores; a
wrong one is said nothing of either way. But a wrong message that is a *guess* costs its player a try on the
question, as a wrong answer in the answer box does (the same count, shared with the box: ``scoring.tries_allowed``),
so that candidates typed one after the other ("relu", "tanh", "sigmoid", "gelu" ...) cannot run through the answers
until one scores. Talk in the channel costs nothing and is not stored.

The rule (``is_guess``), for a message the grader did not take as right, nor as empty ("ok", an emoji: nothing to
grade): it is a guess when

1. the grader found the answer close by: "almost" (a slip that spells another word) or partial (some of a list's
   items, some key points); or
2. the grader names what it recognised in it (``GUESS_REASONS``): a rival or a rejected answer of the card ("top-k"
   for "temperature"), the answer hedged or set beside another ("top-k or temperature"), the answer ruled out, a
   list of terms, a number other than the answer's, a claim against a key point; or
3. what it says, talk words at either end left out, is a known term of the field (the shipped vocabulary or a name in a loaded
   deck: "gelu", "maybe nucleus sampling?", however many words the term has); or
4. it is short (at most ``SHORT_WORDS`` words) and not plain talk: some word of it is no talk word
   (``TALK_WORDS`` and the words the grader passes over, "the", "maybe", "lol"), and it does not open with a
   question word ("who made this?").

Anything else is talk: "lol this one is hard", "no idea", "who made this deck?", "wait what", a long sentence.
A yes/no (true/false) question has a rule of its own (``QuizService.answer``): only a message that says the other
answer is a try there.
"""

from __future__ import annotations

import logging
import re
from typing import Final

from bot.core.grading import little_word, normalise
from bot.core.grading.terms import named_terms
from bot.core.models import Verdict, VerdictKind, VerdictReason

log = logging.getLogger(__name__)

#: A message of at most this many words (as the grader reads them) is short: a guess unless it is plain talk.
SHORT_WORDS: Final = 3

#: The grader's reasons that name something it recognised in a wrong answer: such a chat message is a guess.
GUESS_REASONS: Final = frozenset(
    {
        VerdictReason.DID_YOU_MEAN,
        VerdictReason.NEAR_MISS,
        VerdictReason.PICK_ONE,
        VerdictReason.NOT_ONE_OF,
        VerdictReason.HEDGED,
        VerdictReason.KEYWORD_LIST,
        VerdictReason.NEGATED,
        VerdictReason.CLASH,
        VerdictReason.REJECTED,
        VerdictReason.CONTRADICTS,
        VerdictReason.UNSUPPORTED_CLAIM,
        VerdictReason.PARTIAL_LIST,
        VerdictReason.PARTIAL,
    }
)

#: Words of chat talk that name no answer (besides those the grader itself passes over: ``little_word``):
#: reactions, greetings, asking and saying one does not know, how hard or fast a question is.
TALK_WORDS: Final = frozenset(
    """lmao lmfao rofl hah heh hehe xd omg omfg wtf wth damn dang ugh argh hmm hmmm huh eh meh oh ah
    aw oof yikes bruh bro dude guys man wow whoa woah nice cool great good gg ggs wp rip yay yes no nope nah yup
    ya ye true hi hello yo sup bye cya brb afk ty thank np hf ikr fr tbh imo idc
    who what why how when where whose anyone anybody someone somebody everyone nobody
    wait hold sec moment again next skip same here too much hard harder hardest easy easier tough tricky
    difficult fast quick slow late early close almost clue idea know knew forgot forget remember got get lost
    confused stuck help hint hints question questions quiz deck card cards answers missed typo one ones had have
    has give gave up done go lets let congrats congratulations gj gz ez gl brain hurts tongue tip dont doesnt
    didnt cant youre see say luck lucky everyone thanks thx sorry oops whoops lag laggy bot me my win won lose
    winning losing ready start play playing gotta gtg later night morning yeah ok okay kk sure fine wrong right
    correct nooo""".split()
)

#: Question words: a message opening with one asks the channel something ("who made this?").
_QUESTION_WORDS: Final = frozenset({"who", "what", "why", "how", "when", "where", "whose", "anyone", "does", "did"})

#: Laughter and letters held down ("hahaha", "lolol", "noooo", "hmmmm"), read as the talk word they stretch.
_LAUGH_RE: Final = re.compile(r"(?:a?h+a+)+h*|(?:l+o+)+l+|(?:l+m+f*a+o+)+|x+d+|(?:h+e+)+h*")
_HELD_RE: Final = re.compile(r"(.)\1{2,}")


def _talk(word: str) -> bool:
    """Whether ``word`` (as ``normalise`` gives it) names no answer."""
    if little_word(word) or word in TALK_WORDS or _LAUGH_RE.fullmatch(word):
        return True
    held = _HELD_RE.sub(r"\1", word)  # "noooo", "sooo", "hmmmm": a letter three times or more, once
    return held != word and (held in TALK_WORDS or little_word(held))


def is_guess(verdict: Verdict, response: str) -> bool:
    """Whether a wrong chat message is a guess at the answer (it costs a try) rather than talk (free); see the
    module docstring for the rule. A right or an empty verdict is neither: it is never asked about."""
    if verdict.correct or verdict.kind is VerdictKind.EMPTY:
        return False
    if verdict.kind in (VerdictKind.ALMOST, VerdictKind.PARTIAL) or verdict.reason in GUESS_REASONS:
        return True
    words = normalise(response).split()
    if all(_talk(w) for w in words):
        return False
    start, end = 0, len(words)
    while _talk(words[start]):
        start += 1
    while _talk(words[end - 1]):
        end -= 1
    if " ".join(words[start:end]) in named_terms():  # "maybe nucleus sampling?", "it's the learning rate"
        return True
    return len(words) <= SHORT_WORDS and words[0] not in _QUESTION_WORDS
