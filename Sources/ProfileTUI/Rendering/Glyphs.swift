/// The characters that draw frames, trees and bars: Unicode, or ASCII for terminals and
/// locales that cannot show it.
public struct Glyphs: Sendable, Equatable {
  public var horizontal: Unicode.Scalar
  public var vertical: Unicode.Scalar
  public var topLeft: Unicode.Scalar
  public var topRight: Unicode.Scalar
  public var bottomLeft: Unicode.Scalar
  public var bottomRight: Unicode.Scalar
  public var expanded: String
  public var collapsed: String
  public var leaf: String
  public var barFull: Unicode.Scalar
  public var barEmpty: Unicode.Scalar
  public var checked: String
  public var unchecked: String
  public var arrow: String
  public var swatch: String
  /// Ends a text that was cut.
  public var ellipsis: String
  /// Separates fields on one line (` · `).
  public var dot: String
  /// Joins the ends of a range (`0 – 3 MB`).
  public var dash: String

  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    expanded: "▾", collapsed: "▸", leaf: "·", barFull: "█", barEmpty: "░", checked: "[x]", unchecked: "[ ]",
    arrow: "→", swatch: "■", ellipsis: "…", dot: "·", dash: "–")

  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    expanded: "-", collapsed: "+", leaf: " ", barFull: "#", barEmpty: ".", checked: "[x]", unchecked: "[ ]",
    arrow: "->", swatch: "#", ellipsis: "~", dot: "-", dash: "-")
}
