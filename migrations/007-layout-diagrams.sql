-- Each layout's diagram as SVG, in each language, rendered by Graphviz when the store is built. A
-- diagram depends on nothing but the content release and the language, so the server serves this
-- text and never runs Graphviz (its WebAssembly instance holds about 16 MB while it lives).
CREATE TABLE layout_diagram (
  layout_id TEXT NOT NULL REFERENCES layout (id),
  locale TEXT NOT NULL,
  svg TEXT NOT NULL,
  PRIMARY KEY (layout_id, locale)
) STRICT;
