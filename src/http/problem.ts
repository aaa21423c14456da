import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Problem } from '../schemas/common.js'
import { pathOf } from './url-path.js'

/** The kinds of problem this API reports; `type` is `/problems/<kind>`. */
const PROBLEM_TITLES = {
  'bad-request': 'Bad request',
  'invalid-request': 'The request has invalid values',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'not-acceptable': 'No acceptable representation',
  'content-too-large': 'Request body too large',
  'uri-too-long': 'URI too long',
  'unsupported-media-type': 'Unsupported media type',
  'too-many-requests': 'Too many requests',
  'internal-error': 'Internal server error',
  unavailable: 'Service unavailable'
} as const
export type ProblemKind = keyof typeof PROBLEM_TITLES

const KIND_BY_STATUS: Record<number, ProblemKind> = {
  400: 'bad-request',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'content-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'unavailable'
}

export function problemKindForStatus (status: number): ProblemKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'bad-request')
}

export function makeProblem (request: FastifyRequest, status: number, kind: ProblemKind, detail: string,
  extra: Pick<Problem, 'errors' | 'allowedMethods'> = {}): Problem {
  return {
    type: `/problems/${kind}`,
    title: PROBLEM_TITLES[kind],
    status,
    detail,
    // Cut to the document's bound: an over-long URL (a 414) is not echoed whole.
    instance: pathOf(request.url).slice(0, 2048),
    requestId: request.id,
    ...extra
  }
}

export function sendProblem (request: FastifyRequest, reply: FastifyReply, status: number, kind: ProblemKind, detail: string,
  extra: Pick<Problem, 'errors' | 'allowedMethods'> = {}): FastifyReply {
  return reply.code(status).type('application/problem+json').send(makeProblem(request, status, kind, detail, extra))
}
