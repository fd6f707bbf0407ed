/// Horizontal bars drawn in eighths of a cell (`▏▎▍▌▋▊▉█`), or `#` in ASCII.
enum BarGlyphs {
  static let eighths: [Unicode.Scalar] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

  /// A bar of `fraction` (0…1) of `width` cells.
  static func bar(_ fraction: Double, width: Int, glyphs: Glyphs) -> String {
    guard width > 0, fraction > 0 else { return "" }
    let clamped = min(fraction, 1)
    if glyphs != .unicode {
      return String(repeating: "#", count: max(Int((clamped * Double(width)).rounded()), 1))
    }
    let eighthsTotal = max(Int((clamped * Double(width * 8)).rounded()), 1)
    var text = String(repeating: "█", count: eighthsTotal / 8)
    if eighthsTotal % 8 > 0 { text.unicodeScalars.append(eighths[eighthsTotal % 8 - 1]) }
    return text
  }
}
