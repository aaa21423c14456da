import { EventEmitter } from 'node:events'
import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import t from 'tap'
import { StalledWriteGuard } from '../../src/http/stalled-writes.js'

/** The parts of a socket the guard reads: bytes queued, bytes written (queued ones included). */
class FakeSocket extends EventEmitter {
  writableLength = 0
  bytesWritten = 0
  destroyed = false
  destroy (): void {
    this.destroyed = true
    this.emit('close')
  }

  /** The server queues `bytes`, of which the kernel takes `taken`. */
  write (bytes: number, taken: number): void {
    this.bytesWritten += bytes
    this.writableLength += bytes - taken
  }

  /** The client reads, so the kernel takes `bytes` of what was queued. */
  drain (bytes: number): void {
    this.writableLength -= bytes
  }
}

function guardAt (limitMs: number): { guard: StalledWriteGuard, server: EventEmitter, clock: { now: number } } {
  const clock = { now: 0 }
  const guard = new StalledWriteGuard({ limitMs, sweepMs: 60_000, now: () => clock.now })
  const server = new EventEmitter()
  guard.watch(server as unknown as Server)
  guard.stop()
  return { guard, server, clock }
}

function connect (server: EventEmitter): FakeSocket {
  const socket = new FakeSocket()
  server.emit('connection', socket as unknown as Socket)
  return socket
}

t.test('closes a connection whose answer waits unread past the limit', async (t) => {
  const { guard, server, clock } = guardAt(1000)
  const socket = connect(server)
  socket.write(5000, 1000)
  guard.sweep()
  clock.now = 999
  guard.sweep()
  t.equal(socket.destroyed, false, 'not before the limit')
  clock.now = 1000
  guard.sweep()
  t.equal(socket.destroyed, true, 'at the limit')
  t.equal(guard.connections, 0, 'a closed connection is forgotten')
})

t.test('leaves alone connections that have nothing waiting, and slow readers that make progress', async (t) => {
  const { guard, server, clock } = guardAt(1000)
  const idle = connect(server)
  const slow = connect(server)
  slow.write(5000, 1000)
  for (let second = 0; second < 10; second++) {
    guard.sweep()
    clock.now += 900
    slow.drain(10)
  }
  t.equal(idle.destroyed, false)
  t.equal(slow.destroyed, false, 'ten bytes in each sweep is progress')
  t.equal(guard.connections, 2)
})

t.test('counts from the last progress, and forgets a stall once the answer is out', async (t) => {
  const { guard, server, clock } = guardAt(1000)
  const socket = connect(server)
  socket.write(5000, 1000)
  guard.sweep()
  clock.now = 800
  socket.drain(100)
  guard.sweep()
  clock.now = 1500
  guard.sweep()
  t.equal(socket.destroyed, false, 'the stall began again at 800')
  socket.drain(3900)
  clock.now = 1700
  guard.sweep()
  socket.write(100, 0)
  clock.now = 2600
  guard.sweep()
  t.equal(socket.destroyed, false, 'a new stall starts when it is first seen')
  clock.now = 3600
  guard.sweep()
  t.equal(socket.destroyed, true)
})

t.test('more answers queued behind an unread one do not count as progress', async (t) => {
  const { guard, server, clock } = guardAt(1000)
  const socket = connect(server)
  socket.write(5000, 1000)
  guard.sweep()
  clock.now = 600
  socket.write(5000, 0)
  guard.sweep()
  clock.now = 1000
  guard.sweep()
  t.equal(socket.destroyed, true)
})

t.test('sweeps on its own timer until stopped', async (t) => {
  const guard = new StalledWriteGuard({ limitMs: 0, sweepMs: 5 })
  const server = new EventEmitter()
  guard.watch(server as unknown as Server)
  const socket = connect(server)
  socket.write(10, 0)
  await new Promise((resolve) => setTimeout(resolve, 50))
  guard.stop()
  t.equal(socket.destroyed, true, 'stalled at the first sweep, closed at the next')
})
