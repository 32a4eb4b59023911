-- Daily feature: the members who had their free retry on a question. A first "almost" (a spelling slip the grader
-- does not accept) is not counted and the member answers again; it is written here before they are told, so that
-- a second one, even after a restart, counts as their answer: near misses cannot be typed over and over to close
-- in on the answer while the question still scores.
CREATE TABLE daily_retries (
    post_id     INTEGER NOT NULL REFERENCES daily_posts(id),
    user_id     INTEGER NOT NULL,
    used_at     INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)              -- one free retry per member per question
) WITHOUT ROWID;
