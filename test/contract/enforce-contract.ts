import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { committedContract, type Exchange, type OpenApiContract } from './openapi-contract.js'

/** An answer that openapi.yaml does not describe; its message names the request and every problem. */
export class ContractViolation extends Error {
  constructor (readonly exchange: Exchange, readonly violations: string[]) {
    const url = exchange.url.length > 200 ? `${exchange.url.slice(0, 200)}…` : exchange.url
    super(`the answer to ${exchange.method} ${url} (${exchange.status}) breaks openapi.yaml:\n  ${violations.join('\n  ')}`)
    this.name = 'ContractViolation'
  }
}

export function exchangeOf (response: LightMyRequestResponse): Exchange {
  return {
    method: response.raw.req.method ?? 'GET',
    url: response.raw.req.url ?? '/',
    status: response.statusCode,
    headers: response.headers,
    body: response.body
  }
}

type InjectPromise = (options: string | InjectOptions) => Promise<LightMyRequestResponse>

/**
 * From now on every `app.inject` of this app checks its answer against openapi.yaml and rejects
 * with a ContractViolation when the document does not describe it, so the test that made the
 * request fails where it made it. Only the promise form is supported (the suite uses no other).
 */
export function enforceContract (app: FastifyInstance, contract: OpenApiContract = committedContract()): void {
  const inject = app.inject.bind(app) as unknown as InjectPromise
  const checkedInject = async (...args: unknown[]): Promise<LightMyRequestResponse> => {
    const [options] = args
    if (args.length !== 1 || options === undefined) throw new Error('enforceContract supports only `await app.inject(options)`')
    const response = await inject(options as string | InjectOptions)
    const exchange = exchangeOf(response)
    const violations = contract.violations(exchange)
    if (violations.length > 0) throw new ContractViolation(exchange, violations)
    return response
  }
  app.inject = checkedInject as unknown as FastifyInstance['inject']
}
