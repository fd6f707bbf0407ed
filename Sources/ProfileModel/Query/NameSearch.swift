import Foundation

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
      matcher = try FrameMatcher.compile(text, regex: true, caseInsensitive: !caseSensitive)
      needle = []
    } else {
      matcher = nil
      needle = Array((caseSensitive ? text : text.lowercased()).utf8)
    }
  }

  /// Whether `name` matches.
  public func matches(_ name: String) -> Bool {
    if let matcher { return matcher.matches(name) }
    return FrameMatcher.contains(Array((caseSensitive ? name : name.lowercased()).utf8), needle)
  }

  /// The verdict for every function of a profile, evaluated once per distinct name.
  public func functionMatches(in profile: Profile) -> [Bool] {
    profile.functions.names.map(matches)
  }
}
