import Foundation
import Testing

@testable import ProfileModel

@Suite struct QueryTests {
  static func script() throws -> (Profile, ScratchFolder) {
    let scratch = ScratchFolder()
    let path = scratch.path("q.mprof")
    try Captures.writeScript(to: path, version: 7, bigEndian: false)
    return (try ProfileLoader.load(path: path), scratch)
  }

  @Test func diffKeepsSignsAndTails() throws {
    let (p, _) = try Self.script()
    // One: cs0 64 (1), cs1 32 (1).  End: cs0 10 (1), cs1 128 (1).
    let one = try p.resolveSnapshot("Snapshot 0")
    let diff = try p.aggregates(start: one, end: .end, kind: .active)
    #expect(diff.size == [-54, 96] && diff.count == [0, 0])
    let reverse = try p.aggregates(start: .end, end: one, kind: .active)
    #expect(reverse.size == [54, -96])
    // Only in the old state: the whole entry goes negative (MemoryProfiler2 drops the sign).
    let startOnly = try p.aggregates(start: one, end: try p.resolveSnapshot("loadmap"), kind: .active)
    #expect(startOnly.size == [-64, 96] && startOnly.count == [-1, 0])
    let lifetime = try p.aggregates(start: one, end: .end, kind: .lifetime)
    #expect(lifetime.size == [10, 128] && lifetime.count == [1, 1])
    #expect(try p.aggregates(start: .end, end: one, kind: .lifetime).size == [-10, -128])
    #expect(try p.aggregates(start: .start, end: .start, kind: .active).size == [0, 0])
    #expect(try p.aggregates(start: .start, end: one, kind: .lifetime).size == [64, 32])
  }

  @Test func snapshotNamesResolve() throws {
    let (p, _) = try Self.script()
    #expect(try p.resolveSnapshot("start") == .start)
    #expect(try p.resolveSnapshot("END") == .end)
    #expect(try p.resolveSnapshot("#1") == .snapshot(1))
    #expect(try p.resolveSnapshot("2") == .end)
    #expect(try p.resolveSnapshot("loadmap start 0: /game/maps/x") == .snapshot(1))
    #expect(throws: MprofError.self) { try p.resolveSnapshot("nothing") }
    #expect(throws: MprofError.self) { try p.resolveSnapshot("7") }
  }

  @Test func filtersInAndOut() throws {
    let (p, _) = try Self.script()
    let red = GroupColor(red: 255, green: 0, blue: 0)
    let groups = ClassGroupSet(groups: [
      ClassGroup(name: "Textures", color: red, patterns: [CallStackPattern(framePatterns: ["^UTexture"])])
    ])
    let assignment = try GroupAssignment(profile: p, groups: groups)
    func passing(_ f: FilterState) throws -> [Int] {
      try ViewQuery(profile: p, assignment: assignment, filter: f).passingRows.map(\.callstack)
    }
    var f = FilterState()
    #expect(try passing(f) == [0, 1])
    f.checkedGroups = ["Textures"]
    #expect(try passing(f) == [1])
    // The groups panel's view: text and pools only.
    #expect(try CallstackFilter(profile: p, assignment: assignment, filter: f).passesIgnoringGroups == [true, true])
    // Filter Out removes the checked groups and the selected pools: with no pool selected, only
    // the Textures group goes.
    f.mode = .filterOut
    f.poolMask = 0
    #expect(try passing(f) == [0])
    f = FilterState()
    f.text = "allocthing"
    #expect(try passing(f) == [0])
    f.text = "^utex.*serialize"
    f.textIsRegex = true
    #expect(try passing(f) == [1])
    f.mode = .filterOut
    // Filter Out removes checked groups too: with every group checked nothing is left.
    #expect(try passing(f) == [])
    f.checkedGroups = []
    #expect(try passing(f) == [])  // every pool is still selected, so removed
    f.poolMask = 0
    #expect(try passing(f) == [0])
    f = FilterState()
    f.tags = ["Asset:Textures/World"]
    let tagged = try ViewQuery(profile: p, assignment: assignment, filter: f)
    #expect(tagged.aggregates.size == [0, 128])
    f.mode = .filterOut
    #expect(try ViewQuery(profile: p, assignment: assignment, filter: f).aggregates.size == [10, 0])
    f = FilterState()
    f.poolMask = MemoryPool.local.flag
    #expect(try passing(f) == [])
    // MemoryProfiler2's Filter Out removes the selected pools: Local removed leaves the Main ones.
    f.mode = .filterOut
    f.checkedGroups = []
    #expect(try passing(f) == [0, 1])
    f.poolMask = MemoryPool.main.flag
    #expect(try passing(f) == [])
    // Switching modes moves the selections that were at their defaults to the new mode's.
    let defaults = FilterState.defaults(for: .filterIn, assignment: assignment)
    let out = defaults.switching(to: .filterOut, assignment: assignment)
    #expect(out.checkedGroups == [] && out.poolMask == 0 && out.mode == .filterOut)
    #expect(out.switching(to: .filterIn, assignment: assignment) == defaults)
    var chosen = defaults
    chosen.poolMask = MemoryPool.local.flag
    #expect(chosen.switching(to: .filterOut, assignment: assignment).poolMask == MemoryPool.local.flag)
    f.text = "(bad"
    f.textIsRegex = true
    #expect(throws: MprofError.self) { try passing(f) }
  }

