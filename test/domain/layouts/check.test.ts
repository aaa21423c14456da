import t from 'tap'
import { loadContent } from '../../../src/content/load-content.js'
import { checkLayout } from '../../../src/domain/layouts/check/index.js'
import { completeQube, type QubeDraft } from '../../../src/domain/layouts/infer-role.js'
import type { LayoutGraph } from '../../../src/domain/layouts/model.js'
import { DATA_DIR } from '../../helper.js'

/** The default network and templates most test layouts stand on. */
const base: QubeDraft[] = [
  { name: 'fedora-42-xfce', class: 'TemplateVM', label: 'black' },
  { name: 'whonix-gateway-18', class: 'TemplateVM', label: 'black' },
  { name: 'whonix-workstation-18', class: 'TemplateVM', label: 'black' },
  { name: 'sys-net', class: 'AppVM', template: 'fedora-42-xfce', label: 'red', providesNetwork: true },
  { name: 'default-dvm', class: 'AppVM', template: 'fedora-42-xfce', label: 'red', disposableTemplate: true, netvm: 'sys-firewall' },
  { name: 'sys-firewall', class: 'DispVM', template: 'default-dvm', label: 'green', providesNetwork: true, netvm: 'sys-net' }
]

function layout (extra: QubeDraft[], mainQube = extra[0]?.name ?? 'sys-net', replace: QubeDraft[] = base): LayoutGraph {
  return { id: 'test', mainQube, qubes: [...replace, ...extra].map(completeQube) }
}

function codes (graph: LayoutGraph): string[] {
  return checkLayout(graph).map((finding) => `${finding.code}@${finding.qube ?? ''}`)
}

t.test('every layout we publish passes the checker without a finding', async (t) => {
  for (const published of loadContent(DATA_DIR).layouts) {
    t.same(checkLayout(published), [], published.id)
  }
})

