/// MemoryProfiler2's Short Lived Allocations view (§3.7): per callstack, how many blocks die in
/// the frame they were made in (age 0) or the next (age 1), and the longest run of frames in
/// which the callstack frees what it made the frame before.
///
/// A lifecycle is a block from its malloc, through reallocs on the same callstack, to a real
/// free (a move by another callstack's realloc is not a free); its peak is its largest size.
/// Only lifecycles made after the diff start and freed before the diff end count.
public struct ShortLived: Sendable {
  /// One callstack's figures.
  public struct Row: Sendable, Equatable {
    public var callstack: Int
    /// Lifecycles freed in the frame they were made in.
    public var zeroFrames: Int64
    /// Distinct frames that made such lifecycles.
    public var zeroFrameCount: Int64
    /// Lifecycles freed in the next frame.
    public var oneFrame: Int64
    /// The longest run of consecutive frames, each freeing a block the previous one made.
    public var longestRun: Int64
    /// The longest run's peak bytes ÷ its length (0 without a run).
    public var runAverage: Int64
    /// Σ peak bytes of the age-0 and age-1 lifecycles.
    public var bytes: Int64

    /// Age-0 and age-1 lifecycles together (what the listing minimum is compared with).
    public var total: Int64 { zeroFrames + oneFrame }

    public func value(_ column: Column) -> Int64 {
      switch column {
      case .longestRun: return longestRun
      case .runAverage: return runAverage
      case .oneFrame: return oneFrame
      case .zeroFrames: return zeroFrames
      case .zeroFrameCount: return zeroFrameCount
      case .bytes: return bytes
      }
    }
  }

  /// The sortable columns, in MemoryProfiler2's default key order.
  public enum Column: String, Sendable, CaseIterable {
    case longestRun = "Longest Run"
    case runAverage = "Run Avg Alloc"
    case oneFrame = "1 Frame"
    case zeroFrames = "0 Frames"
    case zeroFrameCount = "0 Frame Count"
    case bytes = "Bytes"
  }

  /// One completed lifecycle of age 0 or 1.
  struct Lifecycle {
    var free: UInt32
    var startFrame: Int
    var endFrame: Int
    var peak: Int64
  }

  /// Callstacks with at least `minimum` age-0 and age-1 lifecycles, sorted.
  public let rows: [Row]

  /// MemoryProfiler2 lists a callstack only with more than 100; here the minimum is visible
  /// and changeable, and this is its default.
  public static let defaultMinimum: Int64 = 101

  /// - Parameters:
  ///   - minimum: the least age-0 + age-1 lifecycles a listed callstack has.
  ///   - keys: the sort keys, the first deciding first (every column ends up in the order).
  ///   - ascending: the first key's direction (the others are descending).
  /// - Complexity: one pass over the rows freed in the window (each walking back its realloc
  ///   chain), a frame lookup per birth and death, then a sort of each callstack's lifecycles.
  /// - Throws: `CancellationError`.
  public init(
    profile: Profile, query: ViewQuery, minimum: Int64 = defaultMinimum, keys: [Column] = Column.allCases,
    ascending: Bool = false, cancel: CancelToken = .never
  ) throws {
    var lifecycles = [[Lifecycle]](repeating: [], count: profile.callstacks.count)
    try Self.forEachLifecycle(profile: profile, query: query, cancel: cancel) { callstack, lifecycle in
      lifecycles[callstack].append(lifecycle)
    }
    var rows: [Row] = []
    for (callstack, list) in lifecycles.enumerated() where Int64(list.count) >= minimum {
      let row = Self.row(callstack: callstack, lifecycles: list.sorted { $0.free < $1.free })
      if row.total >= minimum { rows.append(row) }
    }
    self.rows = Self.sorted(rows, keys: keys, ascending: ascending)
  }

  /// Per callstack, the age-0 and age-1 blocks (`Row.total`) and their bytes (`Row.bytes`),
  /// without the runs: what adds up over callstacks, for comparing two builds.
  ///
  /// - Complexity: the lifecycle pass alone (no per-callstack lists or sorts).
  /// - Throws: `CancellationError`.
  public static func totals(profile: Profile, query: ViewQuery, cancel: CancelToken = .never) throws -> (
    blocks: [Int64], bytes: [Int64]
  ) {
    var blocks = [Int64](repeating: 0, count: profile.callstacks.count)
    var bytes = blocks
    try forEachLifecycle(profile: profile, query: query, cancel: cancel) { callstack, lifecycle in
      blocks[callstack] += 1
      bytes[callstack] += lifecycle.peak
    }
    return (blocks, bytes)
  }

