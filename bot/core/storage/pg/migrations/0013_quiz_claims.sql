-- PostgreSQL side of migrations/0013_quiz_claims.sql: the one-running-quiz-per-channel index (0001) and the
-- first-correct claims (0009) are here already, and the quiz service now claims through them on both engines.
-- Kept so both engines carry the same numbers; IF NOT EXISTS makes it a no-op on every database 0012 left.
CREATE UNIQUE INDEX IF NOT EXISTS quizzes_one_running ON quizzes (channel_id)
    WHERE status = 'running' AND private = 0 AND channel_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS quiz_first_correct (
    quiz_id    TEXT NOT NULL REFERENCES quizzes(id),
    question   BIGINT NOT NULL,
    card_key   TEXT NOT NULL,
    user_id    BIGINT NOT NULL,
    attempt_id BIGINT,
    at         BIGINT NOT NULL,
    PRIMARY KEY (quiz_id, question)
);
