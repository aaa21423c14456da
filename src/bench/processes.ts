import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The path of a sibling module, as .ts under a TypeScript loader (tests) or .js when compiled. */
export function moduleFile (relative: string, from: string): string {
  const extension = from.endsWith('.ts') ? '.ts' : '.js'
  return fileURLToPath(new URL(`${relative}${extension}`, from))
}

export function startNode (file: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, file, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Resolves with the first line a child prints (the baselines print their port). */
export function firstLine (child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const newline = buffer.indexOf('\n')
      if (newline >= 0) resolve(buffer.slice(0, newline).trim())
    })
    child.once('exit', (code) => reject(new Error(`process exited with ${String(code)} before printing`)))
  })
}

/** Polls a URL until it answers 200, and returns how long that took since `since`. */
export async function waitUntilReady (url: string, since: number, timeoutMs = 30_000): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url)
      if (response.ok) return performance.now() - since
    } catch {}
    if (performance.now() - since > timeoutMs) throw new Error(`${url} was not ready within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The most memory a process has held so far (VmHWM), in MiB; null where /proc is not there. */
export function peakRssMiB (pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8')
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    return match === null ? null : Math.round(Number(match[1]) / 1024)
  } catch {
    return null
  }
}

export async function stop (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
