/// Every callstack as a run of address indices in one flat array, outermost frame first (the
/// order MemoryProfiler2 shows them in), after allocator trimming.
public struct CallstackTable: Sendable {
  /// `frameStart[i] ..< frameStart[i + 1]` are callstack `i`'s frames in `frames`.
  public internal(set) var frameStart: [Int32] = [0]
  /// Address indices, outermost first.
  public internal(set) var frames: [Int32] = []
  /// True when the stack was cut at the capture's depth limit (the −2 terminator).
  public internal(set) var isTruncated: [Bool] = []
  /// For virtual callstacks made by UE3 script decoding: the file callstack they derive from.
  public internal(set) var original: [Int32] = []
  /// How many callstacks come from the file's table; later ones are virtual.
  public internal(set) var fileCallstackCount = 0
  /// Callstacks longer than `maxFrames`, cut to their innermost `maxFrames` frames.
  public internal(set) var cutToFrameLimit = 0

  /// The most frames a callstack keeps: the engine writes at most 75, so only a damaged or
  /// hostile capture has more; the outer frames beyond it are dropped and the stack is marked
  /// truncated.
  public static let maxFrames = 4_096

  public var count: Int { isTruncated.count }

  /// The address indices of callstack `index`, outermost first.
  public func frames(of index: Int) -> ArraySlice<Int32> {
    frames[Int(frameStart[index])..<Int(frameStart[index + 1])]
  }

  /// Number of frames of callstack `index`.
  public func depth(of index: Int) -> Int {
    Int(frameStart[index + 1] - frameStart[index])
  }

  mutating func append<S: Sequence>(frames newFrames: S, truncated: Bool, original: Int32)
  where S.Element == Int32 {
    frames.append(contentsOf: newFrames)
    frameStart.append(Int32(frames.count))
    isTruncated.append(truncated)
    self.original.append(original)
  }
}
