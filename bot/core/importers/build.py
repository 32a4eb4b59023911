"""Turning the raw cards of any source into a deck: clean each card, decide how it is asked, give it an id.

For each raw card, in order:

1. the author's reminders ("COME BACK TO THIS ONE") and remarks about the source ("See image") leave
   the text and go to the card's ``note`` (never shown to students);
2. leading ``#hashtags`` become tags;
3. the text is laid out for reading (``layout``): hard wraps joined, flattened lists and labels restored,
   Discord-active syntax neutralised;
4. ``___`` blanks are filled with the term (or the item the question numbers); a blank nothing can fill
   is shown as "…" and said in the note;
5. the card is shaped (``shape``): which-term (plus a reverse card where fair), short answer, list,
   yes/no, cloze or essay with key points; an answer that is empty or only says "See image" / "TO DO",
   or a question that showed an image or played a sound (which text cannot carry), makes the card
   ``incomplete`` with a note;
6. it gets an id: the existing deck's id for the same text (``ids``), else a fresh slug.

A card with the question and answer of one before it (a row pasted twice) is left out, with a warning naming both.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.decks import CARD_ID_MAX, ITEM_MAX, LIST_FIELDS, LIST_MAX, TEXT_MAX, limit_problems, shorten
from bot.core.errors import Quote
from bot.core.importers.cleaning import (
    BLANK,
    MISSING,
    base_id,
    drop_notes,
    drop_source_remarks,
    fill_blanks,
    fill_numbered_blanks,
    guess_term,
    join_hyphenation,
    mark_unfilled_blanks,
    split_hashtags,
    unique_id,
)
from bot.core.importers.common import (
    CLOZE_NOTE,
    DEFAULT_LIMITS,
    PAIR,
    QA,
    Flag,
    ImportLimits,
    ImportRefused,
    ImportResult,
    ImportWarning,
    RawCard,
    deck_id_for,
    tag_slug,
    title_text,
)
from bot.core.importers.ids import IdReuse
from bot.core.importers.layout import neutralise, restore_layout, tidy, unwrap
from bot.core.importers.shape import (
    INCOMPLETE,
    REVERSE,
    WHICH_TERM,
    Shape,
    looks_like_question,
    shape_pair,
    shape_qa,
    split_names,
    written_pair,
)
from bot.core.importers.terms import CLOZE_MARK, cloze_shape, term_aliases
from bot.core.models import WHICH_TERM_PROMPT, Card, Deck

log = logging.getLogger(__name__)

# Misspelt tags merged into the right spelling (documented in the package docstring).
TAG_FIXES: dict[str, str] = {
    "mulitmodal": "multimodal",
    "multimodel": "multimodal",
    "optimisation": "optimization",
}
REVERSE_SUFFIX = "-reverse"
#: A file may hold this many times ``max_cards`` cards (rows, notes, cloze numbers) before any is cleaned: the
#: duplicates and rows without a question among them are left out, the rest must fit ``max_cards``.
ROWS_PER_CARD = 2


@dataclass(slots=True)
class _Built:
    """One cleaned card before it has an id."""

    raw: RawCard
    source_question: str
    shape: Shape
    tags: list[str]
    notes: list[str]
    reasons: list[str]


def build_deck(
    raws: Iterable[RawCard],
    *,
    path: Path,
    deck_id: str | None,
    title: str | None,
    warnings: list[ImportWarning],
    existing: Deck | None = None,
    reverse: bool = True,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Clean every raw card and make the deck; what was changed or is missing is listed in ``flagged``.

    The deck id is the one given, else the existing deck's, else the file's name (as a slug); the title
    the one given or the file's name. ``existing`` (the deck this file was imported as before) lends its
    ids to the cards whose text did not change. ``reverse`` makes the reverse card of a short
    term/definition pair. More than ``limits.max_cards`` cards refuse the import. A card past a deck's
    limits (``decks.LIST_MAX``, ``TEXT_MAX``, ``ITEM_MAX``: a very long answer, a front with dozens of
    names) is left out with a warning naming its line and field; a title too long is shortened.
    """
    file = str(path)
    deck_id = deck_id_for(path, deck_id or (existing.id if existing is not None else None))
    raws = list(raws)
    if len(raws) > limits.max_cards * ROWS_PER_CARD:
        # Refused before any is cleaned: cleaning costs about a tenth of a millisecond a row, and rows left out
        # as duplicates count towards no limit, so a 2 MB file of one row pasted 500,000 times would keep the
        # import's worker busy for a minute (and every other server's import waiting behind it).
        raise ImportRefused(
            "import.too_many_cards",
            "{file} has {count} cards; a deck may have at most {limit}; split it into smaller decks",
            file=Quote(path.name),
            count=f"{len(raws):,}",
            limit=f"{limits.max_cards:,}",
        )
    raws = _decide_kinds(raws)
    built: list[_Built] = []
    seen: dict[tuple[str, str], RawCard] = {}  # (a card pasted twice is asked once)
    reverses = 0  # (the reverse cards of the rows built so far)
    for raw in raws:
        item = _clean(raw, reverse=reverse)
        if item is None:
            warnings.append(ImportWarning(file, raw.line, "card has no question; skipped"))
            continue
        same = (" ".join(item.source_question.casefold().split()), " ".join(item.shape.answer.casefold().split()))
        first = seen.setdefault(same, raw)
        if first is not raw:
            before = first.where or f"line {first.line}"
            message = f"the same question and answer as {before}; skipped"
            warnings.append(ImportWarning(file, raw.line, message, where=raw.where))
            continue
        built.append(item)
        reverses += item.shape.reverse is not None
        if len(built) + reverses > limits.max_cards:
            if reverses:  # (fewer rows than that: the reverse cards of its short definitions count too)
                raise ImportRefused(
                    "import.too_many_cards",
                    "{file} makes more than {limit} cards: besides its rows, each term whose definition is short "
                    "enough to grade is asked back (“What is X?”), a card of its own; split it into smaller decks",
                    file=Quote(path.name),
                    limit=limits.max_cards,
                )
            raise ImportRefused(
                "import.too_many_cards",
                "{file} has more than {limit} cards; split it into smaller decks",
                file=Quote(path.name),
                limit=limits.max_cards,
            )

    cards, kinds, flagged = _with_ids(built, deck_id, IdReuse(existing))
    cards = _merge_tags(cards, flagged)
    groups = [n for n, item in enumerate(built) for _ in range(1 if item.shape.reverse is None else 2)]
    cards, flagged = _within_limits(cards, flagged, groups, built, file, warnings)
    flags = [Flag(card.id, line, tuple(reasons)) for card, (line, reasons) in zip(cards, flagged, strict=True) if reasons]
    kinds = {card.id: kinds[card.id] for card in cards}
    name = shorten(title_text(title or "") or path.stem, TEXT_MAX["title"])
    deck = Deck(id=deck_id, title=name, description="", cards=tuple(cards), source=file)
    return ImportResult(deck=deck, flagged=flags, warnings=warnings, kinds=kinds)


