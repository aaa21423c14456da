import t from 'tap'
import { parse } from 'yaml'
import { loadContent } from '../../../../src/content/load-content.js'
import { exportSaltState } from '../../../../src/domain/layouts/export/salt-state.js'
import type { Qube } from '../../../../src/domain/layouts/model.js'
import { expectedQubes, type ReadBackQube } from '../../../fake-qvm.js'
import { DATA_DIR } from '../../../helper.js'

const { layouts } = loadContent(DATA_DIR)

type Action = Record<string, unknown>
type StateDocument = Record<string, Record<string, Action[]>>

/**
 * A small qubesctl double: runs the states in file order, each after its `require`s (failing on a
 * loop or a missing requisite, as Salt does), with the same refusals as Qubes.
 */
class SaltDouble {
  readonly qubes = new Map<string, ReadBackQube>()
  created = 0

  seed (qube: Qube): void {
    this.qubes.set(qube.name, { ...expectedQubes([qube])[0] as ReadBackQube, label: 'red', providesNetwork: false, netvm: null, services: [], features: {}, tags: [] })
  }

  apply (document: StateDocument): void {
    const done = new Set<string>()
    const running = new Set<string>()
    const run = (id: string): void => {
      if (done.has(id)) return
      if (running.has(id)) throw new Error(`Recursive requisite found at ${id}`)
      const state = document[id]
      if (state === undefined) throw new Error(`requisite ${id} not found`)
      running.add(id)
      const [module, actions] = Object.entries(state)[0] as [string, Action[]]
      for (const action of actions) {
        for (const requisite of (action.require as Array<{ qvm: string }> | undefined) ?? []) run(requisite.qvm)
      }
      this.execute(module, actions)
      running.delete(id)
      done.add(id)
    }
    for (const id of Object.keys(document)) run(id)
  }

  private qube (name: string): ReadBackQube {
    const qube = this.qubes.get(name)
    if (qube === undefined) throw new Error(`no such qube ${name}`)
    return qube
  }

  private execute (module: string, actions: Action[]): void {
    const name = actions.find((action) => 'name' in action)?.name as string
    if (module === 'qvm.template_installed') {
      if (!this.qubes.has(name)) {
        this.created++
        this.qubes.set(name, { name, class: 'TemplateVM', template: null, label: '', providesNetwork: false, netvm: null, disposableTemplate: false, defaultDispvm: null, services: [], features: {}, tags: [] })
      }
      return
    }
    if (module === 'qvm.prefs') {
      this.setPrefs(name, actions.filter((action) => !('name' in action) && !('require' in action)))
      return
    }
    if (module !== 'qvm.vm') throw new Error(`unexpected state module ${module}`)
    for (const action of actions) {
      if ('present' in action) this.present(name, action.present as Action[])
      if ('prefs' in action) this.setPrefs(name, action.prefs as Action[])
      if ('features' in action) {
        for (const part of action.features as Action[]) {
          for (const feature of (part.enable as string[] | undefined) ?? []) {
            if (feature.startsWith('service.')) this.qube(name).services.push(feature.slice('service.'.length))
            else this.qube(name).features[feature] = '1'
          }
          for (const pair of (part.set as Action[] | undefined) ?? []) Object.assign(this.qube(name).features, pair)
        }
      }
      if ('tags' in action) {
        for (const part of action.tags as Action[]) this.qube(name).tags.push(...(part.add as string[]))
      }
    }
  }

  private present (name: string, options: Action[]): void {
    if (this.qubes.has(name)) return
    const option = (key: string): unknown => options.find((entry) => key in entry)?.[key]
    const klass = (option('class') as Qube['class'] | undefined) ?? 'AppVM'
    const template = (option('template') as string | undefined) ?? null
    if (template !== null) {
      const base = this.qube(template)
      if (klass === 'DispVM' && !base.disposableTemplate) throw new Error(`${template} is not a disposable template`)
      if (klass === 'AppVM' && base.class !== 'TemplateVM') throw new Error(`${template} is not a TemplateVM`)
    }
    this.created++
    this.qubes.set(name, { name, class: klass, template, label: option('label') as string, providesNetwork: false, netvm: null, disposableTemplate: false, defaultDispvm: null, services: [], features: {}, tags: [] })
  }

  private setPrefs (name: string, prefs: Action[]): void {
    const qube = this.qube(name)
    for (const pref of prefs) {
      const [key, value] = Object.entries(pref)[0] as [string, unknown]
      if (key === 'label') qube.label = value as string
      else if (key === 'provides-network') qube.providesNetwork = value as boolean
      else if (key === 'template_for_dispvms') qube.disposableTemplate = value as boolean
      else if (key === 'netvm') {
        if (value !== '' && !this.qube(value as string).providesNetwork) throw new Error(`${String(value)} does not provide network`)
        qube.netvm = value === '' ? null : value as string
      } else if (key === 'default_dispvm') {
        if (!this.qube(value as string).disposableTemplate) throw new Error(`${String(value)} is not a disposable template`)
        qube.defaultDispvm = value as string
      } else throw new Error(`unexpected pref ${key}`)
    }
  }
}

function normalised (qubes: Iterable<ReadBackQube>): ReadBackQube[] {
  return [...qubes].map((qube) => ({ ...qube, services: [...new Set(qube.services)].sort(), tags: [...new Set(qube.tags)].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

for (const layout of layouts) {
  t.test(`${layout.id}: the Salt state applies without loops and builds exactly the layout`, async (t) => {
    const text = exportSaltState({ graph: layout, title: layout.title.en, releaseVersion: 'test', url: `/v1/layouts/${layout.id}` })
    t.match(text, `sudo qubesctl state.sls ${layout.id}`)
    const document = parse(text) as StateDocument
    const salt = new SaltDouble()
    for (const qube of layout.qubes) if (qube.role === 'network' || qube.role === 'usb') salt.seed(qube)
    salt.apply(document)
    t.same(normalised(salt.qubes.values()), expectedQubes(layout.qubes))
    const created = salt.created
    salt.apply(document)
    t.equal(salt.created, created, 'applying again creates nothing')
    t.same(normalised(salt.qubes.values()), expectedQubes(layout.qubes))
  })
}
