-- PostgreSQL translation of migrations/0002_quiz.sql.
-- Quiz feature: practice picks cards from one person's history on every card they have tried.
CREATE INDEX attempts_user_card ON attempts (user_id, card_key, created_at);
-- A quiz's attempts (summaries, the hardest question).
CREATE INDEX attempts_session ON attempts (session_id) WHERE session_id IS NOT NULL;