def _within_limits(
    cards: list[Card],
    flagged: list[tuple[int, list[str]]],
    groups: list[int],
    built: list[_Built],
    file: str,
    warnings: list[ImportWarning],
) -> tuple[list[Card], list[tuple[int, list[str]]]]:
    """The cards that fit a deck's limits, and their flags. ``groups[i]`` is the source card (index in
    ``built``) card ``i`` was made from; when one card of a source card is past a limit, all of them are left
    out, with one warning naming the line (or note) and the side the author wrote that is too long (its own name:
    a CSV's column, Quizlet's term or definition), never a field the import made from it."""
    # group -> (side, counted) -> (size, limit): the tightest limit on each side the author wrote
    over: dict[int, dict[tuple[int, bool], tuple[int, int]]] = {}
    for n, (card, group) in enumerate(zip(cards, groups, strict=True)):
        if not limit_problems(card, file):
            continue
        item = built[group]
        kind = item.shape.kind if n == 0 or groups[n - 1] != group else REVERSE
        sides = over.setdefault(group, {})
        for field, size, limit, counted in _overruns(card):
            side = _side(kind, field)
            if not counted:
                written = len(_written(item.raw, side))
                size, limit = written, limit - (size - written)  # (the limit on what the author wrote)
            old = sides.get((side, counted))
            if old is None or (limit, -size) < (old[1], -old[0]):
                sides[side, counted] = (size, limit)
    for group, sides in over.items():
        item = built[group]
        names = _side_names(item)
        line = next(f[0] for f, g in zip(flagged, groups, strict=True) if g == group)
        card_id = next(c.id for c, g in zip(cards, groups, strict=True) if g == group)
        why = "; ".join(
            f"field '{names[side]}' has {size:,} items; a card may have at most {limit}"
            if counted
            else f"field '{names[side]}' is {size:,} characters long; at most {max(limit, 1):,}"
            for (side, counted), (size, limit) in sorted(sides.items())
        )
        message = f"card {card_id}: {why}; the card is left out"
        warnings.append(ImportWarning(file, line, message, where=item.raw.where))
    kept = [(c, f) for c, f, g in zip(cards, flagged, groups, strict=True) if g not in over]
    return [c for c, _ in kept], [f for _, f in kept]


