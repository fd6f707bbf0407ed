import Foundation
import Testing

@testable import ProfileModel

/// Unreal Insights' query rules, checked against naive predicates and MemoryProfiler2's diff.
///
/// Every rule against its predicate written out over the rows, Growth vs. Decline against the
/// snapshot diff, and the refusal without markers.
@Suite struct QueryRuleTests {
  /// The table of `views-anchors.md` §5, written again here as plain predicates on (a, f, markers).
  static let naive: [QueryRule: @Sendable (Int64, Int64, [Int64]) -> Int64] = [
    .activeAt: { a, f, m in (a <= m[0] && m[0] <= f) ? 1 : 0 },
    .before: { _, f, m in f <= m[0] ? 1 : 0 },
    .after: { a, _, m in a >= m[0] ? 1 : 0 },
    .decline: { a, f, m in (a <= m[0] && m[0] <= f && f <= m[1]) ? 1 : 0 },
    .growth: { a, f, m in (m[0] <= a && a <= m[1] && m[1] <= f) ? 1 : 0 },
    .growthVsDecline: { a, f, m in
      (m[0] <= a && a <= m[1] && m[1] <= f) ? 1 : ((a <= m[0] && m[0] <= f && f <= m[1]) ? -1 : 0)
    },
    .freeEvents: { _, f, m in (m[0] <= f && f <= m[1]) ? 1 : 0 },
    .allocEvents: { a, _, m in (m[0] <= a && a <= m[1]) ? 1 : 0 },
    .shortLiving: { a, f, m in (m[0] <= a && f <= m[1]) ? 1 : 0 },
    .longLiving: { a, f, m in (a <= m[0] && m[1] <= f) ? 1 : 0 },
    .leaks: { a, f, m in (m[0] <= a && a <= m[1] && m[2] <= f) ? 1 : 0 },
    .limitedLifetime: { a, f, m in (m[0] <= a && a <= m[1] && m[1] <= f && f <= m[2]) ? 1 : 0 },
    .declineOfLongLiving: { a, f, m in (a <= m[0] && m[1] <= f && f <= m[2]) ? 1 : 0 },
    .specificLifetime: { a, f, m in (m[0] <= a && a <= m[1] && m[2] <= f && f <= m[3]) ? 1 : 0 },
  ]

  static func state(_ p: Profile, rule: QueryRule, events: [UInt32]) -> FilterState {
    var state = FilterState()
    state.rule = rule
    state.diffStart = .event(events[0], name: "Mark A")
    state.diffEnd = .event(events[1], name: "Mark B")
    state.markC = .event(events[2], name: "Mark C")
    state.markD = .event(events[3], name: "Mark D")
    return state
  }

  @Test func everyRuleMatchesItsPredicateOverTheRows() throws {
    let (p, scratch) = try TimelineSeriesTests.demo()
    _ = scratch
    #expect(Set(Self.naive.keys) == Set(QueryRule.allCases))
    let a = p.allocations
    let last = p.end.streamIndex
    // Markers on events that are themselves births and deaths, so the inclusive bounds matter.
    let marks: [UInt32] = [a.birth[a.count / 5], a.death[a.count / 3], a.birth[a.count / 2], last * 9 / 10]
      .map { min($0, last) }.sorted()
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    for rule in QueryRule.allCases {
      let query = try ViewQuery(profile: p, assignment: assignment, filter: Self.state(p, rule: rule, events: marks))
      var size = [Int64](repeating: 0, count: p.callstacks.count)
      var count = size
      let m = marks.map(Int64.init)
      for row in 0..<a.count {
        let f = a.death[row] == AllocationTable.alive ? Int64.max : Int64(a.death[row])
        let sign = Self.naive[rule]!(Int64(a.birth[row]), f, m)
        size[Int(a.callstack[row])] += sign * Int64(a.size[row])
        count[Int(a.callstack[row])] += sign
      }
      #expect(query.aggregates.size == size, "\(rule.title)")
      #expect(query.aggregates.count == count, "\(rule.title)")
      #expect(count.contains { $0 != 0 }, "\(rule.title) selects something")
    }
  }

