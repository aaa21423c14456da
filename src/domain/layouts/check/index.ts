import { qubesByName } from '../graph.js'
import type { LayoutGraph } from '../model.js'
import type { Finding, Severity } from './finding.js'
import { pathFindings } from './paths.js'
import { referenceFindings } from './references.js'
import { templateFindings } from './templates.js'

export type { Finding, LocalisedText, Severity } from './finding.js'

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 }

/** Every finding for a layout, errors first, then in layout order; the same layout always gives the same list. */
export function checkLayout (graph: LayoutGraph): Finding[] {
  const byName = qubesByName(graph)
  const position = new Map(graph.qubes.map((qube, index) => [qube.name, index]))
  return [...referenceFindings(graph, byName), ...templateFindings(graph, byName), ...pathFindings(graph, byName)]
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
      (position.get(a.finding.qube ?? '') ?? -1) - (position.get(b.finding.qube ?? '') ?? -1) || a.index - b.index)
    .map(({ finding }) => finding)
}
