/// MemoryProfiler2's Details view (§3.8): the diff start, the diff end and their difference,
/// field by field — description, stream index, frame, times, type, index, loaded levels (aligned
/// over both), every memory stat, allocation count, size and max size.
///
/// Differences keep their sign. When one side is `Start` the middle pane is the other side
/// itself, as MemoryProfiler2's "current snapshot" is.
public struct SnapshotDetails: Sendable, Equatable {
  /// One pane: a snapshot, or the difference of two.
  public struct Pane: Sendable, Equatable {
    public var title: String
    /// False for the `Start` pane (nothing to show) .
    public var isPresent: Bool
    public var description: String
    public var streamIndex: Int64
    public var frameNumber: Int64
    public var currentTime: Double
    public var elapsedTime: Double
    /// MemoryProfiler2's subtype name (`SUBTYPE_SnapshotMarker_GC_End`); empty for a diff.
    public var snapshotType: String
    public var snapshotIndex: Int64
    /// Level rows, aligned across the three panes: a name, or nil for a blank row.
    ///
    /// In the diff pane each name starts with `+` (newly loaded), `-` (unloaded) or a space (both).
    public var levels: [String?]
    /// How many levels the snapshot had loaded (the diff: end's count − start's).
    public var levelCount: Int
    /// Stats by name, aligned across the panes (nil where a side does not have the stat).
    public var stats: [(name: String, value: Int64?)]
    public var allocationCount: Int64
    public var allocationSize: Int64
    public var allocationMaxSize: Int64
    public var isDiff: Bool

    public static func == (a: Pane, b: Pane) -> Bool {
      a.title == b.title && a.isPresent == b.isPresent && a.description == b.description
        && a.streamIndex == b.streamIndex && a.frameNumber == b.frameNumber && a.currentTime == b.currentTime
        && a.elapsedTime == b.elapsedTime && a.snapshotType == b.snapshotType && a.snapshotIndex == b.snapshotIndex
        && a.levels == b.levels && a.levelCount == b.levelCount && a.stats.map(\.name) == b.stats.map(\.name)
        && a.stats.map(\.value) == b.stats.map(\.value) && a.allocationCount == b.allocationCount
        && a.allocationSize == b.allocationSize && a.allocationMaxSize == b.allocationMaxSize && a.isDiff == b.isDiff
    }
  }

  public let start: Pane
  public let diff: Pane
  public let end: Pane

  /// The three panes for a diff start and end.
  ///
  /// - Complexity: O(stats + levels of the two snapshots).
  public init(profile: Profile, start: SnapshotRef, end: SnapshotRef) {
    self.init(startIn: profile, start: start, endIn: profile, end: end)
  }

