-- Review feature: the card on show in each member's open /review session, written when the card is shown. A session
-- is held in memory; after a restart, an answer, "Don't know" or a button press on that card takes the session up
-- again from this row (the card as it was shown, asked the same way, with the same key for its rating:
-- attempts.attempt_key, so an answer is rated once however often it is sent). One row per member and server (their
-- latest session), replaced by the next card shown and deleted when the session ends; a row whose session has been
-- idle longer than a session is kept open is not taken up again.
CREATE TABLE review_showings (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    session_id  TEXT NOT NULL,                -- the session's attempts.session_id ('rv-…')
    user_name   TEXT NOT NULL,                -- stored with the session's answers
    channel_id  INTEGER,
    started_at  INTEGER NOT NULL,             -- when /review start opened the session (Unix ms)
    number      INTEGER NOT NULL,             -- the card's number in the session (its buttons')
    card_key    TEXT NOT NULL,
    card_data   TEXT NOT NULL,                -- the card as it was shown (the stored form of cards.data)
    direction   TEXT NOT NULL,                -- how it was asked
    attempt_key TEXT NOT NULL,                -- the showing's key, stored with its answer (attempts.attempt_key)
    shown_at    INTEGER NOT NULL,             -- when it was shown (the time taken to answer counts from here)
    active_at   INTEGER NOT NULL,             -- the session's latest activity: shown, or answered
    due         INTEGER NOT NULL,             -- what the card's footer said: cards due (counted up to a cap) ...
    due_capped  INTEGER NOT NULL,             -- ... 1 when the count reached the cap ...
    new_left    INTEGER NOT NULL,             -- ... and new cards left today
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
-- A button names its session: one row per session at most.
CREATE UNIQUE INDEX review_showings_session ON review_showings (session_id);
