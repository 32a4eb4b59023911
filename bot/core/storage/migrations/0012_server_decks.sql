-- Decks a server imports (/deck import): owned by that server and seen by it alone. Decks from cards/ keep
-- owner_guild_id NULL (global). ``name`` is what the owning server calls the deck (its id is the name with
-- a short suffix, so two servers may each have a deck of the same name).
ALTER TABLE decks ADD COLUMN owner_guild_id INTEGER;
ALTER TABLE decks ADD COLUMN name TEXT;
CREATE UNIQUE INDEX decks_owner_name ON decks (owner_guild_id, name) WHERE owner_guild_id IS NOT NULL;

-- A server deck's cards in the order of the imported file (NULL for the cards of cards/).
ALTER TABLE cards ADD COLUMN position INTEGER;

-- Decks a server turned off (or on again): a disabled deck is not asked, defined, searched or posted there.
CREATE TABLE guild_decks (
    guild_id   INTEGER NOT NULL,
    deck_id    TEXT NOT NULL,
    enabled    INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, deck_id)
) WITHOUT ROWID;

-- The search table learns each card's deck, so /search is filtered to the decks a server sees. It is
-- rebuilt at the next start (its fingerprint is forgotten).
DROP TABLE cards_fts;
CREATE VIRTUAL TABLE cards_fts USING fts5(
    card_key UNINDEXED,
    term,
    question,
    answer,
    deck_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
DELETE FROM search_state;
