-- The content release this store was built from: one row.
CREATE TABLE content_release (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  built_at TEXT NOT NULL
) STRICT;

CREATE TABLE topic (
  slug TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
  superseded_by TEXT REFERENCES topic (slug),
  qubes_release TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  seed_section TEXT
) STRICT;

-- One row per topic and locale; the build guarantees an 'en' row for every topic.
CREATE TABLE topic_text (
  slug TEXT NOT NULL REFERENCES topic (slug),
  locale TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html TEXT NOT NULL,
  PRIMARY KEY (slug, locale)
) STRICT;

CREATE TABLE topic_section (
  slug TEXT NOT NULL REFERENCES topic (slug),
  locale TEXT NOT NULL,
  position INTEGER NOT NULL,
  anchor TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level IN (2, 3)),
  title TEXT NOT NULL,
  PRIMARY KEY (slug, locale, position)
) STRICT;

CREATE TABLE topic_tag (
  slug TEXT NOT NULL REFERENCES topic (slug),
  tag TEXT NOT NULL,
  PRIMARY KEY (slug, tag)
) STRICT;
CREATE INDEX topic_tag_by_tag ON topic_tag (tag, slug);

CREATE TABLE topic_related (
  slug TEXT NOT NULL REFERENCES topic (slug),
  position INTEGER NOT NULL,
  related_slug TEXT NOT NULL REFERENCES topic (slug),
  PRIMARY KEY (slug, position)
) STRICT;

CREATE TABLE topic_source (
  slug TEXT NOT NULL REFERENCES topic (slug),
  position INTEGER NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (slug, position)
) STRICT;

CREATE TABLE topic_correction (
  slug TEXT NOT NULL REFERENCES topic (slug),
  position INTEGER NOT NULL,
  locale TEXT NOT NULL,
  claim TEXT NOT NULL,
  correction TEXT NOT NULL,
  source_url TEXT NOT NULL,
  source_title TEXT NOT NULL,
  PRIMARY KEY (slug, position, locale)
) STRICT;
