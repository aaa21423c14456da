import Type, { type Static } from 'typebox'
import { THREAT_IDS } from '../content/threats.js'
import { LABEL_NAMES, QUBE_CLASSES, QUBE_ROLES } from '../domain/layouts/model.js'
import { DateText, Int, LIMITS, Link, List, Paragraph, QubeName, QubesRelease, Text, Title } from './bounds.js'
import { ref, Slug, Source, Translation } from './common.js'

export const LayoutId = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, description: 'A permanent layout id' })
const QubeNameText = Type.String({ minLength: 1, maxLength: LIMITS.qubeName })
const QubeClassEnum = Type.Enum([...QUBE_CLASSES], { description: 'The qube class (qvm-create --class)' })
const QubeRoleEnum = Type.Enum([...QUBE_ROLES], { description: 'What the qube does in the layout' })
const LabelEnum = Type.Enum([...LABEL_NAMES])
const ThreatIdEnum = Type.Enum([...THREAT_IDS])

/** "You → VPN → Tor → Internet": at most one step per qube of the layout, or the offline sentence. */
const CHAIN_SUMMARY_MAX_LENGTH = 100 + LIMITS.qubes * ' → VPN'.length

const LayoutLinks = Type.Object({
  self: Link(),
  chain: Link({ description: 'The network path from the main qube' }),
  exports: Type.Record(Type.String(), Link(), { description: 'One link per export format' })
}, { additionalProperties: false })

export const LayoutQube = Type.Object({
  name: QubeName(),
  class: QubeClassEnum,
  template: Type.Union([QubeName(), Type.Null()]),
  label: LabelEnum,
  labelColour: Type.String({ pattern: '^#[0-9a-f]{6}$', maxLength: 7 }),
  providesNetwork: Type.Boolean(),
  netvm: Type.Union([QubeName(), Type.Null()], { description: 'The qube this one gets network from; null means none (offline, or the network hardware qube)' }),
  disposableTemplate: Type.Boolean({ description: 'template_for_dispvms: disposables can be started from it' }),
  preinstalled: Type.Boolean({ description: 'The Qubes 4.3 installer creates it' }),
  role: QubeRoleEnum,
  defaultDispvm: Type.Union([QubeName(), Type.Null()]),
  purpose: Paragraph(),
  services: List(QubeName(), LIMITS.qubeSettings),
  features: Type.Record(Type.String(), Text(LIMITS.featureValue), { maxProperties: LIMITS.qubeSettings }),
  tags: List(QubeName(), LIMITS.qubeSettings)
}, { $id: 'LayoutQube', additionalProperties: false })

export const LayoutSummary = Type.Object({
  id: LayoutId,
  title: Title(),
  summary: Paragraph(),
  mainQube: QubeName(),
  threats: List(ThreatIdEnum, THREAT_IDS.length),
  qubeCount: Int(1, LIMITS.qubes),
  links: LayoutLinks
}, { $id: 'LayoutSummary', additionalProperties: false })
export type LayoutSummary = Static<typeof LayoutSummary>

export const LayoutList = Type.Object({
  items: List(ref(LayoutSummary), LIMITS.collection),
  translation: ref(Translation)
}, { $id: 'LayoutList', additionalProperties: false })

export const Layout = Type.Object({
  id: LayoutId,
  title: Title(),
  summary: Paragraph(),
  qubesRelease: QubesRelease(),
  reviewedAt: DateText(),
  mainQube: QubeName(),
  threats: List(ThreatIdEnum, THREAT_IDS.length, { description: 'Privacy Guides threat ids this layout answers' }),
  relatedTopics: List(Type.Object({ slug: Slug, title: Title(), links: Type.Object({ self: Link() }) }, { additionalProperties: false }), LIMITS.list),
  notes: List(Paragraph(), LIMITS.list),
  qubes: List(ref(LayoutQube), LIMITS.qubes),
  sources: List(ref(Source), LIMITS.list),
  links: LayoutLinks,
  translation: ref(Translation)
}, { $id: 'Layout', additionalProperties: false })
export type Layout = Static<typeof Layout>

