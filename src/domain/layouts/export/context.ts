import type { LayoutGraph } from '../model.js'

/** What every export says about where it comes from. */
export interface ExportContext {
  graph: LayoutGraph
  title: string
  releaseVersion: string
  /** Where the layout can be read, e.g. /v1/layouts/vpn-tor-chain */
  url: string
}
