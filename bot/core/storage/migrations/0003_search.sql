-- Full-text search for /search: one row per active card (retired cards are left out), rebuilt by the
-- lookup feature in one transaction at start-up whenever the deck's searchable text changed.
-- Columns: the card key (not searched), the term, the question and the explanation (markdown stripped).
CREATE VIRTUAL TABLE cards_fts USING fts5(
    card_key UNINDEXED,
    term,
    question,
    answer,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- What cards_fts holds: a fingerprint of the searchable text it was built from.
CREATE TABLE search_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    cards       INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