  /// Calls `body` with each lifecycle of age 0 or 1 that passes the filters and lies in the diff
  /// window, and its callstack.
  ///
  /// - Complexity: one pass over the rows freed in the window (each walking back its realloc
  ///   chain), a frame lookup per birth and death.
  static func forEachLifecycle(
    profile: Profile, query: ViewQuery, cancel: CancelToken, _ body: (Int, Lifecycle) -> Void
  ) throws {
    let start = profile.streamIndex(query.state.diffStart) ?? 0
    let end = profile.streamIndex(query.state.diffEnd) ?? 0
    let a = profile.allocations
    let passes = query.filter.passes
    let boundaries = profile.frames.streamIndex
    let freed = AllocationEnd.freed.rawValue
    // Rows are in birth order, so the birth frame only moves forward: no search per row. The
    // death only needs comparing with the ends of the birth frame and the next one.
    var birthFrame = 0
    for row in 0..<a.count {
      if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
      let birth = a.birth[row]
      while birthFrame < boundaries.count && boundaries[birthFrame] < birth { birthFrame += 1 }
      let death = a.death[row]
      guard death < end, (a.flags[row] >> 2) & 3 == freed else { continue }
      let callstack = Int(a.callstack[row])
      guard passes[callstack], query.filter.keeps(row: row, in: profile) else { continue }
      // Back through reallocs on the same callstack to the malloc that began the lifecycle.
      var head = row
      var peak = Int64(a.size[row])
      while a.reallocatedFrom[head] >= 0 && Int(a.callstack[Int(a.reallocatedFrom[head])]) == callstack {
        head = Int(a.reallocatedFrom[head])
        peak = max(peak, Int64(a.size[head]))
      }
      guard a.birth[head] > start else { continue }
      let startFrame = head == row ? birthFrame : profile.frames.frame(containing: a.birth[head])
      let endFrame: Int
      if startFrame >= boundaries.count || death <= boundaries[startFrame] {
        endFrame = startFrame
      } else if startFrame + 1 >= boundaries.count || death <= boundaries[startFrame + 1] {
        endFrame = startFrame + 1
      } else {
        continue  // older than a frame
      }
      body(callstack, Lifecycle(free: death, startFrame: startFrame, endFrame: endFrame, peak: peak))
    }
  }

  /// One callstack's columns from its lifecycles in free order (§3.7's rules, except that a lone
  /// age-1 lifecycle is a run of 1: MemoryProfiler2 reports 0).
  static func row(callstack: Int, lifecycles: [Lifecycle]) -> Row {
    var row = Row(
      callstack: callstack, zeroFrames: 0, zeroFrameCount: 0, oneFrame: 0, longestRun: 0, runAverage: 0, bytes: 0)
    var lastZeroFrame: Int?
    var runFrame = Int.min
    var run: Int64 = 0
    var runTotal: Int64 = 0
    var longestTotal: Int64 = 0
    var currentIsLongest = false
    for lifecycle in lifecycles {
      row.bytes += lifecycle.peak
      if lifecycle.endFrame == lifecycle.startFrame {
        row.zeroFrames += 1
        if lastZeroFrame != lifecycle.startFrame { row.zeroFrameCount += 1 }
        lastZeroFrame = lifecycle.startFrame
        continue
      }
      row.oneFrame += 1
      if lifecycle.startFrame == runFrame {
        run += 1
        runTotal += lifecycle.peak
      } else if lifecycle.startFrame > runFrame {
        run = 1
        runTotal = lifecycle.peak
        currentIsLongest = false
      } else if lifecycle.endFrame == runFrame {
        runTotal += lifecycle.peak
        if currentIsLongest { longestTotal += lifecycle.peak }
      }
      if run > row.longestRun {
        row.longestRun = run
        longestTotal = runTotal
        currentIsLongest = true
      }
      runFrame = lifecycle.endFrame
    }
    row.runAverage = row.longestRun == 0 ? 0 : longestTotal / row.longestRun
    return row
  }

  /// Rows by `keys` in order (each key not listed follows in the default order), the first key
  /// `ascending` or not, the rest descending; ties by callstack.
  public static func sorted(_ rows: [Row], keys: [Column], ascending: Bool) -> [Row] {
    var order = keys
    for column in Column.allCases where !order.contains(column) { order.append(column) }
    return rows.sorted { x, y in
      for (i, key) in order.enumerated() where x.value(key) != y.value(key) {
        let before = x.value(key) > y.value(key)
        return i == 0 && ascending ? !before : before
      }
      return x.callstack < y.callstack
    }
  }
}
