-- Disputes: what an accepted dispute needs to correct an answer the way live play scored it. `hints`: the
-- hints the player asked for on that question (each costs them points, as in live play); `direction`: how
-- the card was asked ('question' or 'term'), so a server's answer accepted for one direction corrects only
-- the answers to that direction. Answers stored before this have no direction (NULL: either).
ALTER TABLE attempts ADD COLUMN hints INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN direction TEXT;
