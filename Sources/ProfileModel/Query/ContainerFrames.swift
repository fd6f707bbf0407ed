/// MemoryProfiler2's "containers" rule (§3.2): which frame names a callstack in the Exclusive
/// view when containers are hidden.
public enum ContainerFrames {
  /// Function names containing any of these are containers.
  public static let commonNames = [
    "operator new<", "operator<<", ">::", "FString::operator=", "FStringNoInit::operator=", "FString::FString",
    "FBestFitAllocator::", "FHeapAllocator::", "appMalloc", "appRealloc",
  ]
  /// After the scan, step outward past frames named exactly one of these.
  public static let allocatorWrappers: Set<String> = [
    "appMalloc", "appMalloc(unsigned long, unsigned long)", "appRealloc",
    "appRealloc(void*, unsigned long, unsigned long)", "appPhysicalAlloc", "operator<<",
  ]

  /// Classifies each function once (byte searches, cached per function id), so naming every
  /// callstack of a view costs one lookup per frame.
  public struct Classifier {
    private let profile: Profile
    /// Per function: 0 not yet known, bit 1 known, bit 2 container, bit 4 allocator wrapper.
    private var verdicts: [UInt8]

    public init(profile: Profile) {
      self.profile = profile
      verdicts = [UInt8](repeating: 0, count: profile.functions.count)
    }

    private mutating func verdict(_ function: Int) -> UInt8 {
      let known = verdicts[function]
      if known != 0 { return known }
      let name = profile.functions.names[function]
      let bytes = Array(name.utf8)
      var v: UInt8 = 1
      if ContainerFrames.needles.contains(where: { FrameMatcher.contains(bytes, $0) }) { v |= 2 }
      if ContainerFrames.allocatorWrappers.contains(name) { v |= 4 }
      verdicts[function] = v
      return v
    }

    /// The function that names `callstack` (its naming frame's), or `nil` for an empty stack.
    public mutating func namingFunction(of callstack: Int, showContainers: Bool) -> String? {
      guard let position = namingFrame(of: callstack, showContainers: showContainers),
        let address = profile.callstacks.frames(of: callstack).dropFirst(position).first
      else { return nil }
      return profile.functions.names[Int(profile.functions.idOfAddress[Int(address)])]
    }

    /// The frame position (0 = outermost) that names `callstack`, or `nil` for an empty stack.
    public mutating func namingFrame(of callstack: Int, showContainers: Bool) -> Int? {
      let frames = profile.callstacks.frames(of: callstack)
      guard !frames.isEmpty else { return nil }
      let base = frames.startIndex
      var position = frames.count - 1
      if showContainers { return position }
      func function(_ p: Int) -> Int { Int(profile.functions.idOfAddress[Int(frames[base + p])]) }
      var scan = frames.count - 1
      while scan > 0 {
        if verdict(function(scan)) & 2 == 0 {
          position = scan
          break
        }
        scan -= 1
      }
      while position > 0 && verdict(function(position)) & 4 != 0 { position -= 1 }
      return position
    }
  }

  private static let needles = commonNames.map { Array($0.utf8) }
}
