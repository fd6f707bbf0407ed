/// Per-callstack figures gathered during the token pass (indexed by callstack).
public struct CallstackTotals: Sendable {
  /// Live bytes and blocks at the end of the capture.
  public internal(set) var endActiveSize: [Int64] = []
  public internal(set) var endActiveCount: [Int64] = []
  /// Every allocation event over the whole capture.
  public internal(set) var lifetimeSize: [Int64] = []
  public internal(set) var lifetimeCount: [Int64] = []
  /// Live bytes as MemoryProfiler2's lifecycle tracking sees them: the final value and the peak.
  public internal(set) var latestSize: [Int64] = []
  public internal(set) var maxSize: [Int64] = []
  /// Union of the pools the callstack allocated from (`MemoryPool.flag` bits).
  public internal(set) var poolMask: [UInt8] = []

}
