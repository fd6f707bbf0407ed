/// The tabs of the viewer, in order. The views issue adds Timeline, Callstack history,
/// Histogram, Memory bitmap, Short-lived and Details; until then only these are shown.
public enum Tab: Int, Sendable, CaseIterable {
  case callgraph
  case exclusive

  public var title: String {
    switch self {
    case .callgraph: return "Callgraph"
    case .exclusive: return "Exclusive"
    }
  }

  /// The digit that selects it.
  public var number: Int { rawValue + 1 }
}
