/// A find over function names: a substring or a regular expression, case-sensitive or not.
public struct NameSearch: Sendable {
  public let text: String
  public let isRegex: Bool
  public let caseSensitive: Bool
  private let matcher: FrameMatcher?
  private let needle: [UInt8]

  /// - Throws: `MprofError.badRegex` when `isRegex` and `text` is not a valid expression.
  public init(text: String, isRegex: Bool, caseSensitive: Bool) throws {
    self.text = text
    self.isRegex = isRegex
    self.caseSensitive = caseSensitive
    if isRegex {
      matcher = try FrameMatcher.compile(text, regex: true, caseInsensitive: !caseSensitive, source: "find")
      needle = []
    } else {
      matcher = nil
      needle = Array((caseSensitive ? text : text.lowercased()).utf8)
    }
  }

  /// Whether `name` matches; a regex spends from `budget`.
  ///
  /// - Throws: `MprofError.regexTooSlow` when the budget runs out.
  public func matches(_ name: String, budget: inout LinearRegex.Budget) throws -> Bool {
    if let matcher { return try matcher.matches(name, budget: &budget) }
    return FrameMatcher.contains(Array((caseSensitive ? name : name.lowercased()).utf8), needle)
  }

  /// The verdict for every function of a profile, evaluated once per distinct name, within one
  /// step budget.
  ///
  /// - Throws: `MprofError.regexTooSlow` when the regex takes too long.
  public func functionMatches(in profile: Profile) throws -> [Bool] {
    var budget = LinearRegex.Budget()
    return try profile.functions.names.map { try matches($0, budget: &budget) }
  }
}
