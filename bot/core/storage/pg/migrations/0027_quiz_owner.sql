-- PostgreSQL translation of migrations/0027_quiz_owner.sql.
-- Quiz feature: the process that holds a running quiz (``owner``: ``<machine>:<pid>:<random>``) and until when it
-- holds it (``lease_until``, ms since the epoch), renewed by that process while the quiz runs or its channel is still
-- to be told how it ended. Another process on the same servers leaves the quiz alone until the lease expires (or
-- the owner gave it back as it stopped). Quizzes stored before this have neither: nothing holds them.
ALTER TABLE quizzes ADD COLUMN owner TEXT;
ALTER TABLE quizzes ADD COLUMN lease_until BIGINT;
