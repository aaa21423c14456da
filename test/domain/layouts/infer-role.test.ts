import t from 'tap'
import { completeQube, inferRole } from '../../../src/domain/layouts/infer-role.js'

t.test('roles are guessed from class, template, name and network', async (t) => {
  const cases: Array<[Parameters<typeof inferRole>[0], string]> = [
    [{ name: 'fedora-42-xfce', class: 'TemplateVM', label: 'black' }, 'template'],
    [{ name: 'default-dvm', class: 'AppVM', label: 'red', disposableTemplate: true }, 'disposable-template'],
    [{ name: 'gw', class: 'AppVM', template: 'whonix-gateway-18', label: 'black', providesNetwork: true }, 'tor-gateway'],
    [{ name: 'ws', class: 'AppVM', template: 'whonix-workstation-18', label: 'red' }, 'tor-workstation'],
    [{ name: 'tagged', class: 'AppVM', label: 'red', tags: ['anon-vm'] }, 'tor-workstation'],
    [{ name: 'sys-proxyvm', class: 'AppVM', label: 'blue', providesNetwork: true, netvm: 'sys-firewall' }, 'vpn'],
    [{ name: 'my-vpn', class: 'AppVM', label: 'blue', providesNetwork: true, netvm: 'sys-firewall' }, 'vpn'],
    [{ name: 'sys-firewall', class: 'DispVM', label: 'green', providesNetwork: true, netvm: 'sys-net' }, 'firewall'],
    [{ name: 'my-tor', class: 'AppVM', label: 'black', providesNetwork: true, netvm: 'sys-firewall' }, 'tor-gateway'],
    [{ name: 'sys-net', class: 'AppVM', label: 'red', providesNetwork: true }, 'network'],
    [{ name: 'filter', class: 'AppVM', label: 'green', providesNetwork: true, netvm: 'sys-net' }, 'firewall'],
    [{ name: 'sys-usb', class: 'DispVM', label: 'red' }, 'usb'],
    [{ name: 'my-vault', class: 'AppVM', label: 'black' }, 'vault'],
    [{ name: 'work-gpg', class: 'AppVM', label: 'black' }, 'gpg-backend'],
    [{ name: 'disp1234', class: 'DispVM', label: 'red' }, 'disposable'],
    [{ name: 'work', class: 'AppVM', label: 'blue' }, 'app']
  ]
  for (const [draft, role] of cases) t.equal(inferRole(draft), role, draft.name)
})

t.test('a draft gets Qubes defaults and keeps a role it states', async (t) => {
  t.same(completeQube({ name: 'work', class: 'AppVM', label: 'blue', role: 'vault' }), {
    name: 'work',
    class: 'AppVM',
    template: null,
    label: 'blue',
    providesNetwork: false,
    netvm: null,
    disposableTemplate: false,
    preinstalled: false,
    role: 'vault',
    defaultDispvm: null,
    services: [],
    features: {},
    tags: []
  })
})
