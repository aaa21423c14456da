import { netvmPath, qubesByName } from './graph.js'
import { isLabelName, LABEL_NAMES, type LayoutGraph, type Qube, qubeNameProblem } from './model.js'

export type Severity = 'error' | 'warning'

export interface LocalisedText {
  en: string
  ru: string
}

export interface Finding {
  code: string
  severity: Severity
  /** The qube the finding is about, or null for the layout as a whole. */
  qube: string | null
  message: LocalisedText
  source: { url: string, title: string }
}

const SOURCES = {
  names: { url: 'https://github.com/QubesOS/qubes-core-admin/blob/main/qubes/vm/__init__.py', title: 'validate_name in qubes-core-admin (qubes/vm/__init__.py)' },
  labels: { url: 'https://github.com/QubesOS/qubes-core-admin/blob/main/qubes/app.py', title: 'Default labels in qubes-core-admin (qubes/app.py)' },
  network: { url: 'https://doc.qubes-os.org/en/latest/user/security-in-qubes/firewall.html', title: 'Firewall (Qubes OS documentation)' },
  templates: { url: 'https://doc.qubes-os.org/en/latest/user/templates/templates.html', title: 'Templates (Qubes OS documentation)' },
  disposables: { url: 'https://doc.qubes-os.org/en/latest/user/how-to-guides/how-to-use-disposables.html', title: 'How to use disposables (Qubes OS documentation)' },
  whonix: { url: 'https://github.com/QubesOS/qubes-mgmt-salt-dom0-virtual-machines/blob/master/qvm/anon-whonix.sls', title: 'qvm.anon-whonix Salt formula (Qubes OS)' },
  torOrder: { url: 'https://www.privacyguides.org/en/advanced/tor-overview/', title: 'Tor Overview (Privacy Guides)' },
  vault: { url: 'https://github.com/QubesOS/qubes-mgmt-salt-dom0-virtual-machines/blob/master/qvm/vault.sls', title: 'qvm.vault Salt formula (Qubes OS)' }
} as const

const NAME_PROBLEMS: Record<string, LocalisedText> = {
  empty: { en: 'it is empty', ru: 'оно пустое' },
  'too-long': { en: 'it is longer than 31 characters', ru: 'оно длиннее 31 символа' },
  'illegal-characters': {
    en: 'it must start with a letter and contain only letters, digits, - and _',
    ru: 'оно должно начинаться с буквы и состоять только из латинских букв, цифр, - и _'
  },
  reserved: { en: 'Domain-0, none and default are reserved', ru: 'имена Domain-0, none и default зарезервированы' },
  'reserved-suffix': { en: 'names ending in -dm are reserved for device-model stub domains', ru: 'имена на -dm зарезервированы для служебных доменов' }
}

function isTorGateway (qube: Qube): boolean {
  return qube.role === 'tor-gateway' || (qube.template?.startsWith('whonix-gateway') ?? false)
}

function isTorWorkstation (qube: Qube, byName: Map<string, Qube>): boolean {
  if (qube.role === 'tor-workstation' || qube.tags.includes('anon-vm')) return true
  // A disposable's template is a disposable template; its own template says what it runs.
  const template = qube.template === null ? undefined : byName.get(qube.template)
  const system = qube.class === 'DispVM' ? template?.template ?? null : qube.template
  return system?.startsWith('whonix-workstation') ?? false
}

function isVpn (qube: Qube): boolean {
  return qube.role === 'vpn'
}

function looksLikeVault (qube: Qube): boolean {
  return qube.role === 'vault' || qube.role === 'gpg-backend' || /vault/i.test(qube.name)
}

