/** Privacy Guides' threat types (https://www.privacyguides.org/en/basics/common-threats/), by id. */
export const THREAT_IDS = [
  'anonymity',
  'targeted-attacks',
  'supply-chain-attacks',
  'passive-attacks',
  'service-providers',
  'mass-surveillance',
  'surveillance-capitalism',
  'public-exposure',
  'censorship'
] as const
export type ThreatId = typeof THREAT_IDS[number]
