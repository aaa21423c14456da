import { netvmPath } from '../graph.js'
import type { LayoutGraph, Qube } from '../model.js'
import { type Finding, isTorGateway, isTorWorkstation, isVpn, looksLikeVault, SOURCES } from './finding.js'

/** Follows every qube's network path: cycles, Whonix, the order of VPN and Tor, vaults online. */
export function pathFindings (graph: LayoutGraph, byName: Map<string, Qube>): Finding[] {
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
