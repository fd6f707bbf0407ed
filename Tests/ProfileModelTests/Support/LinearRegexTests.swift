import Foundation
import Testing

@testable import ProfileModel

@Suite struct LinearRegexTests {
  static let names = [
    "", "a", "aaaa", "UAnimSet::Foo", "xUAnimSet::", "FName::Init", "TArray<int>::Add", "a.b",
    "UTexture2D::Serialize(FArchive&)", "[PathNode] UObject::StaticAllocateObject", "P UObject::StaticAllocateObject",
    "FPS3OcclusionManager::Startup()", "operator new(unsigned long)",
    "std::vector<int, std::allocator<int> >::push_back",
    "Ünïcödé::Fünction", "tab\there", "line\nbreak", "ends with newline\n", "FOO_bar9", "x{2}y", "0xDEADBEEF",
  ]

  static let patterns = [
    "a", "^a$", "a*", "^a+$", "a{2}", "^a{2,3}$", "a{2,}", "^(a|b)*$", "Anim", "^UAnim", "::Init$", "^a\\.b$",
    "^[PathNode] UObject", "Serialize\\(FArchive&\\)", "T.rray", "[A-Z][a-z]+::", "[^a-z]", "\\d+", "\\D", "\\w+::\\w+",
    "\\s", "\\S+$", "\\bUObject\\b", "\\Bbject", "(?:std|boost)::", "(?<kind>vector|map)<", "x\\{2\\}y", "x{2}y",
    "^$", "$", "newline$", "newline\\z", "\\Aline", "(?i)uanimset", "(?i:FNAME)::Init", "U(?i)ANIMSET", "[\\d_]+",
    "[-a]", "[a-]", "[]a]", "\\x41", "\\u00dc", "\\t", "\\n", ".", "^.{3}$", "()", "a||b", "(a|)", "ü", "[ü-ý]",
    "operator (new|delete)", "<.*>", "<[^>]*>", "0x[0-9A-F]+",
  ]

  /// Every pattern, on every name, agrees with ICU (which implements .NET's syntax for these).
  @Test func agreesWithICU() throws {
    for pattern in Self.patterns {
      let ours = try LinearRegex(pattern)
      let icu = try NSRegularExpression(pattern: pattern)
      var budget = LinearRegex.Budget()
      for name in Self.names {
        let expected = icu.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        #expect(try ours.matches(name, budget: &budget) == expected, "\(pattern) on \(name.debugDescription)")
      }
      let ourFolded = try LinearRegex(pattern, caseInsensitive: true)
      let icuFolded = try NSRegularExpression(pattern: pattern, options: .caseInsensitive)
      for name in Self.names {
        let expected = icuFolded.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        #expect(try ourFolded.matches(name, budget: &budget) == expected, "(?i)\(pattern) on \(name.debugDescription)")
      }
    }
  }

  /// Where ICU and .NET differ, .NET's reading: no POSIX classes, so `[[:alpha:]]` is the class
  /// `[[:alph]` followed by a literal `]`.
  @Test func classesReadAsDotNetReadsThem() throws {
    let regex = try LinearRegex("[[:alpha:]]")
    var budget = LinearRegex.Budget()
    #expect(try regex.matches("a]", budget: &budget))
    #expect(try !regex.matches("a", budget: &budget))
  }

  /// Patterns that take a backtracking engine seconds finish at once.
  @Test func catastrophicPatternsRunInLinearTime() throws {
    let long = String(repeating: "a", count: 34) + "!"
    let clock = ContinuousClock()
    let started = clock.now
    for pattern in ["(a+)+$", "(.*a){20}", "(a|a)*b", "(a*)*$", "((a+)+)+b", "(x+x+)+y"] {
      let regex = try LinearRegex(pattern)
      var budget = LinearRegex.Budget()
      for _ in 0..<100 { _ = try regex.matches(long, budget: &budget) }
    }
    // Generous: the whole loop takes milliseconds; ICU takes seconds for one of these.
    #expect(clock.now - started < .seconds(5))
  }

  @Test func unsupportedAndBrokenPatternsSaySo() {
    let cases: [(String, String)] = [
      ("(a)\\1", "back-references are not supported"), ("(?=a)", "look-ahead is not supported"),
      ("(?<!a)b", "look-behind is not supported"), ("(?>a)", "atomic groups are not supported"),
      ("(unclosed", "a missing ')'"), ("a)", "unbalanced ')'"), ("[abc", "a missing ']'"), ("*a", "nothing to repeat"),
      ("a{5,2}", "maximum is below its minimum"), ("a{100000}", "a repetition count above 1000"),
      ("(a{1000}){1000}", "too complex"), ("\\p{L}", "Unicode categories"), ("[z-a]", "a range out of order"),
      ("\\", "at the end of the pattern"), ("\\q", "the escape '\\q' is not supported"),
    ]
    for (pattern, message) in cases {
      do {
        _ = try LinearRegex(pattern)
        Issue.record("\(pattern) compiled")
      } catch let error as LinearRegex.PatternError {
        #expect(error.message.contains(message), "\(pattern): \(error.message)")
      } catch {
        Issue.record("\(pattern): \(error)")
      }
    }
  }

  @Test func theBudgetStopsAMatchAndTheMessageNamesPatternAndSource() throws {
    let matcher = try FrameMatcher.compile("(a|b|c|d)*e", regex: true, source: "class group 'Audio'")
    var budget = LinearRegex.Budget(steps: 1_000)
    let name = String(repeating: "abcd", count: 1_000)
    #expect(throws: MprofError.regexTooSlow(pattern: "(a|b|c|d)*e", source: "class group 'Audio'")) {
      _ = try matcher.matches(name, budget: &budget)
    }
    let message =
      "\(MprofError.regexTooSlow(pattern: String(repeating: "x", count: 500) + "\u{1B}]52", source: "find"))"
    #expect(message.hasPrefix("find: the regular expression 'xxx") && message.contains("…") && message.count < 200)
    #expect(!message.contains("\u{1B}"))
  }
}
