-- PostgreSQL translation of migrations/0011_deck_sync.sql.
-- What the deck files held at the last deck sync: a digest of every deck and card field the sync writes.
-- A restart whose deck files give the same digest skips the card-by-card comparison (only the deck sync
-- writes the decks, cards and card_tags tables, so equal digests mean equal rows).
CREATE TABLE deck_sync (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    cards       BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
