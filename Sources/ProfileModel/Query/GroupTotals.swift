/// Size and count per class group over the callstacks that pass the filter.
public struct GroupTotals: Sendable {
  public struct Row: Sendable, Equatable {
    public var group: String
    public var groupIndex: Int
    public var color: GroupColor
    public var size: Int64
    public var count: Int64
    public var callstacks: Int
  }

  /// Every group of the assignment (empty ones too), largest first.
  public let rows: [Row]

  public init(query: ViewQuery) {
    let groups = query.assignment.groups
    var rows = groups.enumerated().map { g, group in
      Row(group: group.name, groupIndex: g, color: group.color, size: 0, count: 0, callstacks: 0)
    }
    for r in query.passingRows {
      let g = Int(query.assignment.groupOfCallstack[r.callstack])
      let index = g >= 0 ? g : query.assignment.ungroupedIndex
      rows[index].size += r.size
      rows[index].count += r.count
      rows[index].callstacks += 1
    }
    rows.sort { $0.size != $1.size ? $0.size > $1.size : $0.groupIndex < $1.groupIndex }
    self.rows = rows
  }

  /// Size and count per group (by assignment index) under every filter but the group filter:
  /// what checking or unchecking a group would bring in or take out (the groups panel).
  ///
  /// - Complexity: O(callstacks).
  public static func ignoringGroupFilter(_ query: ViewQuery) -> [(size: Int64, count: Int64)] {
    let assignment = query.assignment
    var totals = [(size: Int64, count: Int64)](repeating: (0, 0), count: assignment.groups.count)
    for c in query.aggregates.size.indices where query.filter.passesIgnoringGroups[c] {
      let g = Int(assignment.groupOfCallstack[c])
      let index = g >= 0 ? g : assignment.ungroupedIndex
      guard totals.indices.contains(index) else { continue }
      totals[index].size += query.aggregates.size[c]
      totals[index].count += query.aggregates.count[c]
    }
    return totals
  }
}
