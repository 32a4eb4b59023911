"""The term-recall prompt ("which term is hidden?"): the sentences of a card's explanation that define its
term, with the term and its other names blanked out.

- Short: the first sentence that names the term and what follows it, up to ``CLOZE_MAX`` characters
  (more sentences only while the prompt says too little to be answered).
- One blank, one thing: names are blanked shortest first, so a longer name that adds words to a shorter
  one keeps them ("restricted _____" for a *restricted Boltzmann machine* on the *Boltzmann machine*
  card); a sentence naming an acronym of such a longer name is left out.
  Names the card also rejects as answers are other things too: a sentence naming one is left out.
- Sentences with a link, and notes in brackets, are left out (a link is never cut); so is a sentence that shows
  the term in another form ("Ella habla mucho y me gusta _____ con ella" for *hablar*).
- Nothing of a name may survive in the prompt, nor a name without the word for its kind, which the grader
  takes as the name ("coordinated" for "coordinated representation", "L1" for "L1 regularization"); a card
  whose explanation cannot give such a prompt has none.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence

from bot.core.grading import normalise, without_kind_words
from bot.core.grading.tokens import stem
from bot.core.grading.vocabulary import GENERIC, STOP
from bot.core.models import Card
from bot.core.text import plain

log = logging.getLogger(__name__)

__all__ = ["BLANK", "CLOZE_MAX", "URL", "clip_text", "hide_names", "term_prompt_text"]

BLANK = "_____"
CLOZE_MAX = 300
#: Words besides the blanks a prompt needs before it can be answered.
MIN_WORDS = 5
#: Words after which the prompt stops at the end of a paragraph.
ENOUGH_WORDS = 12
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(_])")
_WORD = re.compile(r"[^\W_]+")
#: The term written with its grammatical marks and nothing more, once hidden: "_____ (m)" ("perro (m)"), "_____, -e"
#: ("der Hund, -e"), "_____, -(e)s, -e": a heading a vocabulary card shows, no sentence to complete.
_MARKED_TERM = re.compile(rf"{BLANK}(?:\s*\([^()]{{1,40}}\)|\s*,\s*[^\s,]{{1,8}})+")
#: Little words that join the words of a name ("of", "the"): an initialism may leave them out.
SMALL_WORDS = frozenset({"a", "an", "and", "by", "for", "from", "in", "of", "on", "the", "to", "with"})
_MERGED = re.compile(rf"{re.escape(BLANK)}(\s*\(\s*{re.escape(BLANK)}\s*\))+")


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = [w for w in re.split(r"[\s\-_]+", name.strip()) if w]
    if not words:
        return None
    body = r"[\s\-_]+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w]){body}(?:e?s)?(?![\w])", re.IGNORECASE)


def _shortest_first(names: Iterable[str]) -> list[str]:
    return sorted({n.strip() for n in names if n and n.strip()}, key=lambda n: (len(normalise(n)), n))


def hide_names(text: str, names: Iterable[str]) -> tuple[str, int]:
    """``text`` with every name (plurals too) replaced by a blank; returns (text, count).

    Shortest names first, so a longer name keeps the words it adds; a blank next to a blank in brackets
    (a name followed by another of its names) reads as one.
    """
    count = 0
    for name in _shortest_first(names):
        pattern = _name_pattern(name)
        if pattern is None:
            continue
        text, n = pattern.subn(BLANK, text)
        count += n
    return _MERGED.sub(BLANK, text), count


def _initials_from(letters: Sequence[str], words: Sequence[str], i: int, j: int) -> bool:
    """Whether ``letters[i:]`` are the initials of ``words[j:]`` (small words may be skipped)."""
    if i == len(letters):
        return all(w in SMALL_WORDS for w in words[j:])
    if j == len(words):
        return False
    word = words[j]
    if word[0] == letters[i] and _initials_from(letters, words, i + 1, j + 1):
        return True
    return word in SMALL_WORDS and _initials_from(letters, words, i, j + 1)


def _initials_match(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym``'s letters are the initials of ``words`` (small words may be skipped)."""
    letters = [c for c in acronym.lower() if c.isalnum()]
    return len(letters) >= 2 and _initials_from(letters, words, 0, 0)


def is_acronym(text: str) -> bool:
    """A short name in capitals (``RBM``, ``MoE``, ``RLHF``)."""
    t = text.strip()
    return 2 <= len(t) <= 8 and " " not in t and sum(c.isupper() for c in t) >= 2


def acronym_of(acronym: str, expansion: str) -> bool:
    """Whether ``acronym`` abbreviates ``expansion`` (``MoE`` / *mixture of experts*)."""
    words = [w.lower() for w in _WORD.findall(expansion)]
    return is_acronym(acronym) and len(words) >= 2 and _initials_match(acronym, words)


def _other_terms(names: Sequence[str], rejected: Iterable[str] = ()) -> set[str]:
    """Names that stand for something else than the card's term: names the card also rejects as answers,
    and acronyms of a longer name that adds words to a shorter one (``RBM`` for *restricted Boltzmann
    machine* on the *Boltzmann machine* card)."""
    refused = {normalise(r) for r in rejected}
    folded = {n: normalise(n) for n in names}
    longer = {
        n for n, f in folded.items()
        if any(o != n and g and f != g and f" {g} " in f" {f} " for o, g in folded.items())
    }
    return {a for a in names if any(acronym_of(a, n) for n in longer) or folded[a] in refused}


