import type { Server } from 'node:http'
import type { Socket } from 'node:net'

export interface StalledWriteGuardOptions {
  /** How long a connection may hold unsent answer bytes without the client taking any. */
  limitMs: number
  /** How often connections are looked at. */
  sweepMs: number
  /** Injectable clock, in milliseconds (tests). */
  now?: () => number
}

interface Progress {
  /** Bytes handed to the kernel when the connection was first seen stalled there. */
  flushed: number
  since: number
}

/**
 * Closes connections whose client stopped reading its answers: the bytes Node could not hand to
 * the kernel wait in memory for as long as the connection lives. Node's own timeouts cover a
 * request that arrives too slowly and an idle kept-alive connection, not an answer that is never
 * read. A socket timeout would, but it is re-armed on every request, read and write of every
 * connection; this looks at the open connections every `sweepMs` instead, so an answer costs
 * nothing. A connection is closed once it has had answer bytes waiting and no progress for
 * `limitMs` (give or take one sweep); a slow reader that keeps taking bytes is left alone.
 */
export class StalledWriteGuard {
  private readonly sockets = new Set<Socket>()
  private readonly stalled = new Map<Socket, Progress>()
  private readonly now: () => number
  private timer: NodeJS.Timeout | undefined

  constructor (private readonly options: StalledWriteGuardOptions) {
    this.now = options.now ?? Date.now
  }

  /** Watches every connection `server` accepts from now on. */
  watch (server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket)
      socket.once('close', () => {
        this.sockets.delete(socket)
        this.stalled.delete(socket)
      })
    })
    this.timer ??= setInterval(() => { this.sweep() }, this.options.sweepMs).unref()
  }

  /** Number of connections being watched (tests). */
  get connections (): number {
    return this.sockets.size
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** Looks at every connection once; exposed for tests that drive the clock themselves. */
  sweep (): void {
    const now = this.now()
    for (const socket of this.sockets) {
      const waiting = socket.writableLength
      if (waiting === 0 || socket.destroyed) {
        this.stalled.delete(socket)
        continue
      }
      // bytesWritten counts the bytes still waiting too: what left is the difference.
      const flushed = socket.bytesWritten - waiting
      const progress = this.stalled.get(socket)
      if (progress === undefined || progress.flushed !== flushed) {
        this.stalled.set(socket, { flushed, since: now })
      } else if (now - progress.since >= this.options.limitMs) {
        socket.destroy()
      }
    }
  }
}
