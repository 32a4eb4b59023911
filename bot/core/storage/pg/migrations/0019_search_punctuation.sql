-- PostgreSQL's text-search parser keeps a name written with dots, slashes or colons as one token ("tf.variable",
-- "node.js", "2.0", "torch.nn.module"), where SQLite's FTS5 (and the words a search is cut into) splits it at
-- each mark: /search tf.Variable found nothing on PostgreSQL, and "SQuAD 2.0" matched other cards. The document
-- now reads those marks as spaces, as FTS5 does.
DROP INDEX IF EXISTS cards_fts_document;
ALTER TABLE cards_fts DROP COLUMN document;
ALTER TABLE cards_fts ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('tutor_search', translate(coalesce(term, ''), './:@\', '     ')), 'A')
    || setweight(to_tsvector('tutor_search', translate(coalesce(question, ''), './:@\', '     ')), 'B')
    || setweight(to_tsvector('tutor_search', translate(coalesce(answer, ''), './:@\', '     ')), 'C')
) STORED;
CREATE INDEX cards_fts_document ON cards_fts USING GIN (document);
