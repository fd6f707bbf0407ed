/// How many tokens of each kind the stream held.
public struct TokenCounts: Sendable, Equatable {
  public internal(set) var mallocs = 0
  public internal(set) var frees = 0
  public internal(set) var reallocs = 0
  /// Other tokens by subtype raw value (the end-of-stream token included).
  public internal(set) var others: [Int32: Int] = [:]

  /// Every token but the end-of-stream marker (MemoryProfiler2's final stream index).
  public var tokenCount: Int {
    mallocs + frees + reallocs + others.filter { $0.key != 0 }.values.reduce(0, +)
  }

  /// Malloc, free and realloc tokens.
  public var memoryOperations: Int { mallocs + frees + reallocs }

  /// Counts keyed as MemoryProfiler2 names them: `TYPE_Malloc`, `TYPE_Other/SUBTYPE_…`.
  public var byTypeName: [(String, Int)] {
    var result: [(String, Int)] = []
    if mallocs > 0 { result.append(("TYPE_Malloc", mallocs)) }
    if frees > 0 { result.append(("TYPE_Free", frees)) }
    if reallocs > 0 { result.append(("TYPE_Realloc", reallocs)) }
    for (raw, n) in others {
      let name = TokenSubtype(rawValue: raw)?.enumName ?? "SUBTYPE_\(raw)"
      result.append(("TYPE_Other/\(name)", n))
    }
    return result.sorted { $0.0 < $1.0 }
  }
}
