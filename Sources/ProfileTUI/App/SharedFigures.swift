import Foundation
import ProfileModel

/// What every tab's figures start from, computed once per filter change: the callstacks that
/// pass the shared filter with their aggregates, and the per-group totals the groups panel
/// shows.
public struct SharedFigures: Sendable {
  /// Bumped on every new computation; tabs' figures are stamped with it.
  public let generation: Int
  public let profile: Profile
  public let assignment: GroupAssignment
  public let filter: FilterState
  public let query: ViewQuery
  /// Per group, what it holds under every filter but the group filter.
  public let groupTotals: [(size: Int64, count: Int64)]
  /// Wall time of the computation.
  public let seconds: Double
  /// Comparing with another build: the base capture and its query under the same filter.
  public let base: BaseCapture?
  public let baseQuery: ViewQuery?
  /// Per group, the base's figures under the same filter (its groups are the same list).
  public let baseGroupTotals: [(size: Int64, count: Int64)]?

  /// - Parameter previous: the figures on screen; their per-callstack aggregates are reused when
  ///   the new filter selects the same allocations.
  /// - Throws: `MprofError.badRegex` for an invalid text regex; `CancellationError`.
  /// - Complexity: one pass over the allocation rows in the diff range unless reused, then
  ///   O(callstacks).
  public static func compute(
    profile: Profile, assignment: GroupAssignment, filter: FilterState, previous: SharedFigures?, generation: Int,
    base: BaseCapture? = nil, cancel: CancelToken = .never
  ) throws -> SharedFigures {
    let started = DispatchTime.now().uptimeNanoseconds
    let query = try ViewQuery(
      profile: profile, assignment: assignment, filter: filter, reusing: previous?.query, cancel: cancel)
    let totals = GroupTotals.ignoringGroupFilter(query)
    let baseQuery = try base.map {
      try ViewQuery(
        profile: $0.profile, assignment: $0.assignment, filter: $0.filter(filter, shown: profile),
        reusing: previous?.baseQuery, cancel: cancel)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return SharedFigures(
      generation: generation, profile: profile, assignment: assignment, filter: filter, query: query,
      groupTotals: totals, seconds: seconds, base: base, baseQuery: baseQuery,
      baseGroupTotals: baseQuery.map { GroupTotals.ignoringGroupFilter($0) })
  }
}
