import type { Viz } from '@viz-js/viz'

let vizInstance: Promise<Viz> | undefined

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz). The instance is made
 * once; a layout's SVG is rendered once per release and language by the caller, not per request.
 */
export async function renderSvg (dot: string): Promise<string> {
  // Loaded on first use: Graphviz in WebAssembly is only needed for SVG exports.
  vizInstance ??= import('@viz-js/viz').then(async (module) => await module.instance())
  const viz = await vizInstance
  const result = viz.render(dot, { format: 'svg' })
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not render the layout: ${result.errors.map((error) => error.message).join('; ')}`)
  }
  return result.output
}
