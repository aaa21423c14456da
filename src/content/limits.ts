/**
 * How large the guide's content may grow. `db:build` refuses content past these bounds and the
 * API schemas promise no more, so no answer can break the contract it is documented with. Each
 * bound is far above what data/ holds today (in brackets) and only stops mistakes.
 */
export const LIMITS = {
  /** A slug or id: topic slugs, layout, practice, activity and rule ids, tags, anchors [37]. */
  id: 64,
  /** A title, name, heading or question, a source's title included [153, a source title]. */
  title: 500,
  /** A paragraph: a summary, purpose, note, step, command, reason or explanation [937]. */
  text: 5_000,
  /** A topic body in Markdown [4,228]. */
  body: 50_000,
  /** The same body rendered to HTML [4,836]. */
  bodyHtml: 100_000,
  /** A source URL: what browsers and this server accept [103]. */
  url: 2_048,
  /** The items of one list inside a document: tags, sources, sections, steps, notes, related topics [12]. */
  list: 100,
  /** The documents of one kind: topics, layouts, practices, activities, questions, rules [22]. */
  collection: 1_000,
  /** The qubes of one layout, the same bound as a layout sent to the checker [17]. */
  qubes: 200,
  /** A qube, service, feature or template name (Qubes itself allows 31) [25]. */
  qubeName: 64,
  /** A qvm-features value [1]. */
  featureValue: 256,
  /** The services, features or tags of one qube, the same bound as a layout sent to the checker [1]. */
  qubeSettings: 64,
  /** The weight a practice rule raises a practice by, and the weight of a link from a practice to a threat or activity. */
  weight: 100,
  /** The score a layout rule gives its layout. */
  layoutScore: 1_000
} as const
