/// The frame markers: frame `k` (k ≥ 1) is the stream-index range `streamIndex[k − 1] ..< streamIndex[k]`.
///
/// The list starts with 0 and ends with the final stream index, as in MemoryProfiler2.
public struct FrameTable: Sendable {
  public internal(set) var streamIndex: [UInt32] = [0]
  /// Seconds since the previous frame marker (binary32, as stored).
  public internal(set) var deltaTime: [Float] = [0]

  public var count: Int { streamIndex.count }

  /// The 1-based frame number that contains `index` (the first boundary ≥ it).
  public func frame(containing index: UInt32) -> Int {
    var lo = 0
    var hi = streamIndex.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if streamIndex[mid] < index { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
