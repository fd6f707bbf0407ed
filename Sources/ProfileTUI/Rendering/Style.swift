/// A terminal colour, independent of any backend.
public enum TermColor: Sendable, Hashable {
  /// The terminal's own foreground or background.
  case standard
  /// One of the 256 xterm colours (0–15 are the ANSI ones).
  case indexed(UInt8)
}

/// Text attributes a cell can carry.
public struct TextAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = TextAttributes(rawValue: 1)
  public static let reverse = TextAttributes(rawValue: 2)
  public static let underline = TextAttributes(rawValue: 4)
  public static let dim = TextAttributes(rawValue: 8)
}

/// How a cell looks: colours and attributes.
public struct Style: Sendable, Hashable {
  public var foreground: TermColor
  public var background: TermColor
  public var attributes: TextAttributes

  public init(foreground: TermColor = .standard, background: TermColor = .standard, attributes: TextAttributes = []) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  public static let plain = Style()

  /// The same style with more attributes.
  public func adding(_ extra: TextAttributes) -> Style {
    var copy = self
    copy.attributes.formUnion(extra)
    return copy
  }
}
