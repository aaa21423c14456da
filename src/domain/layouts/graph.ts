import type { LayoutGraph, Qube } from './model.js'

export interface NetvmPath {
  /** From the starting qube towards the hardware. */
  hops: Qube[]
  /** Set when the path runs into a qube the layout does not have. */
  missing: string | null
  /** Set when the path comes back to a qube it already passed. */
  cycle: boolean
}

/** Qubes by name; of two qubes with one name (a finding of its own) the first counts. */
export function qubesByName (graph: LayoutGraph): Map<string, Qube> {
  const byName = new Map<string, Qube>()
  for (const qube of graph.qubes) if (!byName.has(qube.name)) byName.set(qube.name, qube)
  return byName
}

/** Follows `netvm` from a qube until a qube with none (offline, or the hardware), a gap, or a loop. */
export function netvmPath (graph: LayoutGraph, from: string, byName = qubesByName(graph)): NetvmPath {
  const hops: Qube[] = []
  const seen = new Set<string>()
  let name: string | null = from
  while (name !== null) {
    const qube = byName.get(name)
    if (qube === undefined) return { hops, missing: name, cycle: false }
    if (seen.has(name)) return { hops, missing: null, cycle: true }
    seen.add(name)
    hops.push(qube)
    name = qube.netvm
  }
  return { hops, missing: null, cycle: false }
}

/**
 * The qubes in an order where every qube comes after its template (templates, then disposable
 * templates, then the qubes built on them), keeping the layout's order otherwise. Only templates
 * decide the order in which qubes can be created: netvm links may legitimately form what looks
 * like a loop here (default-dvm uses sys-firewall for network while sys-firewall is a disposable
 * of default-dvm), so exporters create every qube first and connect networks afterwards.
 * Templates outside the layout are ignored; qubes caught in a template loop come last.
 */
export function creationOrder (graph: LayoutGraph): Qube[] {
  const byName = qubesByName(graph)
  const ordered: Qube[] = []
  const placed = new Set<string>()
  const visiting = new Set<string>()
  const visit = (qube: Qube): void => {
    if (placed.has(qube.name) || visiting.has(qube.name)) return
    visiting.add(qube.name)
    const template = qube.template === null ? undefined : byName.get(qube.template)
    if (template !== undefined) visit(template)
    visiting.delete(qube.name)
    if (!placed.has(qube.name)) {
      placed.add(qube.name)
      ordered.push(qube)
    }
  }
  for (const qube of graph.qubes) visit(qube)
  return ordered
}