  @Test func growthVsDeclineBetweenSnapshotsIsTheSnapshotDiff() throws {
    let (p, scratch) = try TimelineSeriesTests.demo()
    _ = scratch
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    var diff = FilterState()
    diff.diffStart = .snapshot(0)
    diff.diffEnd = .snapshot(1)
    var rule = diff
    rule.rule = .growthVsDecline
    let mp2 = try ViewQuery(profile: p, assignment: assignment, filter: diff)
    let insights = try ViewQuery(profile: p, assignment: assignment, filter: rule)
    #expect(mp2.aggregates == insights.aggregates)
    #expect(mp2.totals == insights.totals)
    // Active at a snapshot is MemoryProfiler2's active view there.
    var active = FilterState()
    active.diffStart = .snapshot(1)
    active.rule = .activeAt
    var point = FilterState()
    point.diffEnd = .snapshot(1)
    #expect(
      try ViewQuery(profile: p, assignment: assignment, filter: active).aggregates
        == ViewQuery(profile: p, assignment: assignment, filter: point).aggregates)
  }

  @Test func reversedMarkersAreSorted() throws {
    let (p, scratch) = try TimelineSeriesTests.demo()
    _ = scratch
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    var forward = FilterState()
    forward.rule = .growth
    forward.diffStart = .snapshot(0)
    forward.diffEnd = .snapshot(1)
    var backward = forward
    backward.diffStart = .snapshot(1)
    backward.diffEnd = .snapshot(0)
    #expect(
      try ViewQuery(profile: p, assignment: assignment, filter: forward).aggregates
        == ViewQuery(profile: p, assignment: assignment, filter: backward).aggregates)
  }

  @Test func aRuleWithoutItsMarkersIsRefused() throws {
    let (p, scratch) = try TimelineSeriesTests.demo()
    _ = scratch
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    var state = FilterState()
    state.rule = .leaks
    #expect(throws: MprofError.missingMarkers(rule: "Memory Leaks (A*B C*)", available: 2, required: 3)) {
      try ViewQuery(profile: p, assignment: assignment, filter: state)
    }
    #expect(
      MprofError.missingMarkers(rule: "Memory Leaks (A*B C*)", available: 2, required: 3).description
        == "Only 2 time markers available. Current rule (Memory Leaks (A*B C*)) requires 3 time markers!")
    state.markC = .end
    #expect(throws: Never.self) { try ViewQuery(profile: p, assignment: assignment, filter: state) }
  }

  @Test func theSizeHistogramAndTheLiveCurveFollowTheRule() throws {
    let (p, scratch) = try TimelineSeriesTests.demo()
    _ = scratch
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    var state = FilterState()
    state.rule = .leaks
    state.diffStart = .start
    state.diffEnd = .snapshot(1)
    state.markC = .end
    let query = try ViewQuery(profile: p, assignment: assignment, filter: state)
    let sizes = try SizeHistogram(profile: p, query: query)
    #expect(sizes.classes.map(\.size).reduce(0, +) == query.totals.size)
    #expect(sizes.classes.map(\.count).reduce(0, +) == query.totals.count)
    // Leaks never die before C = End: the filtered curve ends at the leaked bytes.
    let series = try LiveBytesSeries(profile: p, range: LiveBytesSeries.wholeCapture(p), buckets: 10, query: query)
    #expect(series.buckets.last?.final == query.totals.size)
    #expect(query.totals.size > 0)
  }

  @Test func rulesAreFoundByAnyOfTheirNames() {
    #expect(QueryRule.named("leaks") == .leaks)
    #expect(QueryRule.named("A*B*") == .growth)
    #expect(QueryRule.named("short living allocs") == .shortLiving)
    #expect(QueryRule.named("growth-vs-decline") == .growthVsDecline)
    #expect(QueryRule.named("nope") == nil)
    #expect(QueryRule.allCases.allSatisfy { QueryRule.named($0.rawValue) == $0 })
  }
}
