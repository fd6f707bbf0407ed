/// The figures behind every list view for one (profile, groups, filter): per-callstack
/// aggregates after the tag filter, and which callstacks pass the other filters.
public struct ViewQuery: Sendable {
  public let aggregates: CallstackAggregates
  public let filter: CallstackFilter
  public let assignment: GroupAssignment
  /// The filter this query applies.
  public let state: FilterState

  /// - Parameter previous: a query on the same profile whose aggregates are reused when the
  ///   snapshots, the allocation kind and the tags are the same (a group, text, pool or sort
  ///   change then skips the pass over the allocation rows).
  /// - Complexity: one pass over the allocation rows in the selected range, unless reused
  ///   (under a query rule: the rows born up to the rule's last possible birth).
  /// - Throws: `MprofError.badRegex` for an invalid text regex; `MprofError.missingMarkers` for
  ///   a rule without its markers; `CancellationError` when `cancel` is cancelled.
  public init(
    profile: Profile, assignment: GroupAssignment, filter state: FilterState, reusing previous: ViewQuery? = nil,
    cancel: CancelToken = .never
  ) throws {
    let filter = try CallstackFilter(profile: profile, assignment: assignment, filter: state)
    let aggregates: CallstackAggregates
    if let previous, previous.state.selectsSameAllocations(as: state) {
      aggregates = previous.aggregates
    } else if filter.rule != nil {
      aggregates = try profile.aggregates(selectedBy: filter, cancel: cancel)
    } else {
      let keep: ((Int) -> Bool)? = filter.tagPasses == nil ? nil : { row in filter.keeps(row: row, in: profile) }
      aggregates = try profile.aggregates(
        start: state.diffStart, end: state.diffEnd, kind: state.kind, keep: keep, cancel: cancel)
    }
    // Rows and totals once here; every view of this query reads them.
    var rows: [CallstackRow] = []
    var size: Int64 = 0
    var count: Int64 = 0
    var grossSize: Int64 = 0
    var grossCount: Int64 = 0
    for c in aggregates.size.indices where filter.passes[c] {
      size += aggregates.size[c]
      count += aggregates.count[c]
      grossSize += abs(aggregates.size[c])
      grossCount += abs(aggregates.count[c])
      if aggregates.count[c] != 0 || aggregates.size[c] != 0 {
        rows.append(CallstackRow(callstack: c, size: aggregates.size[c], count: aggregates.count[c]))
      }
    }
    self.aggregates = aggregates
    self.filter = filter
    self.assignment = assignment
    self.state = state
    passingRows = rows
    totals = (size, count)
    grossTotals = (grossSize, grossCount)
  }

  /// Callstacks that pass and hold something, with their figures.
  public let passingRows: [CallstackRow]

  /// Σ size and count over passing callstacks (signed: a diff's net change).
  public let totals: (size: Int64, count: Int64)

  /// Σ |size| and Σ |count| over passing callstacks: the percentages' denominators, so a row's
  /// share of a diff is its share of all the change, growth and decline together (equal to
  /// `totals` when nothing is negative).
  public let grossTotals: (size: Int64, count: Int64)
}
