import Foundation
import Testing

@testable import ProfileModel

/// The Histogram's bars and the allocation sizes, against the rows counted by hand.
@Suite struct HistogramTests {
  /// A capture with blocks in Main and in Local (PS3 video memory), of many sizes.
  static func pools() throws -> (Profile, GroupAssignment, ScratchFolder) {
    let scratch = ScratchFolder()
    let path = scratch.path("pools.mprof")
    let w = try MprofWriter(path: path)
    let texture = w.callstack(innermostFirst: [
      w.address(pc: 0x10, function: "UTexture2D::Serialize(FArchive&)", file: "t.cpp", line: 1)
    ])
    let other = w.callstack(innermostFirst: [w.address(pc: 0x20, function: "Something()", file: "s.cpp", line: 2)])
    var rng = SplitMix64(seed: 5)
    var live: [UInt64] = []
    for i in 0..<2_000 {
      let pointer = UInt64(0x10_0000 + i * 0x1000)
      let size = UInt32(rng.below(1 << rng.below(20)))
      // Textures live in video memory (Local), the rest in Main: a bank each.
      try w.malloc(
        pointer: pointer, size: size, callstack: i % 3 == 0 ? texture : other, pool: i % 3 == 0 ? .local : .main)
      live.append(pointer)
      if i == 1_000 { try w.snapshot(.snapshot, label: "Half") }
      if rng.below(3) == 0, let victim = live.randomElement(using: &rng) {
        try w.free(pointer: victim)
        live.removeAll { $0 == victim }
      }
    }
    try w.finish()
    let profile = try ProfileLoader.load(path: path)
    return (profile, try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn()), scratch)
  }

  @Test func barsAreTheExclusiveRowsByGroupAndBank() throws {
    let (p, assignment, scratch) = try Self.pools()
    defer { withExtendedLifetime(scratch) {} }
    for (start, kind) in [
      (SnapshotRef.start, FilterState.AllocationKind.active), (.snapshot(0), .active), (.snapshot(0), .lifetime),
    ] {
      var f = FilterState()
      f.diffStart = start
      f.kind = kind
      let query = try ViewQuery(profile: p, assignment: assignment, filter: f)
      let histogram = PoolHistogram(profile: p, query: query)
      #expect(histogram.columns.map(\.bank) == [.main, .local])
      let exclusive = ExclusiveView(profile: p, query: query)
      var expected: [String: (Int64, Int64)] = [:]
      for row in exclusive.rows {
        let bank = PoolHistogram.Bank.of(poolMask: p.totals.poolMask[row.callstack])
        let key = "\(bank.title)/\(row.group)"
        expected[key, default: (0, 0)].0 += row.size
        expected[key, default: (0, 0)].1 += row.count
      }
      for column in histogram.columns {
        for bar in column.bars where bar.size != 0 || bar.count != 0 {
          let want = expected["\(column.bank.title)/\(bar.group)"]
          #expect(want?.0 == bar.size && want?.1 == bar.count, "\(column.bank.title)/\(bar.group)")
          let sizes = bar.callstacks.map { abs($0.size) }
          #expect(sizes == sizes.sorted(by: >))
        }
      }
      #expect(histogram.columns.map(\.size).reduce(0, +) == query.totals.size)
    }
  }

  @Test func sizeClassesCountTheRows() throws {
    let (p, assignment, scratch) = try Self.pools()
    defer { withExtendedLifetime(scratch) {} }
    let half = try #require(p.streamIndex(.snapshot(0)))
    let end = p.end.streamIndex
    func brute(_ keep: (Int) -> Bool) -> [Int: (Int64, Int64)] {
      var result: [Int: (Int64, Int64)] = [:]
      for row in 0..<p.allocations.count where keep(row) {
        let size = Int64(p.allocations.size[row])
        // The class by its definition: 0, then (2^(k−2), 2^(k−1)].
        var k = 0
        if size > 0 {
          k = 1
          while (Int64(1) << (k - 1)) < size { k += 1 }
        }
        result[k, default: (0, 0)].0 += 1
        result[k, default: (0, 0)].1 += size
      }
      return result
    }
    let cases: [(SnapshotRef, FilterState.AllocationKind, (Int) -> Bool)] = [
      (.start, .active, { p.allocations.death[$0] > end }),
      (.start, .lifetime, { _ in true }),
      (.snapshot(0), .lifetime, { p.allocations.birth[$0] > half }),
    ]
    for (start, kind, keep) in cases {
      var f = FilterState()
      f.diffStart = start
      f.kind = kind
      let query = try ViewQuery(profile: p, assignment: assignment, filter: f)
      let histogram = try SizeHistogram(profile: p, query: query)
      let want = brute(keep)
      for sizeClass in histogram.classes {
        let k = sizeClass.upperBound == 0 ? 0 : SizeHistogram.classIndex(of: UInt32(sizeClass.upperBound))
        #expect(sizeClass.count == (want[k]?.0 ?? 0) && sizeClass.size == (want[k]?.1 ?? 0), "class \(k)")
      }
      #expect(histogram.classes.count == (want.keys.max() ?? 0) - (want.keys.min() ?? 0) + 1)
    }
    #expect(SizeHistogram.classIndex(of: 0) == 0 && SizeHistogram.classIndex(of: 1) == 1)
    #expect(
      SizeHistogram.classIndex(of: 2) == 2 && SizeHistogram.classIndex(of: 3) == 3
        && SizeHistogram.classIndex(of: 4) == 3)
    #expect(SizeHistogram.classIndex(of: 5) == 4 && SizeHistogram.classIndex(of: UInt32.max) == 33)
  }
}
