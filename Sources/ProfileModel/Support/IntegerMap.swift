/// A growable open-addressing map from 64-bit keys to 32-bit values, for hot lookups where `Dictionary`'s seeded
/// hashing dominates (the call graph's child lookup: one per frame of every passing callstack, on every filter change).
///
/// Linear probing, Fibonacci hashing, at most half full; no removal. Arrays, so it is a plain value with no manual
/// memory.
struct IntegerMap {
  /// `key + 1` per slot, 0 for empty (so every key, 0 included, can be stored).
  private var keys: [UInt64]
  private var values: [Int32]
  private var shift: UInt64
  private(set) var count = 0

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    values = [Int32](repeating: 0, count: size)
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  /// The slot holding `stored` (a key + 1), or the empty slot where it would go.
  @inline(__always) private func slot(of stored: UInt64) -> Int {
    let mask = keys.count - 1
    var i = Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> shift)
    while keys[i] != stored && keys[i] != 0 { i = (i + 1) & mask }
    return i
  }

  /// The value for `key`, or `nil`.
  func value(for key: UInt64) -> Int32? {
    let i = slot(of: key &+ 1)
    return keys[i] != 0 ? values[i] : nil
  }

  /// The value for `key`, storing `make()` first if there is none.
  mutating func value(for key: UInt64, orInsert make: () -> Int32) -> Int32 {
    let stored = key &+ 1
    let i = slot(of: stored)
    if keys[i] != 0 { return values[i] }
    let value = make()
    keys[i] = stored
    values[i] = value
    count += 1
    if count * 2 > keys.count - 1 { grow() }
    return value
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [Int32](repeating: 0, count: oldKeys.count * 2)
    shift -= 1
    for s in oldKeys.indices where oldKeys[s] != 0 {
      let i = slot(of: oldKeys[s])
      keys[i] = oldKeys[s]
      values[i] = oldValues[s]
    }
  }
}
