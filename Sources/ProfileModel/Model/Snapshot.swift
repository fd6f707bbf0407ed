/// A point in the stream where the state was recorded: a named marker, or the implicit `End`.
///
/// No per-callstack data is copied: active and lifetime lists are queries over the allocation
/// table at `streamIndex` (see `Profile.active(at:)`).
public struct Snapshot: Sendable, Equatable {
  /// MemoryProfiler2's description, for example `LoadMap Start 1: /Game/Maps/Canyon` or `End`.
  public var description: String
  /// The marker subtype; `.snapshot` for `End`.
  public var subtype: TokenSubtype
  /// Counts every snapshot-type marker seen before this one (0 for `End`).
  public var snapshotIndex: Int
  /// Stream index of the marker (the final stream index for `End`).
  public var streamIndex: UInt32
  /// Length of the frame list when the snapshot was taken.
  public var frameNumber: Int
  /// Sum of frame deltas so far (binary32, as MemoryProfiler2 accumulates it).
  public var currentTime: Float
  /// Time since the previous snapshot.
  public var elapsedTime: Float
  /// Memory operations handled so far (a realloc counts twice).
  public var allocationCount: Int64
  /// Running live bytes as MemoryProfiler2 keeps them.
  public var allocationSize: Int64
  /// Peak of `allocationSize` within the current 500,000-operation slice.
  public var allocationMaxSize: Int64
  /// How many rows of the allocation table existed at this point (the lifetime prefix).
  public var allocationRows: Int
  /// Memory stats: (name, value) in file order.
  public var stats: [StatValue]
  /// Name-table indices of the loaded levels listed in the marker's trailer.
  public var loadedLevels: [Int32]
  /// The v3 platform metrics.
  public var metrics: [Int64]
  /// True for the implicit final snapshot.
  public var isEnd: Bool
}

/// One memory stat value.
public struct StatValue: Sendable, Equatable {
  public var name: String
  public var value: Int64
  public init(name: String, value: Int64) {
    self.name = name
    self.value = value
  }
}
