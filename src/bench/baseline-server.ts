import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import Fastify from 'fastify'

/**
 * The baselines the API is measured against, each in its own process: bare node:http answering
 * the exact bytes of a topic detail, and a bare Fastify route that serialises the same object
 * through a response schema. Usage: baseline-server.js node|fastify PAYLOAD_FILE
 */
const [kind, payloadFile] = process.argv.slice(2)
if (payloadFile === undefined || (kind !== 'node' && kind !== 'fastify')) {
  console.error('usage: baseline-server node|fastify PAYLOAD_FILE')
  process.exit(2)
}
const bytes = readFileSync(payloadFile)

if (kind === 'node') {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length })
    response.end(bytes)
  })
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    console.log(typeof address === 'object' && address !== null ? address.port : 0)
  })
} else {
  const body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
  const schema = { type: 'object', additionalProperties: true, properties: Object.fromEntries(Object.keys(body).map((key) => [key, {}])) }
  const app = Fastify()
  app.get('/', { schema: { response: { 200: schema } } }, async () => body)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  console.log(new URL(address).port)
}
