import ProfileModel

/// The capture of another build that the viewer compares with (`--base`): its profile, class
/// groups and callstacks matched with the shown capture's.
public struct BaseCapture: Sendable {
  public let profile: Profile
  public let assignment: GroupAssignment
  /// The file's name, for the filter line.
  public let name: String
  public let matching: CaptureComparison
  /// The base's diff start and end when chosen (`--base-start`, `--base-end`); otherwise the
  /// shown capture's are found in the base by name.
  public let start: SnapshotRef?
  public let end: SnapshotRef?

  /// - Complexity: the matching's, O(frames of both captures).
  public init(
    profile: Profile, assignment: GroupAssignment, name: String, matching shown: Profile, start: SnapshotRef? = nil,
    end: SnapshotRef? = nil
  ) throws {
    self.profile = profile
    self.assignment = assignment
    self.name = name
    self.start = start
    self.end = end
    matching = try CaptureComparison(a: profile, b: shown)
  }

  /// The filter of the shown capture as it applies to the base: the chosen start and end, else
  /// snapshots by description (the first of the same name), a point of the stream at the same
  /// fraction of the capture.
  public func filter(_ filter: FilterState, shown: Profile) -> FilterState {
    var mapped = filter
    mapped.diffStart = start ?? ref(filter.diffStart, shown: shown)
    mapped.diffEnd = end ?? ref(filter.diffEnd, shown: shown)
    mapped.markC = filter.markC.map { ref($0, shown: shown) }
    mapped.markD = filter.markD.map { ref($0, shown: shown) }
    return mapped
  }

  func ref(_ ref: SnapshotRef, shown: Profile) -> SnapshotRef {
    switch ref {
    case .start, .end: return ref
    case .snapshot:
      guard let description = shown.snapshot(ref)?.description,
        let j = profile.snapshots.dropLast().firstIndex(where: { $0.description == description })
      else { return .end }
      return .snapshot(j)
    case .event(let index, let name):
      let fraction = Double(index) / Double(max(shown.end.streamIndex, 1))
      return .event(UInt32((fraction * Double(profile.end.streamIndex)).rounded()), name: name)
    }
  }
}
