import Foundation
import ProfileModel

/// Two captures of different builds with the same filter options applied to each, their
/// callstacks matched: what `report --base` and `check` print.
struct Comparison {
  let a: Profile
  let b: Profile
  let queryA: ViewQuery
  let queryB: ViewQuery
  let matching: CaptureComparison
  let rows: [CaptureComparison.Row]

  /// - Parameters:
  ///   - stateA: the filter resolved in A (snapshots by name in A); `stateB` in B.
  init(
    a: Profile, b: Profile, groups: ClassGroupSet, stateA: FilterState, stateB: FilterState,
    options: CaptureComparison.Options, normalize: Bool
  ) throws {
    self.a = a
    self.b = b
    queryA = try ViewQuery(profile: a, assignment: try GroupAssignment(profile: a, groups: groups), filter: stateA)
    queryB = try ViewQuery(profile: b, assignment: try GroupAssignment(profile: b, groups: groups), filter: stateB)
    matching = try CaptureComparison(a: a, b: b, options: options)
    rows = matching.rows(
      a: queryA.aggregates, passingA: queryA.filter.passes, b: queryB.aggregates, passingB: queryB.filter.passes,
      normalize: normalize)
  }

  var totalA: Int64 { rows.reduce(0) { $0 + $1.sizeA } }
  var totalB: Int64 { rows.reduce(0) { $0 + $1.sizeB } }

  /// The function that names a stack (its first frame outside containers), from B when it has
  /// the stack.
  func name(of stack: Int, classifierA: inout ContainerFrames.Classifier, classifierB: inout ContainerFrames.Classifier)
    -> String
  {
    let (inB, callstack) = matching.representative(stack)
    let name =
      inB
      ? classifierB.namingFunction(of: callstack, showContainers: false)
      : classifierA.namingFunction(of: callstack, showContainers: false)
    return name ?? "(no frames)"
  }

  /// The class group of a stack (B's assignment when it is in B).
  func group(of stack: Int) -> String {
    let (inB, callstack) = matching.representative(stack)
    return inB ? queryB.assignment.groupName(of: callstack) : queryA.assignment.groupName(of: callstack)
  }

  /// Per class group by name: A's and B's sizes and counts, each side's callstacks in its own
  /// groups (groups of either side, in B's list order then A's).
  func groupRows() -> [(name: String, sizeA: Int64, countA: Int64, sizeB: Int64, countB: Int64)] {
    var order: [String] = []
    var figures: [String: (Int64, Int64, Int64, Int64)] = [:]
    for group in queryB.assignment.groups + queryA.assignment.groups where figures[group.name] == nil {
      order.append(group.name)
      figures[group.name] = (0, 0, 0, 0)
    }
    for row in queryA.passingRows {
      let name = queryA.assignment.groupName(of: row.callstack)
      figures[name, default: (0, 0, 0, 0)].0 += row.size
      figures[name, default: (0, 0, 0, 0)].1 += row.count
    }
    for row in queryB.passingRows {
      let name = queryB.assignment.groupName(of: row.callstack)
      figures[name, default: (0, 0, 0, 0)].2 += row.size
      figures[name, default: (0, 0, 0, 0)].3 += row.count
    }
    return order.compactMap { name in
      guard let f = figures[name], f != (0, 0, 0, 0) else { return nil }
      return (name, f.0, f.1, f.2, f.3)
    }
  }

  /// `+1.50 MB` / `-12 bytes`.
  static func signed(_ n: Int64) -> String { (n > 0 ? "+" : "") + SizeFormat.size(n) }
  static func signedCount(_ n: Int64) -> String { (n > 0 ? "+" : "") + SizeFormat.count(n) }

  /// A change as a share of A's total (pprof's rule), `+12.34%`.
  func percent(_ delta: Int64) -> String {
    guard totalA != 0 else { return delta == 0 ? "0.00%" : "new" }
    let p = Double(delta) * 100 / Double(abs(totalA))
    return (p > 0 ? "+" : "") + SizeFormat.percent(p)
  }
}
