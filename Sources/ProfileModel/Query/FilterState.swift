/// Everything that decides which rows a view shows.
///
/// A value: views are pure functions of (profile, filter).
public struct FilterState: Sendable, Equatable {
  /// Active allocations (live at the end point) or lifetime ones (made between the points).
  public enum AllocationKind: String, Sendable, CaseIterable {
    case active = "Active"
    case lifetime = "Lifetime"
  }
  public enum SortKey: String, Sendable, CaseIterable {
    case size = "Size"
    case count = "Count"
  }
  /// Whether checked groups, text and tags select rows (in) or remove them (out).
  public enum Mode: String, Sendable, CaseIterable {
    case filterIn = "Filter In"
    case filterOut = "Filter Out"
  }

  public var diffStart: SnapshotRef = .start
  public var diffEnd: SnapshotRef = .end
  public var kind: AllocationKind = .active
  public var sort: SortKey = .size
  public var mode: Mode = .filterIn
  /// Names of the checked class groups; `nil` means every group.
  public var checkedGroups: Set<String>? = nil
  /// Matched against every frame's function name; case-insensitive.
  public var text: String = ""
  /// Treat `text` as a regular expression.
  public var textIsRegex = false
  /// Pools to show (`MemoryPool.flag` bits); applies in both modes.
  public var poolMask: UInt8 = MemoryPool.allMask
  /// Selected tags (full tag names, or `Untagged`); empty selects every allocation.
  public var tags: Set<String> = []

  public init() {}

  /// Whether `other` aggregates the same allocations: same snapshots, kind and tag filter (the
  /// tags, and with tags the in/out mode); the rest of the filter picks callstacks, not
  /// allocations.
  public func selectsSameAllocations(as other: FilterState) -> Bool {
    diffStart == other.diffStart && diffEnd == other.diffEnd && kind == other.kind && tags == other.tags
      && (tags.isEmpty || mode == other.mode)
  }
}