_FRONT, _BACK, _TAGS = 0, 1, 2


def _overruns(card: Card) -> Iterator[tuple[str, int, int, bool]]:
    """Each field of ``card`` past its limit (as ``limit_problems`` finds them): the field, its size, the limit,
    and whether the size counts items rather than characters."""
    for field in ("term", "question", "answer", "note"):
        text = getattr(card, field) or ""
        if len(text) > TEXT_MAX[field]:
            yield field, len(text), TEXT_MAX[field], False
    for field in LIST_FIELDS:
        items: tuple[str, ...] = getattr(card, field)
        if len(items) > LIST_MAX:
            yield field, len(items), LIST_MAX, True
        for value in items[:LIST_MAX]:
            if len(value) > ITEM_MAX[field]:
                yield field, len(value), ITEM_MAX[field], False


def _side(kind: str, field: str) -> int:
    """The side of the source card a field of a card of ``kind`` is made from: a which-term card asks the
    definition and accepts the term; its reverse card asks the term and accepts the definition."""
    if field == "tags":
        return _TAGS
    if kind == WHICH_TERM:
        return _BACK if field in ("question", "answer", "note") else _FRONT
    if kind == REVERSE:
        return _FRONT if field == "question" else _BACK
    return _FRONT if field in ("question", "term", "aliases") else _BACK


def _written(raw: RawCard, side: int) -> str:
    return raw.question.strip() if side == _FRONT else raw.answer.strip() if side == _BACK else " ".join(raw.tags)


def _side_names(item: _Built) -> tuple[str, str, str]:
    """The names of a source card's sides in messages: the source's own, else those of the card's kind."""
    if item.raw.names is not None:
        return (*item.raw.names, "tags")
    if item.shape.kind in (WHICH_TERM, REVERSE) or item.raw.kind == PAIR:
        return ("term", "definition", "tags")
    return ("question", "answer", "tags")


def _decide_kinds(raws: list[RawCard]) -> list[RawCard]:
    """Cards of unknown kind in a deck of terms (at most one front in five reads as a question, as in a
    vocabulary list where "¿Qué tal?" is a term) are all term/definition pairs; else each card is read
    by its own wording."""
    open_ = [r for r in raws if r.kind is None]
    if len(open_) >= 5 and sum(1 for r in open_ if looks_like_question(r.question)) * 5 <= len(open_):
        for r in open_:
            r.kind = PAIR
    return raws


def _layout(text: str, *, html: bool) -> str:
    if not html:
        text = restore_layout(join_hyphenation(unwrap(tidy(text))))
    return neutralise(tidy(text))


