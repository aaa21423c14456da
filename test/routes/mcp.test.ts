import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import t, { type Test } from 'tap'
import { hostnameOf } from '../../src/routes/mcp.js'
import { buildTestApp } from '../helper.js'

async function connectedClient (t: Test): Promise<{ client: Client, url: string }> {
  const app = await buildTestApp(t)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const client = new Client({ name: 'qubes-guide-api-test', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(`${address}/mcp`)))
  t.teardown(() => client.close())
  return { client, url: `${address}/mcp` }
}

function textOf (result: unknown): string {
  const content = (result as { content: Array<{ type: string, text: string }> }).content
  return content.map((part) => part.text).join('\n')
}

t.test('the SDK client lists the tools and the topic resources', async (t) => {
  const { client } = await connectedClient(t)
  const tools = await client.listTools()
  t.same(tools.tools.map((tool) => tool.name).sort(), ['get_layout', 'get_topic', 'search_guidance', 'suggest_for_threat_model'])
  const resources = await client.listResources()
  t.ok(resources.resources.some((resource) => resource.uri === 'qubes-guide://topics/copying-text'))
  const topic = await client.readResource({ uri: 'qubes-guide://topics/copying-text' })
  t.match((topic.contents[0] as { text: string }).text, /^# Copying and pasting text/)
})

t.test('tools answer with cited content', async (t) => {
  const { client } = await connectedClient(t)
  const search = JSON.parse(textOf(await client.callTool({ name: 'search_guidance', arguments: { query: 'копировать файлы', limit: 3 } }))) as Array<{ id: string, citation: string }>
  t.ok(search.every((result) => result.id.startsWith('topic:file-exchange')), search.map((result) => result.id).join(', '))
  t.match(search[0]?.citation, 'Qubes Guide API, release ')
  const topic = textOf(await client.callTool({ name: 'get_topic', arguments: { slug: 'tor-via-vpn', lang: 'ru' } }))
  t.match(topic, '## Источники')
  const layout = textOf(await client.callTool({ name: 'get_layout', arguments: { id: 'vpn-tor-chain', from: 'anon-whonix' } }))
  t.match(layout, 'You → VPN → Tor → Internet')
  t.match(layout, 'anon-whonix → sys-whonix → sys-proxyvm → sys-firewall → sys-net')
  t.match(layout, 'qvm-prefs -- sys-whonix netvm sys-proxyvm')
  t.match(layout, '/v1/layouts/vpn-tor-chain/export?format=svg')
  const plan = JSON.parse(textOf(await client.callTool({ name: 'suggest_for_threat_model', arguments: { threats: ['anonymity'] } }))) as { layout: { id: string } }
  t.equal(plan.layout.id, 'whonix-tor')
  const missing = await client.callTool({ name: 'get_topic', arguments: { slug: 'no-such-topic' } })
  t.equal(missing.isError, true)
  const invalid = await client.callTool({ name: 'suggest_for_threat_model', arguments: { activities: ['knitting'] } })
  t.equal(invalid.isError, true)
  t.match(textOf(invalid), 'valid activities are')
})

t.test('Host and Origin are checked against DNS rebinding', async (t) => {
  const app = await buildTestApp(t)
  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }
  const rebound = await app.inject({ method: 'POST', url: '/mcp', payload: initialize, headers: { ...headers, host: 'attacker.example:3000' } })
  t.equal(rebound.statusCode, 403)
  t.equal(rebound.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(rebound.json().detail, 'does not answer to the host "attacker.example"')
  const foreignOrigin = await app.inject({ method: 'POST', url: '/mcp', payload: initialize, headers: { ...headers, host: 'localhost:3000', origin: 'https://attacker.example' } })
  t.equal(foreignOrigin.statusCode, 403)
  const local = await app.inject({ method: 'POST', url: '/mcp', payload: initialize, headers: { ...headers, host: 'localhost:3000', origin: 'http://localhost:3000' } })
  t.equal(local.statusCode, 200)
  t.equal(local.json().result.serverInfo.name, 'qubes-guide-api')
  t.equal((await app.inject({ method: 'GET', url: '/mcp' })).statusCode, 405, 'stateless: no stream to GET')
  t.equal(hostnameOf('[::1]:3000'), '[::1]')
  t.equal(hostnameOf('LOCALHOST:80'), 'localhost')
})
