import Foundation
import Testing

@testable import ProfileModel

/// MemoryProfiler2's Details view (§3.8): fields from the snapshots, signed differences, levels
/// aligned over both sides.
@Suite struct SnapshotDetailsTests {
  /// Three snapshots: levels A, B loaded; then B, C; then nothing.
  static func levels() throws -> (Profile, ScratchFolder) {
    let scratch = ScratchFolder()
    let path = scratch.path("levels.mprof")
    let w = try MprofWriter(path: path)
    let site = w.callstack(innermostFirst: [w.address(pc: 0x10, function: "f()", file: "f.cpp", line: 1)])
    try w.malloc(pointer: 0x1000, size: 100, callstack: site)
    // From version 4 a snapshot carries the stats of the last stats token before it.
    try w.stats([("Used Physical", 5_000), ("Page Size", 4096)])
    try w.snapshot(.loadMapEnd, label: "/Game/A", levels: ["A", "B"])
    try w.frame(deltaTime: 0.25)
    try w.malloc(pointer: 0x2000, size: 50, callstack: site)
    try w.free(pointer: 0x1000)
    try w.stats([("Used Physical", 4_000), ("Binned Waste Current", 7)])
    try w.snapshot(.gcEnd, label: "", levels: ["B", "C"])
    try w.finish()
    return (try ProfileLoader.load(path: path), scratch)
  }

  @Test func panesHoldTheSnapshotsAndTheirSignedDifference() throws {
    let (p, scratch) = try Self.levels()
    defer { withExtendedLifetime(scratch) {} }
    let d = SnapshotDetails(profile: p, start: .snapshot(0), end: .snapshot(1))
    let (a, b) = (p.snapshots[0], p.snapshots[1])
    #expect(d.start.description == a.description && d.end.description == b.description)
    #expect(d.start.streamIndex == Int64(a.streamIndex) && d.end.frameNumber == Int64(b.frameNumber))
    #expect(d.end.snapshotType == "SUBTYPE_SnapshotMarker_GC_End" && d.start.snapshotIndex == Int64(a.snapshotIndex))
    #expect(d.diff.isDiff && !d.start.isDiff && !d.end.isDiff)
    #expect(d.diff.streamIndex == Int64(b.streamIndex) - Int64(a.streamIndex))
    #expect(d.diff.allocationSize == b.allocationSize - a.allocationSize && d.diff.allocationSize < 0)
    #expect(d.diff.allocationCount == b.allocationCount - a.allocationCount)
    #expect(abs(d.diff.currentTime - Double(b.currentTime - a.currentTime)) < 1e-6)
    // Stats aligned by name over both sides; a stat one side lacks has no difference.
    #expect(d.start.stats.map(\.name) == ["Used Physical", "Page Size", "Binned Waste Current"])
    #expect(d.start.stats.map(\.value) == [5_000, 4096, nil] && d.end.stats.map(\.value) == [4_000, nil, 7])
    #expect(d.diff.stats.map(\.value) == [-1_000, nil, nil])
    // Levels over the union, aligned row by row, the diff marked.
    #expect(d.start.levels == ["A", "B", nil] && d.end.levels == [nil, "B", "C"])
    #expect(d.diff.levels == ["-A", " B", "+C"] && d.diff.levelCount == 0)
    #expect(d.diff.lines.contains("Allocation Size: \(SizeFormat.size(d.diff.allocationSize))"))
    #expect(d.diff.lines.contains("Stream Index: +\(SizeFormat.count(d.diff.streamIndex))"))
    #expect(d.diff.lines.last == "Is Diff Result: True")
    // Panes side by side line up.
    #expect(d.start.lines.count == d.end.lines.count && d.diff.lines.count == d.end.lines.count)
  }

  @Test func withStartTheMiddlePaneIsTheOtherSide() throws {
    let (p, scratch) = try Self.levels()
    defer { withExtendedLifetime(scratch) {} }
    let d = SnapshotDetails(profile: p, start: .start, end: .snapshot(1))
    #expect(!d.start.isPresent && d.start.lines.isEmpty)
    #expect(d.diff.description == p.snapshots[1].description && !d.diff.isDiff)
    #expect(d.diff.lines.last == "Is Diff Result: False")
  }

  /// Every fixture's snapshots, through the Details panes, agree with its truth file.
  @Test(.enabled(if: Fixtures.available, "../shared/fixtures is absent"), arguments: Fixtures.names)
  func fixturesAgreeWithTheirTruth(_ name: String) throws {
    let profile = try ProfileLoader.load(path: Fixtures.path("\(name).mprof"))
    let truth = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("\(name).truth.json"))))
        as? [String: Any])
    let snapshots = try #require(truth["snapshots"] as? [[String: Any]])
    for (i, expected) in snapshots.enumerated() where i + 1 < profile.snapshots.count {
      let pane = SnapshotDetails(profile: profile, start: .snapshot(i), end: .end).start
      #expect(pane.description == expected["description"] as? String)
      #expect(pane.streamIndex == (expected["stream_index"] as? Int).map(Int64.init))
      #expect(pane.frameNumber == (expected["frame_number"] as? Int).map(Int64.init))
      #expect(pane.snapshotType == expected["subtype"] as? String)
      #expect(pane.snapshotIndex == (expected["snapshot_index"] as? Int).map(Int64.init))
      #expect(pane.allocationCount == (expected["allocation_count"] as? Int).map(Int64.init))
      #expect(pane.allocationSize == (expected["allocation_size"] as? Int).map(Int64.init))
    }
  }
}
