import Type, { type Static } from 'typebox'
import { THREAT_IDS } from '../content/threats.js'
import { LABEL_NAMES, QUBE_CLASSES, QUBE_ROLES } from '../domain/layouts/model.js'
import { ref, Source, Translation } from './common.js'

export const LayoutId = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, description: 'A permanent layout id' })
const QubeNameText = Type.String({ minLength: 1, maxLength: 64 })
const QubeClassEnum = Type.Enum([...QUBE_CLASSES], { description: 'The qube class (qvm-create --class)' })
const QubeRoleEnum = Type.Enum([...QUBE_ROLES], { description: 'What the qube does in the layout' })

const LayoutLinks = Type.Object({
  self: Type.String(),
  chain: Type.String({ description: 'The network path from the main qube' }),
  exports: Type.Record(Type.String(), Type.String(), { description: 'One link per export format' })
}, { additionalProperties: false })

export const LayoutQube = Type.Object({
  name: Type.String(),
  class: QubeClassEnum,
  template: Type.Union([Type.String(), Type.Null()]),
  label: Type.Enum([...LABEL_NAMES]),
  labelColour: Type.String({ pattern: '^#[0-9a-f]{6}$' }),
  providesNetwork: Type.Boolean(),
  netvm: Type.Union([Type.String(), Type.Null()], { description: 'The qube this one gets network from; null means none (offline, or the network hardware qube)' }),
  disposableTemplate: Type.Boolean({ description: 'template_for_dispvms: disposables can be started from it' }),
  preinstalled: Type.Boolean({ description: 'The Qubes 4.3 installer creates it' }),
  role: QubeRoleEnum,
  defaultDispvm: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.String(),
  services: Type.Array(Type.String()),
  features: Type.Record(Type.String(), Type.String()),
  tags: Type.Array(Type.String())
}, { $id: 'LayoutQube', additionalProperties: false })

export const LayoutSummary = Type.Object({
  id: LayoutId,
  title: Type.String(),
  summary: Type.String(),
  mainQube: Type.String(),
  threats: Type.Array(Type.Enum([...THREAT_IDS])),
  qubeCount: Type.Integer({ minimum: 1 }),
  links: LayoutLinks
}, { $id: 'LayoutSummary', additionalProperties: false })
export type LayoutSummary = Static<typeof LayoutSummary>

export const LayoutList = Type.Object({
  items: Type.Array(ref(LayoutSummary)),
  translation: ref(Translation)
}, { $id: 'LayoutList', additionalProperties: false })

export const Layout = Type.Object({
  id: LayoutId,
  title: Type.String(),
  summary: Type.String(),
  qubesRelease: Type.String(),
  reviewedAt: Type.String({ format: 'date' }),
  mainQube: Type.String(),
  threats: Type.Array(Type.Enum([...THREAT_IDS]), { description: 'Privacy Guides threat ids this layout answers' }),
  relatedTopics: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), links: Type.Object({ self: Type.String() }) }, { additionalProperties: false })),
  notes: Type.Array(Type.String()),
  qubes: Type.Array(ref(LayoutQube)),
  sources: Type.Array(ref(Source)),
  links: LayoutLinks,
  translation: ref(Translation)
}, { $id: 'Layout', additionalProperties: false })
export type Layout = Static<typeof Layout>

export const ChainHop = Type.Object({
  position: Type.Integer({ minimum: 0, description: '0 is the qube the path starts from' }),
  qube: Type.String(),
  class: QubeClassEnum,
  role: QubeRoleEnum,
  roleName: Type.String({ description: 'The role in words, localised' }),
  label: Type.String(),
  netvm: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.String()
}, { $id: 'ChainHop', additionalProperties: false })

export const LayoutChain = Type.Object({
  layout: LayoutId,
  from: Type.String(),
  offline: Type.Boolean({ description: 'The starting qube has no network: the path is that one qube' }),
  reachesInternet: Type.Boolean({ description: 'The path ends at the qube that holds the network hardware' }),
  summary: Type.String({ description: 'The order the traffic takes, e.g. "You → VPN → Tor → Internet"', examples: ['You → VPN → Tor → Internet'] }),
  hops: Type.Array(ref(ChainHop)),
  translation: ref(Translation)
}, { $id: 'LayoutChain', additionalProperties: false })

export const Label = Type.Object({
  name: Type.Enum([...LABEL_NAMES]),
  colour: Type.String({ pattern: '^#[0-9a-f]{6}$' }),
  trustRank: Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.Null()], {
    description: 'Place in the usual trust convention, from 1 (red, least trusted) to 7 (black, most trusted); null for gray, which the convention leaves out'
  }),
  convention: Type.String({ description: 'What the colour usually means, localised' })
}, { $id: 'Label', additionalProperties: false })

export const LabelList = Type.Object({
  items: Type.Array(ref(Label)),
  note: Type.String({ description: 'Qubes itself treats every colour the same; the meaning is a convention' }),
  sources: Type.Array(ref(Source)),
  translation: ref(Translation)
}, { $id: 'LabelList', additionalProperties: false })

export const QubeInput = Type.Object({
  name: QubeNameText,
  class: QubeClassEnum,
  template: Type.Optional(Type.Union([QubeNameText, Type.Null()])),
  label: Type.String({ minLength: 1, maxLength: 32 }),
  providesNetwork: Type.Optional(Type.Boolean({ default: false })),
  netvm: Type.Optional(Type.Union([QubeNameText, Type.Null()], { description: 'null or absent: no network' })),
  disposableTemplate: Type.Optional(Type.Boolean({ default: false })),
  preinstalled: Type.Optional(Type.Boolean({ default: false })),
  role: Type.Optional(Type.Enum([...QUBE_ROLES], { description: 'What the qube does; guessed from the class, name and template when absent' })),
  defaultDispvm: Type.Optional(Type.Union([QubeNameText, Type.Null()])),
  services: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 })),
  features: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 256 }))),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 }))
}, { $id: 'QubeInput', additionalProperties: true, description: 'A qube as in a layout; other fields (purpose, …) are accepted and ignored' })

export const LayoutCheckRequest = Type.Object({
  mainQube: Type.Optional(QubeNameText),
  qubes: Type.Array(ref(QubeInput), { minItems: 1, maxItems: 200 })
}, {
  $id: 'LayoutCheckRequest',
  additionalProperties: true,
  description: 'A layout to check, in the same shape as the layouts of this API (a layout\'s JSON export can be sent back as it is)'
})
export type LayoutCheckRequest = Static<typeof LayoutCheckRequest>

export const Finding = Type.Object({
  code: Type.String({ description: 'A stable code, e.g. netvm-cycle', examples: ['unknown-netvm'] }),
  severity: Type.Enum(['error', 'warning']),
  qube: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
  source: ref(Source)
}, { $id: 'Finding', additionalProperties: false })

export const LayoutCheckResult = Type.Object({
  valid: Type.Boolean({ description: 'True when there is no error (warnings may remain)' }),
  errors: Type.Integer({ minimum: 0 }),
  warnings: Type.Integer({ minimum: 0 }),
  findings: Type.Array(ref(Finding)),
  chains: Type.Array(Type.Object({ from: Type.String(), summary: Type.String() }, { additionalProperties: false }), {
    description: 'The traffic order of every qube with network, when the graph allows it to be followed'
  }),
  translation: ref(Translation)
}, { $id: 'LayoutCheckResult', additionalProperties: false })

export const layoutModels = [LayoutQube, LayoutSummary, LayoutList, Layout, ChainHop, LayoutChain, Label, LabelList,
  QubeInput, LayoutCheckRequest, Finding, LayoutCheckResult]
