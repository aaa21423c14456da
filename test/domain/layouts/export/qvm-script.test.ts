import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadContent } from '../../../../src/content/load-content.js'
import { exportQvmScript, shellQuote } from '../../../../src/domain/layouts/export/qvm-script.js'
import { expectedQubes, installFakeQvm, readBack, seedQube } from '../../../fake-qvm.js'
import { DATA_DIR, temporaryFolder } from '../../../helper.js'

const { layouts } = loadContent(DATA_DIR)

function run (script: string, bin: string, state: string): { status: number | null, stderr: string } {
  const result = spawnSync('bash', [script], { env: { PATH: `${bin}:${process.env.PATH ?? ''}`, QVM_STATE: state }, encoding: 'utf8' })
  return { status: result.status, stderr: result.stderr }
}

for (const layout of layouts) {
  t.test(`${layout.id}: the dom0 script builds exactly the layout, and a second run changes nothing`, async (t) => {
    const folder = temporaryFolder(t)
    const { bin, state } = installFakeQvm(folder)
    for (const qube of layout.qubes) {
      if (qube.role === 'network' || qube.role === 'usb') seedQube(state, qube)
    }
    const script = join(folder, 'layout.sh')
    const text = exportQvmScript({ graph: layout, title: layout.title.en, releaseVersion: 'test', url: `/v1/layouts/${layout.id}` })
    writeFileSync(script, text)
    t.equal(spawnSync('bash', ['-n', script]).status, 0, 'valid bash')
    t.match(text, /^#!\/bin\/bash\n/)
    t.match(text, 'READ THIS SCRIPT BEFORE YOU RUN IT')
    t.match(text, '\nset -euo pipefail\n')

    const first = run(script, bin, state)
    t.equal(first.status, 0, first.stderr)
    t.same(readBack(state), expectedQubes(layout.qubes), 'the qubes read back equal the layout')
    const created = readFileSync(join(state, '.log'), 'utf8').trim().split('\n').filter(Boolean)
    const seeded = layout.qubes.filter((qube) => qube.role === 'network' || qube.role === 'usb').length
    t.equal(created.length, layout.qubes.length - seeded, 'every other qube was created or installed once')

    const second = run(script, bin, state)
    t.equal(second.status, 0, second.stderr)
    t.equal(readFileSync(join(state, '.log'), 'utf8').trim().split('\n').filter(Boolean).length, created.length, 'nothing created the second time')
    t.same(readBack(state), expectedQubes(layout.qubes))
  })
}

t.test('the script stops when a hardware qube is missing', async (t) => {
  const layout = layouts.find((candidate) => candidate.id === 'vpn-tor-chain')
  if (layout === undefined) throw new Error('vpn-tor-chain is missing')
  const folder = temporaryFolder(t)
  const { bin, state } = installFakeQvm(folder)
  const script = join(folder, 'layout.sh')
  writeFileSync(script, exportQvmScript({ graph: layout, title: 'x', releaseVersion: 'test', url: '/' }))
  const result = run(script, bin, state)
  t.equal(result.status, 1)
  t.match(result.stderr, 'sys-net is missing: it holds hardware and is created by the Qubes installer')
})

t.test('shellQuote keeps every value one argument', async (t) => {
  t.equal(shellQuote('sys-net'), 'sys-net')
  t.equal(shellQuote("it's; rm -rf /"), "'it'\\''s; rm -rf /'")
  t.equal(shellQuote('$(reboot)'), "'$(reboot)'")
  const echoed = spawnSync('bash', ['-c', `printf '%s|' ${shellQuote("a b'c$(x)")}`], { encoding: 'utf8' })
  t.equal(echoed.stdout, "a b'c$(x)|")
})
