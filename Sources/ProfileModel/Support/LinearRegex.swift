/// A regular expression matched without backtracking (a Pike VM over Unicode scalars): the time
/// of a match grows with the length of the text times the size of the pattern, never
/// exponentially, so `(a+)+$` or `(.*a){20}` cannot hang the program.
///
/// The syntax is the part of .NET's that class-group files and finds use: literals and escapes,
/// `.`, classes `[a-z]` `[^…]` with `\d \w \s` (and their negations), anchors `^ $ \A \z \Z \b \B`,
/// groups `( )`, `(?: )`, `(?<name> )`, inline options `(?i)` `(?-i)` `(?i: )`, alternation and
/// the quantifiers `* + ? {n} {n,} {n,m}` (greedy or lazy: only whether a match exists matters
/// here). Back-references, look-around and atomic groups need backtracking and are refused with
/// a message saying so.
public struct LinearRegex: Sendable {
  /// The largest program a pattern may compile to (counted repetitions are expanded).
  static let maxInstructions = 20_000

  /// How many VM steps a match may take, and what to name when they run out.
  public struct Budget: Sendable {
    public var remaining: Int
    public init(steps: Int = LinearRegex.defaultSteps) { remaining = steps }
  }

  /// The default budget of one pattern over one pass: about a second of matching.
  public static let defaultSteps = 200_000_000

  /// Why a pattern cannot be used.
  struct PatternError: Error, Equatable {
    let message: String
  }

  /// The budget ran out.
  struct BudgetExceeded: Error {}

  fileprivate enum Instruction: Sendable {
    case scalar(UInt32)
    /// Compares case-folded text with an already folded scalar.
    case foldedScalar(UInt32)
    case anyButNewline
    case set(Int)
    case split(Int, Int)
    case jump(Int)
    case assert(Assertion)
    case match
  }

  fileprivate enum Assertion: Sendable {
    case start, end, absoluteEnd, wordBoundary, notWordBoundary
  }

  private let program: [Instruction]
  private let sets: [ScalarSet]

  /// Compiles `pattern`.
  ///
  /// - Throws: `PatternError` naming what is wrong or unsupported.
  init(_ pattern: String, caseInsensitive: Bool = false) throws {
    var parser = Parser(scalars: Array(pattern.unicodeScalars), caseInsensitive: caseInsensitive)
    let tree = try parser.parseWhole()
    var compiler = Compiler(sets: parser.sets)
    try compiler.emit(tree)
    compiler.program.append(.match)
    program = compiler.program
    sets = compiler.sets
  }

  /// Whether the pattern matches anywhere in `text`.
  ///
  /// - Throws: `BudgetExceeded` when `budget` runs out first.
  func matches(_ text: String, budget: inout Budget) throws -> Bool {
    let input = Array(text.unicodeScalars.lazy.map(\.value))
    let count = program.count
    var current = ThreadList(capacity: count)
    var next = ThreadList(capacity: count)
    var stack: [Int] = []
    var generation: UInt32 = 1
    var visited = [UInt32](repeating: 0, count: count)

    func add(_ start: Int, at position: Int, to list: inout ThreadList) throws -> Bool {
      stack.append(start)
      while let pc = stack.popLast() {
        if visited[pc] == generation { continue }
        visited[pc] = generation
        budget.remaining -= 1
        if budget.remaining < 0 { throw BudgetExceeded() }
        switch program[pc] {
        case .jump(let target):
          stack.append(target)
        case .split(let first, let second):
          stack.append(second)
          stack.append(first)
        case .assert(let assertion):
          if holds(assertion, at: position, in: input) { stack.append(pc + 1) }
        case .match:
          stack.removeAll(keepingCapacity: true)
          return true
        default:
          list.append(pc)
        }
      }
      return false
    }

    for position in 0...input.count {
      // Unanchored: a new thread starts at every position.
      if try add(0, at: position, to: &current) { return true }
      generation &+= 1
      if generation == 0 {
        visited = [UInt32](repeating: 0, count: count)
        generation = 1
      }
      guard position < input.count else { break }
      let scalar = input[position]
      var folded: UInt32?
      for pc in current.items {
        let advance: Bool
        switch program[pc] {
        case .scalar(let value): advance = scalar == value
        case .foldedScalar(let value):
          if folded == nil { folded = ScalarSet.fold(scalar) }
          advance = folded == value
        case .anyButNewline: advance = scalar != 0x0A
        case .set(let index): advance = sets[index].contains(scalar)
        default: advance = false
        }
        if advance, try add(pc + 1, at: position + 1, to: &next) { return true }
      }
      swap(&current, &next)
      next.removeAll()
    }
    return false
  }

