/// Unreal Insights' allocation query rules over time markers A–D: which allocations a view
/// shows, decided by when each was made (`a`, its birth) and when it ended (`f`, its death).
///
/// The table is Insights' (`FMemorySharedState::InitMemoryRules`): every bound is inclusive, and
/// a block never freed ends at +∞. "Growth vs. Decline" counts the declining blocks negatively,
/// so a callstack's figure is its growth minus its decline between A and B.
public enum QueryRule: String, Sendable, CaseIterable {
  case activeAt = "active"
  case before
  case after
  case decline
  case growth
  case growthVsDecline = "growth-vs-decline"
  case freeEvents = "frees"
  case allocEvents = "allocs"
  case shortLiving = "short-living"
  case longLiving = "long-living"
  case leaks
  case limitedLifetime = "limited-lifetime"
  case declineOfLongLiving = "decline-of-long-living"
  case specificLifetime = "specific-lifetime"

  /// One of the four time markers.
  public enum Marker: Int, Sendable, CaseIterable, Comparable {
    case a = 0
    case b
    case c
    case d
    public var letter: String { ["A", "B", "C", "D"][rawValue] }
    public static func < (l: Marker, r: Marker) -> Bool { l.rawValue < r.rawValue }
  }

  /// Insights' short form, for example `A*B*`.
  public var shortName: String {
    switch self {
    case .activeAt: return "*A*"
    case .before: return "**A"
    case .after: return "A**"
    case .decline: return "*A*B"
    case .growth: return "A*B*"
    case .growthVsDecline: return "A*B*/*A*B"
    case .freeEvents: return "*A**B"
    case .allocEvents: return "A**B*"
    case .shortLiving: return "A**B"
    case .longLiving: return "*A B*"
    case .leaks: return "A*B C*"
    case .limitedLifetime: return "A*B*C"
    case .declineOfLongLiving: return "*A B*C"
    case .specificLifetime: return "A*B C*D"
    }
  }

  /// Insights' verbose name.
  public var name: String {
    switch self {
    case .activeAt: return "Active Allocs"
    case .before: return "Before"
    case .after: return "After"
    case .decline: return "Decline"
    case .growth: return "Growth"
    case .growthVsDecline: return "Growth vs. Decline"
    case .freeEvents: return "Free Events"
    case .allocEvents: return "Alloc Events"
    case .shortLiving: return "Short Living Allocs"
    case .longLiving: return "Long Living Allocs"
    case .leaks: return "Memory Leaks"
    case .limitedLifetime: return "Limited Lifetime"
    case .declineOfLongLiving: return "Decline of Long Living Allocs"
    case .specificLifetime: return "Specific Lifetime"
    }
  }

  /// The rule as Insights writes it (`a` allocated, `f` freed).
  public var formula: String {
    switch self {
    case .activeAt: return "a ≤ A ≤ f"
    case .before: return "a ≤ f ≤ A"
    case .after: return "A ≤ a ≤ f"
    case .decline: return "a ≤ A ≤ f ≤ B"
    case .growth: return "A ≤ a ≤ B ≤ f"
    case .growthVsDecline: return "A ≤ a ≤ B ≤ f, minus a ≤ A ≤ f ≤ B"
    case .freeEvents: return "A ≤ f ≤ B"
    case .allocEvents: return "A ≤ a ≤ B"
    case .shortLiving: return "A ≤ a ≤ f ≤ B"
    case .longLiving: return "a ≤ A ≤ B ≤ f"
    case .leaks: return "A ≤ a ≤ B ≤ C ≤ f"
    case .limitedLifetime: return "A ≤ a ≤ B ≤ f ≤ C"
    case .declineOfLongLiving: return "a ≤ A ≤ B ≤ f ≤ C"
    case .specificLifetime: return "A ≤ a ≤ B ≤ C ≤ f ≤ D"
    }
  }

  /// `Verbose (Short)`, as Insights' rule list shows it.
  public var title: String { "\(name) (\(shortName))" }

  /// How many markers the rule reads (A, then B, C, D).
  public var markerCount: Int {
    switch self {
    case .activeAt, .before, .after: return 1
    case .decline, .growth, .growthVsDecline, .freeEvents, .allocEvents, .shortLiving, .longLiving: return 2
    case .leaks, .limitedLifetime, .declineOfLongLiving: return 3
    case .specificLifetime: return 4
    }
  }

  /// The rule's markers.
  public var markers: [Marker] { Array(Marker.allCases.prefix(markerCount)) }

  /// Whether a block made at `a` and ended at `f` (`Int64.max` while live) counts: 1, −1 or 0.
  ///
  /// −1 is a decline under Growth vs. Decline; `m` holds the markers in order, A first.
  ///
  /// - Complexity: O(1).
  @inline(__always) public func sign(birth a: Int64, death f: Int64, markers m: [Int64]) -> Int64 {
    switch self {
    case .activeAt: return a <= m[0] && m[0] <= f ? 1 : 0
    case .before: return f <= m[0] ? 1 : 0
    case .after: return a >= m[0] ? 1 : 0
    case .decline: return a <= m[0] && f >= m[0] && f <= m[1] ? 1 : 0
    case .growth: return a >= m[0] && a <= m[1] && f >= m[1] ? 1 : 0
    case .growthVsDecline:
      if a >= m[0] && a <= m[1] && f >= m[1] { return 1 }
      return a <= m[0] && f >= m[0] && f <= m[1] ? -1 : 0
    case .freeEvents: return f >= m[0] && f <= m[1] ? 1 : 0
    case .allocEvents: return a >= m[0] && a <= m[1] ? 1 : 0
    case .shortLiving: return a >= m[0] && f <= m[1] ? 1 : 0
    case .longLiving: return a <= m[0] && f >= m[1] ? 1 : 0
    case .leaks: return a >= m[0] && a <= m[1] && f >= m[2] ? 1 : 0
    case .limitedLifetime: return a >= m[0] && a <= m[1] && f >= m[1] && f <= m[2] ? 1 : 0
    case .declineOfLongLiving: return a <= m[0] && f >= m[1] && f <= m[2] ? 1 : 0
    case .specificLifetime: return a >= m[0] && a <= m[1] && f >= m[2] && f <= m[3] ? 1 : 0
    }
  }

  /// The latest birth the rule can accept (rows are in birth order, so a pass stops there), or
  /// `nil` when any birth can count.
  public func lastBirth(markers m: [Int64]) -> Int64? {
    switch self {
    case .activeAt, .decline, .longLiving, .declineOfLongLiving: return m[0]
    case .growth, .growthVsDecline, .allocEvents, .leaks, .limitedLifetime, .specificLifetime: return m[1]
    case .shortLiving, .before: return m[markerCount - 1]
    case .after, .freeEvents: return nil
    }
  }

  /// The rule with `name` (its raw value, short form or verbose name, any case).
  public static func named(_ name: String) -> QueryRule? {
    let key = name.lowercased()
    return allCases.first {
      $0.rawValue == key || $0.shortName.lowercased() == key || $0.name.lowercased() == key
    }
  }
}
