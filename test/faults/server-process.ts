import type { ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import type { Test } from 'tap'
import { freePort } from '../../src/bench/processes.js'
import { finished, type ScriptResult, startScript } from '../cli/run-script.js'

export { freePort }

/** What a TCP connection attempt to the port gives: 'connected' or the error code (ECONNREFUSED). */
export async function connectionOutcome (port: number): Promise<string> {
  return await new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => { socket.destroy(); resolve('connected') })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
  })
}

export interface ServerProcess {
  child: ChildProcess
  port: number
  base: string
  result: Promise<ScriptResult>
  /** The JSON log lines printed so far. */
  logs: () => Array<Record<string, unknown>>
  /** Resolves once a log line matching the test has been printed. */
  waitForLog: (test: (log: Record<string, unknown>) => boolean, count?: number) => Promise<void>
}

/** The real server entry point (src/server.ts under tap's loader) in a child process, killed when the test ends. */
export async function startServer (t: Test, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = await freePort()
  const child = startScript('server.ts', { PORT: String(port), LOG_LEVEL: 'info', ...env })
  const result = finished(child)
  t.teardown(() => { child.kill('SIGKILL') })
  let stdout = ''
  const waiters = new Set<() => void>()
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    for (const wake of waiters) wake()
  })
  const logs = (): Array<Record<string, unknown>> => stdout.split('\n').filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  const waitForLog = async (test: (log: Record<string, unknown>) => boolean, count = 1): Promise<void> => {
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (logs().filter(test).length < count) return
        waiters.delete(check)
        resolve()
      }
      waiters.add(check)
      child.once('exit', () => reject(new Error(`the server exited before logging that; stdout:\n${stdout}`)))
      check()
    })
  }
  return { child, port, base: `http://127.0.0.1:${port}`, result, logs, waitForLog }
}

/** Polls a URL until it answers, for at most 60 s (a start compiles the server under tap's loader). */
export async function waitForReady (url: string): Promise<Response> {
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      return await fetch(url)
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}
