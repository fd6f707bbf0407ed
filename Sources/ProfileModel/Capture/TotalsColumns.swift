/// The per-callstack running totals of the token pass (see `CallstackTotals` for what each holds), one 64-byte cache
/// line per callstack: every token updates several totals of one callstack, and with tens of thousands of callstacks
/// separate columns would cost a cache miss each.
///
/// Grows when script decoding adds virtual callstacks.
struct TotalsColumns {
  struct Tally {
    var activeSize: Int64 = 0
    var activeCount: Int64 = 0
    var lifetimeSize: Int64 = 0
    var lifetimeCount: Int64 = 0
    var latestSize: Int64 = 0
    var maxSize: Int64 = 0
    /// Pads the tally to one cache line.
    private var unused: Int64 = 0
    var poolMask: UInt8 = 0
  }

  private static let lineSize = 64
  private var base: UnsafeMutablePointer<Tally>
  private(set) var capacity: Int

  init(callstacks n: Int) {
    capacity = max(n, 1)
    base = Self.allocate(capacity)
  }

  private static func allocate(_ n: Int) -> UnsafeMutablePointer<Tally> {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Tally>.stride, alignment: lineSize)
    let tallies = raw.bindMemory(to: Tally.self, capacity: n)
    tallies.initialize(repeating: Tally(), count: n)
    return tallies
  }

  /// The totals of callstack `c`, to read and update in place.
  @inline(__always) func tally(_ c: Int) -> UnsafeMutablePointer<Tally> { base + c }

  mutating func grow(to n: Int) {
    guard n > capacity else { return }
    let next = Self.allocate(n)
    next.update(from: base, count: capacity)
    base.deallocate()
    base = next
    capacity = n
  }

  /// The first `n` totals as the model's arrays; the storage is freed.
  func finish(count n: Int) -> CallstackTotals {
    let tallies = UnsafeBufferPointer(start: base, count: n)
    var totals = CallstackTotals()
    totals.endActiveSize = tallies.map(\.activeSize)
    totals.endActiveCount = tallies.map(\.activeCount)
    totals.lifetimeSize = tallies.map(\.lifetimeSize)
    totals.lifetimeCount = tallies.map(\.lifetimeCount)
    totals.latestSize = tallies.map(\.latestSize)
    totals.maxSize = tallies.map(\.maxSize)
    totals.poolMask = tallies.map(\.poolMask)
    base.deallocate()
    return totals
  }

  /// Frees the storage without reading it (after a failed pass).
  func discard() { base.deallocate() }
}
