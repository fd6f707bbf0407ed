/// A timeline sample, taken every 500,000 memory operations as MemoryProfiler2 does.
public struct MemorySlice: Sendable, Equatable {
  /// Memory operations handled when the sample was taken.
  public var allocationCount: Int64
  /// Stream index of the token that completed the slice.
  public var streamIndex: UInt32
  public var usedPhysical: Int64
  public var binnedWasteCurrent: Int64
  public var binnedUsedCurrent: Int64
  public var binnedSlackCurrent: Int64
  public var memoryProfilingOverhead: Int64
  /// Running live bytes.
  public var allocationSize: Int64

  /// Operations per slice (MemoryProfiler2's `AllocationsPerSlice`).
  public static let operationsPerSlice: Int64 = 500_000
}
