import ProfileModel

/// Padding, clipping and wrapping to terminal columns.
///
/// Control characters are measured as they are drawn (`\xNN`, see `SafeText.terminal`).
enum TextFit {
  /// `text` padded (or clipped) to exactly `width` columns; a clipped text ends in `ellipsis`
  /// when one is given.
  static func pad(_ raw: String, _ width: Int, right: Bool = false, ellipsis: String? = nil) -> String {
    let text = SafeText.terminal(raw)
    let w = CharacterWidth.of(text)
    if w == width { return text }
    if w < width {
      let fill = String(repeating: " ", count: width - w)
      return right ? fill + text : text + fill
    }
    let cut = prefix(text, width - (ellipsis.map { CharacterWidth.of($0) } ?? 0)) + (ellipsis ?? "")
    return cut + String(repeating: " ", count: max(width - CharacterWidth.of(cut), 0))
  }

  /// `text` cut to at most `width` columns, ending in the glyph set's ellipsis when cut.
  static func clip(_ raw: String, _ width: Int, glyphs: Glyphs) -> String {
    let text = SafeText.terminal(raw)
    guard width > 0 else { return "" }
    if CharacterWidth.of(text) <= width { return text }
    return prefix(text, width - CharacterWidth.of(glyphs.ellipsis)) + glyphs.ellipsis
  }

  /// The first `width` columns of `text` (never half a wide character).
  static func prefix(_ text: String, _ width: Int) -> String {
    var result = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars {
      let sw = CharacterWidth.of(scalar)
      if used + sw > width { break }
      result.append(scalar)
      used += sw
    }
    return String(result)
  }

  /// `text` without its first `columns` columns (horizontal scrolling).
  static func dropping(_ columns: Int, from raw: String) -> String {
    guard columns > 0 else { return raw }
    let text = SafeText.terminal(raw)
    var skipped = 0
    var index = text.unicodeScalars.startIndex
    while index < text.unicodeScalars.endIndex && skipped < columns {
      skipped += CharacterWidth.of(text.unicodeScalars[index])
      index = text.unicodeScalars.index(after: index)
    }
    return String(text.unicodeScalars[index...])
  }

  /// `text` over at most `lines` lines of `width` columns, the last ending in an ellipsis when
  /// the text does not fit.
  static func wrap(_ raw: String, width: Int, lines: Int, glyphs: Glyphs) -> [String] {
    guard width > 0, lines > 0 else { return [] }
    var rest = SafeText.terminal(raw)
    var result: [String] = []
    while !rest.isEmpty && result.count < lines {
      if result.count == lines - 1 {
        result.append(clip(rest, width, glyphs: glyphs))
        break
      }
      let line = prefix(rest, width)
      result.append(line)
      rest = String(rest.unicodeScalars.dropFirst(line.unicodeScalars.count))
    }
    return result
  }
}
