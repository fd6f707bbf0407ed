/// The tier a callstack pattern is tried in; lower tiers first (MemoryProfiler2's enum).
public enum PatternOrderGroup: String, Sendable, CaseIterable {
  case specific = "Specific"
  case subPools = "SubPools"
  case general = "General"
  case catchAll = "CatchAll"

  var rank: Int {
    switch self {
    case .specific: return 0
    case .subPools: return 1
    case .general: return 2
    case .catchAll: return 3
    }
  }
}

/// One pattern of a group: a sequence of frame patterns matched from the outermost frame inward.
public struct CallStackPattern: Sendable, Equatable {
  public var useRegexes: Bool
  public var orderGroup: PatternOrderGroup
  public var orderBias: Int16
  public var framePatterns: [String]

  public init(
    useRegexes: Bool = true, orderGroup: PatternOrderGroup = .general, orderBias: Int16 = 0, framePatterns: [String]
  ) {
    self.useRegexes = useRegexes
    self.orderGroup = orderGroup
    self.orderBias = orderBias
    self.framePatterns = framePatterns
  }

  /// MemoryProfiler2's ordinal: tier × 65536 + bias.
  public var ordinal: Int { orderGroup.rank * 65536 + Int(orderBias) }
}

/// A class group: a name, a colour, whether it is checked in the filter, and its patterns.
public struct ClassGroup: Sendable, Equatable {
  public var name: String
  /// Checked in "Classes to filter" (`bFilter` in the XML).
  public var isFiltered: Bool
  public var color: GroupColor
  public var patterns: [CallStackPattern]

  public init(name: String, isFiltered: Bool = true, color: GroupColor, patterns: [CallStackPattern]) {
    self.name = name
    self.isFiltered = isFiltered
    self.color = color
    self.patterns = patterns
  }

  /// The group every unmatched callstack falls into.
  public static let ungroupedName = "Ungrouped"
}
