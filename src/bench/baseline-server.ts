import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import Fastify from 'fastify'
import { answerKey, type RecordedAnswer } from './recorded-answers.js'

/**
 * The baselines the API is measured against, each in its own process, given the answers recorded
 * from the API (a JSON array of RecordedAnswer, the first being the topic detail):
 * - node: bare node:http replaying, for each request, the exact bytes the API answered to it
 *   (status, headers and body); one Map lookup picks the answer;
 * - plain: bare node:http answering the topic detail's body with two headers;
 * - fastify: a bare Fastify route serialising the topic detail's object through a response schema.
 * Usage: baseline-server.js node|plain|fastify ANSWERS_FILE
 */
const [kind, answersFile] = process.argv.slice(2)
if (answersFile === undefined || (kind !== 'node' && kind !== 'plain' && kind !== 'fastify')) {
  console.error('usage: baseline-server node|plain|fastify ANSWERS_FILE')
  process.exit(2)
}
const recorded = (JSON.parse(readFileSync(answersFile, 'utf8')) as RecordedAnswer[])
  .map((answer) => ({ ...answer, body: Buffer.from(answer.bodyBase64, 'base64') }))
const topic = recorded[0]
if (topic === undefined) throw new Error('no answers recorded')

function listen (server: ReturnType<typeof createServer>): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    console.log(typeof address === 'object' && address !== null ? address.port : 0)
  })
}

if (kind === 'node') {
  const answers = new Map(recorded.map((answer) => [answer.key, answer]))
  listen(createServer((request, response) => {
    // Requests the recording has no answer for (distinct search queries) get the topic detail.
    const answer = answers.get(answerKey(request.method ?? 'GET', request.url ?? '/', request.headers['if-none-match'] !== undefined)) ?? topic
    response.writeHead(answer.status, answer.headers)
    response.end(answer.body)
  }))
} else if (kind === 'plain') {
  listen(createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': topic.body.length })
    response.end(topic.body)
  }))
} else {
  const body = JSON.parse(topic.body.toString('utf8')) as Record<string, unknown>
  const schema = { type: 'object', additionalProperties: true, properties: Object.fromEntries(Object.keys(body).map((key) => [key, {}])) }
  const app = Fastify()
  app.get(new URL(topic.path, 'http://localhost').pathname, { schema: { response: { 200: schema } } }, async () => body)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  console.log(new URL(address).port)
}
