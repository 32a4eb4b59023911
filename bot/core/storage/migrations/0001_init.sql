-- Decks and cards (synced from cards/*.yaml), per-guild settings, and the append-only attempts log.
CREATE TABLE decks (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    retired     INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE cards (
    key        TEXT PRIMARY KEY,              -- deck:card
    deck_id    TEXT NOT NULL REFERENCES decks(id),
    card_id    TEXT NOT NULL,
    term       TEXT,
    question   TEXT NOT NULL,
    status     TEXT NOT NULL,
    data       TEXT NOT NULL,                 -- the whole card as JSON, to detect changes
    retired    INTEGER NOT NULL DEFAULT 0,    -- removed from the deck file; kept for history
    updated_at INTEGER NOT NULL,
    UNIQUE (deck_id, card_id)
);

CREATE TABLE card_tags (
    card_key TEXT NOT NULL REFERENCES cards(key) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (tag, card_key)
) WITHOUT ROWID;

CREATE TABLE guild_settings (
    guild_id   INTEGER PRIMARY KEY,
    timezone   TEXT,                          -- IANA zone used for leaderboard weeks and the daily post
    updated_at INTEGER NOT NULL
);

CREATE TABLE attempts (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER,                       -- NULL for terminal practice
    channel_id INTEGER,
    user_id    INTEGER NOT NULL,
    user_name  TEXT NOT NULL,                 -- display name at the time, so boards never need the member cache
    card_key   TEXT NOT NULL REFERENCES cards(key),
    source     TEXT NOT NULL CHECK (source IN ('quiz', 'daily', 'practice')),
    response   TEXT NOT NULL,
    verdict    TEXT NOT NULL CHECK (verdict IN ('correct', 'almost', 'partial', 'wrong', 'empty')),
    points     INTEGER NOT NULL DEFAULT 0,
    session_id TEXT,                          -- quiz id or daily post id
    created_at INTEGER NOT NULL               -- unix milliseconds, UTC
);

-- Leaderboards: a guild's scored attempts in a time window.
CREATE INDEX attempts_board ON attempts (guild_id, created_at, user_id) WHERE source != 'practice';
-- Personal stats: one member's attempts in a guild.
CREATE INDEX attempts_user ON attempts (guild_id, user_id, created_at);
-- Card history (most missed cards, practice selection).
CREATE INDEX attempts_card ON attempts (card_key, verdict);

-- Channel quizzes and practice sessions (the quiz feature adds its own tables for live state).
CREATE TABLE quizzes (
    id          TEXT PRIMARY KEY,             -- short random id, also in button custom_ids
    guild_id    INTEGER,
    channel_id  INTEGER,
    starter_id  INTEGER NOT NULL,
    topic       TEXT,
    mode        TEXT NOT NULL CHECK (mode IN ('typed', 'choice')),
    private     INTEGER NOT NULL DEFAULT 0,   -- 1 for practice (never on the leaderboard)
    total       INTEGER NOT NULL,             -- number of questions
    status      TEXT NOT NULL CHECK (status IN ('running', 'finished', 'stopped', 'interrupted')),
    winner_id   INTEGER,                      -- the top scorer of a finished channel quiz
    message_id  INTEGER,
    created_at  INTEGER NOT NULL,
    ended_at    INTEGER
);
CREATE INDEX quizzes_running ON quizzes (status) WHERE status = 'running';
CREATE INDEX quizzes_winner ON quizzes (guild_id, winner_id);

-- Daily streaks: consecutive local days with a correct daily answer (kept by the daily feature,
-- in the same transaction as the answer).
CREATE TABLE daily_streaks (
    guild_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    user_name TEXT NOT NULL,
    current   INTEGER NOT NULL DEFAULT 0,
    best      INTEGER NOT NULL DEFAULT 0,
    last_day  TEXT,                           -- ISO local date of the last correct daily answer
    PRIMARY KEY (guild_id, user_id)
);