  @Test func views() throws {
    let (p, _) = try Self.script()
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    let query = try ViewQuery(profile: p, assignment: assignment, filter: FilterState())
    let exclusive = ExclusiveView(profile: p, query: query)
    #expect(exclusive.rows.map(\.callstack) == [1, 0])
    #expect(exclusive.rows.map(\.function) == ["UTexture2D::Serialize(FArchive&)", "AllocThing()"])
    #expect(exclusive.rows.map(\.group) == ["Textures", "Ungrouped"])
    #expect(abs(exclusive.rows[0].sizePercent - 128.0 / 138 * 100) < 1e-9)
    let byCount = ExclusiveView(profile: p, query: query, sortBy: .function, ascending: true)
    #expect(byCount.rows.map(\.callstack) == [0, 1])

    let graph = try CallGraph(profile: p, query: query, sort: .size)
    let full = graph.nodes[Int(CallGraph.fullRoot)]
    #expect(full.size == 10 && graph.nodes[Int(CallGraph.truncatedRoot)].size == 128)
    let mainNode = full.children[0]
    #expect(graph.title(mainNode, in: p) == "main" && graph.nodes[Int(mainNode)].children.count == 1)
    let inverted = try CallGraph(profile: p, query: query, sort: .size, inverted: true)
    #expect(inverted.title(inverted.nodes[Int(CallGraph.fullRoot)].children[0], in: p) == "AllocThing()")
    let matches = graph.find({ $0 == "main" || $0.hasPrefix("Alloc") }, in: p)
    #expect(matches.count == 3)
    #expect(graph.totals(of: matches) == (138, 2))
    let mainId = p.functions.names.firstIndex(of: "AllocThing()").map { Int32($0) }
    let parented = try CallGraph(profile: p, query: query, sort: .size, parentFunction: mainId)
    #expect(
      parented.nodes[Int(CallGraph.truncatedRoot)].count == 0 && parented.nodes[Int(CallGraph.fullRoot)].size == 10)

