/// Makes text from a capture or a class-groups file safe where it goes: a terminal (no control
/// sequence can reach it), a CSV cell (RFC 4180, no formula), a message (bounded length).
public enum SafeText {
  /// `text` with every C0 and C1 control character and DEL written as `\xNN`, so a name can
  /// neither move the cursor nor start an escape sequence (OSC 52, window titles, clears).
  ///
  /// - Complexity: O(length); returns `text` itself when it holds nothing to escape.
  public static func terminal(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" + hex : hex)).unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Whether a scalar is a C0 or C1 control character or DEL.
  @inline(__always) public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (v >= 0x7F && v < 0xA0)
  }

  /// A CSV cell per RFC 4180, never a formula.
  ///
  /// Quoted when it holds `,`, `"`, CR or LF, quotes doubled; text starting with `=`, `+`, `-`,
  /// `@`, tab or CR gets a leading `'` so a spreadsheet never runs it as a formula. Use for text
  /// cells only (numbers keep their sign).
  public static func csvCell(_ text: String) -> String {
    var cell = text
    if cell.unicodeScalars.contains(where: { isControl($0) && $0 != "\r" && $0 != "\n" && $0 != "\t" }) {
      cell = String(
        String.UnicodeScalarView(
          cell.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            guard isControl(scalar) && scalar != "\r" && scalar != "\n" && scalar != "\t" else { return [scalar] }
            return Array(terminal(String(scalar)).unicodeScalars)
          }))
    }
    if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { cell = "'" + cell }
    guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return cell
    }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Text bound for a terminal that keeps its line breaks: every other control character is
  /// escaped as `terminal(_:)` does (the last guard of the batch commands' output).
  public static func terminalKeepingNewlines(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" }) else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { terminal(String($0)) }
      .joined(separator: "\n")
  }

  /// A pattern or name shown in a message: made safe for the terminal and cut to `limit`
  /// characters with `…`.
  public static func excerpt(_ text: String, limit: Int = 80) -> String {
    let safe = terminal(text)
    return safe.count <= limit ? safe : String(safe.prefix(limit - 1)) + "…"
  }
}
