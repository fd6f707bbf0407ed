import Foundation
import Testing

@testable import ProfileModel

/// The Short-lived columns against §3.7's rules written out naively over the rows.
@Suite struct ShortLivedTests {
  /// Frames of 10 tokens; per frame, callstack A frees what it made the frame before (a run),
  /// B frees within the frame, C keeps its blocks, D reallocs its block then frees it next frame,
  /// E's blocks are moved away by F's realloc (not a real free).
  static func capture() throws -> (Profile, GroupAssignment, ScratchFolder) {
    let scratch = ScratchFolder()
    let path = scratch.path("short.mprof")
    let w = try MprofWriter(path: path)
    func site(_ name: String, _ pc: UInt64) -> Int32 {
      w.callstack(innermostFirst: [w.address(pc: pc, function: name, file: "s.cpp", line: Int32(pc))])
    }
    let (a, b, c, d, e, f) = (
      site("RunA()", 1), site("SameFrameB()", 2), site("KeepC()", 3), site("ReallocD()", 4),
      site("MovedE()", 5), site("MoverF()", 6)
    )
    var pointer: UInt64 = 0x1000
    func next() -> UInt64 {
      pointer += 0x100
      return pointer
    }
    var previousA: UInt64?
    var previousD: UInt64?
    var rng = SplitMix64(seed: 3)
    for frame in 0..<300 {
      // Break A's run now and then.
      if let p = previousA, frame % 37 != 0 { try w.free(pointer: p) }
      let pa = next()
      try w.malloc(pointer: pa, size: UInt32(16 + rng.below(64)), callstack: a)
      previousA = frame % 41 == 0 ? nil : pa
      for _ in 0..<rng.below(3) {
        let pb = next()
        try w.malloc(pointer: pb, size: 32, callstack: b)
        try w.free(pointer: pb)
      }
      try w.malloc(pointer: next(), size: 8, callstack: c)
      if let p = previousD { try w.free(pointer: p) }
      let pd = next()
      try w.malloc(pointer: pd, size: 10, callstack: d)
      let grown = next()
      try w.realloc(old: pd, new: grown, size: 500, callstack: d)
      previousD = grown
      let pe = next()
      try w.malloc(pointer: pe, size: 24, callstack: e)
      try w.realloc(old: pe, new: next(), size: 48, callstack: f)
      try w.frame(deltaTime: 0.016)
      if frame == 100 { try w.snapshot(.snapshot, label: "Hundred") }
      if frame == 250 { try w.snapshot(.snapshot, label: "TwoFifty") }
    }
    try w.finish()
    let p = try ProfileLoader.load(path: path)
    return (p, try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn()), scratch)
  }

  /// §3.7 literally: lifecycles really freed in the window, in free order, their ages, and the
  /// columns by the stated rules (a lone age-1 lifecycle counting as a run of 1).
  static func naive(_ p: Profile, start: UInt32, end: UInt32) -> [Int: ShortLived.Row] {
    let a = p.allocations
    var byCallstack: [Int: [(free: UInt32, startFrame: Int, endFrame: Int, peak: Int64)]] = [:]
    for row in 0..<a.count where a.end(row) == .freed && a.death[row] < end {
      var chain = [row]
      while let from = Optional(Int(a.reallocatedFrom[chain.last ?? row])), from >= 0,
        a.callstack[from] == a.callstack[row]
      {
        chain.append(from)
      }
      let head = chain.last ?? row
      guard a.birth[head] > start else { continue }
      func frame(_ s: UInt32) -> Int { p.frames.streamIndex.firstIndex { $0 >= s } ?? p.frames.count }
      let entry = (
        free: a.death[row], startFrame: frame(a.birth[head]), endFrame: frame(a.death[row]),
        peak: chain.map { Int64(a.size[$0]) }.max() ?? 0
      )
      byCallstack[Int(a.callstack[row]), default: []].append(entry)
    }
    var rows: [Int: ShortLived.Row] = [:]
    for (callstack, all) in byCallstack {
      let list = all.sorted { $0.free < $1.free }.filter { $0.endFrame - $0.startFrame <= 1 }
      guard !list.isEmpty else { continue }
      var row = ShortLived.Row(
        callstack: callstack, zeroFrames: 0, zeroFrameCount: 0, oneFrame: 0, longestRun: 0, runAverage: 0, bytes: 0)
      row.bytes = list.map(\.peak).reduce(0, +)
      let zero = list.filter { $0.endFrame == $0.startFrame }
      row.zeroFrames = Int64(zero.count)
      row.zeroFrameCount = Int64(Set(zero.map(\.startFrame)).count)
      let one = list.filter { $0.endFrame == $0.startFrame + 1 }
      row.oneFrame = Int64(one.count)
      // Runs: chains of age-1 lifecycles, each starting in the frame the previous one ended in.
      var runFrame = Int.min
      var run: Int64 = 0
      var total: Int64 = 0
      var best: (Int64, Int64) = (0, 0)
      var currentIsBest = false
      for lc in one {
        if lc.startFrame == runFrame {
          run += 1
          total += lc.peak
        } else if lc.startFrame > runFrame {
          (run, total, currentIsBest) = (1, lc.peak, false)
        } else if lc.endFrame == runFrame {
          total += lc.peak
          if currentIsBest { best.1 += lc.peak }
        }
        if run > best.0 { (best, currentIsBest) = ((run, total), true) }
        runFrame = lc.endFrame
      }
      row.longestRun = best.0
      row.runAverage = best.0 == 0 ? 0 : best.1 / best.0
      rows[callstack] = row
    }
    return rows
  }

  @Test func columnsFollowTheRules() throws {
    let (p, assignment, scratch) = try Self.capture()
    defer { withExtendedLifetime(scratch) {} }
    for (start, end) in [(SnapshotRef.start, SnapshotRef.end), (.snapshot(0), .snapshot(1)), (.snapshot(0), .end)] {
      var f = FilterState()
      f.diffStart = start
      f.diffEnd = end
      let query = try ViewQuery(profile: p, assignment: assignment, filter: f)
      let view = try ShortLived(profile: p, query: query, minimum: 1)
      let want = Self.naive(p, start: p.streamIndex(start) ?? 0, end: p.streamIndex(end) ?? 0)
      #expect(Dictionary(uniqueKeysWithValues: view.rows.map { ($0.callstack, $0) }) == want)
    }
    // The known shapes over the whole capture.
    let query = try ViewQuery(profile: p, assignment: assignment, filter: FilterState())
    let rows = Dictionary(
      uniqueKeysWithValues: try ShortLived(profile: p, query: query, minimum: 1).rows.map {
        (ShortLivedTests.name(of: $0.callstack, in: p), $0)
      })
    #expect(rows["KeepC()"] == nil && rows["MovedE()"] == nil && rows["MoverF()"] == nil)
    let a = try #require(rows["RunA()"])
    #expect(a.oneFrame > 250 && a.zeroFrames == 0 && a.longestRun >= 30)
    let b = try #require(rows["SameFrameB()"])
    #expect(b.oneFrame == 0 && b.zeroFrames > 200 && b.runAverage == 0)
    // D's lifecycles run from malloc through the realloc: their peak is the grown size.
    let d = try #require(rows["ReallocD()"])
    #expect(d.oneFrame == 299 && d.longestRun == 299 && d.runAverage == 500)
  }

  static func name(of callstack: Int, in p: Profile) -> String {
    p.callstacks.frames(of: callstack).first.map { p.functions.names[Int(p.functions.idOfAddress[Int($0)])] } ?? ""
  }

  @Test func aLoneAgeOneLifecycleIsARunOfOne() {
    let row = ShortLived.row(callstack: 0, lifecycles: [.init(free: 5, startFrame: 1, endFrame: 2, peak: 64)])
    #expect(row.longestRun == 1 && row.runAverage == 64)  // MemoryProfiler2 says 0
  }

  @Test func sortingIsMultiKeyAndTheMinimumHolds() throws {
    let (p, assignment, scratch) = try Self.capture()
    defer { withExtendedLifetime(scratch) {} }
    let query = try ViewQuery(profile: p, assignment: assignment, filter: FilterState())
    let all = try ShortLived(profile: p, query: query, minimum: 1).rows
    #expect(all.map(\.longestRun) == all.map(\.longestRun).sorted(by: >))
    let byZero = try ShortLived(profile: p, query: query, minimum: 1, keys: [.zeroFrames]).rows
    #expect(byZero.map(\.zeroFrames) == byZero.map(\.zeroFrames).sorted(by: >))
    let ascending = try ShortLived(profile: p, query: query, minimum: 1, keys: [.zeroFrames], ascending: true).rows
    #expect(ascending.map(\.zeroFrames) == ascending.map(\.zeroFrames).sorted())
    let least = try #require(all.map(\.total).min())
    let many = try ShortLived(profile: p, query: query, minimum: least + 1).rows
    #expect(many.allSatisfy { $0.total > least } && many.count < all.count)
  }
}
