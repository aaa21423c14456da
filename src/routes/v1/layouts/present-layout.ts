import type { LayoutContent, LayoutQube } from '../../../content/load-layouts.js'
import type { Chain } from '../../../domain/layouts/chain.js'
import { ROLE_NAMES } from '../../../domain/layouts/chain.js'
import { EXPORT_FORMAT_NAMES } from '../../../domain/layouts/catalogue.js'
import { isLabelName, LABEL_COLOURS } from '../../../domain/layouts/model.js'
import type { Localiser } from '../../../domain/localise.js'
import type { Static } from 'typebox'
import type { Layout, LayoutChain, LayoutQube as LayoutQubeSchema, LayoutSummary } from '../../../schemas/layout.js'

export function layoutLinks (id: string): LayoutSummary['links'] {
  return {
    self: `/v1/layouts/${id}`,
    chain: `/v1/layouts/${id}/chain`,
    exports: Object.fromEntries(EXPORT_FORMAT_NAMES.map((format) => [format, `/v1/layouts/${id}/export?format=${format}`]))
  }
}

export function presentLayoutSummary (layout: LayoutContent, localiser: Localiser): LayoutSummary {
  return {
    id: layout.id,
    title: localiser.pick('title', layout.title),
    summary: localiser.pick('summary', layout.summary),
    mainQube: layout.mainQube,
    threats: layout.threats,
    qubeCount: layout.qubes.length,
    links: layoutLinks(layout.id)
  }
}

function presentQube (qube: LayoutQube, localiser: Localiser): Static<typeof LayoutQubeSchema> {
  // Our layouts only hold labels the checker accepts; the build refuses any other.
  const label = isLabelName(qube.label) ? qube.label : 'red'
  return {
    name: qube.name,
    class: qube.class,
    template: qube.template,
    label,
    labelColour: LABEL_COLOURS[label],
    providesNetwork: qube.providesNetwork,
    netvm: qube.netvm,
    disposableTemplate: qube.disposableTemplate,
    preinstalled: qube.preinstalled,
    role: qube.role,
    defaultDispvm: qube.defaultDispvm,
    purpose: localiser.pick('qubes.purpose', qube.purpose),
    services: qube.services,
    features: qube.features,
    tags: qube.tags
  }
}

export function presentLayout (layout: LayoutContent, relatedTitles: Map<string, string>, localiser: Localiser): Omit<Layout, 'translation'> {
  return {
    id: layout.id,
    title: localiser.pick('title', layout.title),
    summary: localiser.pick('summary', layout.summary),
    qubesRelease: layout.qubesRelease,
    reviewedAt: layout.reviewedAt,
    mainQube: layout.mainQube,
    threats: layout.threats,
    relatedTopics: layout.relatedTopics.map((slug) => ({ slug, title: relatedTitles.get(slug) ?? slug, links: { self: `/v1/topics/${slug}` } })),
    notes: layout.notes.map((note) => localiser.pick('notes', note)),
    qubes: layout.qubes.map((qube) => presentQube(qube, localiser)),
    sources: layout.sources,
    links: layoutLinks(layout.id)
  }
}

export function presentChain (layout: LayoutContent, chain: Chain, localiser: Localiser): Omit<Static<typeof LayoutChain>, 'translation'> {
  const purposes = new Map(layout.qubes.map((qube) => [qube.name, qube.purpose]))
  return {
    layout: layout.id,
    from: chain.from,
    offline: chain.offline,
    reachesInternet: chain.reachesInternet,
    summary: localiser.pick('summary', chain.summary),
    hops: chain.hops.map((hop, position) => ({
      position,
      qube: hop.name,
      class: hop.class,
      role: hop.role,
      roleName: localiser.pick('hops.roleName', ROLE_NAMES[hop.role]),
      label: hop.label,
      netvm: hop.netvm,
      purpose: localiser.pick('hops.purpose', purposes.get(hop.name) ?? { en: hop.name })
    }))
  }
}
