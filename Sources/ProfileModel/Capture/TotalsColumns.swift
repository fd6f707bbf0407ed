/// The per-callstack running totals of the token pass, in raw columns (see `CallstackTotals`
/// for what each holds). Grows when script decoding adds virtual callstacks.
struct TotalsColumns {
  var activeSize: RawColumn<Int64>
  var activeCount: RawColumn<Int64>
  var lifetimeSize: RawColumn<Int64>
  var lifetimeCount: RawColumn<Int64>
  var latestSize: RawColumn<Int64>
  var maxSize: RawColumn<Int64>
  var poolMask: RawColumn<UInt8>

  init(callstacks n: Int) {
    activeSize = RawColumn(capacity: n, initialValue: 0)
    activeCount = RawColumn(capacity: n, initialValue: 0)
    lifetimeSize = RawColumn(capacity: n, initialValue: 0)
    lifetimeCount = RawColumn(capacity: n, initialValue: 0)
    latestSize = RawColumn(capacity: n, initialValue: 0)
    maxSize = RawColumn(capacity: n, initialValue: 0)
    poolMask = RawColumn(capacity: n, initialValue: 0)
  }

  mutating func grow(to n: Int) {
    activeSize.grow(to: n, filling: 0)
    activeCount.grow(to: n, filling: 0)
    lifetimeSize.grow(to: n, filling: 0)
    lifetimeCount.grow(to: n, filling: 0)
    latestSize.grow(to: n, filling: 0)
    maxSize.grow(to: n, filling: 0)
    poolMask.grow(to: n, filling: 0)
  }

  /// The first `n` totals as the model's arrays; the columns are freed.
  func finish(count n: Int) -> CallstackTotals {
    var totals = CallstackTotals()
    totals.endActiveSize = activeSize.finish(count: n)
    totals.endActiveCount = activeCount.finish(count: n)
    totals.lifetimeSize = lifetimeSize.finish(count: n)
    totals.lifetimeCount = lifetimeCount.finish(count: n)
    totals.latestSize = latestSize.finish(count: n)
    totals.maxSize = maxSize.finish(count: n)
    totals.poolMask = poolMask.finish(count: n)
    return totals
  }

  /// Frees the columns without reading them (after a failed pass).
  func discard() {
    for column in [activeSize.discard, activeCount.discard, lifetimeSize.discard, lifetimeCount.discard,
      latestSize.discard, maxSize.discard] { column() }
    poolMask.discard()
  }
}
