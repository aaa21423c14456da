import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { THREAT_IDS } from '../../../content/threats.js'
import { EFFORT_LEVELS } from '../../../domain/suggestions/threat-model.js'
import { localiserFor } from '../../../http/negotiation.js'
import { sendProblem } from '../../../http/problem.js'
import { contentResponse, LanguageQuery, notModifiedResponse, problemResponse, ref } from '../../../schemas/common.js'
import { ActivityList, Practice, PracticeList, QuestionList, Threat, ThreatList } from '../../../schemas/threat-model.js'
import { presentPractice, presentPracticeSummary, presentThreat, presentThreatSummary } from './present.js'
import suggestionRoutes from './suggestions.js'

const Id = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 })
const LangOnly = Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false })
const cached = { releaseCached: true, localised: true }
const json = (description: string, schema: Parameters<typeof ref>[0]): ReturnType<typeof contentResponse> =>
  contentResponse(description, { 'application/json': ref(schema) }, cached)

export default async function threatModelRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const content = app.guide.suggestions.content

  app.get('/threats', {
    config: { releaseCached: true },
    schema: {
      tags: ['threat models'],
      operationId: 'listThreats',
      summary: 'The nine threat types',
      description: 'Privacy Guides\' threat types, each with how much Qubes helps against it.',
      querystring: LangOnly,
      response: { 200: json('The threats', ThreatList), 304: notModifiedResponse, 400: problemResponse('A query value is invalid') }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    return { items: content.threats.map((threat) => presentThreatSummary(threat, localiser)), translation: localiser.translation() }
  })

  app.get('/threats/:id', {
    config: { releaseCached: true },
    schema: {
      tags: ['threat models'],
      operationId: 'getThreat',
      summary: 'A threat and the practices that address it',
      params: Type.Object({ id: Id }),
      querystring: LangOnly,
      response: { 200: json('The threat', Threat), 304: notModifiedResponse, 400: problemResponse('The id or a query value is invalid'), 404: problemResponse('No threat has this id') }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    const threat = content.threats.find((candidate) => candidate.id === request.params.id)
    if (threat === undefined) {
      return sendProblem(request, reply, 404, 'not-found', `No threat has the id "${request.params.id}"; the threats are ${THREAT_IDS.join(', ')}`)
    }
    return { ...presentThreat(threat, content.practices, localiser), translation: localiser.translation() }
  })

  app.get('/activities', {
    config: { releaseCached: true },
    schema: {
      tags: ['threat models'],
      operationId: 'listActivities',
      summary: 'Activities that shape a plan',
      querystring: LangOnly,
      response: { 200: json('The activities', ActivityList), 304: notModifiedResponse, 400: problemResponse('A query value is invalid') }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    return {
      items: content.activities.map((activity) => ({
        id: activity.id,
        name: localiser.pick('name', activity.name),
        description: localiser.pick('description', activity.description),
        links: { practices: `/v1/practices?activity=${activity.id}` }
      })),
      translation: localiser.translation()
    }
  })

  app.get('/practices', {
    config: { releaseCached: true },
    schema: {
      tags: ['threat models'],
      operationId: 'listPractices',
      summary: 'Concrete measures',
      description: 'Every practice, or those that mitigate a threat and/or serve an activity.',
      querystring: Type.Object({
        threat: Type.Optional(Type.Enum([...THREAT_IDS], { description: 'Only practices that mitigate this threat' })),
        activity: Type.Optional(Type.String({ maxLength: 64, description: 'Only practices that serve this activity' })),
        lang: Type.Optional(LanguageQuery)
      }, { additionalProperties: false }),
      response: { 200: json('The practices', PracticeList), 304: notModifiedResponse, 400: problemResponse('A filter value is invalid') }
    }
  }, async (request, reply) => {
    const { activity } = request.query
    if (activity !== undefined && !content.activities.some((candidate) => candidate.id === activity)) {
      const valid = content.activities.map((candidate) => candidate.id)
      return sendProblem(request, reply, 400, 'invalid-request', `unknown activity "${activity}"; valid activities are ${valid.join(', ')}`,
        { errors: [{ in: 'query', field: '/activity', message: `must be one of ${valid.join(', ')}` }] })
    }
    const localiser = localiserFor(request, reply, request.query.lang)
    const ids = app.guide.threatModels.practiceIdsFor({ threat: request.query.threat, activity })
    const practices = ids === undefined ? content.practices : content.practices.filter((practice) => ids.includes(practice.id))
    return { items: practices.map((practice) => presentPracticeSummary(practice, localiser)), translation: localiser.translation() }
  })

  app.get('/practices/:id', {
    config: { releaseCached: true },
    schema: {
      tags: ['threat models'],
      operationId: 'getPractice',
      summary: 'A practice: why, steps with commands, threats, residual risks, sources',
      params: Type.Object({ id: Id }),
      querystring: LangOnly,
      response: { 200: json('The practice', Practice), 304: notModifiedResponse, 400: problemResponse('The id or a query value is invalid'), 404: problemResponse('No practice has this id') }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    const practice = content.practices.find((candidate) => candidate.id === request.params.id)
    if (practice === undefined) return sendProblem(request, reply, 404, 'not-found', `No practice has the id "${request.params.id}"; the list is at /v1/practices`)
    const titles = new Map([...app.guide.topics.titles(localiser.locale)].map(([slug, byLocale]) => [slug, localiser.pick('relatedTopics.title', byLocale)]))
    return { ...presentPractice(practice, content, titles, app.guide.layouts.layouts, localiser), translation: localiser.translation() }
  })

  app.get('/threat-model/questions', {
    config: { releaseCached: true },
    schema: {
      tags: ['threat models'],
      operationId: 'listThreatModelQuestions',
      summary: 'The five threat-modelling questions',
      description: 'Privacy Guides\' five questions, each tied to the /v1/suggestions inputs it helps fill, and the values those inputs take: ' +
        'enough to build a questionnaire.',
      querystring: LangOnly,
      response: { 200: json('The questions', QuestionList), 304: notModifiedResponse, 400: problemResponse('A query value is invalid') }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    return {
      items: content.questions.map((question) => ({
        id: question.id,
        question: localiser.pick('question', question.question),
        explanation: localiser.pick('explanation', question.explanation),
        fills: question.fills,
        source: question.source
      })),
      inputs: {
        threats: [...THREAT_IDS],
        activities: content.activities.map((activity) => activity.id),
        constraints: { trustedVpn: 'boolean', censoredNetwork: 'boolean', maxEffort: [...EFFORT_LEVELS] }
      },
      translation: localiser.translation()
    }
  })

  await app.register(suggestionRoutes)
}
