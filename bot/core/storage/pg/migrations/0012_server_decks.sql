-- PostgreSQL translation of migrations/0012_server_decks.sql.
-- Decks a server imports (/deck import): owned by that server and seen by it alone. Decks from cards/ keep
-- owner_guild_id NULL (global). ``name`` is what the owning server calls the deck (its id is the name with
-- a short suffix, so two servers may each have a deck of the same name).
ALTER TABLE decks ADD COLUMN owner_guild_id BIGINT;
ALTER TABLE decks ADD COLUMN name TEXT;
CREATE UNIQUE INDEX decks_owner_name ON decks (owner_guild_id, name) WHERE owner_guild_id IS NOT NULL;

-- A server deck's cards in the order of the imported file (NULL for the cards of cards/).
ALTER TABLE cards ADD COLUMN position BIGINT;

-- Decks a server turned off (or on again): a disabled deck is not asked, defined, searched or posted there.
CREATE TABLE guild_decks (
    guild_id   BIGINT NOT NULL,
    deck_id    TEXT NOT NULL,
    enabled    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, deck_id)
);

-- The search table learns each card's deck, so /search is filtered to the decks a server sees. It is
-- rebuilt at the next start (its fingerprint is forgotten). Same tsvector and weights as 0003.
DROP TABLE cards_fts;
CREATE TABLE cards_fts (
    card_key TEXT NOT NULL,
    term     TEXT,
    question TEXT,
    answer   TEXT,
    deck_id  TEXT,
    document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(term, '')), 'A')
        || setweight(to_tsvector('english', coalesce(question, '')), 'B')
        || setweight(to_tsvector('english', coalesce(answer, '')), 'C')
    ) STORED
);
CREATE INDEX cards_fts_document ON cards_fts USING GIN (document);
CREATE INDEX cards_fts_card ON cards_fts (card_key);
DELETE FROM search_state;