  private func holds(_ assertion: Assertion, at position: Int, in input: [UInt32]) -> Bool {
    switch assertion {
    case .start: return position == 0
    case .end: return position == input.count || (position == input.count - 1 && input[position] == 0x0A)
    case .absoluteEnd: return position == input.count
    case .wordBoundary, .notWordBoundary:
      let before = position > 0 && ScalarSet.isWord(input[position - 1])
      let after = position < input.count && ScalarSet.isWord(input[position])
      return (before != after) == (assertion == .wordBoundary)
    }
  }
}

/// The threads of one position, in order, each program counter once.
private struct ThreadList {
  private(set) var items: [Int] = []
  init(capacity: Int) { items.reserveCapacity(min(capacity, 1024)) }
  mutating func append(_ pc: Int) { items.append(pc) }
  mutating func removeAll() { items.removeAll(keepingCapacity: true) }
}

/// A character class: ranges and named classes, possibly negated, possibly case-insensitive.
struct ScalarSet: Sendable {
  enum Named: Sendable {
    case digit, word, space
  }

  var ranges: [ClosedRange<UInt32>] = []
  var named: [(Named, negated: Bool)] = []
  var negated = false
  var caseInsensitive = false

  func contains(_ scalar: UInt32) -> Bool {
    var hit = containsExactly(scalar)
    if !hit && caseInsensitive {
      let lower = Self.fold(scalar)
      hit = containsExactly(lower) || containsExactly(Self.upper(scalar))
    }
    return hit != negated
  }

  private func containsExactly(_ scalar: UInt32) -> Bool {
    for range in ranges where range.contains(scalar) { return true }
    for (name, negated) in named where Self.isIn(name, scalar) != negated { return true }
    return false
  }

  static func isIn(_ name: Named, _ scalar: UInt32) -> Bool {
    switch name {
    case .digit:
      if scalar < 0x80 { return scalar >= 0x30 && scalar <= 0x39 }
      return Unicode.Scalar(scalar)?.properties.generalCategory == .decimalNumber
    case .word: return isWord(scalar)
    case .space:
      if scalar < 0x80 { return scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D) }
      return Unicode.Scalar(scalar)?.properties.isWhitespace ?? false
    }
  }

  /// Letters, marks, decimal digits and connector punctuation (.NET's `\w`).
  static func isWord(_ scalar: UInt32) -> Bool {
    if scalar < 0x80 {
      return (scalar >= 0x30 && scalar <= 0x39) || (scalar >= 0x41 && scalar <= 0x5A)
        || (scalar >= 0x61 && scalar <= 0x7A) || scalar == 0x5F
    }
    switch Unicode.Scalar(scalar)?.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
      .decimalNumber, .connectorPunctuation:
      return true
    default:
      return false
    }
  }

  /// The simple lowercase of a scalar (itself when it has none of one scalar).
  static func fold(_ scalar: UInt32) -> UInt32 {
    if scalar < 0x80 { return scalar >= 0x41 && scalar <= 0x5A ? scalar + 32 : scalar }
    guard let value = Unicode.Scalar(scalar) else { return scalar }
    let lower = value.properties.lowercaseMapping.unicodeScalars
    return lower.count == 1 ? lower[lower.startIndex].value : scalar
  }

  static func upper(_ scalar: UInt32) -> UInt32 {
    if scalar < 0x80 { return scalar >= 0x61 && scalar <= 0x7A ? scalar - 32 : scalar }
    guard let value = Unicode.Scalar(scalar) else { return scalar }
    let upper = value.properties.uppercaseMapping.unicodeScalars
    return upper.count == 1 ? upper[upper.startIndex].value : scalar
  }
}

