import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { parse as parseYaml } from 'yaml'
import { buildTestApp, ROOT } from '../helper.js'
import { requestsFor, type FuzzRequest, type OpenApiRequests } from './request-generator.js'

/**
 * Requests derived from openapi.yaml, valid and hostile, against the whole app: no answer may be
 * a 5xx, every error must be problem+json, and every answer must be one the document describes
 * (buildTestApp's inject checks that). FUZZ_RUNS asks for a larger run, FUZZ_SEED for another
 * sequence; a failure prints the seed and the smallest request fast-check shrank it to.
 */
const MINIMUM_RUNS = 5000
const DEFAULT_SEED = 20_260_301

function positiveInteger (name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, not ${JSON.stringify(text)}`)
  return value
}

const runs = positiveInteger('FUZZ_RUNS', MINIMUM_RUNS)
const seed = positiveInteger('FUZZ_SEED', DEFAULT_SEED)
if (runs < MINIMUM_RUNS) throw new Error(`FUZZ_RUNS is for larger runs: at least ${MINIMUM_RUNS}`)

/** Cursors in this API's encoding that it never wrote: unsafe positions, odd filters, another version. */
const CRAFTED_CURSORS = [{ v: 1, a: 2 ** 53, t: null }, { v: 1, a: -2, t: null }, { v: 1, a: 3, t: 'no-such-tag' }, { v: 1, a: 0, t: 5 }, { v: 2, a: 0, t: null }, null]
  .map((value) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url'))

/** Real ids and names read from the API, so that valid requests reach real content and not only 404s. */
async function knownValues (app: FastifyInstance): Promise<Record<string, string[]>> {
  const read = async <T>(url: string): Promise<T> => (await app.inject(url)).json<T>()
  const topics = await read<{ items: Array<{ slug: string, tags: string[] }> }>('/v1/topics?limit=100')
  const firstPage = await read<{ next: string | null }>('/v1/topics?limit=2')
  const layouts = await read<{ items: Array<{ id: string }> }>('/v1/layouts')
  const qubes = (await Promise.all(layouts.items.map(({ id }) =>
    read<{ qubes: Array<{ name: string, template: string | null, label: string }> }>(`/v1/layouts/${id}`)))).flatMap((layout) => layout.qubes)
  const threats = (await read<{ items: Array<{ id: string }> }>('/v1/threats')).items.map(({ id }) => id)
  const activities = (await read<{ items: Array<{ id: string }> }>('/v1/activities')).items.map(({ id }) => id)
  const practices = (await read<{ items: Array<{ id: string }> }>('/v1/practices')).items.map(({ id }) => id)
  const pairs = (ids: string[]): string[] => [...ids, ...ids.map((id, index) => `${id},${ids[(index + 1) % ids.length] ?? ''}`), '', ',,']
  const qubeNames = [...new Set(qubes.map(({ name }) => name))]
  const cursor = new URLSearchParams((firstPage.next ?? '').split('?')[1] ?? '').get('cursor')
  return {
    slug: [...topics.items.map(({ slug }) => slug), 'no-such-topic'],
    id: [...layouts.items.map(({ id }) => id), ...threats, ...practices, 'no-such-id'],
    tag: [...new Set(topics.items.flatMap(({ tags }) => tags))],
    from: [...qubeNames, 'no-such-qube'],
    threat: threats,
    activity: activities,
    threats: pairs(threats),
    activities: pairs(activities),
    q: ['qrexec', 'tor vpn', 'копировать файлы', 'одноразов', 'split gpg', 'sys-whonix', '"split gpg"', 'tor*', 'vpn OR tor', 'NEAR(tor vpn)'],
    cursor: [...(cursor === null ? [] : [cursor]), ...CRAFTED_CURSORS],
    lang: ['en', 'ru', 'de', 'ru-RU', 'EN'],
    maxEffort: ['low', 'medium', 'high'],
    name: qubeNames,
    netvm: qubeNames,
    mainQube: qubeNames,
    defaultDispvm: qubeNames,
    template: [...new Set(qubes.flatMap(({ template }) => template === null ? [] : [template]))],
    label: [...new Set(qubes.map(({ label }) => label))]
  }
}

t.test(`${runs} requests derived from openapi.yaml get no 5xx and only documented answers`, async (t) => {
  const app = await buildTestApp(t)
  const document = parseYaml(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')) as OpenApiRequests
  const requests = requestsFor(document, await knownValues(app))
  let sent = 0
  const statuses = new Map<number, number>()
  const started = performance.now()

  await fc.assert(fc.asyncProperty(requests, async (request: FuzzRequest) => {
    const response = await app.inject(request)
    sent++
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
    if (response.statusCode >= 500) throw new Error(`${request.method} ${request.url} answered ${response.statusCode}: ${response.body.slice(0, 500)}`)
    if (response.statusCode >= 400 && !String(response.headers['content-type']).startsWith('application/problem+json')) {
      throw new Error(`${request.method} ${request.url} answered ${response.statusCode} as ${String(response.headers['content-type'])}, not problem+json`)
    }
  }), { seed, numRuns: runs })

  const seconds = (performance.now() - started) / 1000
  const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ')
  t.comment(`fuzz: seed ${seed}, ${sent} requests in ${seconds.toFixed(1)} s (${byStatus})`)
  t.ok(sent >= runs, `at least ${runs} requests were sent (${sent})`)
  t.ok([...statuses.keys()].some((status) => status < 300), 'some requests were valid enough to succeed')
  t.ok([...statuses.keys()].some((status) => status >= 400), 'some requests were refused')
})
