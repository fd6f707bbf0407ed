import Foundation
import Testing

@testable import ProfileModel

/// Matching two captures of different builds: by function names from the root, never by
/// addresses; new and gone stacks; per-stack figures equal to each side's own.
@Suite struct CaptureComparisonTests {
  /// A and B: the same program at other addresses with a line moved, a stack gone, one new, one
  /// function renamed, one overload changed.
  static func pair() throws -> (a: Profile, b: Profile, scratch: ScratchFolder) {
    let scratch = ScratchFolder()
    func write(_ name: String, build: Int) throws -> Profile {
      let path = scratch.path(name)
      let w = try MprofWriter(path: path)
      let base = UInt64(0x1000 + build * 0x8000)
      func frame(_ i: UInt64, _ function: String, line: Int32 = 10) -> Int32 {
        w.address(pc: base + i * 16, function: function, file: "Game.cpp", line: line + Int32(build))
      }
      let main = frame(0, "main")
      let load = frame(1, "LoadLevel()")
      let texture = frame(2, "AllocTexture(int)")
      let tick = frame(3, "Tick(float)")
      let temp = frame(4, "MakeTemp()")
      var stacks: [String: Int32] = [:]
      stacks["texture"] = w.callstack(innermostFirst: [texture, load, main])
      stacks["temp"] = w.callstack(innermostFirst: [temp, tick, main])
      stacks["overload"] = w.callstack(innermostFirst: [frame(5, build == 0 ? "Parse(int)" : "Parse(long)"), main])
      stacks["renamed"] = w.callstack(innermostFirst: [frame(6, build == 0 ? "OldName()" : "NewName()"), main])
      if build == 0 { stacks["gone"] = w.callstack(innermostFirst: [frame(7, "Removed()"), main]) }
      if build == 1 {
        stacks["new"] = w.callstack(innermostFirst: [frame(8, "Added()"), main])
        // The texture path again from another line: the same names, one matched stack.
        stacks["texture2"] = w.callstack(innermostFirst: [frame(9, "AllocTexture(int)", line: 90), load, main])
      }
      let heap = UInt64(0x10_0000 + build * 0x100_0000)
      var next = heap
      func malloc(_ stack: String, _ size: UInt32) throws {
        try w.malloc(pointer: next, size: size, callstack: try #require(stacks[stack]))
        next += UInt64(size) + 16
      }
      if build == 0 {
        try malloc("texture", 1000)
        try malloc("texture", 1000)
        try malloc("temp", 100)
        try malloc("overload", 50)
        try malloc("renamed", 70)
        try malloc("gone", 300)
      } else {
        try malloc("texture", 1500)
        try malloc("texture2", 700)
        try malloc("temp", 40)
        try malloc("overload", 50)
        try malloc("renamed", 70)
        try malloc("new", 900)
      }
      try w.finish()
      return try ProfileLoader.load(path: path)
    }
    return (try write("a.mprof", build: 0), try write("b.mprof", build: 1), scratch)
  }

  static func figures(_ c: CaptureComparison, _ a: Profile, _ b: Profile) throws -> [CaptureComparison.Row] {
    let all = { (p: Profile) in [Bool](repeating: true, count: p.callstacks.count) }
    return c.rows(
      a: try a.active(at: a.end.streamIndex), passingA: all(a), b: try b.active(at: b.end.streamIndex),
      passingB: all(b))
  }

  @Test func matchedNewAndGone() throws {
    let (a, b, scratch) = try Self.pair()
    _ = scratch
    let c = try CaptureComparison(a: a, b: b)
    // texture (two callstacks in B), temp: matched; overload, renamed, gone | overload, renamed, new.
    #expect(c.matchedCount == 2)
    #expect(c.newCount == 3 && c.goneCount == 3)
    let rows = try Self.figures(c, a, b)
    let texture = try #require(rows.first { $0.sizeA == 2000 })
    #expect(texture.sizeB == 2200 && texture.deltaSize == 200 && texture.countA == 2 && texture.countB == 2)
    #expect(c.stacks[texture.stack].b.count == 2)
    let temp = try #require(rows.first { $0.sizeA == 100 })
    #expect(temp.deltaSize == -60 && temp.status == .both)
    #expect(rows.filter { $0.status == .new }.map(\.sizeB).sorted() == [50, 70, 900])
    #expect(rows.filter { $0.status == .gone }.map(\.sizeA).sorted() == [50, 70, 300])
    // Totals are each side's own.
    #expect(rows.map(\.sizeA).reduce(0, +) == a.end.allocationSize)
    #expect(rows.map(\.sizeB).reduce(0, +) == b.end.allocationSize)
  }

  @Test func optionsDecideWhatMatches() throws {
    let (a, b, scratch) = try Self.pair()
    _ = scratch
    // Lines moved by the build: matching on them loses the texture and temp stacks.
    let strict = try CaptureComparison(a: a, b: b, options: .init(fileAndLine: true))
    #expect(strict.matchedCount == 0)
    // Parameter lists dropped: Parse(int) and Parse(long) match.
    let loose = try CaptureComparison(a: a, b: b, options: .init(stripParameters: true))
    #expect(loose.matchedCount == 3 && loose.newCount == 2 && loose.goneCount == 2)
  }

  @Test func normalizeScalesBToATotal() throws {
    let (a, b, scratch) = try Self.pair()
    _ = scratch
    let c = try CaptureComparison(a: a, b: b)
    let all = { (p: Profile) in [Bool](repeating: true, count: p.callstacks.count) }
    let rows = c.rows(
      a: try a.active(at: a.end.streamIndex), passingA: all(a), b: try b.active(at: b.end.streamIndex),
      passingB: all(b), normalize: true)
    let total = rows.map(\.sizeB).reduce(0, +)
    #expect(abs(total - a.end.allocationSize) <= Int64(rows.count))
  }

  /// The demo and its next build: every stack's change is the difference of the sides' own
  /// per-callstack figures.
  @Test func demoAndItsVariant() throws {
    let scratch = ScratchFolder()
    let paths = try Captures.writeBuildPair(in: scratch, operations: 8_000)
    let a = try ProfileLoader.load(path: paths.a)
    let b = try ProfileLoader.load(path: paths.b)
    #expect(a.allocations.address.min() != b.allocations.address.min())
    let c = try CaptureComparison(a: a, b: b)
    #expect(c.newCount == 1 && c.goneCount == 0)
    let rows = try Self.figures(c, a, b)
    let activeA = try a.active(at: a.end.streamIndex)
    let activeB = try b.active(at: b.end.streamIndex)
    for row in rows {
      #expect(row.sizeA == c.stacks[row.stack].a.map { activeA.size[$0] }.reduce(0, +))
      #expect(row.sizeB == c.stacks[row.stack].b.map { activeB.size[$0] }.reduce(0, +))
    }
    #expect(rows.contains { $0.status == .new && $0.sizeB > 0 })
  }

  /// The compared call graph: every node holds B − A of the callstacks through its name path,
  /// functions only A has named from A.
  @Test func callGraphOfTheChange() throws {
    let (a, b, scratch) = try Self.pair()
    _ = scratch
    let assignment = { (p: Profile) in try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn()) }
    var state = FilterState()
    state.checkedGroups = nil
    let queryA = try ViewQuery(profile: a, assignment: try assignment(a), filter: state)
    let queryB = try ViewQuery(profile: b, assignment: try assignment(b), filter: state)
    let graph = try CallGraph(comparing: a, baseQuery: queryA, profile: b, query: queryB, sort: .size)
    var expected: [[String]: Int64] = [:]
    for (p, query, sign) in [(b, queryB, Int64(1)), (a, queryA, Int64(-1))] {
      for row in query.passingRows {
        var path = [p.callstacks.isTruncated[row.callstack] ? "truncated" : "full"]
        expected[path, default: 0] += sign * row.size
        for address in p.callstacks.frames(of: row.callstack) {
          path.append(p.functions.names[Int(p.functions.idOfAddress[Int(address)])])
          expected[path, default: 0] += sign * row.size
        }
      }
    }
    var seen = 0
    for node in graph.nodes.indices.dropFirst(2) {
      var path: [String] = []
      var current = Int32(node)
      while graph.nodes[Int(current)].parent >= 0 {
        path.insert(graph.title(current, in: b), at: 0)
        current = graph.nodes[Int(current)].parent
      }
      path.insert(current == CallGraph.truncatedRoot ? "truncated" : "full", at: 0)
      #expect(graph.nodes[node].size == expected[path], "\(path)")
      seen += 1
    }
    #expect(seen == expected.keys.filter { $0.count > 1 }.count)
    #expect(graph.nodes[Int(CallGraph.fullRoot)].size == expected[["full"]])
    #expect(graph.nodes[Int(CallGraph.fullRoot)].size == b.end.allocationSize - a.end.allocationSize)
    #expect(graph.extraNames.contains("Removed()") && graph.extraNames.contains("OldName()"))
    #expect(graph.gross.size == abs(queryA.totals.size))
  }
}
