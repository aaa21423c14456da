import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { parseThreatModel, type ThreatModelInput } from '../../../domain/suggestions/threat-model.js'
import { localiserFor } from '../../../http/negotiation.js'
import { sendProblem } from '../../../http/problem.js'
import { contentResponse, LanguageQuery, notModifiedResponse, problemResponse, ref } from '../../../schemas/common.js'
import { SuggestionRequest, Suggestions } from '../../../schemas/threat-model.js'
import { presentSuggestions } from './present.js'

const LIST = '^[a-z0-9-]*(,[a-z0-9-]*)*$'
const description = 'From a threat model to a plan: a recommended layout with why; practices ranked with score, effort and the ' +
  'reasons (which input raised each through which rule); warnings; the threats the plan does not address and why; the inputs as ' +
  'understood and the content release. The same model always gets the same answer. Unknown values are a 400 that lists the valid ones; ' +
  'an empty model gets a baseline plan.'

/**
 * A GET spreads the model over flat query parameters, so a problem is named by the parameter the
 * client wrote: /threats/1 is in `threats`, /constraints/maxEffort in `maxEffort`.
 */
export function queryParameterOf (field: string): string {
  const parts = field.split('/').filter(Boolean)
  return `/${(parts[0] === 'constraints' ? parts[1] : parts[0]) ?? ''}`
}

function list (value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').filter((item) => item !== '')
}

export default async function suggestionRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const catalogue = app.guide.suggestions

  function answer (request: FastifyRequest, reply: FastifyReply, input: ThreatModelInput, lang: string | undefined, place: 'query' | 'body'): unknown {
    const parsed = parseThreatModel(input, catalogue.activityIds)
    if ('problems' in parsed) {
      return sendProblem(request, reply, 400, 'invalid-request', parsed.problems.map((problem) => problem.message).join('; '), {
        errors: parsed.problems.map((problem) => ({ in: place, field: place === 'query' ? queryParameterOf(problem.field) : problem.field, message: problem.message }))
      })
    }
    const localiser = localiserFor(request, reply, lang)
    const plan = catalogue.plan(parsed.model)
    return {
      ...presentSuggestions(plan, parsed.model, catalogue.content, app.guide.layouts.layouts, app.guide.release, localiser),
      translation: localiser.translation()
    }
  }

  app.get('/suggestions', {
    config: { releaseCached: true, queryKeyed: true },
    schema: {
      tags: ['threat models'],
      operationId: 'getSuggestions',
      summary: 'A plan for a threat model (shareable URL)',
      description,
      querystring: Type.Object({
        threats: Type.Optional(Type.String({ pattern: LIST, maxLength: 400, description: 'Comma-separated threat ids' })),
        activities: Type.Optional(Type.String({ pattern: LIST, maxLength: 800, description: 'Comma-separated activity ids' })),
        trustedVpn: Type.Optional(Type.Boolean({ description: 'You already use a VPN provider you trust' })),
        censoredNetwork: Type.Optional(Type.Boolean({ description: 'Your network blocks Tor or VPNs' })),
        maxEffort: Type.Optional(Type.String({ maxLength: 16, description: 'low, medium or high (default high)' })),
        lang: Type.Optional(LanguageQuery)
      }, { additionalProperties: false }),
      response: {
        200: contentResponse('The plan', { 'application/json': ref(Suggestions) }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('An unknown threat, activity or constraint value; the detail lists the valid ones')
      }
    }
  }, async (request, reply) => answer(request, reply, {
    threats: list(request.query.threats),
    activities: list(request.query.activities),
    constraints: { trustedVpn: request.query.trustedVpn, censoredNetwork: request.query.censoredNetwork, maxEffort: request.query.maxEffort }
  }, request.query.lang, 'query'))

  app.post('/suggestions', {
    // The same body always gets the same answer within a release: the fast path serves repeats from memory.
    config: { bodyKeyed: true },
    schema: {
      tags: ['threat models'],
      operationId: 'postSuggestions',
      summary: 'A plan for a threat model',
      description: `${description} The answer links to the equivalent GET URL.`,
      querystring: Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false }),
      body: ref(SuggestionRequest),
      response: {
        200: contentResponse('The plan', { 'application/json': ref(Suggestions) }, { localised: true }),
        400: problemResponse('The body is not a threat model, or has unknown values; the detail lists the valid ones')
      }
    }
  }, async (request, reply) => answer(request, reply, request.body, request.query.lang, 'body'))
}