/// A parsed pattern.
private indirect enum Node {
  case empty
  case scalar(UInt32, caseInsensitive: Bool)
  case anyButNewline
  case set(Int)
  case assert(LinearRegex.Assertion)
  case concatenation([Node])
  case alternation([Node])
  case repetition(Node, min: Int, max: Int?)
}

/// Recursive descent over the pattern's scalars.
private struct Parser {
  let scalars: [UInt32]
  var position = 0
  var caseInsensitive: Bool
  var sets: [ScalarSet] = []
  /// Counted repetitions are expanded: bound them before compiling.
  static let maxCount = 1_000

  init(scalars: [Unicode.Scalar], caseInsensitive: Bool) {
    self.scalars = scalars.map(\.value)
    self.caseInsensitive = caseInsensitive
  }

  typealias PatternError = LinearRegex.PatternError

  var atEnd: Bool { position >= scalars.count }
  func peek(_ offset: Int = 0) -> UInt32? {
    position + offset < scalars.count ? scalars[position + offset] : nil
  }

  func fail(_ message: String) -> PatternError {
    PatternError(message: "\(message) at position \(position + 1)")
  }

  mutating func parseWhole() throws -> Node {
    let node = try parseAlternation()
    if !atEnd { throw fail("unbalanced ')'") }
    return node
  }

  mutating func parseAlternation() throws -> Node {
    var branches = [try parseConcatenation()]
    while peek() == 0x7C {  // |
      position += 1
      branches.append(try parseConcatenation())
    }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  mutating func parseConcatenation() throws -> Node {
    var items: [Node] = []
    let savedCase = caseInsensitive
    defer { caseInsensitive = savedCase }
    while let c = peek(), c != 0x7C, c != 0x29 {  // | )
      guard let atom = try parseAtom() else { continue }
      items.append(try parseQuantifiers(atom))
    }
    return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concatenation(items))
  }

  mutating func parseQuantifiers(_ atom: Node) throws -> Node {
    var node = atom
    while let c = peek() {
      var range: (Int, Int?)
      switch c {
      case 0x2A: range = (0, nil)  // *
      case 0x2B: range = (1, nil)  // +
      case 0x3F: range = (0, 1)  // ?
      case 0x7B:  // {
        guard let counted = try parseCount() else { return node }
        range = counted
        position -= 1
      default: return node
      }
      position += 1
      if peek() == 0x3F { position += 1 }  // lazy: the same set of matches
      if case .assert = node { throw fail("a quantifier after an anchor") }
      node = .repetition(node, min: range.0, max: range.1)
    }
    return node
  }

  /// `{n}`, `{n,}`, `{n,m}`, leaving the position on the closing brace; `nil` (and the position
  /// unchanged) when the brace is a literal, as in .NET.
  mutating func parseCount() throws -> (Int, Int?)? {
    let start = position
    position += 1
    func number() -> Int? {
      var value = 0
      var digits = 0
      while let c = peek(), c >= 0x30, c <= 0x39 {
        value = min(value * 10 + Int(c - 0x30), 1_000_000)
        digits += 1
        position += 1
      }
      return digits > 0 ? value : nil
    }
    guard let low = number() else {
      position = start
      return nil
    }
    var high: Int? = low
    if peek() == 0x2C {
      position += 1
      high = number()
    }
    guard peek() == 0x7D else {
      position = start
      return nil
    }
    position += 1
    if low > Self.maxCount || (high ?? 0) > Self.maxCount { throw fail("a repetition count above \(Self.maxCount)") }
    if let high, high < low { throw fail("a repetition {\(low),\(high)} whose maximum is below its minimum") }
    return (low, high)
  }

