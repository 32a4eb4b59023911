-- PostgreSQL translation of migrations/0003_search.sql: full-text search for /search, one row per active card
-- (retired cards are left out), rebuilt by the lookup feature in one transaction whenever the deck's
-- searchable text changed. Columns: the card key (not searched), the term, the question and the explanation
-- (markdown stripped).
--
-- SQLite's FTS5 table becomes a plain table with a generated tsvector (English stemming, like FTS5's porter
-- tokenizer) and a GIN index; ranked search uses ts_rank with the term weighted most (A), then the question
-- (B), then the explanation (C), as the bm25 column weights do.
CREATE TABLE cards_fts (
    card_key TEXT NOT NULL,
    term     TEXT,
    question TEXT,
    answer   TEXT,
    document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(term, '')), 'A')
        || setweight(to_tsvector('english', coalesce(question, '')), 'B')
        || setweight(to_tsvector('english', coalesce(answer, '')), 'C')
    ) STORED
);
CREATE INDEX cards_fts_document ON cards_fts USING GIN (document);
CREATE INDEX cards_fts_card ON cards_fts (card_key);

-- What cards_fts holds: a fingerprint of the searchable text it was built from.
CREATE TABLE search_state (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    cards       BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
