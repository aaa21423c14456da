import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { contentIssuesOf, copyOfData, editFile } from '../helper.js'

t.test('a layout whose graph is wrong stops the build with file: field: message', async (t) => {
  const data = copyOfData(t)
  editFile(join(data, 'layouts', 'vpn-tor-chain.yaml'), (text) => text.replace(/netvm: sys-proxyvm/, 'netvm: sys-nowhere'))
  editFile(join(data, 'layouts', 'whonix-tor.yaml'), (text) => text.replace(/label: black/, 'label: pink'))
  const issues = contentIssuesOf(data)
  t.ok(issues.some((issue) => /^data\/layouts\/vpn-tor-chain\.yaml: qubes\[\d+\]\.netvm: unknown-netvm: sys-whonix gets network from sys-nowhere, which is not in the layout$/.test(issue)), issues.join('\n'))
  t.ok(issues.some((issue) => /^data\/layouts\/whonix-tor\.yaml: qubes\[\d+\]\.label: invalid-label: /.test(issue)), issues.join('\n'))
})

t.test('schema, references and order are checked too', async (t) => {
  const data = copyOfData(t)
  editFile(join(data, 'layouts', 'vpn-only.yaml'), (text) => text.replace(/^relatedTopics: .*$/m, 'relatedTopics: [no-such-topic]').replace(/^order: .*$/m, 'order: 10'))
  editFile(join(data, 'layouts', 'journalist.yaml'), (text) => text.replace(/^threats: .*$/m, 'threats: [aliens]'))
  writeFileSync(join(data, 'layouts', 'Bad Name.yaml'), 'order: 1\n')
  writeFileSync(join(data, 'layouts', 'empty.yaml'), 'order: 99\n')
  const issues = contentIssuesOf(data)
  t.ok(issues.includes('data/layouts/vpn-only.yaml: relatedTopics[0]: unknown topic slug "no-such-topic"'), issues.join('\n'))
  t.ok(issues.includes('data/layouts/vpn-only.yaml: order: 10 is already used by layout "vpn-tor-chain"') ||
    issues.includes('data/layouts/vpn-tor-chain.yaml: order: 10 is already used by layout "vpn-only"'), issues.join('\n'))
  t.ok(issues.some((issue) => issue.startsWith('data/layouts/journalist.yaml: threats[0]: must be one of anonymity, ')))
  t.ok(issues.some((issue) => issue.startsWith('data/layouts/Bad Name.yaml: (file): is not expected here')))
  t.ok(issues.includes('data/layouts/empty.yaml: qubes: is required'))
  t.ok(issues.includes('data/layouts/empty.yaml: title: is required'))
})

t.test('a discouraged order (Tor before the VPN) is refused as well', async (t) => {
  const data = copyOfData(t)
  // Swap the chain: the VPN qube behind the Tor gateway.
  editFile(join(data, 'layouts', 'vpn-tor-chain.yaml'), (text) => text
    .replace(/(name: sys-whonix[\s\S]*?netvm: )sys-proxyvm/, '$1sys-firewall')
    .replace(/(name: sys-proxyvm[\s\S]*?netvm: )sys-firewall/, '$1sys-whonix')
    .replace(/(name: anon-whonix[\s\S]*?netvm: )sys-whonix/, '$1sys-proxyvm'))
  const issues = contentIssuesOf(data)
  t.ok(issues.some((issue) => /vpn-tor-chain\.yaml: qubes\[\d+\]\.netvm: tor-before-vpn: anon-whonix connects You → Tor → VPN → Internet/.test(issue)), issues.join('\n'))
})
