import Foundation
import ProfileModel

/// The figures every tab shows for one `ViewInputs`: a pure function of (profile, groups,
/// inputs), computed off the input loop when it takes longer than a frame.
public struct ViewData: Sendable {
  public let inputs: ViewInputs
  public let query: ViewQuery
  public let callGraph: CallGraph
  /// Pre-order position of every callgraph node (find next / previous).
  public let preorder: [Int32]
  public let exclusive: ExclusiveView
  /// Per group, what it holds under every filter but the group filter (the groups panel).
  public let groupTotals: [(size: Int64, count: Int64)]
  /// Wall time of the computation.
  public let seconds: Double

  /// - Parameter previous: the data on screen; its per-callstack aggregates are reused when the
  ///   new inputs select the same allocations.
  /// - Throws: `MprofError.badRegex` for an invalid text regex.
  public static func compute(
    profile: Profile, assignment: GroupAssignment, inputs: ViewInputs, previous: ViewData? = nil
  ) throws -> ViewData {
    let started = DispatchTime.now().uptimeNanoseconds
    let query = try ViewQuery(profile: profile, assignment: assignment, filter: inputs.filter, reusing: previous?.query)
    let graph = CallGraph(
      profile: profile, query: query, sort: inputs.filter.sort, inverted: inputs.inverted,
      parentFunction: inputs.parentFunction)
    let exclusive = ExclusiveView(
      profile: profile, query: query, sortBy: inputs.exclusiveSort, ascending: inputs.exclusiveAscending,
      showContainers: inputs.showContainers)
    // Group totals ignoring the group filter: Filter In with every group, or Filter Out with none.
    var totals = [(size: Int64, count: Int64)](repeating: (0, 0), count: assignment.groups.count)
    for c in query.aggregates.size.indices where query.filter.passesIgnoringGroups[c] {
      let g = Int(assignment.groupOfCallstack[c])
      let index = g >= 0 ? g : assignment.ungroupedIndex
      totals[index].size += query.aggregates.size[c]
      totals[index].count += query.aggregates.count[c]
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return ViewData(
      inputs: inputs, query: query, callGraph: graph, preorder: graph.preorderPositions(), exclusive: exclusive,
      groupTotals: totals, seconds: seconds)
  }
}