/** Checks names, labels and references of every qube. */
function referenceFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
  const findings: Finding[] = []
  const counts = new Map<string, number>()
  for (const qube of graph.qubes) counts.set(qube.name, (counts.get(qube.name) ?? 0) + 1)
  for (const [name, count] of counts) {
    if (count > 1) {
      findings.push({
        code: 'duplicate-qube-name',
        severity: 'error',
        qube: name,
        message: { en: `${count} qubes are named ${name}; names must be unique`, ru: `Имя ${name} носят ${count} кьюба; имена должны быть уникальны` },
        source: SOURCES.names
      })
    }
  }
  if (!byName.has(graph.mainQube)) {
    findings.push({
      code: 'unknown-main-qube',
      severity: 'error',
      qube: graph.mainQube,
      message: { en: `the main qube ${graph.mainQube} is not in the layout`, ru: `Основного кьюба ${graph.mainQube} нет в схеме` },
      source: SOURCES.names
    })
  }
  for (const qube of graph.qubes) {
    const nameProblem = qubeNameProblem(qube.name)
    if (nameProblem !== undefined) {
      const why = NAME_PROBLEMS[nameProblem] ?? { en: nameProblem, ru: nameProblem }
      findings.push({
        code: 'invalid-qube-name',
        severity: 'error',
        qube: qube.name,
        message: { en: `Qubes would reject the name "${qube.name}": ${why.en}`, ru: `Qubes не примет имя «${qube.name}»: ${why.ru}` },
        source: SOURCES.names
      })
    }
    if (!isLabelName(qube.label)) {
      findings.push({
        code: 'invalid-label',
        severity: 'error',
        qube: qube.name,
        message: {
          en: `${qube.name} has the label "${qube.label}"; Qubes has only ${LABEL_NAMES.join(', ')}`,
          ru: `У ${qube.name} метка «${qube.label}», а в Qubes есть только ${LABEL_NAMES.join(', ')}`
        },
        source: SOURCES.labels
      })
    }
    if (qube.netvm !== null) {
      const netvm = byName.get(qube.netvm)
      if (netvm === undefined) {
        findings.push({
          code: 'unknown-netvm',
          severity: 'error',
          qube: qube.name,
          message: { en: `${qube.name} gets network from ${qube.netvm}, which is not in the layout`, ru: `${qube.name} получает сеть от ${qube.netvm}, которого нет в схеме` },
          source: SOURCES.network
        })
      } else if (!netvm.providesNetwork) {
        findings.push({
          code: 'netvm-not-network-provider',
          severity: 'error',
          qube: qube.name,
          message: {
            en: `${qube.name} gets network from ${netvm.name}, which does not provide network (set provides_network on it)`,
            ru: `${qube.name} получает сеть от ${netvm.name}, но тот не предоставляет сеть (у него не включено provides_network)`
          },
          source: SOURCES.network
        })
      }
      if (qube.class === 'TemplateVM') {
        findings.push({
          code: 'template-with-netvm',
          severity: 'warning',
          qube: qube.name,
          message: {
            en: `the template ${qube.name} has a netvm; templates are meant to stay offline and download updates through the updates proxy`,
            ru: `У шаблона ${qube.name} задан netvm; шаблоны должны оставаться без сети и получать обновления через прокси обновлений`
          },
          source: SOURCES.templates
        })
      }
    }
  }
  return findings
}

/** One warning per template that qubes use but the layout does not list, naming those qubes. */
function outsideTemplateFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
  const users = new Map<string, string[]>()
  for (const qube of graph.qubes) {
    if (qube.template !== null && qube.class !== 'TemplateVM' && !byName.has(qube.template)) {
      users.set(qube.template, [...(users.get(qube.template) ?? []), qube.name])
    }
  }
  return [...users].map(([template, names]) => ({
    code: 'template-not-in-layout',
    severity: 'warning' as const,
    qube: names[0] ?? null,
    message: {
      en: `the template ${template} (used by ${names.join(', ')}) is not part of the layout; it must be installed already`,
      ru: `Шаблона ${template} (его используют ${names.join(', ')}) нет в схеме; он должен быть уже установлен`
    },
    source: SOURCES.templates
  }))
}

/** Checks templates, disposables and default disposable templates. */
function templateFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
  const findings: Finding[] = outsideTemplateFindings(graph, byName)
  for (const qube of graph.qubes) {
    if (qube.class === 'TemplateVM' && qube.template !== null) {
      findings.push({
        code: 'template-has-template',
        severity: 'error',
        qube: qube.name,
        message: { en: `the template ${qube.name} cannot itself have a template`, ru: `У шаблона ${qube.name} не может быть своего шаблона` },
        source: SOURCES.templates
      })
    }
    if ((qube.class === 'AppVM' || qube.class === 'DispVM') && qube.template === null) {
      findings.push({
        code: 'missing-template',
        severity: 'error',
        qube: qube.name,
        message: { en: `${qube.name} is a ${qube.class} and needs a template`, ru: `${qube.name} — это ${qube.class}, ему нужен шаблон` },
        source: qube.class === 'DispVM' ? SOURCES.disposables : SOURCES.templates
      })
    }
    if (qube.disposableTemplate && qube.class !== 'AppVM' && qube.class !== 'StandaloneVM') {
      findings.push({
        code: 'disposable-template-wrong-class',
        severity: 'error',
        qube: qube.name,
        message: { en: `${qube.name} is a ${qube.class}; only app qubes can be disposable templates`, ru: `${qube.name} — это ${qube.class}; шаблоном одноразовых кьюбов может быть только прикладной кьюб` },
        source: SOURCES.disposables
      })
    }
    const template = qube.template === null ? undefined : byName.get(qube.template)
    if (template !== undefined && qube.class === 'AppVM' && template.class !== 'TemplateVM') {
      findings.push({
        code: 'template-not-template',
        severity: 'error',
        qube: qube.name,
        message: { en: `${qube.name} uses ${template.name} as its template, but ${template.name} is a ${template.class}, not a TemplateVM`, ru: `${qube.name} использует ${template.name} как шаблон, но ${template.name} — это ${template.class}, а не TemplateVM` },
        source: SOURCES.templates
      })
    }
    if (template !== undefined && qube.class === 'DispVM' && !template.disposableTemplate) {
      findings.push({
        code: 'dispvm-template-not-disposable-template',
        severity: 'error',
        qube: qube.name,
        message: {
          en: `the disposable ${qube.name} is based on ${template.name}, which is not a disposable template (template_for_dispvms is off)`,
          ru: `Одноразовый кьюб ${qube.name} основан на ${template.name}, но тот не является шаблоном одноразовых кьюбов (template_for_dispvms выключен)`
        },
        source: SOURCES.disposables
      })
    }
    if (qube.defaultDispvm !== null) {
      const dispvm = byName.get(qube.defaultDispvm)
      if (dispvm === undefined || !dispvm.disposableTemplate) {
        findings.push({
          code: 'default-dispvm-not-disposable-template',
          severity: 'error',
          qube: qube.name,
          message: {
            en: `${qube.name} opens disposables from ${qube.defaultDispvm}, which is ${dispvm === undefined ? 'not in the layout' : 'not a disposable template'}`,
            ru: `${qube.name} открывает одноразовые кьюбы из ${qube.defaultDispvm}, но ${dispvm === undefined ? 'его нет в схеме' : 'он не является шаблоном одноразовых кьюбов'}`
          },
          source: SOURCES.disposables
        })
      }
    }
  }
  return findings
}

