import { stringify } from 'yaml'
import { creationOrder, qubesByName } from '../graph.js'
import type { Qube } from '../model.js'
import type { ExportContext } from './context.js'

type State = Record<string, unknown>

/** State IDs of the three passes; `require` only ever points to an earlier pass, so Salt never sees a loop. */
export const saltIds = {
  present: (name: string) => name,
  prefs: (name: string) => `${name}-prefs`,
  connect: (name: string) => `${name}-connect`
}

function presentState (qube: Qube, known: Set<string>): State {
  if (qube.class === 'TemplateVM') return { 'qvm.template_installed': [{ name: qube.name }] }
  const present: State[] = []
  if (qube.template !== null) present.push({ template: qube.template })
  present.push({ label: qube.label })
  if (qube.class !== 'AppVM') present.push({ class: qube.class })
  const actions: State[] = [{ name: qube.name }, { present }]
  // A disposable can only be created from a qube that already is a disposable template.
  if (qube.disposableTemplate) actions.push({ prefs: [{ template_for_dispvms: true }] })
  if (qube.template !== null && known.has(qube.template)) actions.push({ require: [{ qvm: saltIds.present(qube.template) }] })
  return { 'qvm.vm': actions }
}

function prefsState (qube: Qube): State {
  const prefs: State[] = [{ label: qube.label }]
  if (qube.class !== 'TemplateVM') prefs.push({ 'provides-network': qube.providesNetwork })
  if (qube.class === 'AppVM' || qube.class === 'StandaloneVM') prefs.push({ template_for_dispvms: qube.disposableTemplate })
  const actions: State[] = [{ name: qube.name }, { prefs }]
  // Services are features with the service. prefix (qvm.service is only a compatibility wrapper).
  const enable = qube.services.map((service) => `service.${service}`)
  const set = Object.entries(qube.features).map(([key, value]) => ({ [key]: value }))
  if (enable.length > 0 || set.length > 0) {
    actions.push({ features: [...(enable.length > 0 ? [{ enable }] : []), ...(set.length > 0 ? [{ set }] : [])] })
  }
  if (qube.tags.length > 0) actions.push({ tags: [{ add: qube.tags }] })
  actions.push({ require: [{ qvm: saltIds.present(qube.name) }] })
  return { 'qvm.vm': actions }
}

function connectState (qube: Qube, known: Set<string>): State {
  const prefs: State[] = [{ netvm: qube.netvm ?? '' }]
  if (qube.defaultDispvm !== null) prefs.push({ default_dispvm: qube.defaultDispvm })
  const requires = [qube.name, qube.netvm, qube.defaultDispvm]
    .filter((name): name is string => name !== null && known.has(name))
    .map((name) => ({ qvm: saltIds.prefs(name) }))
  return { 'qvm.prefs': [{ name: qube.name }, ...prefs, { require: [...new Map(requires.map((r) => [r.qvm, r])).values()] }] }
}

/**
 * A Salt state for dom0's qubesctl with the qvm.* states of qubes-mgmt-salt-dom0-qvm, in three
 * passes like the dom0 script: each qube present (after its template), its own preferences, then
 * its netvm and default disposable template once every network provider is set up.
 */
export function exportSaltState (context: ExportContext): string {
  const { graph } = context
  const known = new Set(qubesByName(graph).keys())
  const qubes = creationOrder(graph)
  const document: Record<string, State> = {}
  for (const qube of qubes) document[saltIds.present(qube.name)] = presentState(qube, known)
  for (const qube of qubes) document[saltIds.prefs(qube.name)] = prefsState(qube)
  for (const qube of qubes) {
    if (qube.class !== 'TemplateVM') document[saltIds.connect(qube.name)] = connectState(qube, known)
  }
  const header = [
    '# -*- coding: utf-8 -*-',
    '# vim: set syntax=yaml ts=2 sw=2 sts=2 et :',
    `# Qubes OS layout "${context.title}" (${graph.id}), content release ${context.releaseVersion}`,
    `# From ${context.url}`,
    '#',
    '# Read it before you apply it: Salt runs in dom0. Save it as',
    `# /srv/salt/${graph.id}.sls in dom0, then run: sudo qubesctl state.sls ${graph.id}`,
    ''
  ]
  return header.join('\n') + stringify(document, { lineWidth: 0 })
}
