/// Converts stream indices (events) into frames and seconds, from the frame markers.
///
/// Frame `k` ends at frame boundary `k`; a stream index between two boundaries is a fraction of
/// the way through its frame, and its time is interpolated linearly inside the frame.
public struct FrameClock: Sendable {
  /// The frame markers the clock reads.
  public let frames: FrameTable
  /// Frame boundaries (stream indices), starting with 0.
  public var boundaries: [UInt32] { frames.streamIndex }
  /// Seconds elapsed at each boundary (running sum of the frame times).
  public let secondsAtBoundary: [Double]

  /// - Complexity: O(frames).
  public init(frames: FrameTable) {
    self.frames = frames
    var elapsed = 0.0
    var seconds = [Double]()
    seconds.reserveCapacity(frames.deltaTime.count)
    for (k, delta) in frames.deltaTime.enumerated() {
      if k > 0 && delta.isFinite && delta > 0 { elapsed += Double(delta) }
      seconds.append(elapsed)
    }
    secondsAtBoundary = seconds
  }

  /// The frame a stream index belongs to, 1-based as MemoryProfiler2 numbers them.
  ///
  /// 0 only for index 0 with no frame markers. O(log frames).
  public func frame(at index: UInt32) -> Int { frames.frame(containing: index) }

  /// Where in frames a stream index lies.
  ///
  /// Frame `k` spans `(k − 1, k]`. O(log frames).
  public func fractionalFrame(at index: UInt32) -> Double {
    let k = frame(at: index)
    guard k > 0 else { return 0 }
    guard k < boundaries.count else { return Double(boundaries.count - 1) }
    let from = boundaries[k - 1]
    let to = boundaries[k]
    guard to > from else { return Double(k) }
    return Double(k - 1) + Double(index - from) / Double(to - from)
  }

  /// Seconds since the capture started at a stream index.
  ///
  /// O(log frames).
  public func seconds(at index: UInt32) -> Double {
    let k = frame(at: index)
    guard k > 0 else { return 0 }
    guard k < boundaries.count else { return secondsAtBoundary[secondsAtBoundary.count - 1] }
    let from = boundaries[k - 1]
    let to = boundaries[k]
    let start = secondsAtBoundary[k - 1]
    guard to > from else { return secondsAtBoundary[k] }
    return start + (secondsAtBoundary[k] - start) * Double(index - from) / Double(to - from)
  }

  /// The stream index at a fractional frame (the inverse of `fractionalFrame`), clamped to the
  /// frames the capture has.
  ///
  /// O(1).
  public func event(atFractionalFrame frame: Double) -> UInt32 {
    guard boundaries.count > 1, frame.isFinite else { return boundaries.first ?? 0 }
    let clamped = min(max(frame, 0), Double(boundaries.count - 1))
    let k = min(Int(clamped.rounded(.down)), boundaries.count - 2)
    let from = Double(boundaries[k])
    let to = Double(boundaries[k + 1])
    return UInt32((from + (to - from) * (clamped - Double(k))).rounded())
  }

  /// The stream index at a time since the start (the inverse of `seconds(at:)`), clamped to the
  /// capture.
  ///
  /// O(log frames).
  public func event(atSeconds time: Double) -> UInt32 {
    guard boundaries.count > 1, time.isFinite else { return boundaries.first ?? 0 }
    // The first boundary at or after the time, by binary search.
    var lo = 0
    var hi = secondsAtBoundary.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if secondsAtBoundary[mid] < time { lo = mid + 1 } else { hi = mid }
    }
    guard lo > 0 else { return boundaries[0] }
    let start = secondsAtBoundary[lo - 1]
    let span = secondsAtBoundary[lo] - start
    let fraction = span > 0 ? min(max((time - start) / span, 0), 1) : 1
    return event(atFractionalFrame: Double(lo - 1) + fraction)
  }
}
