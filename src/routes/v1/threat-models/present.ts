import type { Static } from 'typebox'
import type { LayoutContent } from '../../../content/load-layouts.js'
import type { ThreatModelContent } from '../../../content/load-threat-models.js'
import type { Locale } from '../../../content/locales.js'
import type { Plan, Reason } from '../../../domain/suggestions/engine.js'
import { suggestionsUrl, type ThreatModel } from '../../../domain/suggestions/threat-model.js'
import type { Localiser } from '../../../domain/localise.js'
import type { ContentRelease } from '../../../store/write-store.js'
import type { Practice, PracticeSummary, Suggestions, Threat, ThreatSummary } from '../../../schemas/threat-model.js'

type Content = ThreatModelContent
type PracticeContent = Content['practices'][number]
type Localised = Record<Locale, string>

export function presentThreatSummary (threat: Content['threats'][number], localiser: Localiser): Static<typeof ThreatSummary> {
  return {
    id: threat.id,
    name: localiser.pick('name', threat.name),
    summary: localiser.pick('summary', threat.summary),
    qubesHelps: threat.qubesHelps,
    links: { self: `/v1/threats/${threat.id}`, practices: `/v1/practices?threat=${threat.id}` }
  }
}

export function presentThreat (threat: Content['threats'][number], practices: PracticeContent[], localiser: Localiser): Omit<Static<typeof Threat>, 'translation'> {
  return {
    id: threat.id,
    name: localiser.pick('name', threat.name),
    summary: localiser.pick('summary', threat.summary),
    inQubes: localiser.pick('inQubes', threat.inQubes),
    qubesHelps: threat.qubesHelps,
    coverage: localiser.pick('coverage', threat.coverage),
    practices: practices.flatMap((practice) => {
      const mitigation = practice.mitigates.find((candidate) => candidate.threat === threat.id)
      return mitigation === undefined
        ? []
        : [{ id: practice.id, title: localiser.pick('practices.title', practice.title), effort: practice.effort, how: localiser.pick('practices.how', mitigation.how), links: { self: `/v1/practices/${practice.id}` } }]
    }),
    readMore: threat.readMore,
    sources: threat.sources
  }
}

export function presentPracticeSummary (practice: PracticeContent, localiser: Localiser): Static<typeof PracticeSummary> {
  return {
    id: practice.id,
    title: localiser.pick('title', practice.title),
    summary: localiser.pick('summary', practice.summary),
    effort: practice.effort,
    threats: practice.mitigates.map((mitigation) => mitigation.threat),
    activities: practice.activities,
    links: { self: `/v1/practices/${practice.id}` }
  }
}

export function presentPractice (practice: PracticeContent, content: Content, topicTitles: Map<string, string>, layouts: LayoutContent[],
  localiser: Localiser): Omit<Static<typeof Practice>, 'translation'> {
  const threatNames = new Map(content.threats.map((threat) => [threat.id, threat.name]))
  const activityNames = new Map(content.activities.map((activity) => [activity.id, activity.name]))
  const layoutTitles = new Map(layouts.map((layout) => [layout.id, layout.title]))
  return {
    id: practice.id,
    title: localiser.pick('title', practice.title),
    summary: localiser.pick('summary', practice.summary),
    why: localiser.pick('why', practice.why),
    effort: practice.effort,
    steps: practice.steps.map((step) => ({ text: localiser.pick('steps.text', step.text), command: step.command ?? null, where: step.where ?? null })),
    mitigates: practice.mitigates.map((mitigation) => ({
      threat: mitigation.threat,
      name: localiser.pick('mitigates.name', threatNames.get(mitigation.threat) ?? { en: mitigation.threat }),
      how: localiser.pick('mitigates.how', mitigation.how)
    })),
    activities: practice.activities.map((id) => ({ id, name: localiser.pick('activities.name', activityNames.get(id) ?? { en: id }) })),
    residualRisks: practice.residualRisks.map((risk) => localiser.pick('residualRisks', risk)),
    relatedTopics: practice.relatedTopics.map((slug) => ({ id: slug, title: topicTitles.get(slug) ?? slug, links: { self: `/v1/topics/${slug}` } })),
    relatedLayouts: practice.relatedLayouts.map((id) => ({ id, title: localiser.pick('relatedLayouts.title', layoutTitles.get(id) ?? { en: id }), links: { self: `/v1/layouts/${id}` } })),
    sources: practice.sources,
    links: { self: `/v1/practices/${practice.id}` }
  }
}

