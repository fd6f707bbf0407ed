import Foundation
import Testing

@testable import ProfileModel

/// The token pass runs on two threads, handing chunks of `StreamPipeline.chunkCapacity` tokens
/// across; these tests load streams many chunks long.
@Suite struct TokenPipelineTests {
  /// A v7 capture of `count` mallocs (20 bytes each) on one callstack, the token at `bad`
  /// (if any) naming callstack 99, then frees of them all.
  static func write(to path: String, count: Int, bad: Int? = nil) throws {
    let w = try MprofWriter(path: path)
    let f = w.address(pc: 0x1000, function: "main", file: "main.cpp", line: 1)
    let cs = w.callstack(innermostFirst: [f])
    for i in 0..<count {
      try w.malloc(pointer: UInt64(0x10_0000 + 64 * i), size: UInt32(i % 100 + 1), callstack: i == bad ? 99 : cs)
    }
    for i in 0..<count { try w.free(pointer: UInt64(0x10_0000 + 64 * i)) }
    try w.finish()
  }

  @Test func errorsDeepInTheStreamNameTheirToken() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("bad.mprof")
    let bad = 7 * StreamPipeline.chunkCapacity + 123
    try Self.write(to: path, count: 12 * StreamPipeline.chunkCapacity, bad: bad)
    let header = try ProfileLoader.checkHeader(path: path)
    #expect(
      throws: MprofError.invalidValue(
        path: path, offset: header.headerSize + UInt64(20 * bad),
        message: "expected a callstack index below 1, found 99")
    ) { try ProfileLoader.load(path: path) }
  }

  @Test func cancellingStopsTheDecoderAndLaterLoadsWork() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("long.mprof")
    let count = 150_000
    try Self.write(to: path, count: count)
    let reports = Reports()
    #expect(throws: MprofError.cancelled) {
      try ProfileLoader.load(path: path) { stage, _, _ in
        reports.add(stage)
        return stage != .tokens
      }
    }
    #expect(reports.stages.filter { $0 == .tokens }.count == 1)
    let p = try ProfileLoader.load(path: path)
    #expect(p.allocations.count == count)
    #expect(p.tokenCounts.mallocs == count && p.tokenCounts.frees == count)
    #expect(p.totals.lifetimeSize == [Int64((0..<count).reduce(0) { $0 + $1 % 100 + 1 })])
    #expect(p.totals.endActiveCount == [0])
    #expect(p.allocations.death.enumerated().allSatisfy { i, death in death == UInt32(count + i) })
  }

  @Test func repeatedLoadsAgree() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 60_000)
    let first = try ProfileLoader.load(path: path)
    let firstDump = try ProfileDump.text(first)
    for _ in 0..<5 {
      let again = try ProfileLoader.load(path: path)
      #expect(try ProfileDump.text(again) == firstDump)
      let a = first.allocations
      let b = again.allocations
      #expect(a.address == b.address && a.size == b.size && a.callstack == b.callstack && a.tags == b.tags)
      #expect(a.birth == b.birth && a.death == b.death && a.reallocatedFrom == b.reallocatedFrom && a.flags == b.flags)
      #expect(first.snapshots.map(\.allocationSize) == again.snapshots.map(\.allocationSize))
    }
  }

  /// Bytes flipped anywhere in a stream of many chunks: every load either reads or reports an
  /// `MprofError`, and the decoding thread never outlives it.
  @Test func flippedBytesInALongStreamAreReadOrReported() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 40_000)
    let original = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let header = try ProfileLoader.checkHeader(path: path)
    let tokensStart = Int(header.headerSize)
    let tokensEnd = Int(header.tableOffsets.min() ?? UInt64(original.count))
    let bad = scratch.path("flipped.mprof")
    var rng = SplitMix64(seed: 21)
    var reported = 0
    for _ in 0..<80 {
      var bytes = original
      bytes[tokensStart + rng.below(tokensEnd - tokensStart)] ^= UInt8(1 << rng.below(8))
      try Data(bytes).write(to: URL(fileURLWithPath: bad))
      if loadError(bad) != nil { reported += 1 }
    }
    #expect(reported > 0)
  }

  final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [ProfileLoader.Stage] = []
    func add(_ stage: ProfileLoader.Stage) { lock.withLock { list.append(stage) } }
    var stages: [ProfileLoader.Stage] { lock.withLock { list } }
  }
}