  /// The panes for a start in one capture and an end in another (two builds compared: the base's
  /// snapshot, the difference, the shown capture's), titled `startTitle` and `endTitle`.
  ///
  /// - Complexity: O(stats + levels of the two snapshots).
  public init(
    startIn startProfile: Profile, start: SnapshotRef, endIn endProfile: Profile, end: SnapshotRef,
    startTitle: String = "Start", endTitle: String = "End"
  ) {
    let a = startProfile.snapshot(start)
    let b = endProfile.snapshot(end)
    func levelNames(_ s: Snapshot?, _ profile: Profile) -> [String] {
      (s?.loadedLevels ?? []).map { Int($0) >= 0 && Int($0) < profile.names.count ? profile.names[Int($0)] : "?" }
    }
    let startLevels = levelNames(a, startProfile)
    let endLevels = levelNames(b, endProfile)
    // Rows over the union of both level lists: start's order, then levels only loaded at end.
    var rows = startLevels
    for name in endLevels where !rows.contains(name) { rows.append(name) }
    let statNames = Self.union(a?.stats.map(\.name) ?? [], b?.stats.map(\.name) ?? [])

    func pane(_ s: Snapshot?, title: String, levels: [String]) -> Pane {
      guard let s else {
        return Pane(
          title: title, isPresent: false, description: "", streamIndex: 0, frameNumber: 0, currentTime: 0,
          elapsedTime: 0, snapshotType: "", snapshotIndex: 0, levels: rows.map { _ in nil }, levelCount: 0,
          stats: statNames.map { ($0, nil) }, allocationCount: 0, allocationSize: 0, allocationMaxSize: 0,
          isDiff: false)
      }
      let byName = Dictionary(s.stats.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
      return Pane(
        title: title, isPresent: true, description: s.description, streamIndex: Int64(s.streamIndex),
        frameNumber: Int64(s.frameNumber), currentTime: Double(s.currentTime), elapsedTime: Double(s.elapsedTime),
        snapshotType: s.subtype.enumName, snapshotIndex: Int64(s.snapshotIndex),
        levels: rows.map { levels.contains($0) ? $0 : nil }, levelCount: levels.count,
        stats: statNames.map { ($0, byName[$0]) }, allocationCount: s.allocationCount,
        allocationSize: s.allocationSize, allocationMaxSize: s.allocationMaxSize, isDiff: false)
    }
    let startPane = pane(a, title: startTitle, levels: startLevels)
    let endPane = pane(b, title: endTitle, levels: endLevels)
    self.start = startPane
    self.end = endPane
    switch (a, b) {
    case (nil, _):
      diff = Pane(
        title: "Diff", isPresent: endPane.isPresent, description: endPane.description, streamIndex: endPane.streamIndex,
        frameNumber: endPane.frameNumber, currentTime: endPane.currentTime, elapsedTime: endPane.elapsedTime,
        snapshotType: endPane.snapshotType, snapshotIndex: endPane.snapshotIndex, levels: endPane.levels,
        levelCount: endPane.levelCount, stats: endPane.stats, allocationCount: endPane.allocationCount,
        allocationSize: endPane.allocationSize, allocationMaxSize: endPane.allocationMaxSize, isDiff: false)
    case (_, nil):
      var only = startPane
      only.title = "Diff"
      diff = only
    case (let a?, let b?):
      let startStats = Dictionary(a.stats.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
      let endStats = Dictionary(b.stats.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
      diff = Pane(
        title: "Diff", isPresent: true, description: "\(a.description) → \(b.description)",
        streamIndex: Int64(b.streamIndex) - Int64(a.streamIndex), frameNumber: Int64(b.frameNumber - a.frameNumber),
        currentTime: Double(b.currentTime) - Double(a.currentTime),
        elapsedTime: Double(b.elapsedTime) - Double(a.elapsedTime), snapshotType: "",
        snapshotIndex: Int64(b.snapshotIndex - a.snapshotIndex),
        levels: rows.map { name in
          switch (startLevels.contains(name), endLevels.contains(name)) {
          case (true, true): return " " + name
          case (false, true): return "+" + name
          default: return "-" + name
          }
        },
        levelCount: endLevels.count - startLevels.count,
        stats: statNames.map { name in
          guard let x = startStats[name], let y = endStats[name] else { return (name, nil) }
          return (name, y &- x)
        },
        allocationCount: b.allocationCount - a.allocationCount, allocationSize: b.allocationSize - a.allocationSize,
        allocationMaxSize: b.allocationMaxSize - a.allocationMaxSize, isDiff: true)
    }
  }

  /// `first` in order, then the names only `second` has, in its order.
  static func union(_ first: [String], _ second: [String]) -> [String] {
    var result: [String] = []
    for name in first + second where !result.contains(name) { result.append(name) }
    return result
  }

  /// The three panes in screen order.
  public var panes: [Pane] { [start, diff, end] }
}

extension SnapshotDetails.Pane {
  /// The pane as MemoryProfiler2 writes it, one line each (levels and stats indented by two spaces); differences carry
  /// their sign.
  ///
  /// Empty for a pane with nothing to show.
  ///
  /// Every pane has the same number of lines for the same details, so panes side by side line up.
  public var lines: [String] {
    guard isPresent else { return [] }
    func number(_ n: Int64) -> String { (isDiff && n > 0 ? "+" : "") + SizeFormat.count(n) }
    func size(_ n: Int64) -> String { (isDiff && n > 0 ? "+" : "") + SizeFormat.size(n) }
    func seconds(_ x: Double) -> String { (isDiff && x > 0 ? "+" : "") + SizeFormat.grouped(x, decimals: 3) + " s" }
    var out = [
      "Description: \(SafeText.terminal(description))",
      "Stream Index: \(number(streamIndex))",
      "Frame Number: \(number(frameNumber))",
      "Current Time: \(seconds(currentTime))",
      "Elapsed Time: \(seconds(elapsedTime))",
      "Snapshot Type: \(isDiff ? "(difference)" : snapshotType)",
      "Snapshot Index: \(number(snapshotIndex))",
      "Loaded Levels: \(number(Int64(levelCount)))",
    ]
    out += levels.map { "  " + SafeText.terminal($0 ?? "") }
    out.append("Memory Allocation Stats:")
    out += stats.map { "  \(SafeText.terminal($0.name)): " + ($0.value.map(size) ?? "-") }
    out += [
      "Allocation Count: \(number(allocationCount))",
      "Allocation Size: \(size(allocationSize))",
      "Allocation Max Size: \(size(allocationMaxSize))",
      "Is Diff Result: \(isDiff ? "True" : "False")",
    ]
    return out
  }
}