const REASON_TEXT: Record<Locale, { mitigates: (threat: string, how: string) => string, serves: (activity: string) => string }> = {
  en: { mitigates: (threat, how) => `Addresses ${threat}: ${how}`, serves: (activity) => `Serves what you do: ${activity}` },
  ru: { mitigates: (threat, how) => `Против угрозы «${threat}»: ${how}`, serves: (activity) => `Подходит для вашего занятия: ${activity}` }
}

export function presentSuggestions (plan: Plan, model: ThreatModel, content: Content, layouts: LayoutContent[], release: ContentRelease,
  localiser: Localiser): Omit<Static<typeof Suggestions>, 'translation'> {
  const locale = localiser.locale
  const practices = new Map(content.practices.map((practice) => [practice.id, practice]))
  const threats = new Map(content.threats.map((threat) => [threat.id, threat]))
  const activities = new Map(content.activities.map((activity) => [activity.id, activity]))
  const because = new Map<string, Localised>([
    ...content.rules.practiceRules.map((rule) => [rule.id, rule.because] as const),
    ...content.rules.layoutRules.map((rule) => [rule.id, rule.because] as const)
  ])
  const reasonText = (practice: PracticeContent, reason: Reason): string => {
    if (reason.kind === 'rule') return localiser.pick('practices.reasons', because.get(reason.rule) ?? { en: reason.rule })
    if (reason.kind === 'mitigates') {
      const how = practice.mitigates.find((mitigation) => mitigation.threat === reason.threat)?.how ?? { en: '' }
      return REASON_TEXT[locale].mitigates(localiser.pick('practices.reasons', threats.get(reason.threat)?.name ?? { en: reason.threat }), localiser.pick('practices.reasons', how))
    }
    return REASON_TEXT[locale].serves(localiser.pick('practices.reasons', activities.get(reason.activity)?.name ?? { en: reason.activity }))
  }
  const ranked = (list: Plan['practices']): Static<typeof Suggestions>['practices'] => list.flatMap((entry, index) => {
    const practice = practices.get(entry.id)
    if (practice === undefined) return []
    return [{
      rank: index + 1,
      id: entry.id,
      title: localiser.pick('practices.title', practice.title),
      summary: localiser.pick('practices.summary', practice.summary),
      score: entry.score,
      effort: entry.effort,
      reasons: entry.reasons.map((reason) => ({
        kind: reason.kind,
        rule: reason.kind === 'rule' ? reason.rule : null,
        inputs: reason.kind === 'rule' ? reason.inputs : reason.kind === 'mitigates' ? [`threat:${reason.threat}`] : [`activity:${reason.activity}`],
        weight: reason.weight,
        text: reasonText(practice, reason)
      })),
      links: { self: `/v1/practices/${entry.id}` }
    }]
  })
  const layout = layouts.find((candidate) => candidate.id === plan.layout.id)
  const warnings = new Map(content.rules.warnings.map((warning) => [warning.id, warning]))
  return {
    model,
    layout: {
      id: plan.layout.id,
      title: layout === undefined ? plan.layout.id : localiser.pick('layout.title', layout.title),
      summary: layout === undefined ? '' : localiser.pick('layout.summary', layout.summary),
      score: plan.layout.score,
      why: plan.layout.reasons.map((reason) => ({ rule: reason.rule, inputs: reason.inputs, text: localiser.pick('layout.why', because.get(reason.rule) ?? { en: reason.rule }) })),
      links: { self: `/v1/layouts/${plan.layout.id}`, chain: `/v1/layouts/${plan.layout.id}/chain` }
    },
    practices: ranked(plan.practices),
    beyondEffort: ranked(plan.beyondEffort),
    warnings: plan.warnings.flatMap((id) => {
      const warning = warnings.get(id)
      return warning === undefined ? [] : [{ id, message: localiser.pick('warnings.message', warning.message), source: warning.source }]
    }),
    unaddressed: plan.unaddressed.map((entry) => {
      const threat = threats.get(entry.threat)
      return {
        threat: entry.threat,
        name: threat === undefined ? entry.threat : localiser.pick('unaddressed.name', threat.name),
        reason: entry.reason,
        explanation: threat === undefined ? '' : localiser.pick('unaddressed.explanation', threat.coverage),
        readMore: threat?.readMore ?? []
      }
    }),
    release: { version: release.version, contentHash: release.contentHash },
    links: { self: suggestionsUrl(model) }
  }
}
