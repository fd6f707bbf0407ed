import CPrefetch

/// A live block as the token pass needs it when the block dies: its row and what its death subtracts from the totals.
///
/// Kept in the live-pointer map's slot so a free touches one cache line instead of the map plus three columns.
struct LiveBlock: Equatable {
  var row: UInt32
  var size: UInt32
  var callstack: Int32
  var pool: UInt8
}

/// Open-addressing hash map from a live pointer (never 0) to its `LiveBlock`.
///
/// Linear probing, Fibonacci hashing, at most half full, backward-shift deletion; key and
/// value share a 24-byte slot. The pass's time is mostly this map's cache misses (one per
/// malloc and one per free on a large capture), so everything a free needs is in the slot.
struct PointerMap {
  private struct Slot {
    var key: UInt64
    var block: LiveBlock
  }

  private var slots: UnsafeMutablePointer<Slot>
  private var mask: Int
  private var shift: UInt64
  private(set) var count = 0

  init(capacity: Int = 1 << 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
    slots = PageMemory.allocateZeroed(Slot.self, count: size)
  }

  /// Frees the storage; the map must not be used afterwards.
  mutating func release() {
    slots.deallocate()
    mask = -1
  }

  @inline(__always) private func home(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// Starts loading the slot where a lookup of `key` begins.
  @inline(__always) func prefetch(_ key: UInt64) {
    mprof_prefetch_write(slots + home(key))
  }

  /// The block stored for `key`, if any.
  @inline(__always) func find(_ key: UInt64) -> LiveBlock? {
    var i = home(key)
    while true {
      let k = slots[i].key
      if k == key { return slots[i].block }
      if k == 0 { return nil }
      i = (i + 1) & mask
    }
  }

  /// Stores `block` for `key`; returns the block it replaced, if any.
  @inline(__always) mutating func insert(_ key: UInt64, _ block: LiveBlock) -> LiveBlock? {
    var i = home(key)
    while true {
      let k = slots[i].key
      if k == key {
        let old = slots[i].block
        slots[i].block = block
        return old
      }
      if k == 0 { break }
      i = (i + 1) & mask
    }
    slots[i] = Slot(key: key, block: block)
    count += 1
    if count * 2 > mask { grow() }
    return nil
  }

  /// Removes `key`; returns its block if it was present.
  @inline(__always) mutating func remove(_ key: UInt64) -> LiveBlock? {
    var i = home(key)
    while true {
      let k = slots[i].key
      if k == key { break }
      if k == 0 { return nil }
      i = (i + 1) & mask
    }
    let removed = slots[i].block
    // Backward shift: pull later entries of the run into the hole when their home allows it.
    var hole = i
    var j = i
    while true {
      j = (j + 1) & mask
      let kj = slots[j].key
      if kj == 0 { break }
      let h = home(kj)
      if (hole - h) & mask <= (j - h) & mask {
        slots[hole] = slots[j]
        hole = j
      }
    }
    slots[hole].key = 0
    count -= 1
    return removed
  }

  private mutating func grow() {
    let old = slots
    let oldSize = mask + 1
    let size = oldSize * 2
    mask = size - 1
    shift -= 1
    slots = PageMemory.allocateZeroed(Slot.self, count: size)
    for s in 0..<oldSize where old[s].key != 0 {
      var i = home(old[s].key)
      while slots[i].key != 0 { i = (i + 1) & mask }
      slots[i] = old[s]
    }
    old.deallocate()
  }
}
