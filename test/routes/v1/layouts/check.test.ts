import t from 'tap'
import { buildTestApp } from '../../../helper.js'

const network = [
  { name: 'fedora-42-xfce', class: 'TemplateVM', label: 'black' },
  { name: 'sys-net', class: 'AppVM', template: 'fedora-42-xfce', label: 'red', providesNetwork: true },
  { name: 'sys-firewall', class: 'AppVM', template: 'fedora-42-xfce', label: 'green', providesNetwork: true, netvm: 'sys-net' }
]

t.test('a sound layout of my own is valid, with its chains', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject({
    method: 'POST',
    url: '/v1/layouts/check',
    payload: {
      qubes: [...network,
        { name: 'whonix-gateway-18', class: 'TemplateVM', label: 'black' },
        { name: 'whonix-workstation-18', class: 'TemplateVM', label: 'black' },
        { name: 'sys-vpn', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', providesNetwork: true, netvm: 'sys-firewall' },
        { name: 'sys-whonix', class: 'AppVM', template: 'whonix-gateway-18', label: 'black', providesNetwork: true, netvm: 'sys-vpn' },
        { name: 'anon-whonix', class: 'AppVM', template: 'whonix-workstation-18', label: 'red', netvm: 'sys-whonix', purpose: 'ignored' }],
      mainQube: 'anon-whonix',
      title: 'accepted and ignored'
    }
  })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-language'], 'en')
  const body = response.json()
  t.same(body.findings, [])
  t.match(body, { valid: true, errors: 0, warnings: 0 })
  t.same(body.chains.find((chain: { from: string }) => chain.from === 'anon-whonix'), { from: 'anon-whonix', summary: 'You → VPN → Tor → Internet' })
})

t.test('a broken layout gets every finding, localised', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject({
    method: 'POST',
    url: '/v1/layouts/check?lang=ru',
    payload: {
      qubes: [...network,
        { name: 'vault', class: 'AppVM', template: 'fedora-42-xfce', label: 'black', netvm: 'sys-firewall' },
        { name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'teal', netvm: 'sys-missing' },
        { name: 'loop-a', class: 'AppVM', template: 'fedora-42-xfce', label: 'red', providesNetwork: true, netvm: 'loop-b' },
        { name: 'loop-b', class: 'AppVM', template: 'fedora-42-xfce', label: 'red', providesNetwork: true, netvm: 'loop-a' }]
    }
  })
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.equal(body.valid, false)
  t.same(body.findings.map((finding: { code: string }) => finding.code).sort(), ['invalid-label', 'netvm-cycle', 'unknown-netvm', 'vault-with-network'])
  t.equal(body.errors, 4)
  const vault = body.findings.find((finding: { code: string }) => finding.code === 'vault-with-network')
  t.match(vault, { severity: 'error', qube: 'vault', message: /хранит секреты/, source: { url: /^https:\/\// } })
  t.same(body.translation, { requested: 'ru', served: 'ru', complete: true, fallbackFields: [] })
  t.notOk(body.chains.some((chain: { from: string }) => chain.from === 'loop-a'), 'no chain for a loop')
})

t.test('bad input gets 400, 413 or 415 problems', async (t) => {
  const app = await buildTestApp(t)
  const post = (payload: string, contentType = 'application/json') => app.inject({ method: 'POST', url: '/v1/layouts/check', payload, headers: { 'content-type': contentType } })
  const badJson = await post('{"qubes": [')
  t.equal(badJson.statusCode, 400)
  t.equal(badJson.headers['content-type'], 'application/problem+json; charset=utf-8')
  const notLayout = await post('{"qubes": []}')
  t.equal(notLayout.statusCode, 400)
  t.same(notLayout.json().errors[0], { in: 'body', field: '/qubes', message: 'must NOT have fewer than 1 items' })
  const wrongClass = await post(JSON.stringify({ qubes: [{ name: 'x', class: 'HVM', label: 'red' }] }))
  t.equal(wrongClass.statusCode, 400)
  t.equal(wrongClass.json().errors[0].field, '/qubes/0/class')
  const wrongType = await post('qubes=1', 'application/x-www-form-urlencoded')
  t.equal(wrongType.statusCode, 415)
  t.equal(wrongType.json().type, '/problems/unsupported-media-type')
  const huge = await post(JSON.stringify({ qubes: [{ name: 'x', class: 'AppVM', label: 'red', purpose: 'y'.repeat(70_000) }] }))
  t.equal(huge.statusCode, 413)
  t.equal(huge.json().type, '/problems/content-too-large')
  const tooMany = await post(JSON.stringify({ qubes: Array.from({ length: 201 }, (_, index) => ({ name: `q${index}`, class: 'AppVM', label: 'red' })) }))
  t.equal(tooMany.statusCode, 400)
})
