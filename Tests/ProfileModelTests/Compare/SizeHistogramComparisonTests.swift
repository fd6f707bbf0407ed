import Foundation
import Testing

@testable import ProfileModel

/// The size classes of two builds: each side's own classes by the same bounds, the changes,
/// growth only and normalize.
@Suite struct SizeHistogramComparisonTests {
  /// A live at its end: blocks of 10, 100 and 1,000 bytes; B: two of 10 and one of 5,000.
  static func sides() throws -> (SizeHistogram, SizeHistogram, ScratchFolder) {
    let scratch = ScratchFolder()
    func histogram(_ name: String, _ sizes: [UInt32]) throws -> SizeHistogram {
      let path = scratch.path(name)
      let w = try MprofWriter(path: path)
      let site = w.callstack(innermostFirst: [w.address(pc: 16, function: "Make()", file: "m.cpp", line: 1)])
      for (i, size) in sizes.enumerated() {
        try w.malloc(pointer: UInt64(0x1000 + i * 0x10000), size: size, callstack: site)
      }
      try w.finish()
      let p = try ProfileLoader.load(path: path)
      let query = try ViewQuery(
        profile: p, assignment: try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn()),
        filter: FilterState())
      return try SizeHistogram(profile: p, query: query)
    }
    return (try histogram("a.mprof", [10, 100, 1000]), try histogram("b.mprof", [10, 10, 5000]), scratch)
  }

  @Test func eachSideByTheSameBounds() throws {
    let (a, b, scratch) = try Self.sides()
    _ = scratch
    let compared = SizeHistogramComparison(a: a, b: b)
    // From the 9–16 byte class to the 4,097–8,192 one, empty classes between kept.
    #expect(compared.classes.first?.upperBound == 16 && compared.classes.last?.upperBound == 8192)
    #expect(compared.classes.map(\.upperBound) == [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192])
    let byUpper = Dictionary(uniqueKeysWithValues: compared.classes.map { ($0.upperBound, $0) })
    #expect(byUpper[16]?.countA == 1 && byUpper[16]?.countB == 2 && byUpper[16]?.deltaSize == 10)
    #expect(byUpper[128]?.countA == 1 && byUpper[128]?.countB == 0 && byUpper[128]?.deltaSize == -100)
    #expect(byUpper[1024]?.deltaCount == -1 && byUpper[8192]?.deltaCount == 1 && byUpper[8192]?.sizeB == 5000)
    #expect(
      compared.classes.reduce(0) { $0 + $1.sizeA } == 1110 && compared.classes.reduce(0) { $0 + $1.sizeB } == 5020)
  }

  @Test func growthOnlyAndNormalize() throws {
    let (a, b, scratch) = try Self.sides()
    _ = scratch
    #expect(SizeHistogramComparison(a: a, b: b, growthOnly: true).classes.map(\.upperBound) == [16, 8192])
    let normalized = SizeHistogramComparison(a: a, b: b, normalize: true)
    // B's 3 blocks and 5,020 bytes scaled to A's 3 and 1,110.
    #expect(normalized.classes.reduce(0) { $0 + $1.countB } == 3)
    #expect(abs(normalized.classes.reduce(0) { $0 + $1.sizeB } - 1110) <= 1)
    #expect(normalized.classes.first { $0.upperBound == 8192 }?.sizeB == Int64((5000.0 * 1110 / 5020).rounded()))
  }
}
