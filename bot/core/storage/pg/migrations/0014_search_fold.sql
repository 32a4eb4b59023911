-- PostgreSQL translation of migrations/0014_search_fold.sql: search folds accents as SQLite's FTS5 does (its
-- tokenizer's remove_diacritics), so "cafe" finds "café" and "café" finds "cafe".
--
-- The text search configuration tutor_search is PostgreSQL's English one (the same stemming as before) with
-- the unaccent dictionary in front of the stemmer for words that are not plain ASCII. The search table's
-- tsvector is rebuilt with it (its rows are kept, its GIN index made again); queries, ranks and snippets use
-- it too (bot/core/storage/pg/compat.py), so a snippet highlights a word as the card spells it.
--
-- unaccent ships with PostgreSQL (the contrib package) and is a trusted extension: a user who may create
-- objects in the database may create it. It is created once per database, in the public schema, and every
-- schema holding a tutorbot database uses it from there. Without the right to create it this migration
-- stops with a message naming the statement an administrator runs.
DO $migration$
DECLARE
    home TEXT;
BEGIN
    SELECT n.nspname INTO home
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'unaccent';
    IF home IS NULL THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
        EXCEPTION
            WHEN unique_violation OR duplicate_object THEN
                NULL;  -- created at the same moment by a tutorbot on another schema of this database
            WHEN OTHERS THEN
                RAISE EXCEPTION 'tutorbot''s search needs the PostgreSQL extension unaccent, which it could not '
                    'create (%). As a superuser, run  CREATE EXTENSION unaccent SCHEMA public;  in the database % '
                    '(the extension ships with PostgreSQL''s contrib package), then start tutorbot again.',
                    SQLERRM, current_database();
        END;
        SELECT n.nspname INTO STRICT home
          FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'unaccent';
    END IF;
    CREATE TEXT SEARCH CONFIGURATION tutor_search (COPY = pg_catalog.english);
    EXECUTE format(
        'ALTER TEXT SEARCH CONFIGURATION tutor_search ALTER MAPPING FOR word, hword, hword_part'
        ' WITH %I.unaccent, pg_catalog.english_stem',
        home
    );
END
$migration$;

DROP INDEX IF EXISTS cards_fts_document;
ALTER TABLE cards_fts DROP COLUMN document;
ALTER TABLE cards_fts ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('tutor_search', coalesce(term, '')), 'A')
    || setweight(to_tsvector('tutor_search', coalesce(question, '')), 'B')
    || setweight(to_tsvector('tutor_search', coalesce(answer, '')), 'C')
) STORED;
CREATE INDEX cards_fts_document ON cards_fts USING GIN (document);
