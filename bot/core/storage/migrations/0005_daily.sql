-- The daily question: one schedule per guild, one post per guild per local date, one counted answer per member.
--
-- The database is the source of truth; the bot's scheduler only asks "what is due now" every few seconds:
--   daily_schedules.next_post_at <= now            -> a post may be due (the daily service decides post/skip/wait)
--   daily_posts.closes_at <= now, not yet revealed -> the reveal is due
-- Both are single index range scans, so the check stays cheap with many guilds.

CREATE TABLE daily_schedules (
    guild_id      INTEGER PRIMARY KEY,
    channel_id    INTEGER NOT NULL,
    post_time     TEXT NOT NULL,                -- local wall-clock time, HH:MM
    zone          TEXT NOT NULL,                -- IANA time zone
    topic         TEXT,                         -- a tag or deck id; NULL for every askable card
    answer_hours  INTEGER NOT NULL CHECK (answer_hours BETWEEN 1 AND 23),
    enabled       INTEGER NOT NULL DEFAULT 1,   -- 0 after /daily off (kept, so the history stays readable)
    paused_reason TEXT,                         -- set when posting failed for good (channel deleted, permission lost)
    paused_at     INTEGER,
    handled_day   TEXT,                         -- ISO local date last posted or skipped (never posted again)
    next_post_at  INTEGER,                      -- unix ms of the next post instant; NULL when off or paused
    updated_by    INTEGER,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX daily_schedules_due ON daily_schedules (next_post_at) WHERE next_post_at IS NOT NULL;

CREATE TABLE daily_posts (
    id                INTEGER PRIMARY KEY,
    guild_id          INTEGER NOT NULL,
    local_day         TEXT NOT NULL,            -- ISO local date in the schedule's zone
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
    UNIQUE (guild_id, local_day)
);
-- Reveals due: open posted questions by closing time.
CREATE INDEX daily_posts_reveal ON daily_posts (closes_at) WHERE revealed_at IS NULL AND state = 'posted';
-- Sends interrupted by a crash or a transient error.
CREATE INDEX daily_posts_claimed ON daily_posts (claimed_at) WHERE state = 'claimed';
-- Card choice: when this guild's daily last used each card.
CREATE INDEX daily_posts_cards ON daily_posts (guild_id, card_key, local_day);

CREATE TABLE daily_answers (
    post_id     INTEGER NOT NULL REFERENCES daily_posts(id),
    user_id     INTEGER NOT NULL,
    user_name   TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('correct', 'partial', 'wrong')),
    points      INTEGER NOT NULL DEFAULT 0,
    attempt_id  INTEGER,                        -- the row in attempts (source 'daily')
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)              -- one counted answer per member per question
) WITHOUT ROWID;

-- Longest current streaks of a guild (the reveal).
CREATE INDEX daily_streaks_current ON daily_streaks (guild_id, current DESC) WHERE current > 0;