def _clean(raw: RawCard, *, reverse: bool) -> _Built | None:
    """One card from a raw pair (None when it has no question)."""
    reasons: list[str] = []
    notes: list[str] = []
    question, dropped_q = drop_notes(raw.question)
    answer, dropped_a = drop_notes(raw.answer)
    for reminder in dropped_q + dropped_a:
        reasons.append(f"note moved out of the text: {reminder!r}")
        notes.append(f"The source card said {reminder!r}.")
    question, hashtags = split_hashtags(question)
    question = " ".join(_layout(question, html=raw.html).split()) if not raw.html else _layout(question, html=True)
    if not question:
        return None
    tags = list(dict.fromkeys(hashtags + [t for t in (tag_slug(x) for x in raw.tags) if t]))
    answer = _layout(answer, html=raw.html)

    original = answer
    # A cloze note's answer is in its text ("{{c1::Paris}} is the capital of France"): its back may be empty.
    cloze = CLOZE_MARK.search(question) is not None
    missing = None if cloze and not answer else _missing(answer)
    if missing is not None and not answer and raw.remarks:
        missing = f"The answer only had {'; '.join(raw.remarks)}; write the answer."
    else:
        notes.extend(f"The source had {r}, not imported." for r in raw.remarks)
    answer, remarks = drop_source_remarks(answer)
    if remarks and missing is None:
        notes.append(f"The source refers to something not imported ({'; '.join(repr(r) for r in remarks)}).")
        reasons.append("remark about the source moved to the note")
    if missing is None and not answer and not cloze:
        missing = "The answer is empty in the source; write the answer."
    if missing is None and raw.unseen:  # ("Name this bone" without its picture: nobody could answer it)
        missing = (
            f"The question had {'; '.join(raw.unseen)}, not imported; write the question so that it can be "
            "answered without it."
        )
    if missing is not None:
        term = guess_term(question) if looks_like_question(question) or raw.kind == QA else split_names(question)[0]
        shape = Shape(INCOMPLETE, question, original or "(no answer yet)", term)
        reasons.append(f"incomplete: {missing}")
        return _Built(raw, question, shape, tags, list(dict.fromkeys([missing, *notes])), reasons)

    kind = CLOZE_NOTE if cloze else raw.kind or (QA if looks_like_question(question) else PAIR)
    if kind == CLOZE_NOTE:
        shape = cloze_shape(question, answer)
    elif kind == PAIR:
        shape = shape_pair(question, answer, reverse=reverse)
    else:
        blanks = bool(BLANK.search(answer))
        answer = _fill(question, answer, reasons, notes)
        term = guess_term(question, loose=blanks)
        shape = shape_qa(question, answer, term=term, aliases=term_aliases(term, question, answer))
    if shape.kind == INCOMPLETE:
        reasons.extend(f"incomplete: {r}" for r in shape.reasons)
    elif raw.extra.strip():  # (an example sentence: shown with the answer, never graded)
        extra = _layout(raw.extra, html=raw.html)
        for each in (shape, shape.reverse):
            if each is not None:
                each.answer = f"{each.answer}\n\n{extra}"
    return _Built(raw, question, shape, tags, notes, reasons)


def written_row(card: Card, *, pair: bool) -> tuple[str, str, str]:
    """A card as the row a CSV import reads back as it: its front, its back and the example shown with its answer
    (``RawCard.extra``, "" when none). A term/definition pair (``pair``) is its term as the deck wrote it
    (``written_pair``) and its definition, which is as many paragraphs of its answer as its which-term question
    shows (the paragraphs after it, an example sentence, are the example); a question is its question and the
    answer it was shaped from, the rest of its answer the example."""
    if pair and card.term:
        front, back = written_pair(card.term, card.answer, card.aliases)
        shown = card.question.removeprefix(WHICH_TERM_PROMPT)
        if shown == card.question or not back.strip():  # (a pair asked nothing yet: its question is its term)
            return front, back, ""
        paragraphs = back.split("\n\n")
        count = shown.strip().count("\n\n") + 1
        return front, "\n\n".join(paragraphs[:count]), "\n\n".join(paragraphs[count:])
    paragraphs = card.answer.split("\n\n")
    if len(paragraphs) < 2 or not card.askable or _shaped_as(card, card.answer, ""):
        return card.question, card.answer, ""
    for count in range(len(paragraphs) - 1, 0, -1):
        answer, extra = "\n\n".join(paragraphs[:count]), "\n\n".join(paragraphs[count:])
        if _shaped_as(card, answer, extra):
            return card.question, answer, extra
    return card.question, card.answer, ""


def _shaped_as(card: Card, answer: str, extra: str) -> bool:
    """Whether a question card imported with ``answer`` and the example ``extra`` is ``card`` again: its answer,
    its term, its key points and its accepted answers (a server's own may follow them)."""
    built = _clean(RawCard(card.question, answer, 0, [], kind=QA, extra=extra), reverse=False)
    if built is None:
        return False
    shape = built.shape
    return (
        shape.kind != INCOMPLETE
        and (shape.question, shape.answer, shape.term) == (card.question, card.answer, card.term)
        and tuple(shape.keypoints) == card.keypoints
        and card.accept[: len(shape.accept)] == tuple(shape.accept)
    )


