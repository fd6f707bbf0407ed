/// Size and count per callstack, dense over every callstack index (signed: diffs go negative).
public struct CallstackAggregates: Sendable, Equatable {
  public var size: [Int64]
  public var count: [Int64]

  public init(callstackCount: Int) {
    size = [Int64](repeating: 0, count: callstackCount)
    count = [Int64](repeating: 0, count: callstackCount)
  }

  /// `self − other`, per callstack: positive where the later state holds more.
  public func subtracting(_ other: CallstackAggregates) -> CallstackAggregates {
    var result = self
    for i in result.size.indices {
      result.size[i] -= other.size[i]
      result.count[i] -= other.count[i]
    }
    return result
  }

  public var totalSize: Int64 { size.reduce(0, +) }
  public var totalCount: Int64 { count.reduce(0, +) }

  /// Rows with a non-zero count or size, sorted by size descending then callstack ascending.
  public func rows(includingZeroCount: Bool = false) -> [CallstackRow] {
    var rows: [CallstackRow] = []
    for i in size.indices where count[i] != 0 || (size[i] != 0 && includingZeroCount) {
      rows.append(CallstackRow(callstack: i, size: size[i], count: count[i]))
    }
    rows.sort { $0.size != $1.size ? $0.size > $1.size : $0.callstack < $1.callstack }
    return rows
  }
}

/// One callstack's size and count in a query result.
public struct CallstackRow: Sendable, Equatable {
  public var callstack: Int
  public var size: Int64
  public var count: Int64
  public init(callstack: Int, size: Int64, count: Int64) {
    self.callstack = callstack
    self.size = size
    self.count = count
  }
}

extension Profile {
  /// How many allocation rows were made before or at `streamIndex`.
  func rowsBorn(atOrBefore streamIndex: UInt32) -> Int {
    var lo = 0
    var hi = allocations.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if allocations.birth[mid] <= streamIndex { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The stream index a reference stands for (`.start` is before the first token).
  public func streamIndex(_ ref: SnapshotRef) -> UInt32? {
    if case .event(let index, _) = ref { return min(index, end.streamIndex) }
    return snapshot(ref)?.streamIndex
  }

  /// Live size and count per callstack just after `streamIndex`, for rows accepted by `keep`.
  ///
  /// - Complexity: O(rows born up to `streamIndex`).
  public func active(
    at streamIndex: UInt32, keep: ((Int) -> Bool)? = nil, cancel: CancelToken = .never
  ) throws -> CallstackAggregates {
    var result = CallstackAggregates(callstackCount: callstacks.count)
    if keep == nil && streamIndex >= end.streamIndex {
      // The token pass already knows the End state.
      result.size = totals.endActiveSize
      result.count = totals.endActiveCount
      return result
    }
    let rows = rowsBorn(atOrBefore: streamIndex)
    try allocations.death.withUnsafeBufferPointer { death in
      try allocations.size.withUnsafeBufferPointer { size in
        try allocations.callstack.withUnsafeBufferPointer { callstack in
          for row in 0..<rows where death[row] > streamIndex {
            if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
            if let keep, !keep(row) { continue }
            let c = Int(callstack[row])
            result.size[c] += Int64(size[row])
            result.count[c] += 1
          }
        }
      }
    }
    return result
  }

  /// Allocation events per callstack with birth in `(after, upTo]` (`after` nil = from the start).
  ///
  /// - Complexity: O(rows in the range).
  public func lifetime(
    after: UInt32?, upTo: UInt32, keep: ((Int) -> Bool)? = nil, cancel: CancelToken = .never
  ) throws -> CallstackAggregates {
    var result = CallstackAggregates(callstackCount: callstacks.count)
    if keep == nil && after == nil && upTo >= end.streamIndex {
      result.size = totals.lifetimeSize
      result.count = totals.lifetimeCount
      return result
    }
    let first = after.map { rowsBorn(atOrBefore: $0) } ?? 0
    let last = rowsBorn(atOrBefore: upTo)
    guard first < last else { return result }
    for row in first..<last {
      if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
      if let keep, !keep(row) { continue }
      let c = Int(allocations.callstack[row])
      result.size[c] += Int64(allocations.size[row])
      result.count[c] += 1
    }
    return result
  }

  /// Size and count per callstack of the rows `filter`'s query rule (and tags) select.
  ///
  /// A decline under Growth vs. Decline counts negatively.
  ///
  /// - Complexity: O(rows born up to the rule's last possible birth).
  public func aggregates(selectedBy filter: CallstackFilter, cancel: CancelToken = .never) throws
    -> CallstackAggregates
  {
    var result = CallstackAggregates(callstackCount: callstacks.count)
    guard let rule = filter.rule else { return result }
    let markers = filter.ruleMarkers
    let tagPasses = filter.tagPasses
    let limit = filter.ruleRowLimit(in: self)
    let a = allocations
    // Raw buffers: the rule's test is a few compares a row; subscripts would dominate.
    try a.birth.withUnsafeBufferPointer { birth in
      try a.death.withUnsafeBufferPointer { death in
        try a.size.withUnsafeBufferPointer { size in
          try a.callstack.withUnsafeBufferPointer { callstack in
            try a.tags.withUnsafeBufferPointer { tags in
              try result.size.withUnsafeMutableBufferPointer { sizes in
                try result.count.withUnsafeMutableBufferPointer { counts in
                  for row in 0..<limit {
                    if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
                    if let tagPasses, !tagPasses[Int(tags[row]) + 1] { continue }
                    let died = death[row]
                    let sign = rule.sign(
                      birth: Int64(birth[row]), death: died == AllocationTable.alive ? .max : Int64(died),
                      markers: markers)
                    guard sign != 0 else { continue }
                    let c = Int(callstack[row])
                    sizes[c] += sign * Int64(size[row])
                    counts[c] += sign
                  }
                }
              }
            }
          }
        }
      }
    }
    return result
  }

  /// The per-callstack figures a (start, end, kind) selection stands for, as MemoryProfiler2's
  /// "current snapshot": a single point when one side is `Start`, else end − start with signs.
  ///
  /// - Throws: `CancellationError` when `cancel` is cancelled.
  public func aggregates(
    start: SnapshotRef, end: SnapshotRef, kind: FilterState.AllocationKind, keep: ((Int) -> Bool)? = nil,
    cancel: CancelToken = .never
  ) throws -> CallstackAggregates {
    let s = streamIndex(start)
    let e = streamIndex(end)
    switch (s, e) {
    case (nil, nil):
      return CallstackAggregates(callstackCount: callstacks.count)
    case (let point?, nil), (nil, let point?):
      return kind == .active
        ? try active(at: point, keep: keep, cancel: cancel)
        : try lifetime(after: nil, upTo: point, keep: keep, cancel: cancel)
    case (let a?, let b?):
      if kind == .active {
        return try active(at: b, keep: keep, cancel: cancel).subtracting(active(at: a, keep: keep, cancel: cancel))
      }
      // Lifetime diff: the allocations made between the two points (negative when reversed).
      if a <= b { return try lifetime(after: a, upTo: b, keep: keep, cancel: cancel) }
      var reversed = try lifetime(after: b, upTo: a, keep: keep, cancel: cancel)
      for i in reversed.size.indices {
        reversed.size[i] = -reversed.size[i]
        reversed.count[i] = -reversed.count[i]
      }
      return reversed
    }
  }
}
