import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parse as parseYaml } from 'yaml'
import { shareCommonResponses } from '../../src/plugins/openapi.js'
import { COMMON_PROBLEM_RESPONSES } from '../../src/schemas/common.js'
import { buildTestApp, ROOT } from '../helper.js'

t.test('the committed openapi.yaml is exactly what the route schemas generate', async (t) => {
  const app = await buildTestApp(t)
  const committed = readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')
  t.equal(app.swagger({ yaml: true }), committed, 'openapi.yaml has drifted from the routes: run npm run openapi and commit it')
})

t.test('the document is OpenAPI 3.1 with named components and no anonymous schemas', async (t) => {
  const app = await buildTestApp(t)
  const document = app.swagger() as unknown as { openapi: string, components: { schemas: Record<string, unknown> }, paths: Record<string, Record<string, { operationId?: string, responses: Record<string, unknown> }>> }
  t.equal(document.openapi, '3.1.0')
  for (const name of ['Problem', 'Topic', 'TopicSummary', 'TopicList', 'Translation', 'Source', 'Release', 'ApiIndex', 'Layout', 'LayoutChain', 'LayoutCheckRequest', 'LayoutCheckResult', 'Finding', 'LabelList', 'Threat', 'Practice', 'Suggestions', 'SuggestionRequest', 'QuestionList']) {
    t.ok(document.components.schemas[name], `component ${name}`)
  }
  const text = JSON.stringify(document)
  t.notMatch(text, /def-\d/, 'no def-N component names')
  t.same(Object.keys(document.paths).sort(), ['/health', '/llms-full.txt', '/llms.txt', '/ready', '/ru/llms-full.txt', '/ru/llms.txt', '/v1', '/v1/activities', '/v1/context', '/v1/labels', '/v1/layouts', '/v1/layouts/check',
    '/v1/layouts/{id}', '/v1/layouts/{id}.md', '/v1/layouts/{id}/chain', '/v1/layouts/{id}/export', '/v1/practices', '/v1/practices/{id}',
    '/v1/practices/{id}.md', '/v1/search', '/v1/suggestions', '/v1/threat-model/questions', '/v1/threats', '/v1/threats/{id}', '/v1/topics',
    '/v1/topics/{slug}', '/v1/topics/{slug}.md'])
  const operationIds = Object.values(document.paths).flatMap((path) => Object.values(path).map((operation) => operation.operationId))
  t.equal(new Set(operationIds).size, operationIds.length, 'operation ids are unique')
  t.notOk(operationIds.includes(undefined), 'every operation has an id')
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of Object.values(operations)) {
      t.ok(operation.responses['200'], `${path} documents its 200`)
      if (/^\/v1\/(topics|layouts|threats|practices)\/\{/.test(path)) t.ok(operation.responses['404'], `${path} documents its 404`)
    }
  }
})

t.test('every operation documents the problems the app around the routes can answer with', async (t) => {
  const app = await buildTestApp(t)
  interface Response { $ref?: string, content?: Record<string, unknown>, headers?: Record<string, unknown> }
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, { requestBody?: unknown, responses: Record<string, Response> }>>, components: { responses: Record<string, Response> } }
  const shared = document.components.responses
  t.same(Object.keys(shared).sort(), ['ContentTooLarge', 'InternalError', 'TooManyRequests', 'Unavailable', 'UnsupportedMediaType', 'UriTooLong'])
  t.same(Object.keys(shared.TooManyRequests?.headers ?? {}).sort(), ['Access-Control-Allow-Origin', 'RateLimit', 'RateLimit-Policy', 'Retry-After'])
  t.same(Object.keys(shared.Unavailable?.headers ?? {}).sort(), ['Access-Control-Allow-Origin', 'RateLimit', 'RateLimit-Policy', 'Retry-After'])
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const name = `${method.toUpperCase()} ${path}`
      const expected = ['414', '429', '500', '503', ...(operation.requestBody === undefined ? [] : ['400', '413', '415'])]
      for (const status of expected) {
        const response = operation.responses[status]
        const documented = response?.$ref === undefined ? response : shared[response.$ref.replace('#/components/responses/', '')]
        t.same(Object.keys(documented?.content ?? {}), ['application/problem+json'], `${name} documents ${status} as a problem`)
      }
      t.equal(operation.responses['429']?.$ref, '#/components/responses/TooManyRequests', `${name}: 429 is the shared one`)
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response.$ref !== undefined) continue
        t.match(response.headers, {
          'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
          RateLimit: { $ref: '#/components/headers/RateLimit' },
          'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' }
        }, `${name} ${status} documents the headers every answer carries`)
      }
    }
  }
  const headers = (document.components as { headers?: Record<string, { required?: boolean }> }).headers
  t.equal(headers?.['Access-Control-Allow-Origin']?.required, true, 'CORS is on every answer')
  t.equal(headers?.RateLimit?.required, undefined, 'the rate limit is not: /health, /ready, and RATE_LIMIT_MAX=0')
  const readiness = document.paths['/ready']?.get?.responses['503']
  t.match(readiness?.headers, { 'Retry-After': {} }, 'a route that describes a shared status itself keeps the shared headers')
})

t.test('a response that borrows a shared description but differs stays in its operation', async (t) => {
  const tooMany = { description: COMMON_PROBLEM_RESPONSES[429].description, content: { 'application/problem+json': {} } }
  const document = shareCommonResponses({
    paths: {
      '/a': { get: { responses: { 429: tooMany } } },
      '/b': { get: { responses: { 429: { ...tooMany, headers: { 'X-Other': {} } } } } }
    }
  })
  t.same(document.paths['/a'].get.responses[429], { $ref: '#/components/responses/TooManyRequests' })
  t.same(document.paths['/b'].get.responses[429], { ...tooMany, headers: { 'X-Other': {} } })
  t.same((document as { components?: unknown }).components, { responses: { TooManyRequests: tooMany } })
})

t.test('the json export of a layout is documented as the JSON document it is, not as a string', async (t) => {
  const app = await buildTestApp(t)
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { type?: string, required?: string[] } }> }> }>> }
  const content = document.paths['/v1/layouts/{id}/export']?.get?.responses['200']?.content
  t.match(content?.['application/json']?.schema, { type: 'object', required: ['id', 'release'] })
  t.match(content?.['text/x-shellscript']?.schema, { type: 'string' })
})

t.test('the document is served as JSON and YAML', async (t) => {
  const app = await buildTestApp(t)
  const json = await app.inject('/openapi.json')
  t.equal(json.statusCode, 200)
  t.equal(json.json().info.title, 'Qubes Guide API')
  const yaml = await app.inject('/openapi.yaml')
  t.equal(yaml.headers['content-type'], 'application/yaml; charset=utf-8')
  t.same(parseYaml(yaml.body), json.json())
})

t.test('/docs serves the interactive reference from the package, with no CDN', async (t) => {
  const app = await buildTestApp(t)
  const page = await app.inject('/docs/')
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], 'text/html')
  const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '')
  t.ok(sources.length > 0)
  for (const source of sources) t.notMatch(source, /^(https?:)?\/\//, `${source} is served locally`)
  const bundle = await app.inject('/docs/static/swagger-ui-bundle.js')
  t.equal(bundle.statusCode, 200)
})
