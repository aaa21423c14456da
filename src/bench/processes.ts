import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/** The path of a sibling module, as .ts under a TypeScript loader (tests) or .js when compiled. */
export function moduleFile (relative: string, from: string): string {
  const extension = from.endsWith('.ts') ? '.ts' : '.js'
  return fileURLToPath(new URL(`${relative}${extension}`, from))
}

const running = new Set<ChildProcess>()
let stopsChildrenOnSignal = false

/**
 * Starts a Node process of ours, with this process's own node options unless others are given
 * (the production server's), in this process's environment plus `env`, or in `env` alone when
 * `inheritEnvironment` is false. If this process is told to stop (a test runner's timeout, ^C),
 * the children go with it instead of holding ports and cores afterwards.
 */
export function startNode (file: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeOptions: string[] = process.execArgv, inheritEnvironment = true): ChildProcess {
  const child = spawn(process.execPath, [...nodeOptions, file, ...args], { env: inheritEnvironment ? { ...process.env, ...env } : env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  child.once('exit', () => running.delete(child))
  if (!stopsChildrenOnSignal) {
    stopsChildrenOnSignal = true
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        for (const other of running) other.kill('SIGKILL')
        process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
      })
    }
  }
  return child
}

/** Kills every child still running: a script that fails half-way leaves no servers behind. */
export function killRunningChildren (): void {
  for (const child of running) child.kill('SIGKILL')
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

/**
 * A loopback port free right now: the kernel picks it. (A random port collided with the servers
 * other tests start in parallel, and the server then never became ready.)
 */
export async function freePort (): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  return typeof address === 'object' && address !== null ? address.port : 0
}

/**
 * Polls a URL until it answers 200, and returns how long that took since `since`; fails at once
 * if `child`, the process that should answer, has exited.
 */
export async function waitUntilReady (url: string, since: number, timeoutMs = 90_000, child?: ChildProcess): Promise<number> {
  for (;;) {
    if (child !== undefined && child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before ${url} was ready`)
    try {
      const response = await fetch(url)
      if (response.ok) return performance.now() - since
    } catch {}
    if (performance.now() - since > timeoutMs) throw new Error(`${url} was not ready within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The most memory a process has held so far (VmHWM), in bytes; null where /proc is not there. */
export function peakRssBytes (pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8')
    // The kernel's "kB" are kibibytes.
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    return match === null ? null : Number(match[1]) * 1024
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
