"""A server's own decks (``/deck``): ``DeckAdmin`` and the data it returns (see ``service``)."""

from bot.core.deckadmin.models import DeckDetails, DeckInfo, ExportFile, Flagged, ImportDone, ImportPreview
from bot.core.deckadmin.service import DeckAdmin, DeckLimits

__all__ = ["DeckAdmin", "DeckDetails", "DeckInfo", "DeckLimits", "ExportFile", "Flagged", "ImportDone", "ImportPreview"]
