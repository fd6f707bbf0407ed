import ProfileModel

/// Padding and clipping to terminal columns.
enum TextFit {
  /// `text` padded (or clipped) to exactly `width` columns.
  static func pad(_ raw: String, _ width: Int, right: Bool = false) -> String {
    // Control characters are drawn as `\xNN`; measure what is drawn.
    let text = SafeText.terminal(raw)
    let w = CharacterWidth.of(text)
    if w == width { return text }
    if w < width {
      let fill = String(repeating: " ", count: width - w)
      return right ? fill + text : text + fill
    }
    var result = ""
    var used = 0
    for scalar in text.unicodeScalars {
      let sw = CharacterWidth.of(scalar)
      if used + sw > width { break }
      result.unicodeScalars.append(scalar)
      used += sw
    }
    return result + String(repeating: " ", count: width - used)
  }
}
