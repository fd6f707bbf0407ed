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
  }

  public let rows: [Row]
  public let totalSize: Int64
  public let totalCount: Int64

  /// Builds the rows, sorted by `column` (descending unless `ascending`).
  public init(
    profile: Profile, query: ViewQuery, sortBy column: Column = .size, ascending: Bool = false,
    showContainers: Bool = false
  ) {
    let totals = query.totals
    totalSize = totals.size
    totalCount = totals.count
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
          group: query.assignment.groupName(of: r.callstack), groupIndex: Int(query.assignment.groupOfCallstack[r.callstack]),
          function: function, address: address))
    }
    rows.sort { a, b in
      let before: Bool
      switch column {
      case .size, .sizePercent:
        if a.size == b.size { return a.callstack < b.callstack }
        before = a.size > b.size
      case .count, .countPercent:
        if a.count == b.count { return a.size != b.size ? a.size > b.size : a.callstack < b.callstack }
        before = a.count > b.count
      case .group:
        if a.group == b.group { return a.size != b.size ? a.size > b.size : a.callstack < b.callstack }
        before = a.group.lowercased() > b.group.lowercased()
      case .function:
        if a.function == b.function { return a.size != b.size ? a.size > b.size : a.callstack < b.callstack }
        before = a.function.lowercased() > b.function.lowercased()
      }
      return ascending ? !before : before
    }
    self.rows = rows
  }
}
