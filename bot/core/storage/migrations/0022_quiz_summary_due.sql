-- Quiz feature: a channel quiz whose channel has not been told yet how it ended (its summary, or the notice that a
-- restart interrupted it). Set with the quiz's end, cleared once the channel was told: a process killed in between
-- leaves it set, and the next start posts what the channel missed. Only such quizzes are in this index.
ALTER TABLE quizzes ADD COLUMN summary_due INTEGER NOT NULL DEFAULT 0;
CREATE INDEX quizzes_summary_due ON quizzes (created_at) WHERE summary_due = 1;
