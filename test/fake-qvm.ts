import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Qube } from '../src/domain/layouts/model.js'

/**
 * A test double for dom0's qvm-* commands: small bash scripts that keep qubes as folders and
 * refuse what Qubes refuses (creating a qube twice, a template that does not exist, a disposable
 * from a qube that is not a disposable template, a netvm that does not provide network).
 */
const TOOLS: Record<string, string> = {
  'qvm-check': '[ "$1" = --quiet ] && shift; [ "$1" = -- ] && shift; [ -d "$QVM_STATE/$1" ]',
  'qvm-template': `[ "$1" = install ] || { echo "unsupported: $*" >&2; exit 2; }
[ -d "$QVM_STATE/$2" ] && { echo "template $2 already installed" >&2; exit 1; }
mkdir -p "$QVM_STATE/$2/prefs" && echo TemplateVM > "$QVM_STATE/$2/class" && echo "install $2" >> "$QVM_STATE/.log"`,
  'qvm-create': `class=AppVM; template=; label=
while [ $# -gt 1 ]; do case "$1" in --class) class=$2; shift 2;; --template) template=$2; shift 2;; --label) label=$2; shift 2;; *) echo "bad option $1" >&2; exit 2;; esac; done
name=$1
[ -d "$QVM_STATE/$name" ] && { echo "qube $name already exists" >&2; exit 1; }
[ -n "$label" ] || { echo "no label" >&2; exit 2; }
if [ -n "$template" ]; then
  [ -d "$QVM_STATE/$template" ] || { echo "no such template $template" >&2; exit 1; }
  if [ "$class" = DispVM ]; then grep -qx True "$QVM_STATE/$template/prefs/template_for_dispvms" 2>/dev/null || { echo "$template is not a disposable template" >&2; exit 1; }
  else [ "$(cat "$QVM_STATE/$template/class")" = TemplateVM ] || { echo "$template is not a TemplateVM" >&2; exit 1; }; fi
fi
mkdir -p "$QVM_STATE/$name/prefs" && echo "$class" > "$QVM_STATE/$name/class" && echo "$template" > "$QVM_STATE/$name/template"
echo "$label" > "$QVM_STATE/$name/prefs/label" && echo "create $name" >> "$QVM_STATE/.log"`,
  'qvm-prefs': `[ "$1" = -- ] && shift
name=$1; key=$2; value=$3
[ -d "$QVM_STATE/$name" ] || { echo "no such qube $name" >&2; exit 1; }
if [ "$key" = netvm ] && [ -n "$value" ]; then grep -qx True "$QVM_STATE/$value/prefs/provides_network" 2>/dev/null || { echo "$value does not provide network" >&2; exit 1; }; fi
if [ "$key" = default_dispvm ]; then grep -qx True "$QVM_STATE/$value/prefs/template_for_dispvms" 2>/dev/null || { echo "$value is not a disposable template" >&2; exit 1; }; fi
printf '%s\\n' "$value" > "$QVM_STATE/$name/prefs/$key"`,
  'qvm-service': '[ "$1" = -- ] && shift; [ -d "$QVM_STATE/$1" ] || exit 1; mkdir -p "$QVM_STATE/$1/services"; echo "$3" > "$QVM_STATE/$1/services/$2"',
  'qvm-features': '[ "$1" = -- ] && shift; [ -d "$QVM_STATE/$1" ] || exit 1; mkdir -p "$QVM_STATE/$1/features"; printf \'%s\' "$3" > "$QVM_STATE/$1/features/$2"',
  'qvm-tags': '[ "$1" = -- ] && shift; [ -d "$QVM_STATE/$1" ] || exit 1; [ "$2" = add ] || exit 2; mkdir -p "$QVM_STATE/$1/tags"; touch "$QVM_STATE/$1/tags/$3"'
}

export function installFakeQvm (folder: string): { bin: string, state: string } {
  const bin = join(folder, 'bin')
  const state = join(folder, 'state')
  mkdirSync(bin, { recursive: true })
  mkdirSync(state, { recursive: true })
  writeFileSync(join(state, '.log'), '')
  for (const [name, body] of Object.entries(TOOLS)) {
    writeFileSync(join(bin, name), `#!/bin/bash\nset -u\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  return { bin, state }
}

/** What the installer made before the script runs: qubes that hold hardware. */
export function seedQube (state: string, qube: Qube): void {
  mkdirSync(join(state, qube.name, 'prefs'), { recursive: true })
  writeFileSync(join(state, qube.name, 'class'), `${qube.class}\n`)
  writeFileSync(join(state, qube.name, 'template'), `${qube.template ?? ''}\n`)
  writeFileSync(join(state, qube.name, 'prefs', 'label'), 'red\n')
}

function read (path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8').replace(/\n$/, '') : null
}

function list (path: string): string[] {
  return existsSync(path) ? readdirSync(path).sort() : []
}

export type ReadBackQube = Pick<Qube, 'name' | 'class' | 'template' | 'label' | 'providesNetwork' | 'netvm' | 'disposableTemplate' | 'defaultDispvm' | 'services' | 'features' | 'tags'>

/** Reads the double's state back into qubes, for comparison with the layout. */
export function readBack (state: string): ReadBackQube[] {
  return list(state).filter((name) => !name.startsWith('.')).map((name) => {
    const folder = join(state, name)
    const prefs = (key: string): string | null => read(join(folder, 'prefs', key))
    return {
      name,
      class: read(join(folder, 'class')) as Qube['class'],
      template: read(join(folder, 'template')) || null,
      label: prefs('label') ?? '',
      providesNetwork: prefs('provides_network') === 'True',
      netvm: prefs('netvm') || null,
      disposableTemplate: prefs('template_for_dispvms') === 'True',
      defaultDispvm: prefs('default_dispvm') || null,
      services: list(join(folder, 'services')).filter((service) => read(join(folder, 'services', service)) === 'on'),
      features: Object.fromEntries(list(join(folder, 'features')).map((key) => [key, read(join(folder, 'features', key)) ?? ''])),
      tags: list(join(folder, 'tags'))
    }
  })
}

export function expectedQubes (qubes: Qube[]): ReadBackQube[] {
  return qubes.map((qube) => ({
    name: qube.name,
    class: qube.class,
    template: qube.template,
    label: qube.label,
    providesNetwork: qube.class === 'TemplateVM' ? false : qube.providesNetwork,
    netvm: qube.netvm,
    disposableTemplate: qube.disposableTemplate,
    defaultDispvm: qube.defaultDispvm,
    services: [...qube.services].sort(),
    features: qube.features,
    tags: [...qube.tags].sort()
  })).sort((a, b) => a.name.localeCompare(b.name))
}
