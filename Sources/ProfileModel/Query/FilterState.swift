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
  /// Selected pools (`MemoryPool.flag` bits): shown in Filter In, removed in Filter Out, as
  /// MemoryProfiler2 does.
  public var poolMask: UInt8 = MemoryPool.allMask
  /// Selected tags (full tag names, or `Untagged`); empty selects every allocation.
  public var tags: Set<String> = []
  /// Unreal Insights' query rule over the markers, or `nil` for MemoryProfiler2's selection.
  ///
  /// Without a rule: active or lifetime between the diff points. Under a rule the diff start and end are
  /// markers A and B and `kind` is not used.
  public var rule: QueryRule? = nil
  /// Markers C and D, for the rules that read them.
  public var markC: SnapshotRef? = nil
  public var markD: SnapshotRef? = nil
  /// Comparing two builds: only the stacks that grew (pprof's `-drop_negative`).
  public var growthOnly = false
  /// Comparing two builds: the shown build's figures scaled to the base's total (pprof's
  /// `-normalize`).
  public var normalize = false

  public init() {}

  /// The marker references in order A, B, C, D (C and D when set).
  public var markerRefs: [SnapshotRef] {
    [diffStart, diffEnd] + (markC.map { [$0] + (markD.map { [$0] } ?? []) } ?? [])
  }

  /// The filter with `mode`, selections at their defaults moved to the new mode's.
  ///
  /// Filter In selects the groups whose `bFilter` is set and every pool; Filter Out starts with
  /// nothing selected (no group, no pool), so it removes only what the user checks. One rule for
  /// the viewer and `report`; a selection made by hand is kept when the mode changes.
  public func switching(to newMode: Mode, assignment: GroupAssignment) -> FilterState {
    var result = self
    let defaults = FilterState.defaults(for: mode, groups: assignment.groups)
    let next = FilterState.defaults(for: newMode, groups: assignment.groups)
    result.mode = newMode
    if checkedGroups == defaults.checkedGroups { result.checkedGroups = next.checkedGroups }
    if poolMask == defaults.poolMask { result.poolMask = next.poolMask }
    return result
  }

  /// The selections a mode starts from (see `switching(to:assignment:)`).
  public static func defaults(for mode: Mode, assignment: GroupAssignment) -> FilterState {
    defaults(for: mode, groups: assignment.groups)
  }

  /// The selections a mode starts from, for the groups of `GroupAssignment.groupList`.
  public static func defaults(for mode: Mode, groups: [ClassGroup]) -> FilterState {
    var f = FilterState()
    f.mode = mode
    switch mode {
    case .filterIn:
      let checked = groups.filter(\.isFiltered).map(\.name)
      f.checkedGroups = checked.count == groups.count ? nil : Set(checked)
      f.poolMask = MemoryPool.allMask
    case .filterOut:
      f.checkedGroups = []
      f.poolMask = 0
    }
    return f
  }

  /// Whether `other` aggregates the same allocations: same snapshots, kind and tag filter (the
  /// tags, and with tags the in/out mode); the rest of the filter picks callstacks, not
  /// allocations.
  public func selectsSameAllocations(as other: FilterState) -> Bool {
    diffStart == other.diffStart && diffEnd == other.diffEnd && kind == other.kind && tags == other.tags
      && (tags.isEmpty || mode == other.mode) && rule == other.rule
      && (rule == nil || (markC == other.markC && markD == other.markD))
  }
}
