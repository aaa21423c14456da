import { readFileSync } from 'node:fs'

/**
 * Asks the soak's server for a full garbage collection (src/soak/full-gc-on-signal.ts). Nothing
 * else uses SIGURG, and its default is to be ignored (close-with-grace closes on SIGUSR2).
 */
export const FULL_GC_SIGNAL = 'SIGURG'

/** A process's resident memory now (VmRSS), in KiB; null where /proc is not there or the process is gone. */
export function residentKiB (pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match === null ? null : Number(match[1])
  } catch {
    return null
  }
}

export interface RssSample {
  /** Milliseconds since sampling started. */
  at: number
  kib: number
  /** Read just after a full garbage collection the sampler asked for. */
  afterFullGc: boolean
  /** The phase of the run the reading belongs to. */
  phase: string
}

/** Time for the server to run the collection (its loop is busy with the load) and return pages. */
const AFTER_GC_MS = 300

/**
 * Reads a process's RSS every `intervalMs` until stopped. While `collectFirst` is set, each
 * reading is preceded by FULL_GC_SIGNAL, which the soak's server answers with a full garbage
 * collection (src/soak/full-gc-on-signal.ts).
 */
export class RssSampler {
  readonly samples: RssSample[] = []
  phase = 'start'
  collectFirst = false
  private readonly started = performance.now()
  private readonly timer: NodeJS.Timeout
  private readonly pending = new Set<Promise<void>>()

  constructor (private readonly pid: number, intervalMs = 1000) {
    this.sample(false, this.phase)
    this.timer = setInterval(() => this.tick(), intervalMs)
  }

  private tick (): void {
    const phase = this.phase
    if (!this.collectFirst) {
      this.sample(false, phase)
      return
    }
    try {
      process.kill(this.pid, FULL_GC_SIGNAL)
    } catch {
      return
    }
    const reading = new Promise<void>((resolve) => setTimeout(resolve, AFTER_GC_MS)).then(() => {
      this.sample(true, phase)
      this.pending.delete(reading)
    })
    this.pending.add(reading)
  }

  private sample (afterFullGc: boolean, phase: string): void {
    const kib = residentKiB(this.pid)
    if (kib !== null) this.samples.push({ at: this.now(), kib, afterFullGc, phase })
  }

  /** Milliseconds since sampling started. */
  private now (): number {
    return performance.now() - this.started
  }

  /** Stops sampling once the readings already asked for are in. */
  async stop (): Promise<void> {
    clearInterval(this.timer)
    await Promise.all(this.pending)
  }
}
