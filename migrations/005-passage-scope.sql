-- The language and type of a passage become tokens of its own column in the full-text index, so
-- that a search is filtered and ranked inside FTS5 and only the few passages shown are read from
-- passage. Before, every match was joined with its passage row (text and all) and then sorted,
-- which grew with the corpus. Ranking is unchanged: bm25 weighs title, heading and body as before,
-- and searches are confined to those three columns, so scope tokens never match a query.
DROP TABLE passage_fts;
CREATE VIRTUAL TABLE passage_fts USING fts5(title, heading, body, scope, content = '', tokenize = 'unicode61 remove_diacritics 2');