export const ChainHop = Type.Object({
  position: Int(0, LIMITS.qubes - 1, { description: '0 is the qube the path starts from' }),
  qube: QubeName(),
  class: QubeClassEnum,
  role: QubeRoleEnum,
  roleName: Title({ description: 'The role in words, localised' }),
  // A label of a layout in data/, which the checker has accepted (one of the eight), as text.
  label: Text(32),
  netvm: Type.Union([QubeName(), Type.Null()]),
  purpose: Paragraph()
}, { $id: 'ChainHop', additionalProperties: false })

export const LayoutChain = Type.Object({
  layout: LayoutId,
  from: QubeName(),
  offline: Type.Boolean({ description: 'The starting qube has no network: the path is that one qube' }),
  reachesInternet: Type.Boolean({ description: 'The path ends at the qube that holds the network hardware' }),
  summary: Text(CHAIN_SUMMARY_MAX_LENGTH, { description: 'The order the traffic takes, e.g. "You → VPN → Tor → Internet"', examples: ['You → VPN → Tor → Internet'] }),
  hops: List(ref(ChainHop), LIMITS.qubes),
  translation: ref(Translation)
}, { $id: 'LayoutChain', additionalProperties: false })

export const Label = Type.Object({
  name: LabelEnum,
  colour: Type.String({ pattern: '^#[0-9a-f]{6}$', maxLength: 7 }),
  trustRank: Type.Union([Int(1, 7), Type.Null()], {
    description: 'Place in the usual trust convention, from 1 (red, least trusted) to 7 (black, most trusted); null for gray, which the convention leaves out'
  }),
  convention: Paragraph({ description: 'What the colour usually means, localised' })
}, { $id: 'Label', additionalProperties: false })

export const LabelList = Type.Object({
  items: List(ref(Label), LABEL_NAMES.length),
  note: Paragraph({ description: 'Qubes itself treats every colour the same; the meaning is a convention' }),
  sources: List(ref(Source), LIMITS.list),
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
  services: Type.Optional(List(QubeName(), LIMITS.qubeSettings)),
  features: Type.Optional(Type.Record(Type.String({ maxLength: LIMITS.qubeName }), Text(LIMITS.featureValue))),
  tags: Type.Optional(List(QubeName(), LIMITS.qubeSettings))
}, { $id: 'QubeInput', additionalProperties: true, description: 'A qube as in a layout; other fields (purpose, …) are accepted and ignored' })

export const LayoutCheckRequest = Type.Object({
  mainQube: Type.Optional(QubeNameText),
  qubes: List(ref(QubeInput), LIMITS.qubes, { minItems: 1 })
}, {
  $id: 'LayoutCheckRequest',
  additionalProperties: true,
  description: 'A layout to check, in the same shape as the layouts of this API (a layout\'s JSON export can be sent back as it is)'
})
export type LayoutCheckRequest = Static<typeof LayoutCheckRequest>

/** 15 kinds of finding, each at most once per qube, and one about the main qube. */
const FINDINGS_MAX = 16 * LIMITS.qubes
/** A finding's message may name every qube of the layout (a netvm cycle, the users of a missing template). */
const FINDING_MESSAGE_MAX_LENGTH = 1_000 + LIMITS.qubes * (LIMITS.qubeName + ' → '.length)

export const Finding = Type.Object({
  code: Text(LIMITS.id, { description: 'A stable code, e.g. netvm-cycle', examples: ['unknown-netvm'] }),
  severity: Type.Enum(['error', 'warning']),
  qube: Type.Union([QubeName(), Type.Null()]),
  message: Text(FINDING_MESSAGE_MAX_LENGTH),
  source: ref(Source)
}, { $id: 'Finding', additionalProperties: false })

export const LayoutCheckResult = Type.Object({
  valid: Type.Boolean({ description: 'True when there is no error (warnings may remain)' }),
  errors: Int(0, FINDINGS_MAX),
  warnings: Int(0, FINDINGS_MAX),
  findings: List(ref(Finding), FINDINGS_MAX),
  chains: List(Type.Object({ from: QubeName(), summary: Text(CHAIN_SUMMARY_MAX_LENGTH) }, { additionalProperties: false }), LIMITS.qubes, {
    description: 'The traffic order of every qube with network, when the graph allows it to be followed'
  }),
  translation: ref(Translation)
}, { $id: 'LayoutCheckResult', additionalProperties: false })

export const layoutModels = [LayoutQube, LayoutSummary, LayoutList, Layout, ChainHop, LayoutChain, Label, LabelList,
  QubeInput, LayoutCheckRequest, Finding, LayoutCheckResult]
