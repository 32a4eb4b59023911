"""Chat-junk folding: a Discord message reduced to the lower-case ASCII text the grader tokenises."""

from __future__ import annotations

import functools
import logging
import re

from bot.core.text import fold_ascii

log = logging.getLogger(__name__)

#: Work is capped so that a 4,000-character answer (or a Zalgo string) is graded quickly.
MAX_CHARS = 8000
MAX_TOKENS = 800

_DISCORD_RE = re.compile(
    r"<a?:\w{1,64}:\d{5,25}>"  # custom emoji
    r"|<[@#][!&]?\d{5,25}>"  # user, role and channel mentions
    r"|</[\w -]{1,100}:\d{5,25}>"  # slash-command mentions
    r"|<t:-?\d{1,15}(?::[tTdDfFR])?>"  # timestamps
    r"|@(?:everyone|here)\b"
    r"|<?https?://\S+>?"
    r"|:[a-z0-9_+-]{1,40}:",  # :shortcode: emoji
    re.IGNORECASE,
)
_FENCE_RE = re.compile(r"```(?:[A-Za-z0-9_+.-]{1,20}\n)?")
#: Words (numbers with separators and units, hyphenated compounds) and the marks that split items.
TOKEN_RE = re.compile(
    r"[a-z0-9]+(?:[.,][0-9]+)*%?(?:-[a-z0-9]+(?:[.,][0-9]+)*%?)*"
    r"|[,;/&+|.!?:()\[\]{}\n-]"
)


@functools.lru_cache(maxsize=512)
def clean(text: str) -> str:
    """Strip Discord syntax and fold to lower-case ASCII (punctuation kept for the tokeniser)."""
    text = text[:MAX_CHARS]
    text = _DISCORD_RE.sub(" ", text)
    text = _FENCE_RE.sub(" ", text).replace("||", " ").replace("`", " ")
    text = fold_ascii(text)
    # A URL or mention spelled with homoglyphs shows up only after folding.
    text = _DISCORD_RE.sub(" ", text)
    return text.replace("'", "").replace('"', " ")


def normalise(text: str) -> str:
    """Fold a chat message to the words the grader judges: lower-case ASCII, single spaces.

    Discord mentions, ``@everyone``, spoilers, markdown, code fences, emoji, zero-width characters,
    accents, full-width letters, subscripts and homoglyphs are folded or removed; punctuation becomes
    a space (hyphenated words are split). The result is reusable as a lookup key.
    """
    words = [t for t in TOKEN_RE.findall(clean(text)) if t[0].isalnum()]
    out: list[str] = []
    for w in words:
        out.extend(p for p in w.split("-") if p)
    return " ".join(out)
