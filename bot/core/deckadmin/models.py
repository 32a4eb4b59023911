"""What ``DeckAdmin`` returns: plain data for the /deck command to render."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Flagged:
    """A card of an import to check, and why (plain text)."""

    card_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What an import would bring in, before anything is written (``DeckAdmin.preview``).

    ``token`` names the pending import for ``confirm``/``cancel`` (short, fits a custom id);
    ``directions`` counts the askable cards per direction (``question``, ``term``); ``flagged`` lists the
    cards that are not askable or were imported with something to check; ``samples`` are three prompts as
    asked; ``replaces`` says the server already has a deck of this name (the import syncs it); ``reverse`` is how
    many of the ``cards`` are reverse cards the import makes ("What is X?", asked from the term of a pair whose
    definition is short enough to grade): the file itself holds ``cards - reverse``; ``disabled`` says the deck it
    replaces is turned off in the server (and stays off once imported). ``flagged`` and ``warnings`` hold the first
    of them only (a file of thousands of bad lines would make a report too large to attach); ``flagged_total`` and
    ``warnings_total`` say how many there are in all (0: as many as are listed).
    """

    token: str
    name: str
    title: str
    cards: int
    askable: int
    directions: dict[str, int]
    flagged: tuple[Flagged, ...]
    samples: tuple[str, ...]
    replaces: bool
    warnings: tuple[str, ...]
    reverse: int = 0
    disabled: bool = False
    flagged_total: int = 0
    warnings_total: int = 0

    @property
    def flagged_count(self) -> int:
        """How many cards are flagged in all (``flagged`` lists the first of them)."""
        return max(self.flagged_total, len(self.flagged))

    @property
    def warnings_count(self) -> int:
        """How many lines were not read in all (``warnings`` lists the first of them)."""
        return max(self.warnings_total, len(self.warnings))


@dataclass(frozen=True, slots=True)
class ImportDone:
    """What a confirmed import changed, in cards: ``added`` (new, or back in the deck), ``updated``, ``retired``
    (left out of the file) and ``unchanged``. A term/definition pair has a reverse card ("What is X?") while its
    definition is short enough to grade: one that an edited definition brought (``reverse_added``) or dropped
    (``reverse_retired``), its pair kept, is counted there, not among the cards added or retired; the reverse cards
    that came in with their pair (a new row's) are among ``added``, and ``reverse_new`` says how many."""

    name: str
    deck_id: str
    added: int
    updated: int
    retired: int
    unchanged: int
    #: Whether the deck is in use in the server: a deck the server turned off stays off when imported again.
    enabled: bool = True
    reverse_added: int = 0
    reverse_retired: int = 0
    reverse_new: int = 0


@dataclass(frozen=True, slots=True)
class DeckInfo:
    """One deck as a server sees it: ``owner`` None for a global deck (from the deck files)."""

    name: str
    deck_id: str
    title: str
    description: str
    owner: int | None
    enabled: bool
    cards: int
    askable: int


@dataclass(frozen=True, slots=True)
class DeckDetails:
    """A deck's info, its tags with their card counts (biggest first), the file it came from, and the
    answers this server accepted for its cards beyond the deck's own (card id, answer); ``overlays_held``: how many
    of those are left out, their card's question being open in the server (a quiz, the daily question)."""

    info: DeckInfo
    tags: tuple[tuple[str, int], ...]
    source: str
    overlays: tuple[tuple[str, str], ...] = ()
    overlays_held: int = 0


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A deck written out: the file name to attach, its bytes, and the deck's name (as the server knows it, however
    it was typed); for a CSV, its columns as its header names them (``term,definition,tags`` for a glossary)."""

    filename: str
    data: bytes
    name: str = ""
    columns: tuple[str, ...] = ()
    #: cards of the deck asked now whose answers accepted by the server were left out
    held: int = 0
