-- Quiz feature: the database decides who holds a channel and who answered a question first, so the rules hold
-- whichever process of the bot takes the start or the answer (PostgreSQL has the same objects, 0001 and 0009).

-- One running channel quiz per channel. A database left with two running in one channel (a process that died
-- between starting one and ending the other) keeps the newest: the older ones are marked interrupted.
UPDATE quizzes SET status = 'interrupted', ended_at = COALESCE(ended_at, created_at)
 WHERE status = 'running' AND private = 0 AND channel_id IS NOT NULL
   AND EXISTS (
       SELECT 1 FROM quizzes AS later
        WHERE later.channel_id = quizzes.channel_id AND later.status = 'running' AND later.private = 0
          AND (later.created_at > quizzes.created_at OR (later.created_at = quizzes.created_at AND later.id > quizzes.id))
   );
CREATE UNIQUE INDEX quizzes_one_running ON quizzes (channel_id)
    WHERE status = 'running' AND private = 0 AND channel_id IS NOT NULL;

-- The first correct answer to each question of a channel quiz, claimed by inserting its row in the answer's
-- transaction (INSERT ... ON CONFLICT DO NOTHING): a second claim finds the key taken and scores as a later answer.
CREATE TABLE quiz_first_correct (
    quiz_id    TEXT NOT NULL REFERENCES quizzes(id),
    question   INTEGER NOT NULL,              -- the question's number in the quiz, from 1 (quizzes.asked)
    card_key   TEXT NOT NULL,
    user_id    INTEGER NOT NULL,
    attempt_id INTEGER,                       -- the attempts row of the answer
    at         INTEGER NOT NULL,              -- unix ms
    PRIMARY KEY (quiz_id, question)
);
