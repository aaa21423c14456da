-- Threat models: threats, activities, questions, practices and the rules that turn a model into a plan.
-- Localised texts are kept as JSON ({"en": …, "ru": …}, or lists of such) in *_json columns: they are
-- only ever read whole, with their row, while everything the API filters on has columns of its own.

CREATE TABLE threat (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  qubes_helps TEXT NOT NULL CHECK (qubes_helps IN ('strongly', 'partly', 'little')),
  texts_json TEXT NOT NULL,
  read_more_json TEXT NOT NULL,
  sources_json TEXT NOT NULL
) STRICT;

CREATE TABLE activity (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  texts_json TEXT NOT NULL
) STRICT;

CREATE TABLE question (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  texts_json TEXT NOT NULL,
  fills_json TEXT NOT NULL,
  source_json TEXT NOT NULL
) STRICT;

CREATE TABLE practice (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  effort TEXT NOT NULL CHECK (effort IN ('low', 'medium', 'high')),
  texts_json TEXT NOT NULL,
  steps_json TEXT NOT NULL,
  residual_risks_json TEXT NOT NULL,
  sources_json TEXT NOT NULL
) STRICT;

CREATE TABLE practice_threat (
  practice_id TEXT NOT NULL REFERENCES practice (id),
  threat_id TEXT NOT NULL REFERENCES threat (id),
  position INTEGER NOT NULL,
  how_json TEXT NOT NULL,
  PRIMARY KEY (practice_id, threat_id)
) STRICT;
CREATE INDEX practice_threat_by_threat ON practice_threat (threat_id, practice_id);

CREATE TABLE practice_activity (
  practice_id TEXT NOT NULL REFERENCES practice (id),
  activity_id TEXT NOT NULL REFERENCES activity (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (practice_id, activity_id)
) STRICT;
CREATE INDEX practice_activity_by_activity ON practice_activity (activity_id, practice_id);

CREATE TABLE practice_topic (
  practice_id TEXT NOT NULL REFERENCES practice (id),
  position INTEGER NOT NULL,
  topic_slug TEXT NOT NULL REFERENCES topic (slug),
  PRIMARY KEY (practice_id, position)
) STRICT;

CREATE TABLE practice_layout (
  practice_id TEXT NOT NULL REFERENCES practice (id),
  position INTEGER NOT NULL,
  layout_id TEXT NOT NULL REFERENCES layout (id),
  PRIMARY KEY (practice_id, position)
) STRICT;

-- The rules as data: kind says which list of rules.yaml a rule comes from; `when` and the effect
-- (raise, layout and score, or warning source) are JSON, evaluated by the suggestion engine.
CREATE TABLE suggestion_rule (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('settings', 'practice', 'layout', 'warning')),
  position INTEGER NOT NULL,
  when_json TEXT NOT NULL,
  effect_json TEXT NOT NULL,
  texts_json TEXT NOT NULL,
  UNIQUE (kind, position)
) STRICT;
