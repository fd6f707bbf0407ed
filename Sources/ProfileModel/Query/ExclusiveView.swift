/// The Exclusive view's rows: one per callstack that passes the filter, no row limit.
public struct ExclusiveView: Sendable {
  public enum Column: String, Sendable, CaseIterable {
    case size, sizePercent, count, countPercent, group, function
  }

  public struct Row: Sendable, Equatable {
    public var callstack: Int
    public var size: Int64
    public var count: Int64
    public var sizePercent: Double
    public var countPercent: Double
    public var group: String
    /// Group index in the assignment's list, −1 for an empty stack.
    public var groupIndex: Int
    /// The naming frame's function (the first non-container frame by default).
    public var function: String
    /// The naming frame's address index, −1 for an empty stack.
    public var address: Int
    /// Comparing two captures: the base's (A's) figures (`size` and `count` are then the change
    /// B − A), how the stack matched, and whether `callstack` indexes the base (a stack gone
    /// from B).
    public var sizeA: Int64 = 0
    public var countA: Int64 = 0
    public var status: CaptureComparison.Status? = nil
    public var inBase = false
    /// B's figures when comparing.
    public var sizeB: Int64 { size + sizeA }
    public var countB: Int64 { count + countA }
  }

  public let rows: [Row]
  /// Net totals of the rows (signed in a diff).
  public let totalSize: Int64
  public let totalCount: Int64
  /// Σ |size| and Σ |count|: the percentages' denominators.
  public let grossSize: Int64
  public let grossCount: Int64

  /// Builds the rows, sorted by `column` (descending unless `ascending`).
  public init(
    profile: Profile, query: ViewQuery, sortBy column: Column = .size, ascending: Bool = false,
    showContainers: Bool = false
  ) {
    let totals = query.grossTotals
    totalSize = query.totals.size
    totalCount = query.totals.count
    grossSize = totals.size
    grossCount = totals.count
    var rows: [Row] = []
    var classifier = ContainerFrames.Classifier(profile: profile)
    for r in query.passingRows {
      let position = classifier.namingFrame(of: r.callstack, showContainers: showContainers)
      var address = -1
      var function = "(no frames)"
      if let position {
        address = Int(profile.callstacks.frames(of: r.callstack).dropFirst(position).first ?? -1)
        if address >= 0 { function = profile.functions.names[Int(profile.functions.idOfAddress[address])] }
      }
      rows.append(
        Row(
          callstack: r.callstack, size: r.size, count: r.count,
          sizePercent: totals.size == 0 ? 0 : Double(r.size) * 100 / Double(totals.size),
          countPercent: totals.count == 0 ? 0 : Double(r.count) * 100 / Double(totals.count),
          group: query.assignment.groupName(of: r.callstack),
          groupIndex: Int(query.assignment.groupOfCallstack[r.callstack]),
          function: function, address: address))
    }
    self.rows = Self.sorted(rows, by: column, ascending: ascending)
  }

  /// Two captures compared: one row per matched stack with something on either side, `size`
  /// and `count` the change B − A, percentages of A's total (pprof's rule); a stack gone from B
  /// is named from A.
  ///
  /// - Complexity: O(callstacks of both) + a sort of the stacks.
  public init(
    comparison: CaptureComparison, a: Profile, queryA: ViewQuery, b: Profile, queryB: ViewQuery,
    sortBy column: Column = .size, ascending: Bool = false, showContainers: Bool = false
  ) {
    var compared = comparison.rows(
      a: queryA.aggregates, passingA: queryA.filter.passes, b: queryB.aggregates, passingB: queryB.filter.passes,
      normalize: queryB.state.normalize)
    if queryB.state.growthOnly { compared = compared.filter { $0.deltaSize > 0 } }
    // Percentages of A's whole total, growth-only or not.
    let sizeA = queryA.totals.size
    let countA = queryA.totals.count
    totalSize = compared.reduce(0) { $0 + $1.deltaSize }
    totalCount = compared.reduce(0) { $0 + $1.deltaCount }
    grossSize = abs(sizeA)
    grossCount = abs(countA)
    var classifierA = ContainerFrames.Classifier(profile: a)
    var classifierB = ContainerFrames.Classifier(profile: b)
    var rows: [Row] = []
    for r in compared {
      let (inB, callstack) = comparison.representative(r.stack)
      let profile = inB ? b : a
      let query = inB ? queryB : queryA
      let position =
        inB
        ? classifierB.namingFrame(of: callstack, showContainers: showContainers)
        : classifierA.namingFrame(of: callstack, showContainers: showContainers)
      var address = -1
      var function = "(no frames)"
      if let position {
        address = Int(profile.callstacks.frames(of: callstack).dropFirst(position).first ?? -1)
        if address >= 0 { function = profile.functions.names[Int(profile.functions.idOfAddress[address])] }
      }
      rows.append(
        Row(
          callstack: callstack, size: r.deltaSize, count: r.deltaCount,
          sizePercent: sizeA == 0 ? 0 : Double(r.deltaSize) * 100 / Double(abs(sizeA)),
          countPercent: countA == 0 ? 0 : Double(r.deltaCount) * 100 / Double(abs(countA)),
          group: query.assignment.groupName(of: callstack),
          groupIndex: Int(query.assignment.groupOfCallstack[callstack]),
          function: function, address: inB ? address : -1, sizeA: r.sizeA, countA: r.countA, status: r.status,
          inBase: !inB))
    }
    self.rows = Self.sorted(rows, by: column, ascending: ascending)
  }

  /// Rows in `column`'s order: sizes and counts by magnitude, names by rank.
  static func sorted(_ rows: [Row], by column: Column, ascending: Bool) -> [Row] {
    // Sort positions by integer keys (names by their rank) instead of moving rows with strings.
    let primary: [Int64]
    switch column {
    // Sizes and counts sort by magnitude: in a diff the largest change comes first, whatever
    // its sign (the same order as the values when nothing is negative).
    case .size, .sizePercent: primary = rows.map { abs($0.size) }
    case .count, .countPercent: primary = rows.map { abs($0.count) }
    case .group: primary = Self.ranks(of: rows.map(\.group))
    case .function: primary = Self.ranks(of: rows.map(\.function))
    }
    let tieBySize = column != .size && column != .sizePercent
    let sizes = rows.map(\.size)
    let callstacks = rows.map(\.callstack)
    var order = Array(rows.indices)
    order.sort { i, j in
      if primary[i] == primary[j] {
        return tieBySize && abs(sizes[i]) != abs(sizes[j])
          ? abs(sizes[i]) > abs(sizes[j]) : callstacks[i] < callstacks[j]
      }
      let before = primary[i] > primary[j]
      return ascending ? !before : before
    }
    return order.map { rows[$0] }
  }

  /// Each name's rank among the distinct names, in case-insensitive order (exact text breaks
  /// ties, so different names never rank equal).
  static func ranks(of names: [String]) -> [Int64] {
    let distinct = Array(Set(names))
    let keys = distinct.map { ($0.lowercased(), $0) }
    let sorted = distinct.indices.sorted { keys[$0] < keys[$1] }
    var rank: [String: Int64] = [:]
    for (position, index) in sorted.enumerated() { rank[distinct[index]] = Int64(position) }
    return names.map { rank[$0] ?? 0 }
  }
}