def _missing(answer: str) -> str | None:
    """The note of an answer that is only a pointer elsewhere ("See image", "TO DO"), else None."""
    if not answer:
        return "The answer is empty in the source; write the answer."
    if MISSING.match(answer):
        return f"The source answer only says {answer!r}; write the answer."
    return None


def _fill(question: str, answer: str, reasons: list[str], notes: list[str]) -> str:
    """The answer with its blanks filled (the term, or the item the question numbers), else marked "…"."""
    if not BLANK.search(answer):
        return answer
    answer, numbered = fill_numbered_blanks(answer, question)
    if numbered:
        reasons.append(f"{numbered} numbered blank(s) filled from the question")
    term = guess_term(question, loose=True)
    if BLANK.search(answer) and term:
        answer = fill_blanks(answer, term)
        reasons.append(f"blanks filled with {term!r}")
    if BLANK.search(answer):
        answer, left = mark_unfilled_blanks(answer)
        reasons.append(f"{left} blank(s) left: no term found in the question; shown as …")
        notes.append(f"The source has {left} blank(s) no term could fill, shown as …; write the missing words.")
    return answer


def _with_ids(
    built: list[_Built], deck_id: str, reuse: IdReuse
) -> tuple[list[Card], dict[str, str], list[tuple[int, list[str]]]]:
    """Cards with ids (reused first, then fresh slugs), each card's kind, and each card's flag reasons."""
    entries: list[tuple[_Built, Shape, bool]] = []
    for item in built:
        entries.append((item, item.shape, False))
        if item.shape.reverse is not None:
            entries.append((item, item.shape.reverse, True))
    terms = Counter(s.term.lower() for _, s, _ in entries if s.term)
    ids: list[str | None] = [
        reuse.find(s.question, s.term, s.answer, term_unique=not s.term or terms[s.term.lower()] == 1)
        for _, s, _ in entries
    ]
    used = {i for i in ids if i} | reuse.existing
    cards: list[Card] = []
    kinds: dict[str, str] = {}
    flagged: list[tuple[int, list[str]]] = []
    for (item, shape, is_reverse), card_id in zip(entries, ids, strict=True):
        if card_id is None:
            base = base_id(item.source_question, shape.term or item.shape.term)
            if is_reverse:
                base = base[: CARD_ID_MAX - len(REVERSE_SUFFIX)].rstrip("-") + REVERSE_SUFFIX
            card_id = unique_id(base, used)
            used.add(card_id)
        notes = item.notes + ([shape.note] if shape.note else [])
        status = "incomplete" if shape.kind == INCOMPLETE else "ok"
        cards.append(
            Card(
                deck=deck_id,
                id=card_id,
                question=shape.question,
                answer=shape.answer,
                term=shape.term,
                aliases=shape.aliases,
                accept=shape.accept if status == "ok" else (),
                keypoints=shape.keypoints if status == "ok" else (),
                tags=tuple(item.tags),
                status=status,
                note=" ".join(notes) or None,
            )
        )
        kinds[card_id] = shape.kind
        flagged.append((item.raw.line, [] if is_reverse else list(item.reasons)))
    return cards, kinds, flagged


def _merge_tags(cards: list[Card], flagged: list[tuple[int, list[str]]]) -> list[Card]:
    """Merge misspelt tags (``TAG_FIXES``) and plurals used next to their singular into one spelling."""
    used = Counter(t for c in cards for t in c.tags)
    mapping: dict[str, str] = {}
    for tag in used:
        if tag in TAG_FIXES:
            mapping[tag] = TAG_FIXES[tag]
        elif tag.endswith("s") and tag[:-1] in used:
            mapping[tag] = tag[:-1]
    if not mapping:
        return cards
    out: list[Card] = []
    for card, (_, reasons) in zip(cards, flagged, strict=True):
        if any(t in mapping for t in card.tags):
            for t in card.tags:
                if t in mapping:
                    reasons.append(f"tag {t!r} merged into {mapping[t]!r}")
            card = replace(card, tags=tuple(dict.fromkeys(mapping.get(t, t) for t in card.tags)))
        out.append(card)
    return out

