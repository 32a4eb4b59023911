""""See also" for a definition: the cards a card is related to, found in the term index's tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bot.core.lookup.tables import Tables
from bot.core.lookup.words import STOPWORDS, content_words
from bot.core.models import Card
from bot.core.text import fold

_MENTION_WORDS = 1500  # words of a card's text read for the terms it mentions
_BUCKET_SCAN = 3000  # cards read per posting list or tag


def see_also(tables: Tables, card: Card, limit: int = 6, *, exclude: Iterable[str] = ()) -> list[Card]:
    """Related cards: terms this card mentions, cards whose name or question mentions its term, then
    cards sharing the most tags. Incomplete cards, cards of the same name and the cards whose keys are
    in ``exclude`` are left out."""
    cards = tables.cards
    own = {fold(n) for n in card.names}
    picked: list[int] = []
    seen: set[int] = {ci for ci in map(tables.by_key.get, (card.key, *exclude)) if ci is not None}

    def take(ci: int) -> bool:
        if ci in seen:
            return False
        seen.add(ci)
        other = cards[ci]
        if not other.askable or (other.term and fold(other.term) in own):
            return False
        picked.append(ci)
        return len(picked) >= limit

    # 1. Terms written in this card's explanation and question (longest phrases first).
    words = fold(f"{card.answer} {card.question}").split()[:_MENTION_WORDS]
    found: list[tuple[int, int]] = []
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            gram = " ".join(words[i : i + size])
            if size == 1 and (gram in STOPWORDS or len(gram) < 3):
                continue
            for eid in tables.exact_entries(gram):
                found.append((i, tables.owner[eid]))
    for _, ci in sorted(found):
        if take(ci):
            return [cards[c] for c in picked]

    # 2. Cards whose name or question mentions this card's term.
    for name in [fold(n) for n in card.names][:3]:
        lists = [tables.postings.get(w) for w in content_words(name)]
        if not lists or not all(lists):
            continue
        needle = f" {name} "
        for eid in min((x for x in lists if x is not None), key=len)[:_BUCKET_SCAN]:
            if needle in f" {tables.keys[eid]} " and take(tables.owner[eid]):
                return [cards[c] for c in picked]

    # 3. Cards sharing the most tags (rarer tags count more on a tie).
    shared: dict[int, float] = defaultdict(float)
    for tag in card.tags:
        bucket = tables.by_tag.get(tag, [])
        weight = 1.0 + 1.0 / max(1, len(bucket))
        for ci in bucket[:_BUCKET_SCAN]:
            if ci not in seen:
                shared[ci] += weight
    for ci in sorted(shared, key=lambda c: (-shared[c], c)):
        if take(ci):
            break
    return [cards[c] for c in picked]
