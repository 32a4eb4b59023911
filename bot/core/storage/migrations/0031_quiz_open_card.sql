-- The card of a channel quiz's question on show (its message posted, its reveal not yet shown), NULL when none: a
-- process reads those of the other processes sharing the database (shards), to hide them from members who play in
-- those servers, as it hides its own quizzes' open cards.
ALTER TABLE quizzes ADD COLUMN open_card TEXT;