/** Follows every qube's network path: cycles, Whonix, the order of VPN and Tor, vaults online. */
function pathFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
  const findings: Finding[] = []
  const reportedCycles = new Set<string>()
  for (const qube of graph.qubes) {
    const path = netvmPath(graph, qube.name, byName)
    if (path.cycle) {
      const members = path.hops.map((hop) => hop.name)
      const key = [...members].sort().join(' ')
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key)
        findings.push({
          code: 'netvm-cycle',
          severity: 'error',
          qube: qube.name,
          message: { en: `netvm goes round in a circle: ${members.join(' → ')} → ${path.hops.at(-1)?.netvm ?? ''}`, ru: `Цепочка netvm замкнута в круг: ${members.join(' → ')} → ${path.hops.at(-1)?.netvm ?? ''}` },
          source: SOURCES.network
        })
      }
      continue
    }
    const online = qube.netvm !== null
    if (online && isTorWorkstation(qube, byName) && !path.hops.slice(1).some(isTorGateway)) {
      findings.push({
        code: 'whonix-workstation-not-behind-gateway',
        severity: 'error',
        qube: qube.name,
        message: {
          en: `${qube.name} is a Whonix Workstation whose traffic does not pass a Whonix Gateway; set its netvm to sys-whonix (or another Tor gateway)`,
          ru: `${qube.name} — рабочая станция Whonix, но её трафик не проходит через шлюз Whonix; укажите в netvm sys-whonix (или другой Tor-шлюз)`
        },
        source: SOURCES.whonix
      })
    }
    // Walking from the qube towards the hardware: a VPN met before the Tor gateway means
    // You → Tor → VPN, which Privacy Guides strongly discourages.
    if (qube.role !== 'vpn' && !isTorGateway(qube)) {
      const firstTor = path.hops.findIndex(isTorGateway)
      const vpnBeforeTor = firstTor > 0 && path.hops.slice(0, firstTor).some(isVpn)
      if (vpnBeforeTor) {
        const vpnAfterTor = path.hops.slice(firstTor + 1).some(isVpn)
        findings.push({
          code: vpnAfterTor ? 'vpn-tor-vpn' : 'tor-before-vpn',
          severity: 'warning',
          qube: qube.name,
          message: vpnAfterTor
            ? { en: `${qube.name} connects You → VPN → Tor → VPN → Internet, which Privacy Guides strongly discourages`, ru: `${qube.name} подключается по схеме «вы → VPN → Tor → VPN → интернет», которую Privacy Guides настоятельно не рекомендует` }
            : { en: `${qube.name} connects You → Tor → VPN → Internet (the VPN sits after Tor), which Privacy Guides strongly discourages; put the VPN qube before the Tor gateway`, ru: `${qube.name} подключается по схеме «вы → Tor → VPN → интернет» (VPN стоит после Tor), которую Privacy Guides настоятельно не рекомендует; поставьте VPN-кьюб перед Tor-шлюзом` },
          source: SOURCES.torOrder
        })
      }
    }
    if (online && looksLikeVault(qube)) {
      findings.push({
        code: 'vault-with-network',
        severity: qube.role === 'vault' || qube.role === 'gpg-backend' ? 'error' : 'warning',
        qube: qube.name,
        message: {
          en: `${qube.name} keeps secrets but has network (netvm ${qube.netvm ?? ''}); a vault should be offline (netvm none)`,
          ru: `${qube.name} хранит секреты, но у него есть сеть (netvm ${qube.netvm ?? ''}); хранилище должно быть без сети (netvm none)`
        },
        source: SOURCES.vault
      })
    }
  }
  return findings
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 }

/** Every finding for a layout, errors first, then in layout order; the same layout always gives the same list. */
export function checkLayout (graph: LayoutGraph): Finding[] {
  const byName = qubesByName(graph)
  const position = new Map(graph.qubes.map((qube, index) => [qube.name, index]))
  return [...referenceFindings(graph, byName), ...templateFindings(graph, byName), ...pathFindings(graph, byName)]
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
      (position.get(a.finding.qube ?? '') ?? -1) - (position.get(b.finding.qube ?? '') ?? -1) || a.index - b.index)
    .map(({ finding }) => finding)
}