  mutating func parseAtom() throws -> Node? {
    guard let c = peek() else { return .empty }
    position += 1
    switch c {
    case 0x2E: return .anyButNewline  // .
    case 0x5E: return .assert(.start)  // ^
    case 0x24: return .assert(.end)  // $
    case 0x5B: return .set(try parseSet())  // [
    case 0x28: return try parseGroup()  // (
    case 0x2A, 0x2B, 0x3F:
      position -= 1
      throw fail("nothing to repeat")
    case 0x5C:
      switch try parseEscape(inSet: false) {
      case .scalar(let value): return .scalar(fold(value), caseInsensitive: caseInsensitive)
      case .assertion(let assertion): return .assert(assertion)
      case .named(let name, let negated):
        var set = ScalarSet()
        set.named = [(name, negated)]
        sets.append(set)
        return .set(sets.count - 1)
      }
    default: return .scalar(fold(c), caseInsensitive: caseInsensitive)
    }
  }

  func fold(_ c: UInt32) -> UInt32 { caseInsensitive ? ScalarSet.fold(c) : c }

  /// After `(`: a group, or an inline option that changes the rest of the enclosing group.
  mutating func parseGroup() throws -> Node? {
    if peek() == 0x3F {  // ?
      position += 1
      guard let kind = peek() else { throw fail("an unfinished group") }
      switch kind {
      case 0x3A:  // (?: )
        position += 1
      case 0x3C, 0x27:  // (?<name> ) (?'name' ), or look-behind
        if kind == 0x3C, peek(1) == 0x3D || peek(1) == 0x21 { throw fail("look-behind is not supported") }
        let close: UInt32 = kind == 0x3C ? 0x3E : 0x27
        position += 1
        while let c = peek(), c != close { position += 1 }
        guard peek() == close else { throw fail("an unfinished group name") }
        position += 1
      case 0x3D, 0x21: throw fail("look-ahead is not supported")
      case 0x3E: throw fail("atomic groups are not supported")
      default:
        // Options: (?i) (?-i) (?i: ) ; other letters (m, s, x, n) are refused.
        var on = true
        var value = caseInsensitive
        while let c = peek(), c != 0x29, c != 0x3A {
          switch c {
          case 0x2D: on = false
          case 0x69: value = on
          default: throw fail("the inline option '\(Character(Unicode.Scalar(c) ?? "?"))' is not supported")
          }
          position += 1
        }
        guard let end = peek() else { throw fail("an unfinished group") }
        position += 1
        if end == 0x29 {
          caseInsensitive = value
          return nil
        }
        let saved = caseInsensitive
        caseInsensitive = value
        defer { caseInsensitive = saved }
        let inner = try parseAlternation()
        guard peek() == 0x29 else { throw fail("a missing ')'") }
        position += 1
        return inner
      }
    }
    let inner = try parseAlternation()
    guard peek() == 0x29 else { throw fail("a missing ')'") }
    position += 1
    return inner
  }

  /// What an escape stands for.
  enum Escape {
    case scalar(UInt32)
    case named(ScalarSet.Named, negated: Bool)
    case assertion(LinearRegex.Assertion)
  }