def _units(text: str) -> list[tuple[int, str]]:
    """(paragraph, sentence) pairs: paragraphs split on blank lines, bullets and sentences inside them."""
    out: list[tuple[int, str]] = []
    for p, paragraph in enumerate(text.split("\n\n")):
        items: list[str] = []
        for line in paragraph.splitlines():
            line = line.strip()
            if line.startswith(("- ", "* ", "• ")):
                items.append(line[2:].strip())
            elif items and not line.startswith(("- ", "* ")) and items[-1] and line:
                items[-1] += " " + line
            elif line:
                items.append(line)
        for item in items:
            out.extend((p, s.strip()) for s in _SENTENCE_END.split(item) if s.strip())
    return out


#: Letters a word of a sentence must share with a one-word name (all of the name's but its last two, and at
#: least these) to be that word in another form ("habla", "hablo" of *hablar*; "perros" of *perro*).
_STEM_MIN = 4
#: How much longer or shorter than the name such a form may be.
_FORM_SPAN = 3


def _shows_a_form(text: str, names: Iterable[str]) -> bool:
    """Whether ``text`` shows a one-word name in another form (a verb conjugated, a noun in the plural)."""
    stems = {
        (low[: max(_STEM_MIN, len(low) - 2)], len(low))
        for n in names if len(low := n.strip().lower()) > _STEM_MIN and _WORD.fullmatch(low)
    }
    for word in _WORD.findall(text.lower()):
        if any(word.startswith(stem) and abs(len(word) - size) <= _FORM_SPAN for stem, size in stems):
            return True
    return False


def _without_kinds_said(name: str, said: frozenset[str]) -> str:
    """``name`` (folded) without the generic words ("testing", "model") the card's text says, which the grader
    lets a player leave out, the text being what they are shown ("adversarial" of *adversarial testing*, where
    the text speaks of stress-testing); "" when none is left out, or nothing but little words is left."""
    words = normalise(name).split()
    kept = [w for w in words if not ((w in GENERIC or stem(w) in GENERIC) and (w in said or stem(w) in said))]
    if not kept or kept == words or all(w in STOP for w in kept):
        return ""
    return " ".join(kept)


def _content_words(text: str) -> int:
    return len(_WORD.findall(text.replace(BLANK, " ")))


def _leaks(text: str, names: Iterable[str]) -> bool:
    folded = f" {normalise(text)} "
    return any((n := normalise(name)) and f" {n} " in folded for name in names)


def clip_text(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """``text`` cut to ``limit`` characters at a word boundary, never inside a link (cut before it)."""
    if len(text) <= limit:
        return text
    cut = max(0, limit - len(ellipsis))
    for url in URL.finditer(text):
        if url.start() < cut < url.end():
            cut = url.start()
            break
    head = text[:cut]
    space = head.rfind(" ")
    if cut < len(text) and not text[cut].isspace() and space > cut * 0.6:
        head = head[:space]
    return head.rstrip(" ,;:(") + ellipsis


def _sentences(units: Sequence[str]) -> str:
    """``units`` (sentences and bullet items) as one text: one that follows a full stop starts with a capital
    ("... clustering. Initialize k cluster centres ...", a bullet item written in small letters)."""
    out: list[str] = []
    for text in units:
        if out and out[-1].endswith((".", "!", "?")) and text[:1].islower():
            text = text[0].upper() + text[1:]
        out.append(text)
    return " ".join(out)


#: Cards whose cloze is remembered: every question a quiz opens in the ``term`` direction needs it, and
#: finding it takes about half a millisecond (a card is a frozen value: a card edited in its deck is a new key).
CLOZES_CACHED = 4096


@functools.lru_cache(maxsize=CLOZES_CACHED)
def term_prompt_text(card: Card, limit: int = CLOZE_MAX) -> str | None:
    """The cloze for the ``term`` direction, or None when the card cannot be asked that way."""
    if not card.term or not card.answer.strip():
        return None
    names = list(card.names)
    others = _other_terms(names, card.reject)
    blanked = [n for n in names if n not in others]
    # (the name without its kind, "coordinated", or without a generic word the answer says, "adversarial")
    shortened = [s for n in blanked if (s := without_kind_words(n))]
    if any(w in GENERIC or stem(w) in GENERIC for n in blanked for w in normalise(n).split()):
        said = frozenset(w for word in normalise(plain(card.answer)).split() for w in (word, stem(word)))
        shortened += [s for n in blanked if (s := _without_kinds_said(n, said))]
    units: list[tuple[int, str]] = []
    for paragraph, sentence in _units(plain(card.answer)):
        if URL.search(sentence) or sentence.startswith("(") or (others and _leaks(sentence, others)):
            continue  # a link, an editor's note, or a name of something else
        text, _ = hide_names(sentence, blanked)
        if _leaks(text, names) or _leaks(text, shortened) or _shows_a_form(text, blanked):
            continue  # a name left, or one without the word for its kind ("coordinated", "L1"), which answers
        if BLANK not in text and _content_words(text) <= 2 and not text.endswith((".", ";", ":")):
            continue  # a heading ("Definition")
        if _MARKED_TERM.fullmatch(text):
            continue  # the term with its gender or plural ("perro (m)", "der Hund, -e")
        units.append((paragraph, text))
    start = next((i for i, (_, text) in enumerate(units) if BLANK in text), None)
    if start is None:
        return None
    chosen = [units[start][1]]
    length = len(chosen[0])
    for paragraph, text in units[start + 1:]:
        words = _content_words(" ".join(chosen))
        if paragraph != units[start][0] and words >= ENOUGH_WORDS:
            break
        if length + 1 + len(text) > limit:
            if words >= MIN_WORDS:
                break
            chosen.append(text)  # the prompt says too little: clip what follows instead
            break
        chosen.append(text)
        length += 1 + len(text)
    prompt = clip_text(_sentences(chosen), limit)
    if BLANK not in prompt or _content_words(prompt) < MIN_WORDS:
        return None
    return prompt
