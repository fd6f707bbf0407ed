import Foundation
import Testing

@testable import ProfileModel

/// Damaged files give one clear error, never a crash, a hang or a runaway allocation.
@Suite struct BadInputTests {
  static func scriptBytes() throws -> [UInt8] {
    let scratch = ScratchFolder()
    let path = scratch.path("s.mprof")
    try Captures.writeScript(to: path, version: 7, bigEndian: false)
    return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  @Test func truncationAtEveryPointIsAnError() throws {
    let bytes = try Self.scriptBytes()
    let scratch = ScratchFolder()
    let path = scratch.path("t.mprof")
    for length in 0..<bytes.count {
      try Data(bytes[0..<length]).write(to: URL(fileURLWithPath: path))
      let error = loadError(path)
      #expect(error != nil, "loading \(length) of \(bytes.count) bytes succeeded")
      if let error { #expect(error.description.hasPrefix(path), "\(error)") }
    }
  }

  @Test(.enabled(if: Fixtures.available, "../shared/fixtures is absent"))
  func truncatedFixturesAreErrors() throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("tiny.mprof"))))
    let scratch = ScratchFolder()
    let path = scratch.path("t.mprof")
    var rng = SplitMix64(seed: 7)
    for _ in 0..<150 {
      let length = rng.below(bytes.count)
      try Data(bytes[0..<length]).write(to: URL(fileURLWithPath: path))
      #expect(loadError(path) != nil, "truncated at \(length)")
    }
  }

  @Test func flippedBytesNeverCrash() throws {
    let original = try Self.scriptBytes()
    let scratch = ScratchFolder()
    let path = scratch.path("f.mprof")
    var rng = SplitMix64(seed: 11)
    for _ in 0..<400 {
      var bytes = original
      for _ in 0..<(1 + rng.below(3)) { bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8)) }
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      // Either it still reads, or it says why; the process must survive either way.
      _ = try? ProfileLoader.load(path: path)
    }
  }

  @Test(.enabled(if: Fixtures.available, "../shared/fixtures is absent"))
  func flippedFixtureBytesNeverCrash() throws {
    let original = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("v5.mprof"))))
    let scratch = ScratchFolder()
    let path = scratch.path("f.mprof")
    var rng = SplitMix64(seed: 12)
    for _ in 0..<60 {
      var bytes = original
      bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8))
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      _ = try? ProfileLoader.load(path: path)
    }
  }

  @Test func hugeCountsAreRejectedWithoutAllocating() throws {
    var bytes = try Self.scriptBytes()
    let scratch = ScratchFolder()
    let path = scratch.path("h.mprof")
    // Name count (offset 295) and callstack count (offset 327) set to 2^40.
    for offset in [295, 311, 327, 343, 359, 279] {
      var copy = bytes
      withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { for i in 0..<8 { copy[offset + i] = $0[i] } }
      try Data(copy).write(to: URL(fileURLWithPath: path))
      let error = loadError(path)
      guard case .invalidValue(_, _, let message)? = error else {
        Issue.record("offset \(offset): \(String(describing: error))")
        continue
      }
      #expect(message.contains("claims"), "\(message)")
    }
    // A snapshot's label index out of range.
    bytes = try Self.scriptBytes()
    // The first snapshot token is at 626 + 20 + 16+25 + 20; its payload follows word and subtype.
    let snapshotOffset = 626 + 20 + (16 + 1 + 24) + 20
    withUnsafeBytes(of: UInt32(9999).littleEndian) { for i in 0..<4 { bytes[snapshotOffset + 12 + i] = $0[i] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(loadError(path)?.description.contains("label name index below") == true)
  }

  @Test func wrongMagicVersionAndMissingFile() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("x.mprof")
    try Data([1, 2, 3, 4, 5, 6, 7, 8, 9]).write(to: URL(fileURLWithPath: path))
    #expect(loadError(path) == .badMagic(path: path, found: 0x0403_0201))
    var b = CaptureBytes()
    b.u32(0xDA15_F7D8)
    b.u32(9)
    try b.write(to: path)
    #expect(loadError(path) == .unsupportedVersion(path: path, version: 9))
    #expect(loadError(scratch.path("none.mprof"))?.description.contains("cannot open") == true)
    #expect(loadError(scratch.url.path)?.description.contains("directory") == true)
  }

  @Test func the2007LayoutIsNamed() throws {
    // v2a: magic, version 2, platform, BackTraceDepth 50, six table fields; 40 bytes.
    var b = CaptureBytes()
    b.u32(0xDA15_F7D8)
    b.u32(2)
    b.u32(1)
    b.u32(50)
    for _ in 0..<6 { b.u32(0xFFFF_0000) }
    let scratch = ScratchFolder()
    try b.write(to: scratch.path("a.mprof"))
    #expect(loadError(scratch.path("a.mprof"))?.description.contains("2007 (v2a) layout") == true)
  }

  @Test func outOfRangeIndicesInTokens() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("i.mprof")
    var bytes = try Self.scriptBytes()
    // First token: malloc at 626; callstack index at +8.
    withUnsafeBytes(of: Int32(77).littleEndian) { for i in 0..<4 { bytes[626 + 8 + i] = $0[i] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(
      loadError(path) == .invalidValue(path: path, offset: 626, message: "expected a callstack index below 2, found 77")
    )
    bytes = try Self.scriptBytes()
    withUnsafeBytes(of: Int32(5).littleEndian) { for i in 0..<4 { bytes[626 + 12 + i] = $0[i] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(
      loadError(path) == .invalidValue(path: path, offset: 626, message: "expected a tags index from −1 to 0, found 5"))
    bytes = try Self.scriptBytes()
    // Unknown subtype in the stats token after the first malloc.
    withUnsafeBytes(of: Int32(44).littleEndian) { for i in 0..<4 { bytes[646 + 8 + i] = $0[i] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(loadError(path)?.description.contains("expected a marker subtype") == true)
  }

  /// Issue 9's misleading messages, each now naming what really happened.
  @Test func messagesSayWhatHappened() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("s.mprof")
    let bytes = try Self.scriptBytes()
    // A header cut inside the platform name: the file ends early (255 is a fine length).
    try Data(bytes[0..<40]).write(to: URL(fileURLWithPath: path))
    #expect(
      loadError(path)?.description == "\(path): offset 12: file ends early, expected the 255 bytes of the platform name"
    )
    // No end-of-stream token: the stream runs into the tables.
    var c = MprofWriter.Configuration()
    c.writesEndOfStream = false
    let w = try MprofWriter(path: path, configuration: c)
    let site = w.address(pc: 0x1000, function: "main", file: "m.cpp", line: 1)
    try w.malloc(pointer: 0x10_0000, size: 64, callstack: w.callstack(innermostFirst: [site]))
    try w.finish()
    let header = try ProfileLoader.checkHeader(path: path)
    let tables = header.tableOffsets.min() ?? 0
    #expect(
      loadError(path)?.description
        == "\(path): offset \(tables): the token stream runs into the tables at offset \(tables) without an "
        + "end-of-stream token (expected a token)")
  }

  /// Tables that overlap and callstacks with odd terminators are read as MemoryProfiler2 reads
  /// them, and said so.
  @Test func oddTablesAreNamedInDiagnostics() throws {
    let bytes = try Self.scriptBytes()
    let scratch = ScratchFolder()
    let path = scratch.path("o.mprof")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let header = try ProfileLoader.checkHeader(path: path)
    // The callstack table's first terminator (−1, after the three indices of callstack 0) becomes −7.
    var edited = bytes
    let at = Int(header.callstackTableOffset) + 4 + 12
    edited.replaceSubrange(at..<at + 4, with: [0xF9, 0xFF, 0xFF, 0xFF])
    try Data(edited).write(to: URL(fileURLWithPath: path))
    let odd = try ProfileLoader.load(path: path)
    #expect(
      odd.diagnostics.messages.contains("1 callstacks end with a negative index other than −1 or −2 (read as −1)"))
    // The tags table pointed at the name table: both are read from the same bytes.
    edited = bytes
    let tagsField = try #require(Self.headerFieldOffset(bytes, value: header.tagsTableOffset))
    withUnsafeBytes(of: header.nameTableOffset.littleEndian) {
      edited.replaceSubrange(tagsField..<tagsField + 8, with: $0)
    }
    try Data(edited).write(to: URL(fileURLWithPath: path))
    let overlapping = try ProfileLoader.load(path: path)
    #expect(
      overlapping.diagnostics.messages.contains {
        $0.contains("the name table (offsets") && $0.contains("overlaps the tags table")
      })
  }

  /// Where a 64-bit little-endian value first appears in the header (its field).
  static func headerFieldOffset(_ bytes: [UInt8], value: UInt64) -> Int? {
    let needle = withUnsafeBytes(of: value.littleEndian) { Array($0) }
    return (0..<min(bytes.count, 2_000) - 8).first { Array(bytes[$0..<$0 + 8]) == needle }
  }
}
