-- PostgreSQL translation of migrations/0031_quiz_open_card.sql: the card of a channel quiz's question on show.
ALTER TABLE quizzes ADD COLUMN open_card TEXT;
