/// Which class group each callstack belongs to (§2.4): patterns tried in a stable order —
/// ordinal, then group order (by name), then pattern order — the first match wins; callstacks
/// that match nothing fall into `Ungrouped`. Each frame pattern runs once per distinct function.
public struct GroupAssignment: Sendable {
  /// The groups in list order, `Ungrouped` included.
  public let groups: [ClassGroup]
  /// Group index of each callstack, or −1 for callstacks with no frames.
  public let groupOfCallstack: [Int32]
  /// Index of `Ungrouped` in `groups`.
  public let ungroupedIndex: Int

  /// Assigns every callstack of `profile`.
  ///
  /// - Throws: `MprofError.badRegex` when a pattern is not a valid regular expression.
  /// - Complexity: O(patterns × functions + callstacks × frames × patterns tried).
  public init(profile: Profile, groups set: ClassGroupSet) throws {
    var groups = set.orderedGroups
    let catchAll = CallStackPattern(useRegexes: true, orderGroup: .catchAll, orderBias: 32767, framePatterns: ["."])
    if let u = groups.firstIndex(where: { $0.name == ClassGroup.ungroupedName }) {
      if groups[u].patterns.count != 1 { groups[u].patterns = [catchAll] }
      ungroupedIndex = u
    } else {
      groups.append(
        ClassGroup(name: ClassGroup.ungroupedName, isFiltered: true, color: GroupColor(red: 211, green: 211, blue: 211, name: "LightGray"), patterns: [catchAll]))
      ungroupedIndex = groups.count - 1
    }
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
            matchers.append(try FrameMatcher.compile(text, regex: pattern.useRegexes))
            elementKey[key] = matchers.count - 1
            elements.append(matchers.count - 1)
          }
        }
        ordered.append(Ordered(group: g, ordinal: pattern.ordinal, sequence: ordered.count, elements: elements))
      }
    }
    ordered.sort { $0.ordinal != $1.ordinal ? $0.ordinal < $1.ordinal : $0.sequence < $1.sequence }

    // Which functions appear in any callstack, and each element's verdict on them.
    let functionCount = profile.functions.count
    var used = [Bool](repeating: false, count: functionCount)
    for address in profile.callstacks.frames { used[Int(profile.functions.idOfAddress[Int(address)])] = true }
    var verdict = [[Bool]](repeating: [], count: matchers.count)
    for (e, matcher) in matchers.enumerated() {
      var row = [Bool](repeating: false, count: functionCount)
      for f in 0..<functionCount where used[f] { row[f] = matcher.matches(profile.functions.names[f]) }
      verdict[e] = row
    }

    var result = [Int32](repeating: -1, count: profile.callstacks.count)
    var functionsOfStack: [Int] = []
    for c in 0..<profile.callstacks.count {
      functionsOfStack.removeAll(keepingCapacity: true)
      for address in profile.callstacks.frames(of: c) {
        functionsOfStack.append(Int(profile.functions.idOfAddress[Int(address)]))
      }
      if functionsOfStack.isEmpty { continue }
      var assigned = Int32(ungroupedIndex)
      search: for pattern in ordered {
        var next = 0
        for f in functionsOfStack where verdict[pattern.elements[next]][f] {
          next += 1
          if next == pattern.elements.count {
            assigned = Int32(pattern.group)
            break search
          }
        }
      }
      result[c] = assigned
    }
    groupOfCallstack = result
  }

  /// The group name of a callstack (`Ungrouped` for empty stacks, as the Exclusive view says).
  public func groupName(of callstack: Int) -> String {
    let g = Int(groupOfCallstack[callstack])
    return g >= 0 ? groups[g].name : ClassGroup.ungroupedName
  }
}
