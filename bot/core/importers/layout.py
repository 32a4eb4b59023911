"""Deck text laid out for reading: hard-wrapped lines joined, flattened lists and section labels restored.

Text copied from a web page or an export arrives in two broken shapes:

* **hard-wrapped**: a paragraph cut into lines at a fixed width, so Discord shows a ragged column.
  ``unwrap`` joins such lines; ``hard_wrapped`` says whether a text has any (the validator warns).
  A line break is kept where it means something: before a list item, a heading, a quote, a table row or
  a ``Label: ...`` line, after a line ending in ``:`` (it introduces what follows) or in a markdown
  hard break, after a short title line, and inside code fences.
* **flattened**: a page's lists and headings squeezed into one line ("Why: - one - two", "1. a 2. b",
  "DEFINITION ... HOW IT WORKS ..."). ``restore_layout`` puts list items on their own lines and turns
  shouted section labels into paragraphs (``**How it works:** ...``); a leading "DEFINITION" label is
  dropped, the first paragraph being the definition.

``neutralise`` removes what would act on Discord rather than read as text: raw mention, channel, role,
command and timestamp tokens, masked links (kept as "text (address)"), spoilers and heading markers.
"""

from __future__ import annotations

import logging
import re

from bot.core.text import strip_unsafe

log = logging.getLogger(__name__)

__all__ = ["defuse", "hard_wrapped", "neutralise", "restore_layout", "tidy", "unmask_links", "unwrap"]

_SPACES = re.compile(r"[ \t\u00a0]+")
_STRUCTURE = re.compile(r"^\s*(?:[-*•+]\s|\d{1,3}[.)]\s|#|>|\||```|~~~)")
_LABEL_LINE = re.compile(r"^\s*(?:\*\*)?[A-Z][\w ()/&'-]{0,30}?(?:\*\*)?:(?:\*\*)?\s")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
#: A line this long that breaks mid-paragraph was cut by a width, not by its author.
WRAP_WIDTH = 50
#: A line shorter than this with no final punctuation, followed by a capital, is a title.
TITLE_WIDTH = 40


def tidy(text: str) -> str:
    """Runs of spaces made one, lines trimmed at the end, at most one blank line in a row."""
    lines = [_SPACES.sub(" ", line).rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines).strip("\n")
    out = "\n".join(line if line.strip() else "" for line in out.split("\n")).strip()
    return re.sub(r"\n{3,}", "\n\n", out)


def _joins(prev: str, line: str) -> bool:
    """Whether ``line`` continues ``prev`` (the break between them is a hard wrap)."""
    stripped = line.strip()
    head = prev.rstrip()
    if not stripped or not head or _STRUCTURE.match(line) or _LABEL_LINE.match(line):
        return False
    if prev.endswith(("  ", "\\")) or head.endswith(":") or _STRUCTURE.match(prev) and head.lstrip().startswith(
        ("#", "|", ">")
    ):
        return False
    if stripped[0].islower() or stripped[0] in "([{\"'“‘,;—–":
        return True
    content = head.lstrip(" -*•+").strip()
    if len(content) < TITLE_WIDTH and not head.endswith((".", "!", "?", ",", ";")):
        return False  # a title or a label on its own line
    return len(content) >= WRAP_WIDTH or not head.endswith((".", "!", "?"))


def _paragraph_lines(text: str) -> list[list[str]]:
    """The text's lines grouped into blocks: paragraphs, and code fences kept whole."""
    blocks: list[list[str]] = [[]]
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            blocks[-1].append(line)
            if not fenced:
                blocks.append([])
            continue
        if fenced:
            blocks[-1].append(line)
        elif line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_fenced(block: list[str]) -> bool:
    return bool(block) and bool(_FENCE.match(block[0]))


