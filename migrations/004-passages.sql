-- Passages: every topic section, practice, layout and threat, in each language, as the unit of
-- search and citation. The full-text index holds Snowball stems (SQLite has no Russian stemmer),
-- so it is contentless: the original text lives in passage and is joined by rowid.
CREATE TABLE passage (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  locale TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('topic', 'practice', 'layout', 'threat')),
  title_path_json TEXT NOT NULL,
  text TEXT NOT NULL,
  api_url TEXT NOT NULL,
  source_url TEXT NOT NULL,
  document_id TEXT NOT NULL,
  UNIQUE (id, locale)
) STRICT;
CREATE INDEX passage_by_document ON passage (type, document_id, locale);

CREATE VIRTUAL TABLE passage_fts USING fts5(title, heading, body, content = '', tokenize = 'unicode61 remove_diacritics 2');
