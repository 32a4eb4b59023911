-- PostgreSQL translation of migrations/0026_attempt_key.sql.
-- Attempts: the key of one rating, written with the answer. A /review card shown to a member gets a key of its
-- own, and an answer to it is stored with that key: when the bot could not confirm that an answer was saved and
-- the member answers the same card again, the second write finds the first by its key and is given its result
-- instead of rating the card a second time. Answers stored without a key (NULL) are not constrained.
ALTER TABLE attempts ADD COLUMN attempt_key TEXT;
CREATE UNIQUE INDEX attempts_attempt_key ON attempts (attempt_key) WHERE attempt_key IS NOT NULL;
