"""A card's other names, and Anki cloze sentences (``{{c1::answer::hint}}``) made into cards.

Other names of a term are taken from the card's own text: an acronym written beside its expansion
("Hamiltonian Monte Carlo (HMC)"), and the expansion an acronym's answer opens with ("RAG" ->
"Retrieval Augmented Generation ..."). They are hidden in the "which term is hidden?" prompt and
accepted when typed for the term.
"""

from __future__ import annotations

import logging
import re

from bot.core.grading import normalise
from bot.core.importers.keypoints import pairs_in
from bot.core.importers.shape import CLOZE, Shape, shape_qa
from bot.core.prompts.cloze import acronym_of, is_acronym
from bot.core.text import plain

log = logging.getLogger(__name__)

__all__ = ["CLOZE_MARK", "cloze_numbers", "cloze_shape", "fill_clozes", "term_aliases"]

#: ``{{c1::answer}}`` or ``{{c1::answer::hint}}``.
CLOZE_MARK = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_BLANK = "_____"


def term_aliases(term: str | None, question: str, answer: str) -> tuple[str, ...]:
    """Other names of ``term`` found in the card's text (see the module doc)."""
    if not term:
        return ()
    key = normalise(term)
    found: list[str] = []
    pairs = pairs_in(plain(question) + "\n" + plain(answer))
    for name, other in pairs.items():
        if name == key or (len(name.split()) >= 2 and f" {name} " in f" {key} "):
            found.append(other)
            if name != key and not is_acronym(other):
                found.append(name)
    if is_acronym(term):
        words = plain(answer).replace('"', " ").split()
        for n in range(len(term) + 3, 1, -1):
            head = " ".join(words[:n]).strip(",.;:")
            if acronym_of(term, head):
                found.append(head)
                break
    out: list[str] = []
    for name in found:
        folded = normalise(name)
        if folded and folded != key and folded not in {normalise(o) for o in out}:
            out.append(name)
    return tuple(out)


def cloze_numbers(text: str) -> list[int]:
    """The cloze numbers a note uses, in order (``c1``, ``c2`` ...)."""
    return sorted({int(m.group(1)) for m in CLOZE_MARK.finditer(text)})


def fill_clozes(text: str, keep: int | None = None) -> str:
    """The note's text with every cloze but number ``keep`` replaced by its answer."""
    return CLOZE_MARK.sub(lambda m: m.group(0) if keep is not None and int(m.group(1)) == keep else m.group(2), text)


def cloze_shape(text: str, extra: str) -> Shape:
    """A card from a cloze sentence holding one cloze number: the blanked sentence is the question, its
    hidden words the answer (and the term when they are a short name); ``extra`` adds to the explanation.
    """
    marks = list(CLOZE_MARK.finditer(text))
    if not marks:
        return shape_qa(text, extra, term=None)
    hidden = [m.group(2).strip() for m in marks]
    question = CLOZE_MARK.sub(lambda m: _BLANK + (f" ({m.group(3).strip()})" if m.group(3) else ""), text)
    answer = CLOZE_MARK.sub(lambda m: m.group(2), text)
    if extra.strip():
        answer = f"{answer}\n\n{extra.strip()}"
    said = ", ".join(dict.fromkeys(hidden))
    term = said if len(said.split()) <= 5 and len(set(hidden)) == 1 else None
    return Shape(CLOZE, question, answer, term, (), accept=(said,))
