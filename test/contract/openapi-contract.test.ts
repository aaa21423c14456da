import t from 'tap'
import { buildTestApp } from '../helper.js'
import { ContractViolation, enforceContract } from './enforce-contract.js'
import { OpenApiContract, type Exchange } from './openapi-contract.js'

const problem = { $ref: '#/components/schemas/Problem' }
const contract = new OpenApiContract({
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          200: {
            headers: { 'Content-Language': { schema: { enum: ['en', 'ru'] } }, 'Retry-After': { schema: { type: 'integer' } } },
            content: {
              'application/json': { schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } }, additionalProperties: false } },
              'text/markdown': { schema: { type: 'string' } }
            }
          },
          304: {},
          404: { content: { 'application/problem+json': { schema: problem } } },
          429: { $ref: '#/components/responses/TooManyRequests' }
        }
      }
    },
    '/things/{id}.md': { get: { operationId: 'getThingMarkdown', responses: { 200: { content: { 'text/markdown': { schema: { type: 'string' } } } } } } }
  },
  components: {
    responses: {
      TooManyRequests: { headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 } } }, content: { 'application/problem+json': { schema: problem } } }
    },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'instance'],
        properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } }
      }
    }
  }
} as never)

const notFound = JSON.stringify({ type: '/problems/not-found', title: 'Not found', status: 404, detail: 'none', instance: '/things/x' })

function exchange (changes: Partial<Exchange>): Exchange {
  return { method: 'GET', url: '/things/a?lang=ru', status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"id":"a"}', ...changes }
}

t.test('a documented answer has no violations', async (t) => {
  t.same(contract.violations(exchange({})), [])
  t.same(contract.violations(exchange({ headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-language': 'ru', 'retry-after': '5' }, body: '# A' })), [])
  t.same(contract.violations(exchange({ status: 304, headers: {}, body: '' })), [])
  t.same(contract.violations(exchange({ method: 'HEAD', body: '' })), [], 'HEAD is checked against the GET, without a body')
  t.same(contract.violations(exchange({ url: '/things/a.md', headers: { 'content-type': 'text/markdown' }, body: '# A' })), [], 'routed to the .md operation')
})

t.test('each way an answer can leave the document is named', async (t) => {
  t.match(contract.violations(exchange({ status: 400, headers: { 'content-type': 'application/problem+json' }, body: notFound.replace('404', '400') })),
    ['status 400 is not documented for getThing (documented: 200, 304, 404, 429)'])
  t.match(contract.violations(exchange({ headers: { 'content-type': 'text/html' } })), ['getThing answers 200 as application/json or text/markdown, not text/html'])
  t.match(contract.violations(exchange({ headers: {} })), [/not without a media type/])
  const wrongBody = contract.violations(exchange({ body: '{"id":1,"extra":true}' }))
  t.match(wrongBody, [/^getThing 200 application\/json body does not match its schema: /])
  t.match(wrongBody[0], '/id must be string')
  t.match(wrongBody[0], '(root) must NOT have additional properties (extra)')
  t.match(contract.violations(exchange({ body: '{"id":' })), [/body is not JSON/])
  t.match(contract.violations(exchange({ headers: { 'content-type': 'application/json', 'content-language': 'de' } })), [/header Content-Language: "de" does not match/])
  t.match(contract.violations(exchange({ status: 304, headers: {}, body: 'x' })), [/documents no body for 304/])
})

t.test('a problem must match Problem and carry the status of the answer', async (t) => {
  t.same(contract.violations(exchange({ status: 404, headers: { 'content-type': 'application/problem+json; charset=utf-8' }, body: notFound })), [])
  t.match(contract.violations(exchange({ status: 404, headers: { 'content-type': 'application/problem+json' }, body: '{"title":"Not found"}' })),
    [/the problem does not match Problem: \(root\) must have required property 'type'/])
  t.match(contract.violations(exchange({ status: 404, headers: { 'content-type': 'application/problem+json' }, body: notFound.replace('404', '410') })),
    ['the problem says status 410, the answer is 404'])
})

t.test('a shared response in components.responses is checked like an inline one', async (t) => {
  const tooMany = { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '30' }, body: notFound.replaceAll('404', '429') }
  t.same(contract.violations(exchange(tooMany)), [])
  t.match(contract.violations(exchange({ ...tooMany, headers: { ...tooMany.headers, 'retry-after': 'soon' } })), [/^header Retry-After: "soon" does not match its schema/])
  t.match(contract.violations(exchange({ ...tooMany, headers: { 'content-type': 'application/json' } })), [/answers 429 as application\/problem\+json, not application\/json/])
})

t.test('a request no operation answers may only get a problem', async (t) => {
  const unknown = exchange({ url: '/nothing', status: 404, headers: { 'content-type': 'application/problem+json' }, body: notFound })
  t.same(contract.violations(unknown), [])
  t.same(contract.violations({ ...unknown, method: 'DELETE', url: '/things/a', status: 405, body: notFound.replace('404', '405') }), [])
  t.match(contract.violations(exchange({ url: '/nothing' })), [
    'no operation answers GET /nothing, yet the status is 200',
    'no operation answers GET /nothing, yet the answer is application/json, not application/problem+json'
  ])
  t.same(contract.violations(exchange({ url: '/docs/static/index.css', headers: { 'content-type': 'text/css' }, body: 'a{}' })), [], 'the viewer is outside the document')
  t.same(contract.violations(exchange({ method: 'OPTIONS', status: 204, headers: {}, body: '' })), [], 'CORS preflights are outside it too')
})

t.test('enforceContract makes inject reject an answer the committed document does not describe', async (t) => {
  const app = await buildTestApp(t)
  // A route the document does not know, added to a second app so that buildTestApp's stays as built.
  const { buildApp } = await import('../../src/app.js')
  const { MIGRATIONS_DIR, testStorePath } = await import('../helper.js')
  const extended = await buildApp({ storePath: await testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'silent', maxEventLoopDelayMs: 0 })
  t.teardown(() => extended.close())
  extended.get('/undocumented', async () => ({ hello: 'world' }))
  await extended.ready()
  enforceContract(extended)
  const error = await extended.inject('/undocumented').catch((caught: unknown) => caught)
  t.ok(error instanceof ContractViolation)
  t.match((error as Error).message, 'the answer to GET /undocumented (200) breaks openapi.yaml:\n  no operation answers GET /undocumented, yet the status is 200')
  t.equal((await app.inject('/v1')).statusCode, 200, 'a documented answer passes')
  await t.rejects(app.inject({ url: '/v1' }, () => {}) as unknown as Promise<unknown>, /only `await app.inject\(options\)`/)
})