def hard_wrapped(text: str) -> bool:
    """Whether any paragraph of ``text`` is cut into lines mid-sentence (see ``unwrap``)."""
    for block in _paragraph_lines(text.replace("\r\n", "\n")):
        if _is_fenced(block):
            continue
        for prev, line in zip(block, block[1:], strict=False):
            if _joins(prev, line):
                return True
    return False


def unwrap(text: str) -> str:
    """``text`` with the hard-wrapped lines of each paragraph joined; lists, headings and code kept."""
    out_blocks: list[str] = []
    for block in _paragraph_lines(text.replace("\r\n", "\n")):
        if _is_fenced(block):
            out_blocks.append("\n".join(block))
            continue
        lines: list[str] = []
        for line in block:
            if lines and _joins(lines[-1], line):
                lines[-1] = lines[-1].rstrip() + " " + line.strip()
            else:
                lines.append(line.rstrip())
        out_blocks.append("\n".join(lines))
    return "\n\n".join(out_blocks)


# ----------------------------------------------------------------------------- flattened lists and labels

_DASH_ITEM = re.compile(r"(?:(?<=\s)|^)[-–•](?=\s+\S)(?!\s*-)")
_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.),](?=\s+\S)")
_LABEL_STARTS = frozenset(
    """DEFINITION DEFINITIONS DEFINTION EXAMPLE EXAMPLES WHY HOW WHEN WHERE WHAT OUTCOME OUTCOMES METHOD
    DIFFERENCE DIFFERENCES REFERENCE REFERENCES STANDS ALGO ALGORITHM GIVEN CHARACTERISTICS SPECIFIC OTHER
    MOST FROM NOTE SUMMARY PROS CONS RESULT RESULTS STEPS CAUSES USES ADVANTAGES DISADVANTAGES""".split()
)
_CAPS_WORD = r"[A-Z][A-Z/&']*[A-Z]:?|[A-Z]:?"
_LABEL = re.compile(
    rf"(?:(?<=\s)|^)(?P<label>(?:{_CAPS_WORD})(?:\s+(?:(?:{_CAPS_WORD})|(?:for|in|to|of|with|and|a|the)(?=\s+[A-Z]{{2}})))*)"
    r"(?P<camel>\s+[A-Z][a-z]+AI)?(?=\s|$)"
)
_ACRONYMS_KEPT = frozenset("AI ML LLM LLMS NLP TF API GPU CPU RNN RNNS CNN CNNS GAN GANS VAE VAES MOE MOES SVM SVMS".split())


