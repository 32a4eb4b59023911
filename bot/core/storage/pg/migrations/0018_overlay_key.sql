-- A server's accepted answers were keyed on their folded text itself: an answer of a few thousand characters
-- in a non-Latin script folds to more than a B-tree index row holds (2,704 bytes), and accepting it failed.
-- One row per distinct answer is now kept by a unique index on a hash of the folded text.
ALTER TABLE accept_overlays DROP CONSTRAINT accept_overlays_pkey;
CREATE UNIQUE INDEX accept_overlays_answer ON accept_overlays (guild_id, card_key, direction, md5(norm));
