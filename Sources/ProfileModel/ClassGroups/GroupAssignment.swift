/// Which class group each callstack belongs to (§2.4): patterns tried in a stable order — ordinal, then group order (by
/// name), then pattern order — the first match wins; callstacks that match nothing fall into `Ungrouped`.
///
/// Each frame pattern runs once per distinct function.
public struct GroupAssignment: Sendable {
  /// The groups in list order, `Ungrouped` included.
  public let groups: [ClassGroup]
  /// Group index of each callstack, or −1 for callstacks with no frames.
  public let groupOfCallstack: [Int32]
  /// Index of `Ungrouped` in `groups`.
  public let ungroupedIndex: Int

  /// The groups in list order with `Ungrouped` (its one catch-all pattern), as every view and
  /// filter numbers them; returns the list and Ungrouped's position.
  public static func groupList(_ set: ClassGroupSet) -> (groups: [ClassGroup], ungrouped: Int) {
    var groups = set.orderedGroups
    let catchAll = CallStackPattern(useRegexes: true, orderGroup: .catchAll, orderBias: 32767, framePatterns: ["."])
    if let u = groups.firstIndex(where: { $0.name == ClassGroup.ungroupedName }) {
      if groups[u].patterns.count != 1 { groups[u].patterns = [catchAll] }
      return (groups, u)
    }
    groups.append(
      ClassGroup(
        name: ClassGroup.ungroupedName, isFiltered: true,
        color: GroupColor(red: 211, green: 211, blue: 211, name: "LightGray"), patterns: [catchAll]))
    return (groups, groups.count - 1)
  }

  /// Assigns every callstack of `profile`.
  ///
  /// - Throws: `MprofError.badRegex` when a pattern is not a valid regular expression.
  /// - Complexity: O(patterns × functions + callstacks × frames + callstacks × sequence patterns × frames).
  public init(profile: Profile, groups set: ClassGroupSet) throws {
    let (groups, ungrouped) = Self.groupList(set)
    ungroupedIndex = ungrouped
    self.groups = groups

    struct Ordered {
      var group: Int
      var ordinal: Int
      var sequence: Int
      var elements: [Int]
    }
    // Compile each distinct (text, regex) element once.
    var elementKey: [String: Int] = [:]
    var matchers: [FrameMatcher] = []
    var ordered: [Ordered] = []
    for (g, group) in groups.enumerated() {
      for pattern in group.patterns where !pattern.framePatterns.isEmpty {
        var elements: [Int] = []
        for text in pattern.framePatterns {
          let key = (pattern.useRegexes ? "r:" : "p:") + text
          if let known = elementKey[key] {
            elements.append(known)
          } else {
            matchers.append(
              try FrameMatcher.compile(text, regex: pattern.useRegexes, source: "class group '\(group.name)'"))
            elementKey[key] = matchers.count - 1
            elements.append(matchers.count - 1)
          }
        }
        ordered.append(Ordered(group: g, ordinal: pattern.ordinal, sequence: ordered.count, elements: elements))
      }
    }
    ordered.sort { $0.ordinal != $1.ordinal ? $0.ordinal < $1.ordinal : $0.sequence < $1.sequence }

    // Which functions appear in any callstack.
    let functionCount = profile.functions.count
    let functionOfAddress = profile.functions.idOfAddress
    var used = [Bool](repeating: false, count: functionCount)
    for address in profile.callstacks.frames { used[Int(functionOfAddress[Int(address)])] = true }

    // A one-element pattern matches a callstack when any of its functions matches, so the first
    // such pattern of a callstack is the earliest first-pattern of its functions. Sequences
    // (several elements, rare) are tried in order only while they could still come first; their
    // elements' verdicts are kept per function (`verdict[element]?[function]`).
    let noMatch = Int32.max
    var firstSingle = [Int32](repeating: noMatch, count: functionCount)
    let singles = ordered.indices.filter { ordered[$0].elements.count == 1 }
    let sequences = ordered.indices.filter { ordered[$0].elements.count > 1 }
    var verdict: [Int: [Bool]] = [:]
    // Each pattern's regex gets its own step budget for the whole pass.
    var budgets = [LinearRegex.Budget](repeating: LinearRegex.Budget(), count: matchers.count)
    for element in Set(sequences.flatMap { ordered[$0].elements }) {
      var row = [Bool](repeating: false, count: functionCount)
      for f in 0..<functionCount where used[f] {
        row[f] = try matchers[element].matches(profile.functions.names[f], budget: &budgets[element])
      }
      verdict[element] = row
    }
    // Each sequence's position in the order and its elements' verdict rows.
    let sequenceRows = sequences.map { (position: $0, rows: ordered[$0].elements.map { verdict[$0] ?? [] }) }
    for f in 0..<functionCount where used[f] {
      let name = profile.functions.names[f]
      for position in singles {
        let element = ordered[position].elements[0]
        if try matchers[element].matches(name, budget: &budgets[element]) {
          firstSingle[f] = Int32(position)
          break
        }
      }
    }

    var result = [Int32](repeating: -1, count: profile.callstacks.count)
    var functionsOfStack: [Int] = []
    for c in 0..<profile.callstacks.count {
      functionsOfStack.removeAll(keepingCapacity: true)
      var best = noMatch
      for address in profile.callstacks.frames(of: c) {
        let f = Int(functionOfAddress[Int(address)])
        functionsOfStack.append(f)
        best = min(best, firstSingle[f])
      }
      if functionsOfStack.isEmpty { continue }
      search: for sequence in sequenceRows where sequence.position < best {
        var next = 0
        for f in functionsOfStack where sequence.rows[next][f] {
          next += 1
          if next == sequence.rows.count {
            best = Int32(sequence.position)
            break search
          }
        }
      }
      result[c] = best == noMatch ? Int32(ungroupedIndex) : Int32(ordered[Int(best)].group)
    }
    groupOfCallstack = result
  }

  /// A distinct capital per group, for maps drawn without colour: the first letter of its name
  /// not taken by an earlier group, else any free letter, else a digit.
  public var letters: [Character] { Self.letters(for: groups.map(\.name)) }

  static func letters(for names: [String]) -> [Character] {
    var taken = Set<Character>()
    let spare = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    return names.map { name in
      let candidates = name.uppercased().filter { $0.isASCII && $0.isLetter } + spare
      let letter = candidates.first { !taken.contains($0) } ?? "?"
      taken.insert(letter)
      return letter
    }
  }

  /// The group name of a callstack (`Ungrouped` for empty stacks, as the Exclusive view says).
  public func groupName(of callstack: Int) -> String {
    let g = Int(groupOfCallstack[callstack])
    return g >= 0 ? groups[g].name : ClassGroup.ungroupedName
  }
}
