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

  /// The frame position (0 = outermost) that names `callstack`, or `nil` for an empty stack.
  public static func namingFrame(of callstack: Int, in profile: Profile, showContainers: Bool) -> Int? {
    let frames = profile.callstacks.frames(of: callstack)
    guard !frames.isEmpty else { return nil }
    let base = frames.startIndex
    var position = frames.count - 1
    if showContainers { return position }
    func name(_ p: Int) -> String { profile.functions.names[Int(profile.functions.idOfAddress[Int(frames[base + p])])] }
    var scan = frames.count - 1
    while scan > 0 {
      let n = name(scan)
      if !commonNames.contains(where: { n.contains($0) }) {
        position = scan
        break
      }
      scan -= 1
    }
    while position > 0 && allocatorWrappers.contains(name(position)) { position -= 1 }
    return position
  }
}