t.test('a sound layout has no finding', async (t) => {
  t.same(codes(layout([{ name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', netvm: 'sys-firewall' }])), [])
})

const cases: Array<{ name: string, qubes: QubeDraft[], expected: string[], replace?: QubeDraft[] }> = [
  { name: 'netvm names an unknown qube', qubes: [{ name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', netvm: 'sys-nowhere' }], expected: ['unknown-netvm@work'] },
  {
    name: 'a netvm cycle',
    qubes: [
      { name: 'proxy-a', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', providesNetwork: true, netvm: 'proxy-b' },
      { name: 'proxy-b', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', providesNetwork: true, netvm: 'proxy-a' }
    ],
    expected: ['netvm-cycle@proxy-a']
  },
  { name: 'netvm does not provide network', qubes: [{ name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', netvm: 'default-dvm' }], expected: ['netvm-not-network-provider@work'] },
  { name: 'a label Qubes does not have', qubes: [{ name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'pink', netvm: 'sys-firewall' }], expected: ['invalid-label@work'] },
  {
    name: 'names Qubes would reject',
    qubes: [
      { name: '1work', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue' },
      { name: 'work space', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue' },
      { name: 'a'.repeat(32), class: 'AppVM', template: 'fedora-42-xfce', label: 'blue' },
      { name: 'none', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue' },
      { name: 'disp-dm', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue' }
    ],
    expected: ['invalid-qube-name@1work', 'invalid-qube-name@work space', `invalid-qube-name@${'a'.repeat(32)}`, 'invalid-qube-name@none', 'invalid-qube-name@disp-dm']
  },
  { name: 'two qubes with one name', qubes: [{ name: 'sys-net', class: 'AppVM', template: 'fedora-42-xfce', label: 'red' }], expected: ['duplicate-qube-name@sys-net'] },
  {
    name: 'a Whonix Workstation not behind a Whonix Gateway',
    qubes: [{ name: 'anon-whonix', class: 'AppVM', template: 'whonix-workstation-18', label: 'red', netvm: 'sys-firewall' }],
    expected: ['whonix-workstation-not-behind-gateway@anon-whonix']
  },
  {
    name: 'Tor before the VPN',
    qubes: [
      { name: 'sys-whonix', class: 'AppVM', template: 'whonix-gateway-18', label: 'black', providesNetwork: true, netvm: 'sys-firewall' },
      { name: 'sys-vpn', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', providesNetwork: true, netvm: 'sys-whonix' },
      { name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', netvm: 'sys-vpn' }
    ],
    expected: ['tor-before-vpn@work']
  },
  {
    name: 'VPN → Tor → VPN',
    qubes: [
      { name: 'sys-vpn-in', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', providesNetwork: true, netvm: 'sys-firewall' },
      { name: 'sys-whonix', class: 'AppVM', template: 'whonix-gateway-18', label: 'black', providesNetwork: true, netvm: 'sys-vpn-in' },
      { name: 'sys-vpn-out', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', providesNetwork: true, netvm: 'sys-whonix' },
      { name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', netvm: 'sys-vpn-out' }
    ],
    expected: ['vpn-tor-vpn@work']
  },
  { name: 'a vault with network', qubes: [{ name: 'vault', class: 'AppVM', template: 'fedora-42-xfce', label: 'black', netvm: 'sys-firewall' }], expected: ['vault-with-network@vault'] },
  {
    name: 'a disposable whose template is not a disposable template',
    qubes: [
      { name: 'work', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', netvm: 'sys-firewall' },
      { name: 'disp-work', class: 'DispVM', template: 'work', label: 'red', netvm: 'sys-firewall' }
    ],
    expected: ['dispvm-template-not-disposable-template@disp-work']
  },
  {
    name: 'template mistakes',
    qubes: [
      { name: 'odd-template', class: 'TemplateVM', template: 'fedora-42-xfce', label: 'black', netvm: 'sys-firewall' },
      { name: 'no-template', class: 'AppVM', label: 'blue' },
      { name: 'on-an-app', class: 'AppVM', template: 'sys-net', label: 'blue' },
      { name: 'elsewhere', class: 'AppVM', template: 'debian-13-xfce', label: 'blue' },
      { name: 'template-dvm', class: 'TemplateVM', label: 'black', disposableTemplate: true },
      { name: 'opens-badly', class: 'AppVM', template: 'fedora-42-xfce', label: 'blue', defaultDispvm: 'sys-net' }
    ],
    expected: ['netvm-not-network-provider@default-dvm', 'netvm-not-network-provider@odd-template', 'template-has-template@odd-template', 'missing-template@no-template', 'template-not-template@on-an-app',
      'disposable-template-wrong-class@template-dvm', 'default-dispvm-not-disposable-template@opens-badly', 'template-with-netvm@odd-template', 'template-not-in-layout@elsewhere'],
    replace: base.map((qube) => qube.name === 'sys-firewall' ? { ...qube, providesNetwork: false } : qube)
  }
]

for (const { name, qubes, expected, replace } of cases) {
  t.test(name, async (t) => {
    t.same(codes(layout(qubes, qubes[0]?.name, replace)), expected)
  })
}

t.test('an unknown main qube is an error of the layout', async (t) => {
  t.same(codes(layout([], 'nobody')), ['unknown-main-qube@nobody'])
})

t.test('findings carry a localised message and a source', async (t) => {
  const [finding] = checkLayout(layout([{ name: 'vault', class: 'AppVM', template: 'fedora-42-xfce', label: 'black', netvm: 'sys-firewall' }]))
  t.match(finding, {
    code: 'vault-with-network',
    severity: 'error',
    qube: 'vault',
    message: { en: /vault keeps secrets but has network \(netvm sys-firewall\)/, ru: /хранит секреты/ },
    source: { url: /^https:\/\//, title: String }
  })
  t.same(checkLayout(layout([{ name: 'vault', class: 'AppVM', template: 'fedora-42-xfce', label: 'black', netvm: 'sys-firewall' }])), [finding], 'same input, same answer')
})
