-- Quiz feature: how many questions of a channel quiz were posted, so the notice after a restart counts the
-- question that was open ("Questions 1/3"), even when nobody had answered it.
ALTER TABLE quizzes ADD COLUMN asked INTEGER NOT NULL DEFAULT 0;
