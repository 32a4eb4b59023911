-- PostgreSQL translation of migrations/0009_quiz_progress.sql.
-- Quiz feature: how many questions of a channel quiz were posted, so the notice after a restart counts the
-- question that was open ("Questions 1/3"), even when nobody had answered it.
ALTER TABLE quizzes ADD COLUMN asked BIGINT NOT NULL DEFAULT 0;

-- The first correct answer to each question of a channel quiz, claimed by inserting its row
-- in the answer's transaction. The key makes a second claim fail, whichever process graded it (SQLite gets
-- the same table in migration 0013).
CREATE TABLE quiz_first_correct (
    quiz_id    TEXT NOT NULL REFERENCES quizzes(id),
    question   BIGINT NOT NULL,               -- the question's number in the quiz, from 1 (quizzes.asked)
    card_key   TEXT NOT NULL,
    user_id    BIGINT NOT NULL,
    attempt_id BIGINT,                        -- the attempts row of the answer
    at         BIGINT NOT NULL,               -- unix ms
    PRIMARY KEY (quiz_id, question)
);
