/// How to filter an allocator function out of callstacks (MemoryProfiler2's `FilterMode`).
public enum FunctionFilterMode: String, Sendable, CaseIterable {
  case subString = "SubString"
  case startsWith = "StartsWith"
  case endsWith = "EndsWith"
  case regex = "RegEx"
}

/// One allocator-function filter: frames whose function matches are trimmed from the inner end.
public struct FunctionFilter: Sendable, Equatable {
  public var pattern: String
  public var mode: FunctionFilterMode
  public init(pattern: String, mode: FunctionFilterMode) {
    self.pattern = pattern
    self.mode = mode
  }

  /// MemoryProfiler2's six defaults, all "starts with".
  public static let defaults: [FunctionFilter] = [
    "FMallocProfiler::", "FMallocGcmProfiler::", "FMallocPoisonProxy::", "FMemory::",
    "operator new", "FSlateControlledConstruction::",
  ].map { FunctionFilter(pattern: $0, mode: .startsWith) }
}

/// Options that change what the reader builds; MemoryProfiler2's defaults unless set.
public struct LoadOptions: Sendable, Equatable {
  /// Trim allocator frames from the inner end of every callstack (default on).
  public var trimAllocatorFunctions = true
  /// The functions that count as allocator frames.
  public var allocatorFunctions: [FunctionFilter] = FunctionFilter.defaults
  /// Remove UnrealScript VM frames (default off).
  public var filterOutObjectVMFunctions = false
  /// Which automatic snapshot markers (subtypes 21–27) create snapshots; plain markers always do.
  public var enabledSnapshotSubtypes: Set<Int32> = Set(21...27)

  public init() {}
}
