import { THREAT_IDS, type ThreatId } from '../../content/threats.js'

export const EFFORT_LEVELS = ['low', 'medium', 'high'] as const
export type EffortLevel = typeof EFFORT_LEVELS[number]

export interface ThreatModel {
  threats: ThreatId[]
  activities: string[]
  constraints: {
    trustedVpn: boolean
    censoredNetwork: boolean
    maxEffort: EffortLevel
  }
}

export interface ThreatModelInput {
  threats?: string[]
  activities?: string[]
  constraints?: { trustedVpn?: boolean, censoredNetwork?: boolean, maxEffort?: string }
}

export interface InputProblem {
  field: string
  message: string
}

/**
 * Turns what a client sent into a canonical threat model (sorted, without duplicates, defaults
 * filled in), or lists every value that is not known, with the valid ones, so that the client
 * can correct all of them at once. The same model always has the same canonical form.
 */
export function parseThreatModel (input: ThreatModelInput, activityIds: readonly string[]): { model: ThreatModel } | { problems: InputProblem[] } {
  const problems: InputProblem[] = []
  const threats = [...new Set(input.threats ?? [])]
  const activities = [...new Set(input.activities ?? [])]
  threats.forEach((threat, index) => {
    if (!(THREAT_IDS as readonly string[]).includes(threat)) {
      problems.push({ field: `/threats/${index}`, message: `unknown threat "${threat}"; valid threats are ${THREAT_IDS.join(', ')}` })
    }
  })
  activities.forEach((activity, index) => {
    if (!activityIds.includes(activity)) {
      problems.push({ field: `/activities/${index}`, message: `unknown activity "${activity}"; valid activities are ${activityIds.join(', ')}` })
    }
  })
  const maxEffort = input.constraints?.maxEffort ?? 'high'
  if (!(EFFORT_LEVELS as readonly string[]).includes(maxEffort)) {
    problems.push({ field: '/constraints/maxEffort', message: `unknown effort "${maxEffort}"; valid values are ${EFFORT_LEVELS.join(', ')}` })
  }
  if (problems.length > 0) return { problems }
  return {
    model: {
      threats: (threats as ThreatId[]).sort((a, b) => THREAT_IDS.indexOf(a) - THREAT_IDS.indexOf(b)),
      activities: activities.sort((a, b) => activityIds.indexOf(a) - activityIds.indexOf(b)),
      constraints: {
        trustedVpn: input.constraints?.trustedVpn ?? false,
        censoredNetwork: input.constraints?.censoredNetwork ?? false,
        maxEffort: maxEffort as EffortLevel
      }
    }
  }
}

/** The shareable GET URL of a model: one model, one URL. */
export function suggestionsUrl (model: ThreatModel): string {
  const query = new URLSearchParams()
  if (model.threats.length > 0) query.set('threats', model.threats.join(','))
  if (model.activities.length > 0) query.set('activities', model.activities.join(','))
  if (model.constraints.trustedVpn) query.set('trustedVpn', 'true')
  if (model.constraints.censoredNetwork) query.set('censoredNetwork', 'true')
  if (model.constraints.maxEffort !== 'high') query.set('maxEffort', model.constraints.maxEffort)
  const text = query.toString()
  return text === '' ? '/v1/suggestions' : `/v1/suggestions?${text.replace(/%2C/g, ',')}`
}