    let groupRows = GroupTotals(query: query).rows.filter { $0.count > 0 }
    #expect(groupRows.map(\.group) == ["Textures", "Ungrouped"] && groupRows.map(\.size) == [128, 10])
  }

  /// The End shortcut (the pass's totals) and a scan of the rows give the same figures.
  @Test func endTotalsMatchARowScan() throws {
    let scratch = ScratchFolder()
    let p = try ProfileLoader.load(path: Captures.writeDemo(in: scratch, operations: 20_000))
    let keepAll: (Int) -> Bool = { _ in true }
    #expect(try p.active(at: p.end.streamIndex, keep: keepAll) == p.active(at: p.end.streamIndex))
    #expect(
      try p.lifetime(after: nil, upTo: p.end.streamIndex, keep: keepAll)
        == p.lifetime(after: nil, upTo: p.end.streamIndex))
    #expect(try p.active(at: p.end.streamIndex).totalCount > 0)
  }

  @Test func sizeFormatKeepsTheSign() {
    #expect(SizeFormat.size(512) == "512 bytes")
    #expect(SizeFormat.size(5_767_168) == "5.50 MB")
    #expect(SizeFormat.size(-12_288) == "-12.00 KB")
    #expect(SizeFormat.count(-1_234_567) == "-1,234,567")
    #expect(SizeFormat.percent(12.345) == "12.35%")
  }

  /// Every Exclusive sort, both ways, on a capture with hundreds of rows, against the rule
  /// written as one comparator: the column (names case-insensitively, then exactly), then size
  /// (largest first) unless sorting by size, then callstack.
  @Test func exclusiveSortsAgreeWithTheRule() throws {
    let scratch = ScratchFolder()
    let p = try ProfileLoader.load(path: Captures.writeDemo(in: scratch, operations: 20_000, variants: 30))
    let query = try ViewQuery(
      profile: p, assignment: GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn()), filter: FilterState())
    let base = ExclusiveView(profile: p, query: query).rows
    #expect(base.count > 300)
    for column in ExclusiveView.Column.allCases {
      for ascending in [false, true] {
        let expected = base.sorted { a, b in
          func key(_ r: ExclusiveView.Row) -> (Int64, String, String) {
            switch column {
            case .size, .sizePercent: return (r.size, "", "")
            case .count, .countPercent: return (r.count, "", "")
            case .group: return (0, r.group.lowercased(), r.group)
            case .function: return (0, r.function.lowercased(), r.function)
            }
          }
          let (x, y) = (key(a), key(b))
          if x == y {
            let bySize = column != .size && column != .sizePercent
            return bySize && a.size != b.size ? a.size > b.size : a.callstack < b.callstack
          }
          return ascending ? x < y : x > y
        }
        let rows = ExclusiveView(profile: p, query: query, sortBy: column, ascending: ascending).rows
        #expect(rows.map(\.callstack) == expected.map(\.callstack), "\(column) ascending: \(ascending)")
      }
    }
  }

  /// A query built from the previous one (the viewer's path) equals one built from scratch
  /// after every kind of filter change, including those that must not reuse its aggregates.
  @Test func reusedAggregatesMatchFreshQueries() throws {
    let scratch = ScratchFolder()
    let p = try ProfileLoader.load(path: Captures.writeDemo(in: scratch, operations: 30_000))
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    let tag = try #require(p.tagSets.first?.tags.first)
    var state = FilterState()
    var steps: [FilterState] = [state]
    state.checkedGroups = ["Textures", "Meshes"]
    steps.append(state)
    state.text = "serialize"
    steps.append(state)
    state.poolMask = MemoryPool.main.flag
    steps.append(state)
    state.tags = [tag]
    steps.append(state)
    state.mode = .filterOut
    steps.append(state)
    state.sort = .count
    steps.append(state)
    state.kind = .lifetime
    steps.append(state)
    state.diffStart = .snapshot(1)
    steps.append(state)
    state.tags = []
    steps.append(state)
    state.mode = .filterIn
    steps.append(state)
    state.diffEnd = .snapshot(2)
    steps.append(state)
    var previous: ViewQuery?
    for (i, step) in steps.enumerated() {
      let reused = try ViewQuery(profile: p, assignment: assignment, filter: step, reusing: previous)
      let fresh = try ViewQuery(profile: p, assignment: assignment, filter: step)
      #expect(reused.aggregates == fresh.aggregates, "step \(i)")
      #expect(reused.passingRows == fresh.passingRows && reused.totals == fresh.totals, "step \(i)")
      previous = reused
    }
    #expect(Set(steps.map(\.diffStart)).count > 1 && steps.contains { !$0.tags.isEmpty })
  }

  /// Issue 10: in a diff, percentages are shares of all the change (Σ|Δ|), never of a net total
  /// that can be negative, and the largest change comes first whatever its sign.
  @Test func diffPercentagesAreSharesOfTheGrossChange() throws {
    let scratch = ScratchFolder()
    let p = try ProfileLoader.load(path: Captures.writeDemo(in: scratch, operations: 20_000))
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    // A diff with growth and decline both: one level unloaded, the next loaded.
    var found: (ViewQuery, ExclusiveView)?
    for start in p.snapshotRefs where found == nil {
      for end in p.snapshotRefs where found == nil && start != .start {
        var f = FilterState()
        f.diffStart = start
        f.diffEnd = end
        let query = try ViewQuery(profile: p, assignment: assignment, filter: f)
        let view = ExclusiveView(profile: p, query: query)
        if view.rows.contains(where: { $0.size < 0 }) && view.rows.contains(where: { $0.size > 0 }) {
          found = (query, view)
        }
      }
    }
    let (query, view) = try #require(found)
    let shares = view.rows.map { abs($0.sizePercent) }.reduce(0, +)
    #expect(abs(shares - 100) < 0.01)
    #expect(view.rows.allSatisfy { $0.size >= 0 ? $0.sizePercent >= 0 : $0.sizePercent <= 0 })
    let magnitudes = view.rows.map { abs($0.size) }
    #expect(magnitudes == magnitudes.sorted(by: >))
    let graph = try CallGraph(profile: p, query: query, sort: .size)
    #expect(graph.gross.size == magnitudes.reduce(0, +))
    let top = graph.nodes[Int(CallGraph.fullRoot)].children.map { abs(graph.nodes[Int($0)].size) }
    #expect(top == top.sorted(by: >))
  }
}
