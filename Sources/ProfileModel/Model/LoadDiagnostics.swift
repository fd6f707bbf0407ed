/// Things the reader noticed that are not fatal: MemoryProfiler2 logs them and goes on.
public struct LoadDiagnostics: Sendable, Equatable {
  /// Frees (and realloc sources) of pointers that were not live.
  public internal(set) var freesWithoutMalloc = 0
  /// Pointers allocated again while still live.
  public internal(set) var mallocedTwice = 0
  /// Mallocs of the null pointer (ignored).
  public internal(set) var nullMallocs = 0
  /// True when some callstack allocated from more than one pool.
  public internal(set) var multiPoolCallstacks = false
  /// Whether dlmalloc's global realloc-zero pointer was detected.
  public internal(set) var globalReallocZeroPointer = false
  /// Lifecycles that ended (a free, or a realloc by another callstack).
  public internal(set) var completeLifecycles = 0
  /// Reallocs that moved a block from one callstack to another.
  public internal(set) var crossCallstackReallocs = 0
  /// Data files of the capture (the format has no part numbers, so parts out of order show only
  /// as frees and mallocs that do not pair up).
  public internal(set) var dataFiles = 1
  /// Callstacks cut to `CallstackTable.maxFrames` frames.
  public internal(set) var callstacksCutToFrameLimit = 0
  /// Callstacks ended by a negative value other than −1 (end) and −2 (truncated).
  public internal(set) var unusualCallstackTerminators = 0
  /// Tables whose bytes overlap each other (no writer makes them; the file was edited or made by hand).
  public internal(set) var overlappingTables: [String] = []

  /// One line per notable fact, for `info` and the status line.
  public var messages: [String] {
    var lines: [String] = []
    if freesWithoutMalloc > 0 {
      lines.append(
        "\(freesWithoutMalloc) frees of pointers that were not live"
          + (dataFiles > 1
            ? " (in a capture of \(dataFiles) parts this can mean parts are missing or out of order)" : ""))
    }
    if mallocedTwice > 0 { lines.append("\(mallocedTwice) pointers allocated twice without a free") }
    if multiPoolCallstacks {
      lines.append("some callstacks allocate from more than one pool (inlining, or the wrong executable)")
    }
    if globalReallocZeroPointer { lines.append("dlmalloc's global realloc(NULL, 0) pointer detected") }
    if unusualCallstackTerminators > 0 {
      lines.append(
        "\(unusualCallstackTerminators) callstacks end with a negative index other than −1 or −2 (read as −1)")
    }
    lines += overlappingTables
    if callstacksCutToFrameLimit > 0 {
      lines.append(
        "\(callstacksCutToFrameLimit) callstacks had more than \(CallstackTable.maxFrames) frames; "
          + "their outer frames were dropped and they count as truncated")
    }
    return lines
  }
}
