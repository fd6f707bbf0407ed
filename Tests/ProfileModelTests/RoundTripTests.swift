import Foundation
import Testing

@testable import ProfileModel

/// Writer → reader for every version the writer makes, in both byte orders, and multi-part v4.
@Suite struct RoundTripTests {
  static let layouts: [(UInt32, Bool)] = [
    (4, false), (4, true), (5, false), (5, true), (6, false), (6, true), (7, false), (7, true),
  ]

  /// A small scripted capture whose every number is known.
  static func checkScript(_ p: Profile, version: UInt32, bigEndian: Bool) {
    #expect(p.header.version == version)
    #expect(p.header.isBigEndian == bigEndian)
    #expect(p.tokenCounts.mallocs == 3 && p.tokenCounts.frees == 2 && p.tokenCounts.reallocs == 1)
    #expect(p.snapshots.map(\.description) == ["Snapshot 0: One", "LoadMap Start 0: /Game/Maps/X", "End"])
    #expect(p.snapshots.map(\.streamIndex) == [3, 7, 10])
    #expect(p.frames.streamIndex == [0, 6, 10])
    #expect(p.end.currentTime == 0.5 && p.end.frameNumber == 3)
    #expect(p.snapshots[0].allocationCount == 2 && p.snapshots[0].allocationSize == 96)
    #expect(
      p.snapshots[0].stats == [
        StatValue(name: "Used Physical", value: 1000), StatValue(name: "Memory Profiling Overhead", value: 4096),
      ])
    #expect(p.end.stats == [StatValue(name: "Memory Profiling Overhead", value: 8192)])
    #expect(p.names[Int(p.snapshots[0].loadedLevels.first ?? -1)] == "/Game/Maps/X")
    #expect(p.totals.endActiveSize == [10, 128] && p.totals.endActiveCount == [1, 1])
    #expect(p.totals.lifetimeSize == [74, 160] && p.totals.lifetimeCount == [2, 2])
    #expect(p.totals.maxSize == [64, 160] && p.totals.latestSize == [10, 128])
    #expect(p.diagnostics.freesWithoutMalloc == 1 && p.diagnostics.crossCallstackReallocs == 1)
    #expect(p.callstacks.isTruncated == [false, true])
    // FMemory:: is trimmed; frames are outermost first.
    #expect(p.callstacks.frames(of: 0).map { p.functionName(address: Int($0)) } == ["main", "AllocThing()"])
    #expect(p.allocations.reallocatedFrom == [-1, -1, 0, -1])
    #expect(p.allocations.end(0) == .reallocated && p.allocations.end(1) == .freed && p.allocations.end(2) == .live)
    if version >= 7 {
      #expect(p.tagSets.map(\.raw) == ["Asset:Textures/World;"] && p.allocations.tags[2] == 0)
    }
    if version >= 6 { #expect(p.metadata.first?.key == "SelfFile" && p.metadata.first?.value == "/bin/Game") }
  }

  @Test(arguments: layouts)
  func scriptRoundTrips(version: UInt32, bigEndian: Bool) throws {
    let scratch = ScratchFolder()
    let path = scratch.path("script.mprof")
    try Captures.writeScript(to: path, version: version, bigEndian: bigEndian)
    Self.checkScript(try ProfileLoader.load(path: path), version: version, bigEndian: bigEndian)
  }

  @Test func multiPartVersion4RoundTrips() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("parts.mprof")
    try Captures.writeScript(to: path, version: 4, bigEndian: false, splitBytes: 600)
    let p = try ProfileLoader.load(path: path)
    #expect(p.header.numDataFiles > 1)
    #expect(p.partSizes.count == Int(p.header.numDataFiles))
    #expect(FileManager.default.fileExists(atPath: scratch.path("parts.m1")))
    let parts = try ProfileLoader.partPaths(path: path)
    #expect(parts == [path] + (1..<Int(p.header.numDataFiles)).map { scratch.path("parts.m\($0)") })
    #expect(try parts.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? UInt64 } == p.partSizes)
    // End-of-file markers take stream indices, so only the totals are compared here.
    #expect(p.totals.endActiveSize == [10, 128] && p.totals.lifetimeCount == [2, 2])
    #expect(p.tokenCounts.others[TokenSubtype.endOfFile.rawValue] == Int(p.header.numDataFiles) - 1)
  }

  /// The format numbers no part: parts swapped on disk read as a stream whose frees and
  /// mallocs do not pair up, and the diagnostic says what that can mean.
  @Test func swappedPartsAreNamedInTheDiagnostics() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("parts.mprof")
    var configuration = DemoCapture.Configuration()
    configuration.operations = 3_000
    configuration.writer.version = 4
    configuration.writer.splitBytes = 8_192
    try DemoCapture.write(to: path, configuration: configuration)
    let parts = try ProfileLoader.partPaths(path: path)
    #expect(parts.count > 3)
    try FileManager.default.moveItem(atPath: parts[1], toPath: parts[1] + ".x")
    try FileManager.default.moveItem(atPath: parts[2], toPath: parts[1])
    try FileManager.default.moveItem(atPath: parts[1] + ".x", toPath: parts[2])
    let profile = try ProfileLoader.load(path: path)
    #expect(profile.diagnostics.messages.contains { $0.contains("parts are missing or out of order") })
  }

  @Test func missingPartIsReported() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("parts.mprof")
    try Captures.writeScript(to: path, version: 4, bigEndian: false, splitBytes: 600)
    try FileManager.default.removeItem(atPath: scratch.path("parts.m1"))
    let total = Int(try ProfileLoader.checkHeader(path: path).numDataFiles)
    #expect(loadError(path) == .missingPart(path: scratch.path("parts.m1"), part: 1, of: total))
    #expect(
      "\(MprofError.missingPart(path: "x.m1", part: 1, of: 3))"
        == "x.m1: part 1 is missing: the header announces 3 data files (this file and 2 numbered parts beside it)")
    // A directory in its place is named as such.
    try FileManager.default.createDirectory(atPath: scratch.path("parts.m1"), withIntermediateDirectories: false)
    #expect(
      loadError(path) == .cannotOpen(path: scratch.path("parts.m1"), reason: "is a directory, not a capture file"))
  }

  /// The demo capture reads the same in every version and byte order.
  @Test func demoCaptureIsTheSameInEveryLayout() throws {
    let scratch = ScratchFolder()
    var results: [String] = []
    for (version, bigEndian) in [(7, false), (7, true), (6, false), (5, true), (4, false)] as [(UInt32, Bool)] {
      var c = DemoCapture.Configuration()
      c.operations = 20_000
      c.writer.version = version
      c.writer.bigEndian = bigEndian
      if version == 4 { c.writer.splitBytes = 100_000 }
      let path = scratch.path("demo-\(version)-\(bigEndian).mprof")
      try DemoCapture.write(to: path, configuration: c)
      let p = try ProfileLoader.load(path: path)
      #expect(p.tokenCounts.memoryOperations >= 20_000)
      #expect(p.snapshots.count >= 12, "\(p.snapshots.map(\.description))")
      #expect(
        p.snapshots.first?.description == "Snapshot 0: Start"
          && p.snapshots.contains { $0.description == "LoadMap End 2: /Game/Maps/Docks" })
      #expect(!p.diagnostics.multiPoolCallstacks && p.diagnostics.freesWithoutMalloc == 0)
      let totals = p.totals
      results.append(
        "\(totals.endActiveSize) \(totals.lifetimeCount) \(p.snapshots.map(\.description)) \(p.snapshots.map(\.allocationSize))"
      )
    }
    #expect(Set(results).count == 1)
  }
}
