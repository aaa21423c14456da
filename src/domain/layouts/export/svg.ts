import type { Viz } from '@viz-js/viz'

/** How long Graphviz is kept after its last render. */
export const GRAPHVIZ_IDLE_MS = 10_000

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz). Its instance holds
 * about 16 MB of WebAssembly memory for as long as it lives, while a layout's SVG is rendered once
 * per release and language (the caller keeps the text): so the instance is made on first use,
 * shared by the renders that follow, and let go once none has come for `idleMs`, which frees that
 * memory for the rest of the process's life. Making it again costs 10 to 25 ms.
 */
export class GraphvizRenderer {
  private instance: Promise<Viz> | undefined
  private idleTimer: NodeJS.Timeout | undefined

  constructor (private readonly idleMs = GRAPHVIZ_IDLE_MS) {}

  /** Whether an instance is held now (tests). */
  get loaded (): boolean {
    return this.instance !== undefined
  }

  async render (dot: string): Promise<string> {
    try {
      // Loaded on first use: Graphviz in WebAssembly is only needed for SVG exports.
      const instance = this.instance ??= import('@viz-js/viz').then(async (module) => await module.instance())
      let viz: Viz
      try {
        viz = await instance
      } catch (error) {
        // An instance that could not be made is not kept: the next render tries again.
        if (this.instance === instance) this.instance = undefined
        throw error
      }
      const result = viz.render(dot, { format: 'svg' })
      if (result.status !== 'success') {
        throw new Error(`Graphviz could not render the layout: ${result.errors.map((error) => error.message).join('; ')}`)
      }
      return result.output
    } finally {
      clearTimeout(this.idleTimer)
      // Unreferenced: a pending release never keeps the process alive.
      this.idleTimer = setTimeout(() => { this.instance = undefined }, this.idleMs).unref()
    }
  }
}

const renderer = new GraphvizRenderer()

export async function renderSvg (dot: string): Promise<string> {
  return await renderer.render(dot)
}
