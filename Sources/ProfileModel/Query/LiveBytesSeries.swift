/// Live bytes over a range of the stream, down-sampled to a number of buckets without losing
/// peaks: each bucket keeps its maximum and the value at its last event.
///
/// Live bytes after event `s` are the sizes of the allocation rows with `birth ≤ s < death`,
/// which at a snapshot's stream index is that snapshot's active size.
public struct LiveBytesSeries: Sendable, Equatable {
  /// One bucket: the events `first...last`.
  public struct Bucket: Sendable, Equatable {
    public var first: UInt32
    public var last: UInt32
    /// The largest live-bytes value after any event in the bucket.
    public var maximum: Int64
    /// The smallest one.
    public var minimum: Int64
    /// The value after the bucket's last event.
    public var final: Int64
    /// Live blocks after the bucket's last event.
    public var finalCount: Int64

    /// This bucket and the one after it as one bucket.
    public func merged(with next: Bucket) -> Bucket {
      Bucket(
        first: first, last: next.last, maximum: max(maximum, next.maximum), minimum: min(minimum, next.minimum),
        final: next.final, finalCount: next.finalCount)
    }
  }

  /// The series with every two buckets merged into one (a last odd bucket stays alone): with
  /// twice the buckets asked for, the same edges as asking for half, and the halves' peaks kept.
  public func mergingPairs() -> LiveBytesSeries {
    var merged = [Bucket]()
    merged.reserveCapacity((buckets.count + 1) / 2)
    var i = 0
    while i < buckets.count {
      merged.append(i + 1 < buckets.count ? buckets[i].merged(with: buckets[i + 1]) : buckets[i])
      i += 2
    }
    return LiveBytesSeries(initial: initial, initialCount: initialCount, buckets: merged)
  }

  /// A series for a chart of `columns` columns, and with `halves` the peaks of each column's two
  /// halves (for braille, two samples a cell) when the range has at least two events a column.
  ///
  /// - Complexity: as `init`, with twice the buckets when halves are made.
  public static func forChart(
    profile: Profile, range: ClosedRange<UInt32>, columns: Int, halves: Bool, query: ViewQuery? = nil,
    callstacks: [Bool]? = nil, cancel: CancelToken = .never
  ) throws -> (series: LiveBytesSeries, halfPeaks: [Int64]?) {
    let events = Int(range.upperBound - range.lowerBound) + 1
    let twice = halves && events >= 2 * columns
    let series = try LiveBytesSeries(
      profile: profile, range: range, buckets: columns * (twice ? 2 : 1), query: query, callstacks: callstacks,
      cancel: cancel)
    return twice ? (series.mergingPairs(), series.buckets.map(\.maximum)) : (series, nil)
  }

  /// Which rows a curve counts: per callstack (chosen and passing; `nil` when every callstack
  /// counts), and per row (tags and the query rule; `nil` when no row filter applies).
  static func counting(query: ViewQuery?, callstacks: [Bool]?) -> (callstacks: [Bool]?, rows: CallstackFilter?) {
    let keep: [Bool]?
    switch (callstacks, query?.filter.passes) {
    case (nil, nil): keep = nil
    case (let chosen?, nil): keep = chosen
    case (nil, let passes?): keep = passes
    case (let chosen?, let passes?): keep = zip(chosen, passes).map { $0 && $1 }
    }
    return (keep, query?.filter.filtersRows == true ? query?.filter : nil)
  }

  init(initial: Int64, initialCount: Int64, buckets: [Bucket]) {
    self.initial = initial
    self.initialCount = initialCount
    self.buckets = buckets
  }

  /// Live bytes just before the range's first event.
  public let initial: Int64
  /// Live blocks just before the range's first event.
  public let initialCount: Int64
  public let buckets: [Bucket]

  /// The events a capture's timeline spans: 0 through the end snapshot.
  public static func wholeCapture(_ profile: Profile) -> ClosedRange<UInt32> {
    0...max(profile.end.streamIndex, 1)
  }

