/// One compiled frame pattern.
///
/// Regexes that are plain text (optionally anchored with `^`/`$`) become byte comparisons; the
/// rest go to `LinearRegex` (case-sensitive, unanchored, as .NET's `Regex` with
/// `CultureInvariant`), matched without backtracking and within a step budget.
enum FrameMatcher: Sendable {
  case equals([UInt8])
  case prefix([UInt8])
  case suffix([UInt8])
  case contains([UInt8])
  case regex(LinearRegex, pattern: String, source: String)

  /// Compiles `pattern`; `regex` false means the function name must equal it exactly.
  ///
  /// - Parameter source: where the pattern comes from, for messages ("class group 'Audio'",
  ///   "the text filter").
  /// - Throws: `MprofError.badRegex` naming the pattern, its source and what is wrong.
  static func compile(_ pattern: String, regex: Bool, caseInsensitive: Bool = false, source: String) throws
    -> FrameMatcher
  {
    if !regex { return .equals(Array(pattern.utf8)) }
    if !caseInsensitive, let literal = literal(pattern) {
      switch (literal.anchoredStart, literal.anchoredEnd) {
      case (true, true): return .equals(literal.bytes)
      case (true, false): return .prefix(literal.bytes)
      case (false, true): return .suffix(literal.bytes)
      case (false, false): return .contains(literal.bytes)
      }
    }
    do {
      return .regex(try LinearRegex(pattern, caseInsensitive: caseInsensitive), pattern: pattern, source: source)
    } catch let error as LinearRegex.PatternError {
      throw MprofError.badRegex(pattern: pattern, source: source, message: error.message)
    }
  }

  /// The text a regex matches literally, or `nil` when it uses any regex feature.
  private static func literal(_ pattern: String) -> (bytes: [UInt8], anchoredStart: Bool, anchoredEnd: Bool)? {
    var chars = Array(pattern.unicodeScalars)
    var start = false
    var end = false
    if chars.first == "^" {
      start = true
      chars.removeFirst()
    }
    if chars.count >= 1 && chars.last == "$" && (chars.count < 2 || chars[chars.count - 2] != "\\") {
      end = true
      chars.removeLast()
    }
    var text = String.UnicodeScalarView()
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\\" {
        guard i + 1 < chars.count else { return nil }
        let next = chars[i + 1]
        if next.properties.isAlphabetic || ("0"..."9").contains(next) { return nil }
        text.append(next)
        i += 2
        continue
      }
      if ".^$|?*+()[]{}".unicodeScalars.contains(c) { return nil }
      text.append(c)
      i += 1
    }
    return (Array(String(text).utf8), start, end)
  }

  /// Whether `name` matches; a regex spends from `budget`.
  ///
  /// - Throws: `MprofError.regexTooSlow` when the budget runs out.
  func matches(_ name: String, budget: inout LinearRegex.Budget) throws -> Bool {
    switch self {
    case .equals(let b): return name.utf8.elementsEqual(b)
    case .prefix(let b): return name.utf8.starts(with: b)
    case .suffix(let b): return name.utf8.count >= b.count && name.utf8.suffix(b.count).elementsEqual(b)
    case .contains(let b): return Self.contains(Array(name.utf8), b)
    case .regex(let regex, let pattern, let source):
      do {
        return try regex.matches(name, budget: &budget)
      } catch {
        throw MprofError.regexTooSlow(pattern: pattern, source: source)
      }
    }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    if needle.count > haystack.count { return false }
    let first = needle[0]
    let last = haystack.count - needle.count
    var i = 0
    while i <= last {
      if haystack[i] == first {
        var j = 1
        while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
        if j == needle.count { return true }
      }
      i += 1
    }
    return false
  }
}
