/**
 * A memory of computed values for content that does not change while the process runs, bounded
 * by the number of entries or by a weight given to each: when the next value would pass the
 * bound, the memory starts again. Starting again costs computing values again and never gives a
 * wrong one; it keeps the memory from growing with what clients can spell.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>()
  private weight = 0

  constructor (private readonly maxWeight: number, private readonly weigh: (value: V) => number = () => 1) {}

  get size (): number {
    return this.values.size
  }

  /** The value remembered for `key`, if any. */
  find (key: K): V | undefined {
    return this.values.get(key)
  }

  remember (key: K, value: V): void {
    const weight = this.weigh(value)
    if (this.weight + weight > this.maxWeight) {
      this.values.clear()
      this.weight = 0
    }
    this.values.set(key, value)
    this.weight += weight
  }

  get (key: K, compute: (key: K) => V): V {
    let value = this.values.get(key)
    if (value === undefined) {
      value = compute(key)
      this.remember(key, value)
    }
    return value
  }
}