  /// - Parameters:
  ///   - range: stream indices, inclusive.
  ///   - buckets: how many buckets (at most one per event).
  ///   - query: when given, only rows whose callstack and tags pass its filters count.
  ///   - callstacks: when given, only rows of the callstacks it marks count (a history). A block
  ///     a realloc moves from one callstack to another leaves the first and joins the second at
  ///     the realloc, so a set holding both sees only the size change.
  ///   - ends: when given, each bucket's last event instead of an even spread (one bucket per
  ///     end, `buckets` ignored): another capture's columns aligned by frame or second. Ends are
  ///     clamped into the range and made non-decreasing, the last is the range's end; a bucket
  ///     with no event of its own repeats the live bytes where the previous one ended.
  /// - Complexity: O(rows born up to the range's end + events in the range); 5 bytes of
  ///   transient memory per event in the range.
  /// - Throws: `CancellationError`.
  public init(
    profile: Profile, range: ClosedRange<UInt32>, buckets requested: Int, query: ViewQuery? = nil,
    callstacks: [Bool]? = nil, ends: [UInt32]? = nil, cancel: CancelToken = .never
  ) throws {
    let a = profile.allocations
    let lo = range.lowerBound
    let hi = range.upperBound
    let length = Int(hi - lo) + 1
    // Each bucket's last offset in the range: the ends given, or an even spread.
    var lasts: [Int]
    if let ends, !ends.isEmpty {
      var previous = -1
      lasts = ends.map { end in
        let clamped = Int(min(max(end, lo), hi) - lo)
        previous = max(previous, clamped)
        return previous
      }
      lasts[lasts.count - 1] = length - 1
    } else {
      let spread = max(1, min(requested, length))
      lasts = (0..<spread).map { Int(Int64($0 + 1) * Int64(length) / Int64(spread)) - 1 }
    }
    let count = lasts.count
    let (keep, rowFilter) = Self.counting(query: query, callstacks: callstacks)

    // Bytes and blocks freed at each event of the range (transient: 5 bytes per event).
    let freed = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: length)
    freed.initialize(repeating: 0)
    defer { freed.deallocate() }
    let freedBlocks = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: length)
    freedBlocks.initialize(repeating: 0)
    defer { freedBlocks.deallocate() }
    var extraFreed: [Int: (bytes: Int64, blocks: Int64)] = [:]
    var initial: Int64 = 0
    var initialCount: Int64 = 0
    var result = [Bucket]()
    result.reserveCapacity(count)

    try a.birth.withUnsafeBufferPointer { birth in
      try a.death.withUnsafeBufferPointer { death in
        try a.size.withUnsafeBufferPointer { size in
          try a.callstack.withUnsafeBufferPointer { callstack in
            do {
              @inline(__always) func counts(_ row: Int) -> Bool {
                if let keep, !keep[Int(callstack[row])] { return false }
                if let rowFilter { return rowFilter.keeps(row: row, in: profile) }
                return true
              }
              // Rows are in birth order: the rows born in the range follow those born before it.
              var firstInRange = 0
              var upper = birth.count
              while firstInRange < upper {
                let mid = (firstInRange + upper) / 2
                if birth[mid] < lo { firstInRange = mid + 1 } else { upper = mid }
              }

              // Bytes freed at each event of the range; a second death at one event (never
              // written by the engine, possible in a hostile file) goes to `extraFreed`.
              for row in 0..<birth.count {
                if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
                let born = birth[row]
                if born > hi { break }
                let died = death[row]
                guard died >= lo, counts(row) else { continue }
                let bytes = size[row]
                if born < lo {
                  initial += Int64(bytes)
                  initialCount += 1
                }
                if died <= hi {
                  let at = Int(died - lo)
                  if freedBlocks[at] == 0 {
                    freed[at] = bytes
                    freedBlocks[at] = 1
                  } else {
                    extraFreed[at, default: (0, 0)].bytes += Int64(bytes)
                    extraFreed[at, default: (0, 0)].blocks += 1
                  }
                }
              }

              var live = initial
              var blocks = initialCount
              var row = firstInRange
              do {
                var first = 0
                for b in 0..<count {
                  try cancel.check()
                  let last = lasts[b]
                  guard first <= last else {
                    // No event of its own (aligned ends): where the previous bucket ended.
                    let at = lo + UInt32(max(last, 0))
                    result.append(
                      Bucket(first: at, last: at, maximum: live, minimum: live, final: live, finalCount: blocks))
                    continue
                  }
                  var maximum = Int64.min
                  var minimum = Int64.max
                  for at in first...last {
                    let event = lo + UInt32(at)
                    while row < birth.count && birth[row] == event {
                      if counts(row) {
                        live += Int64(size[row])
                        blocks += 1
                      }
                      row += 1
                    }
                    live -= Int64(freed[at])
                    blocks -= Int64(freedBlocks[at])
                    if !extraFreed.isEmpty, let extra = extraFreed[at] {
                      live -= extra.bytes
                      blocks -= extra.blocks
                    }
                    maximum = max(maximum, live)
                    minimum = min(minimum, live)
                  }
                  result.append(
                    Bucket(
                      first: lo + UInt32(first), last: lo + UInt32(last), maximum: maximum, minimum: minimum,
                      final: live, finalCount: blocks))
                  first = last + 1
                }
              }
            }
          }
        }
      }
    }
    self.initial = initial
    self.initialCount = initialCount
    self.buckets = result
  }
}