def _label_text(label: str) -> str:
    """A shouted label in sentence case, acronyms kept: ``WHEN TO USE IN GEN AI`` -> ``When to use in gen AI``."""
    out: list[str] = []
    for word in label.rstrip(":").split():
        if not word.isupper() or word.strip("'/&") in _ACRONYMS_KEPT:
            out.append(word)
        else:
            out.append(word.lower())
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def _split_labels(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut at shouted section labels: (label or None, the text after it)."""
    parts: list[tuple[str | None, str]] = []
    last = 0
    label: str | None = None
    for m in _LABEL.finditer(text):
        words = m.group("label").split()
        first = words[0].rstrip(":")
        if first not in _LABEL_STARTS:
            continue
        if len(words) == 1 and len(first) < 3:
            continue
        whole = m.group("label") + (m.group("camel") or "")
        end = m.start() + len(whole)
        if m.start() > last or label is not None or parts:
            parts.append((label, text[last : m.start()].strip()))
        label = _label_text(whole.strip())
        last = end
    parts.append((label, text[last:].strip()))
    return [(lab, body) for lab, body in parts if lab is not None or body]


def _numbered_runs(text: str) -> list[int]:
    """Positions of the markers of the longest "1. … 2. … 3. …" run (two items at least), else []."""
    marks = [(m.start(), int(m.group(1))) for m in _NUMBER.finditer(text)]
    best: list[int] = []
    for i, (_, n) in enumerate(marks):
        if n != 1:
            continue
        run = [marks[i][0]]
        want = 2
        for pos, k in marks[i + 1 :]:
            if k == want:
                run.append(pos)
                want += 1
            elif k == 1:
                break
        if len(run) >= 2 and len(run) > len(best):
            best = run
    return best


def _listify(text: str) -> str:
    """A flattened list put back on lines: "intro: - a - b" and "1. a 2. b" become one item a line."""
    numbered = _numbered_runs(text)
    if numbered:
        pieces = [text[: numbered[0]].strip()]
        bounds = numbered + [len(text)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            pieces.append(_listify_dashes(text[start:end].strip(), nested=True))
        return "\n".join(p for p in pieces if p)
    return _listify_dashes(text, nested=False)


def _listify_dashes(text: str, *, nested: bool) -> str:
    dashes = list(_DASH_ITEM.finditer(text))
    starts_with_dash = bool(dashes) and dashes[0].start() == 0
    if len(dashes) < 2 and not (starts_with_dash and not nested):
        return text
    if nested and len(dashes) < 2:
        return text
    pieces = [text[: dashes[0].start()].strip()]
    bounds = [m.start() for m in dashes] + [len(text)]
    indent = "   " if nested else ""
    for start, end in zip(bounds, bounds[1:], strict=False):
        item = text[start + 1 : end].strip()
        if item:
            pieces.append(f"{indent}- {item}")
    return "\n".join(p for p in pieces if p)


def restore_layout(text: str) -> str:
    """Put a flattened page's lists and section labels back on their own lines (see the module doc).

    Text that already has line structure (more than one line) is left as it is.
    """
    text = text.strip()
    if "\n" in text or not text:
        return text
    paragraphs: list[str] = []
    for index, (label, body) in enumerate(_split_labels(text)):
        if label is not None and index == 0 and label.lower().startswith(("definition", "defintion")):
            label = None  # the first paragraph is the definition: no label needed
        body = _listify(body)
        if label is None:
            paragraphs.append(body)
        elif body:
            joiner = "\n" if body.startswith(("- ", "1. ", "1) ")) else " "
            paragraphs.append(f"**{label}:**{joiner}{body}")
        else:
            paragraphs.append(f"**{label}**")
    return "\n\n".join(p for p in paragraphs if p)


# ----------------------------------------------------------------------------- Discord-active syntax

_DISCORD_TOKENS = (
    (re.compile(r"<@!?\d+>"), "@user"),
    (re.compile(r"<@&\d+>"), "@role"),
    (re.compile(r"<#\d+>"), "#channel"),
    (re.compile(r"</([\w -]{1,64}):\d+>"), r"/\1"),
    (re.compile(r"<a?:(\w{1,32}):\d+>"), r":\1:"),
    (re.compile(r"<t:-?\d+(?::[tTdDfFR])?>"), ""),
)
_MASKED_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(\s*<?((?:https?://|www\.)[^)\s>]+)>?\s*\)")
_SPOILER = re.compile(r"\|\|(.+?)\|\|", re.DOTALL)
_HEADING = re.compile(r"^[ \t]*(?:#{1,6}|-#)[ \t]+", re.MULTILINE)


def unmask_links(text: str) -> str:
    """Masked links ("[notes](https://...)") shown with the address they lead to: "notes (https://...)"."""
    if "](" not in text:
        return text
    return _MASKED_LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)


def defuse(text: str) -> str:
    """Text with what Discord would act on as more than formatting turned into plain words: raw mention,
    channel, role, command and timestamp tokens, and masked links (``unmask_links``)."""
    text = strip_unsafe(text)
    for pattern, replacement in _DISCORD_TOKENS:
        text = pattern.sub(replacement, text)
    return unmask_links(text)


def neutralise(text: str) -> str:
    """Text with what Discord would act on turned into plain words (see the module doc): ``defuse``, and
    spoilers and heading markers dropped."""
    text = _SPOILER.sub(r"\1", defuse(text))
    return _HEADING.sub("", text)
