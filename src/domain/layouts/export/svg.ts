/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz), one instance for all
 * the given graphs. Only a store build calls this (each layout's diagram, in each language, is
 * written into the store), so Graphviz is imported here, on first use, and not by the server.
 */
export async function renderSvgs (dots: readonly string[]): Promise<string[]> {
  const { instance } = await import('@viz-js/viz')
  const viz = await instance()
  return dots.map((dot) => {
    const result = viz.render(dot, { format: 'svg' })
    if (result.status !== 'success') {
      throw new Error(`Graphviz could not render the layout: ${result.errors.map((error) => error.message).join('; ')}`)
    }
    return result.output
  })
}
