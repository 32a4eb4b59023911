-- Daily posts are dated in the zone they were posted in, and each records that zone: one post per guild per local
-- date of a zone. A server that moves its schedule west (Auckland to Los Angeles) reaches again a date whose
-- number an Auckland question already had: that date of Los Angeles still gets its question. Posts from before
-- this migration take the zone their server's schedule has now (UTC for a server with no schedule row).
--
-- SQLite cannot change a table's UNIQUE constraint in place, so `daily_posts` is rebuilt the documented way, with
-- `daily_answers` (whose rows point at it: the old table could not be dropped under them) rebuilt beside it. Every
-- row keeps its id; the indexes of 0005 and 0021 are created again.

CREATE TABLE daily_posts_rebuilt (
    id                INTEGER PRIMARY KEY,
    guild_id          INTEGER NOT NULL,
    local_day         TEXT NOT NULL,            -- ISO local date in `zone`
    card_key          TEXT NOT NULL,
    channel_id        INTEGER NOT NULL,
    message_id        INTEGER,
    -- claimed: written before sending (the unique key below makes a second claim impossible).
    -- posted: the message exists; failed: it could not be sent and never will be for this day.
    state             TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed')),
    send_tries        INTEGER NOT NULL DEFAULT 0,
    claimed_at        INTEGER NOT NULL,         -- unix ms of the latest send attempt (a lease for retries)
    post_at           INTEGER NOT NULL,
    closes_at         INTEGER NOT NULL,
    revealed_at       INTEGER,                  -- the reveal was claimed (set before it is sent)
    reveal_message_id INTEGER,
    reveal_tries      INTEGER NOT NULL DEFAULT 0,
    failure           TEXT,
    card_data         TEXT,                     -- the card as asked (0020)
    zone              TEXT NOT NULL,            -- IANA time zone of the schedule when the post was claimed
    UNIQUE (guild_id, local_day, zone)
);

INSERT INTO daily_posts_rebuilt (id, guild_id, local_day, card_key, channel_id, message_id, state, send_tries,
                                 claimed_at, post_at, closes_at, revealed_at, reveal_message_id, reveal_tries, failure,
                                 card_data, zone)
SELECT p.id, p.guild_id, p.local_day, p.card_key, p.channel_id, p.message_id, p.state, p.send_tries, p.claimed_at,
       p.post_at, p.closes_at, p.revealed_at, p.reveal_message_id, p.reveal_tries, p.failure, p.card_data,
       COALESCE(s.zone, 'UTC')
FROM daily_posts p LEFT JOIN daily_schedules s ON s.guild_id = p.guild_id ORDER BY p.id;

CREATE TABLE daily_answers_rebuilt (
    post_id     INTEGER NOT NULL REFERENCES daily_posts_rebuilt(id),
    user_id     INTEGER NOT NULL,
    user_name   TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('correct', 'partial', 'wrong')),
    points      INTEGER NOT NULL DEFAULT 0,
    attempt_id  INTEGER,                        -- the row in attempts (source 'daily')
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)              -- one counted answer per member per question
) WITHOUT ROWID;

INSERT INTO daily_answers_rebuilt (post_id, user_id, user_name, verdict, points, attempt_id, answered_at)
SELECT post_id, user_id, user_name, verdict, points, attempt_id, answered_at FROM daily_answers;

DROP TABLE daily_answers;

DROP TABLE daily_posts;

-- (Renaming the posts also renames the answers' reference to them.)
ALTER TABLE daily_posts_rebuilt RENAME TO daily_posts;

ALTER TABLE daily_answers_rebuilt RENAME TO daily_answers;

-- Reveals due: open posted questions by closing time.
CREATE INDEX daily_posts_reveal ON daily_posts (closes_at) WHERE revealed_at IS NULL AND state = 'posted';
-- Sends interrupted by a crash or a transient error.
CREATE INDEX daily_posts_claimed ON daily_posts (claimed_at) WHERE state = 'claimed';
-- Card choice: when this guild's daily last used each card.
CREATE INDEX daily_posts_cards ON daily_posts (guild_id, card_key, local_day);
-- Reveals claimed but never recorded as sent (0021).
CREATE INDEX daily_posts_reveal_claimed ON daily_posts (revealed_at)
    WHERE reveal_message_id IS NULL AND failure IS NULL AND state = 'posted';
-- The guild's latest question by post time (a schedule moved to another zone dates the next one from it).
CREATE INDEX daily_posts_latest ON daily_posts (guild_id, post_at);
