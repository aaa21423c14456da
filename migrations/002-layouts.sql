-- Qube layouts: recommended sets of qubes and how they connect.
CREATE TABLE layout (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  qubes_release TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  main_qube TEXT NOT NULL
) STRICT;

CREATE TABLE layout_text (
  layout_id TEXT NOT NULL REFERENCES layout (id),
  locale TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  PRIMARY KEY (layout_id, locale)
) STRICT;

CREATE TABLE layout_note (
  layout_id TEXT NOT NULL REFERENCES layout (id),
  position INTEGER NOT NULL,
  locale TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (layout_id, position, locale)
) STRICT;

CREATE TABLE layout_threat (
  layout_id TEXT NOT NULL REFERENCES layout (id),
  position INTEGER NOT NULL,
  threat TEXT NOT NULL,
  PRIMARY KEY (layout_id, position)
) STRICT;

CREATE TABLE layout_topic (
  layout_id TEXT NOT NULL REFERENCES layout (id),
  position INTEGER NOT NULL,
  topic_slug TEXT NOT NULL REFERENCES topic (slug),
  PRIMARY KEY (layout_id, position)
) STRICT;

CREATE TABLE layout_source (
  layout_id TEXT NOT NULL REFERENCES layout (id),
  position INTEGER NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (layout_id, position)
) STRICT;

-- services, features and tags are small lists kept as JSON text: they are only ever read whole.
CREATE TABLE layout_qube (
  layout_id TEXT NOT NULL REFERENCES layout (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  class TEXT NOT NULL CHECK (class IN ('AppVM', 'TemplateVM', 'StandaloneVM', 'DispVM')),
  template TEXT,
  label TEXT NOT NULL,
  provides_network INTEGER NOT NULL CHECK (provides_network IN (0, 1)),
  netvm TEXT,
  disposable_template INTEGER NOT NULL CHECK (disposable_template IN (0, 1)),
  preinstalled INTEGER NOT NULL CHECK (preinstalled IN (0, 1)),
  role TEXT NOT NULL,
  default_dispvm TEXT,
  services_json TEXT NOT NULL,
  features_json TEXT NOT NULL,
  tags_json TEXT NOT NULL,
  PRIMARY KEY (layout_id, position),
  UNIQUE (layout_id, name)
) STRICT;

CREATE TABLE layout_qube_text (
  layout_id TEXT NOT NULL,
  qube_name TEXT NOT NULL,
  locale TEXT NOT NULL,
  purpose TEXT NOT NULL,
  PRIMARY KEY (layout_id, qube_name, locale),
  FOREIGN KEY (layout_id, qube_name) REFERENCES layout_qube (layout_id, name)
) STRICT;
