import Foundation
import Testing

@testable import ProfileModel

/// Short-lived blocks of two builds per matched stack: each side's own figures summed over the
/// stack's callstacks, new and gone stacks, the listing minimum on either side, the order.
@Suite struct ShortLivedComparisonTests {
  /// Two builds of 50 frames.
  ///
  /// Churn() frees 3 blocks of 32 bytes within each frame in A, 5 in B (from two
  /// lines, one stack); Gone() churns 2 a frame in A only, New() 4 a frame in B only; Keep()
  /// never frees; Rare() frees one block in all.
  static func pair() throws -> (a: Profile, b: Profile, scratch: ScratchFolder) {
    let scratch = ScratchFolder()
    func write(_ name: String, build: Int) throws -> Profile {
      let path = scratch.path(name)
      let w = try MprofWriter(path: path)
      let base = UInt64(0x1000 + build * 0x8000)
      let main = w.address(pc: base, function: "main", file: "Game.cpp", line: 1)
      func stack(_ i: UInt64, _ function: String, line: Int32 = 10) -> Int32 {
        w.callstack(innermostFirst: [
          w.address(pc: base + i * 16, function: function, file: "Game.cpp", line: line), main,
        ])
      }
      let churn = stack(1, "Churn()")
      let churnAgain = stack(2, "Churn()", line: 20)
      // Each build's table has only its own: Gone() is not in B's, New() not in A's.
      let gone = build == 0 ? stack(3, "Gone()") : -1
      let new = build == 1 ? stack(4, "New()") : -1
      let keep = stack(5, "Keep()")
      let rare = stack(6, "Rare()")
      var next = UInt64(0x10_0000 + build * 0x100_0000)
      // The first event is no block's birth (a lifecycle must start after the diff start).
      try w.malloc(pointer: next, size: 8, callstack: keep)
      func churnBlocks(_ count: Int, _ callstack: Int32, size: UInt32 = 32) throws {
        for _ in 0..<count {
          next += 64
          try w.malloc(pointer: next, size: size, callstack: callstack)
          try w.free(pointer: next)
        }
      }
      for frame in 0..<50 {
        if build == 0 {
          try churnBlocks(3, churn)
          try churnBlocks(2, gone, size: 100)
        } else {
          try churnBlocks(3, churn)
          try churnBlocks(2, churnAgain)
          try churnBlocks(4, new, size: 10)
        }
        next += 64
        try w.malloc(pointer: next, size: 8, callstack: keep)
        if frame == 7 { try churnBlocks(1, rare) }
        try w.frame(deltaTime: 0.016)
      }
      try w.finish()
      return try ProfileLoader.load(path: path)
    }
    return (try write("a.mprof", build: 0), try write("b.mprof", build: 1), scratch)
  }

  static func compared(
    minimum: Int64, sortBy: ShortLivedComparison.Column = .deltaBlocks, ascending: Bool = false,
    growthOnly: Bool = false, normalize: Bool = false
  ) throws -> (ShortLivedComparison, CaptureComparison, Profile, Profile) {
    let (a, b, scratch) = try pair()
    defer { withExtendedLifetime(scratch) {} }
    let groups = ClassGroupsLocator.builtIn()
    let queryA = try ViewQuery(
      profile: a, assignment: GroupAssignment(profile: a, groups: groups), filter: FilterState())
    var stateB = FilterState()
    stateB.growthOnly = growthOnly
    stateB.normalize = normalize
    let queryB = try ViewQuery(profile: b, assignment: GroupAssignment(profile: b, groups: groups), filter: stateB)
    let matching = try CaptureComparison(a: a, b: b)
    let view = try ShortLivedComparison(
      comparison: matching, a: a, queryA: queryA, b: b, queryB: queryB, minimum: minimum, sortBy: sortBy,
      ascending: ascending)
    return (view, matching, a, b)
  }

