/// The Short-lived view of two builds side by side.
///
/// Per matched stack: the blocks each build frees within a frame of their birth (ages 0 and 1,
/// `ShortLived`) and their peak bytes, and B − A — did the new build add churn, or remove it?
/// The figures that add up over a stack's callstacks are compared (blocks of age 0 and 1, bytes);
/// runs and frame counts belong to one callstack's frames and are the single-capture view's.
public struct ShortLivedComparison: Sendable {
  /// One matched stack's figures on each side.
  public struct Row: Sendable, Equatable {
    /// An index into the comparison's stacks.
    public var stack: Int
    /// Age-0 and age-1 blocks in A and in B.
    public var blocksA: Int64
    public var blocksB: Int64
    /// Σ peak bytes of those blocks in A and in B.
    public var bytesA: Int64
    public var bytesB: Int64
    public var status: CaptureComparison.Status
    public var deltaBlocks: Int64 { blocksB - blocksA }
    public var deltaBytes: Int64 { bytesB - bytesA }

    public func value(_ column: Column) -> Int64 {
      switch column {
      case .deltaBlocks: return deltaBlocks
      case .blocksA: return blocksA
      case .blocksB: return blocksB
      case .deltaBytes: return deltaBytes
      case .bytesA: return bytesA
      case .bytesB: return bytesB
      }
    }
  }

  /// The columns, in header order; a change column sorts by magnitude, the largest change first
  /// whatever its sign.
  public enum Column: String, Sendable, CaseIterable {
    case blocksA = "Blocks A"
    case blocksB = "Blocks B"
    case deltaBlocks = "Δ Blocks"
    case bytesA = "Bytes A"
    case bytesB = "Bytes B"
    case deltaBytes = "Δ Bytes"

    var isChange: Bool { self == .deltaBlocks || self == .deltaBytes }
  }

  /// Stacks with at least `minimum` short-lived blocks on one side or the other, sorted.
  public let rows: [Row]

  /// The shown capture's filter decides growth only (the stacks whose blocks grew) and
  /// normalizing (B's blocks and bytes scaled to A's totals of each).
  ///
  /// - Parameters:
  ///   - comparison: the two captures' callstacks matched (A is the base).
  ///   - minimum: the least age-0 + age-1 blocks a listed stack has in A or in B.
  ///   - sortBy: the first key; ties by the change in blocks, then by stack.
  /// - Complexity: `ShortLived`'s pass on each side, then O(callstacks + stacks).
  /// - Throws: `CancellationError`.
  public init(
    comparison: CaptureComparison, a: Profile, queryA: ViewQuery, b: Profile, queryB: ViewQuery,
    minimum: Int64 = ShortLived.defaultMinimum, sortBy: Column = .deltaBlocks, ascending: Bool = false,
    cancel: CancelToken = .never
  ) throws {
    let sideA = try ShortLived.totals(profile: a, query: queryA, cancel: cancel)
    let sideB = try ShortLived.totals(profile: b, query: queryB, cancel: cancel)
    self.init(
      comparison: comparison, a: sideA, b: sideB, minimum: minimum, sortBy: sortBy, ascending: ascending,
      growthOnly: queryB.state.growthOnly, normalize: queryB.state.normalize)
  }

  /// From each side's per-callstack totals (`ShortLived.totals`).
  public init(
    comparison: CaptureComparison, a: (blocks: [Int64], bytes: [Int64]), b: (blocks: [Int64], bytes: [Int64]),
    minimum: Int64 = ShortLived.defaultMinimum, sortBy: Column = .deltaBlocks, ascending: Bool = false,
    growthOnly: Bool = false, normalize: Bool = false
  ) {
    let stacks = comparison.stacks.count
    var blocksA = [Int64](repeating: 0, count: stacks)
    var bytesA = blocksA
    var blocksB = blocksA
    var bytesB = blocksA
    for (callstack, s) in comparison.stackOfA.enumerated() where a.blocks.indices.contains(callstack) {
      blocksA[Int(s)] += a.blocks[callstack]
      bytesA[Int(s)] += a.bytes[callstack]
    }
    for (callstack, s) in comparison.stackOfB.enumerated() where b.blocks.indices.contains(callstack) {
      blocksB[Int(s)] += b.blocks[callstack]
      bytesB[Int(s)] += b.bytes[callstack]
    }
    if normalize {
      // B as if it had A's totals (pprof's -normalize), each measure by its own.
      func scale(_ b: inout [Int64], to a: [Int64]) {
        let (totalA, totalB) = (a.reduce(0, +), b.reduce(0, +))
        guard totalB != 0 else { return }
        let factor = Double(totalA) / Double(totalB)
        for s in b.indices { b[s] = Int64((Double(b[s]) * factor).rounded()) }
      }
      scale(&blocksB, to: blocksA)
      scale(&bytesB, to: bytesA)
    }
    var rows: [Row] = []
    for s in 0..<stacks where max(blocksA[s], blocksB[s]) >= minimum && (!growthOnly || blocksB[s] > blocksA[s]) {
      let matched = comparison.stacks[s]
      let status: CaptureComparison.Status = matched.isNew ? .new : (matched.isGone ? .gone : .both)
      rows.append(
        Row(
          stack: s, blocksA: blocksA[s], blocksB: blocksB[s], bytesA: bytesA[s], bytesB: bytesB[s], status: status))
    }
    self.rows = Self.sorted(rows, by: sortBy, ascending: ascending)
  }

  /// Rows by `column`, largest first (a change by its magnitude), or the reverse with
  /// `ascending`; ties by the change in blocks, then by stack.
  public static func sorted(_ rows: [Row], by column: Column, ascending: Bool) -> [Row] {
    func key(_ row: Row) -> Int64 { column.isChange ? row.value(column).magnitude.clamped : row.value(column) }
    return rows.sorted { x, y in
      let (kx, ky) = (key(x), key(y))
      if kx != ky { return ascending ? kx < ky : kx > ky }
      let (dx, dy) = (x.deltaBlocks.magnitude, y.deltaBlocks.magnitude)
      if dx != dy { return dx > dy }
      return x.stack < y.stack
    }
  }
}

extension UInt64 {
  /// The value as an `Int64`, `Int64.max` when larger (a magnitude of `Int64.min`).
  fileprivate var clamped: Int64 { Int64(clamping: self) }
}