  mutating func parseEscape(inSet: Bool) throws -> Escape {
    guard let c = peek() else { throw fail("a '\\' at the end of the pattern") }
    position += 1
    switch c {
    case 0x64: return namedSet(.digit, false)  // d
    case 0x44: return namedSet(.digit, true)
    case 0x77: return namedSet(.word, false)  // w
    case 0x57: return namedSet(.word, true)
    case 0x73: return namedSet(.space, false)  // s
    case 0x53: return namedSet(.space, true)
    case 0x74: return .scalar(0x09)  // t
    case 0x6E: return .scalar(0x0A)  // n
    case 0x72: return .scalar(0x0D)  // r
    case 0x66: return .scalar(0x0C)  // f
    case 0x76: return .scalar(0x0B)  // v
    case 0x65: return .scalar(0x1B)  // e
    case 0x61: return .scalar(0x07)  // a
    case 0x62: return inSet ? .scalar(0x08) : .assertion(.wordBoundary)  // b
    case 0x42 where !inSet: return .assertion(.notWordBoundary)
    case 0x41 where !inSet: return .assertion(.start)
    case 0x7A where !inSet: return .assertion(.absoluteEnd)
    case 0x5A where !inSet: return .assertion(.end)
    case 0x78: return .scalar(try hex(digits: 2))  // x
    case 0x75: return .scalar(try hex(digits: 4))  // u
    case 0x30: return .scalar(0)
    case 0x31...0x39, 0x6B:
      throw fail("back-references are not supported")
    case 0x70, 0x50: throw fail("Unicode categories (\\p) are not supported")
    default:
      if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) {
        throw fail("the escape '\\\(Character(Unicode.Scalar(c) ?? "?"))' is not supported")
      }
      return .scalar(c)
    }
  }

  private func namedSet(_ name: ScalarSet.Named, _ negated: Bool) -> Escape { .named(name, negated: negated) }

  mutating func hex(digits: Int) throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<digits {
      guard let c = peek(), let digit = Int(String(Character(Unicode.Scalar(c) ?? "g")), radix: 16) else {
        throw fail("an escape needs \(digits) hexadecimal digits")
      }
      value = value * 16 + UInt32(digit)
      position += 1
    }
    return value
  }

  /// After `[`: the class up to its `]`; returns its index in `sets`.
  mutating func parseSet() throws -> Int {
    var set = ScalarSet()
    set.caseInsensitive = caseInsensitive
    if peek() == 0x5E {
      set.negated = true
      position += 1
    }
    var first = true
    while true {
      guard let c = peek() else { throw fail("a missing ']'") }
      if c == 0x5D && !first {
        position += 1
        break
      }
      first = false
      position += 1
      var low: UInt32
      if c == 0x5C {
        switch try parseEscape(inSet: true) {
        case .scalar(let value): low = value
        case .named(let name, let negated):
          set.named.append((name, negated))
          continue
        case .assertion: throw fail("an anchor inside a character class")
        }
      } else {
        low = c
      }
      // A range a-z (a '-' before ']' is literal).
      if peek() == 0x2D, let after = peek(1), after != 0x5D {
        position += 1
        var high: UInt32 = after
        position += 1
        if after == 0x5C {
          guard case .scalar(let value) = try parseEscape(inSet: true) else {
            throw fail("a class escape as the end of a range")
          }
          high = value
        }
        guard low <= high else { throw fail("a range out of order") }
        set.ranges.append(low...high)
      } else {
        set.ranges.append(low...low)
      }
    }
    sets.append(set)
    return sets.count - 1
  }
}

/// Turns the tree into the VM's instructions.
private struct Compiler {
  var program: [LinearRegex.Instruction] = []
  var sets: [ScalarSet]

  typealias PatternError = LinearRegex.PatternError

  mutating func append(_ instruction: LinearRegex.Instruction) throws {
    guard program.count < LinearRegex.maxInstructions else {
      throw PatternError(
        message: "too complex (more than \(LinearRegex.maxInstructions) steps once repetitions are expanded)")
    }
    program.append(instruction)
  }

  mutating func emit(_ node: Node) throws {
    switch node {
    case .empty:
      break
    case .scalar(let value, let caseInsensitive):
      try append(caseInsensitive ? .foldedScalar(value) : .scalar(value))
    case .anyButNewline:
      try append(.anyButNewline)
    case .set(let index):
      try append(.set(index))
    case .assert(let assertion):
      try append(.assert(assertion))
    case .concatenation(let items):
      for item in items { try emit(item) }
    case .alternation(let branches):
      var jumps: [Int] = []
      for (i, branch) in branches.enumerated() {
        if i < branches.count - 1 {
          let split = program.count
          try append(.split(split + 1, 0))
          try emit(branch)
          jumps.append(program.count)
          try append(.jump(0))
          program[split] = .split(split + 1, program.count)
        } else {
          try emit(branch)
        }
      }
      for jump in jumps { program[jump] = .jump(program.count) }
    case .repetition(let body, let min, let max):
      for _ in 0..<min { try emit(body) }
      if let max {
        // Each optional copy may be skipped to the end.
        var splits: [Int] = []
        for _ in min..<max {
          splits.append(program.count)
          try append(.split(0, 0))
          try emit(body)
        }
        for split in splits { program[split] = .split(split + 1, program.count) }
      } else {
        let loop = program.count
        try append(.split(0, 0))
        try emit(body)
        try append(.jump(loop))
        program[loop] = .split(loop + 1, program.count)
      }
    }
  }
}
