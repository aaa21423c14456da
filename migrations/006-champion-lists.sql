-- Search reads champion lists instead of FTS5. FTS5 computed bm25 for every passage that matched
-- a query before keeping the best ten, so search slowed in step with the corpus. The lists keep,
-- for each term and scope, only the passages where the term weighs most (see
-- src/search/champion-lists.ts); ranking is still bm25 with the weights FTS5 was given, computed
-- from the weighted frequencies and lengths stored here.
DROP TABLE passage_fts;

-- One row per term, passage and scope ('en', or 'en:topic' for a language and a passage type).
-- weight: the term's occurrences weighted by where they stand (title 3, heading 6, body 1);
-- length: the passage's title, heading and body in terms.
CREATE TABLE search_posting (
  scope TEXT NOT NULL,
  term TEXT NOT NULL,
  passage INTEGER NOT NULL REFERENCES passage (rowid),
  weight INTEGER NOT NULL CHECK (weight > 0),
  length INTEGER NOT NULL CHECK (length > 0),
  PRIMARY KEY (scope, term, passage)
) STRICT, WITHOUT ROWID;

-- Every prefix of every term, with the number of passages holding a term that starts with it:
-- the document frequency of a query stem, which is matched as a prefix.
CREATE TABLE search_prefix (
  prefix TEXT PRIMARY KEY,
  passages INTEGER NOT NULL CHECK (passages > 0)
) STRICT, WITHOUT ROWID;

-- The corpus as bm25 sees it: how many passages, and their total length in terms.
CREATE TABLE search_corpus (
  passages INTEGER NOT NULL,
  terms INTEGER NOT NULL
) STRICT;