  static func name(_ row: ShortLivedComparison.Row, _ matching: CaptureComparison, _ a: Profile, _ b: Profile) -> String
  {
    let (inB, callstack) = matching.representative(row.stack)
    let p = inB ? b : a
    let frame = Int(p.callstacks.frames(of: callstack).last ?? 0)
    return p.functions.names[Int(p.functions.idOfAddress[frame])]
  }

  @Test func eachSideAndTheChangePerStack() throws {
    let (view, matching, a, b) = try Self.compared(minimum: 1)
    let rows = Dictionary(uniqueKeysWithValues: view.rows.map { (Self.name($0, matching, a, b), $0) })
    // Both lines of Churn() in B are one stack: 5 a frame against 3.
    let churn = try #require(rows["Churn()"])
    #expect(churn.status == .both)
    #expect(churn.blocksA == 150 && churn.blocksB == 250 && churn.deltaBlocks == 100)
    #expect(churn.bytesA == 150 * 32 && churn.bytesB == 250 * 32 && churn.deltaBytes == 100 * 32)
    let gone = try #require(rows["Gone()"])
    #expect(gone.status == .gone && gone.blocksA == 100 && gone.blocksB == 0 && gone.deltaBytes == -100 * 100)
    let new = try #require(rows["New()"])
    #expect(new.status == .new && new.blocksA == 0 && new.blocksB == 200 && new.bytesB == 2000)
    #expect(rows["Rare()"]?.blocksA == 1 && rows["Rare()"]?.blocksB == 1)
    #expect(rows["Keep()"] == nil)
    // The largest change in blocks first, whatever its sign: New +200, then Gone −100 and Churn
    // +100 (ties by stack), then Rare 0.
    #expect(view.rows.map { Self.name($0, matching, a, b) }.first == "New()")
    #expect(view.rows.map { Self.name($0, matching, a, b) }.last == "Rare()")
  }

  @Test func theMinimumHoldsOnEitherSide() throws {
    let (view, matching, a, b) = try Self.compared(minimum: 101)
    // Gone() has 100 in A and none in B: left out; New() 200 in B, Churn() 250 in B.
    #expect(Set(view.rows.map { Self.name($0, matching, a, b) }) == ["New()", "Churn()"])
  }

  @Test func sortsByAnyColumn() throws {
    let (bytes, matching, a, b) = try Self.compared(minimum: 1, sortBy: .deltaBytes)
    // |Δ bytes|: Gone −10,000, Churn +3,200, New +2,000, Rare 0.
    #expect(bytes.rows.map { Self.name($0, matching, a, b) } == ["Gone()", "Churn()", "New()", "Rare()"])
    let (ascending, _, _, _) = try Self.compared(minimum: 1, sortBy: .blocksA, ascending: true)
    #expect(ascending.rows.map(\.blocksA) == ascending.rows.map(\.blocksA).sorted())
    #expect(ascending.rows.first?.blocksA == 0)
  }

  /// `^` and `%` of the shown capture's filter: only the stacks whose blocks grew; B scaled to
  /// A's totals.
  @Test func growthOnlyAndNormalize() throws {
    let (grown, matching, a, b) = try Self.compared(minimum: 1, growthOnly: true)
    #expect(Set(grown.rows.map { Self.name($0, matching, a, b) }) == ["New()", "Churn()"])
    let (normalized, _, _, _) = try Self.compared(minimum: 1, normalize: true)
    // A: 251 blocks, 14,832 bytes; B: 451 blocks, 10,032 bytes; B scaled to A's totals.
    let totalBlocksA = normalized.rows.reduce(0) { $0 + $1.blocksA }
    let totalBlocksB = normalized.rows.reduce(0) { $0 + $1.blocksB }
    let totalBytesA = normalized.rows.reduce(0) { $0 + $1.bytesA }
    let totalBytesB = normalized.rows.reduce(0) { $0 + $1.bytesB }
    #expect(abs(totalBlocksB - totalBlocksA) <= 2 && abs(totalBytesB - totalBytesA) <= 2)
    let churn = try #require(normalized.rows.first { Self.name($0, matching, a, b) == "Churn()" })
    #expect(churn.blocksB == Int64((250.0 * 251 / 451).rounded()))
  }
}
