import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { COMMON_PROBLEM_RESPONSES, contentResponse, ref } from '../schemas/common.js'
import { Health, Readiness } from '../schemas/service.js'
import { sendProblem } from '../http/problem.js'

export default async function healthRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/health', {
    schema: {
      tags: ['service'],
      operationId: 'getHealth',
      summary: 'Liveness',
      description: 'Answers as long as the process serves HTTP.',
      response: { 200: contentResponse('The process is alive', { 'application/json': ref(Health) }) }
    }
  }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store')
    return { status: 'ok' as const }
  })

  app.get('/ready', {
    schema: {
      tags: ['service'],
      operationId: 'getReadiness',
      summary: 'Readiness',
      description: 'Ready when the content store is open and its release is loaded.',
      response: {
        200: contentResponse('Ready to serve', { 'application/json': ref(Readiness) }),
        503: { ...COMMON_PROBLEM_RESPONSES[503], description: 'Not ready: the content store is not open, or the server is overloaded or shutting down' }
      }
    }
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    if (!app.guide.isOpen()) {
      return sendProblem(request, reply, 503, 'unavailable', 'The content store is closed')
    }
    // Serialised here rather than by the route's response schema: /ready is the first request a
    // process gets, and compiling that serializer (lazily, on first use) was 40 ms of the time to ready.
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ status: 'ready', release: app.guide.release }))
  })
}
