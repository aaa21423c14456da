import { randomUUID } from 'node:crypto'

const COUNTER_DIGITS = 12
const COUNTER_LIMIT = 16 ** COUNTER_DIGITS

/**
 * Request ids in the UUID format, unique without drawing randomness for each request: a random
 * version-4 UUID per process (and per 2^48 requests) whose last 48 bits count the requests. They
 * correlate log lines with answers; they are not secrets, so their being predictable within a
 * process costs nothing, and a random UUID per request was a measurable part of an answer from memory.
 */
export class RequestIds {
  private prefix = ''
  private counter = COUNTER_LIMIT

  next (): string {
    if (this.counter >= COUNTER_LIMIT) {
      this.prefix = randomUUID().slice(0, 36 - COUNTER_DIGITS)
      this.counter = 0
    }
    return this.prefix + (this.counter++).toString(16).padStart(COUNTER_DIGITS, '0')
  }
}
