import ProfileModel

/// What every list's find shares: turning a submitted prompt into a search, and stepping through
/// the matches with `n` and `N`, wrapping and saying so.
enum FindCycle {
  /// The search a prompt asks for, checked; `nil` for an empty prompt.
  ///
  /// - Throws: `MprofError.badRegex` naming the pattern.
  static func search(from prompt: Prompt) throws -> SearchSpec? {
    guard !prompt.text.isEmpty else { return nil }
    let spec = SearchSpec(text: prompt.text, isRegex: prompt.isRegex, caseSensitive: prompt.caseSensitive)
    _ = try spec.compile()
    return spec
  }

  /// The prompt that opens a find: the last search, selected.
  static func prompt(_ purpose: Prompt.Purpose, last search: SearchSpec?) -> Prompt {
    Prompt(
      purpose: purpose, text: search?.text ?? "", isRegex: search?.isRegex ?? false,
      caseSensitive: search?.caseSensitive ?? false)
  }

  /// The match after (or before) `here` among `positions` (ascending display order), wrapping:
  /// the index into `positions` and whether it wrapped.
  static func step(_ positions: [Int], from here: Int, forward: Bool) -> (index: Int, wrapped: Bool)? {
    guard !positions.isEmpty else { return nil }
    if forward {
      if let next = positions.firstIndex(where: { $0 > here }) { return (next, false) }
      return (0, positions.count > 1)
    }
    if let previous = positions.lastIndex(where: { $0 < here }) { return (previous, false) }
    return (positions.count - 1, positions.count > 1)
  }

  /// `Match 3 of 12: text`, with the wrap said.
  static func message(_ step: (index: Int, wrapped: Bool), count: Int, forward: Bool, text: String) -> String {
    let wrapped = step.wrapped ? (forward ? " (wrapped to the top)" : " (wrapped to the bottom)") : ""
    return "Match \(step.index + 1) of \(count): \(text)\(wrapped)"
  }

  /// `n` / `N` over a list: the next (or previous) row any of whose names match, wrapping, within
  /// one regex step budget.
  ///
  /// - Returns: the row to select (`nil` when none matches or the regex fails) and what to say.
  /// - Complexity: one match per row and name.
  static func find(
    _ spec: SearchSpec, rows: Int, from here: Int, forward: Bool, names: (Int) -> [String]
  ) -> (row: Int?, outcome: TabOutcome) {
    var budget = LinearRegex.Budget()
    var hits: [Int] = []
    do {
      let matcher = try spec.compile()
      for row in 0..<rows where try names(row).contains(where: { try matcher.matches($0, budget: &budget) }) {
        hits.append(row)
      }
    } catch {
      return (nil, .say("\(error)", isError: true))
    }
    guard let step = step(hits, from: here, forward: forward) else {
      return (nil, .say("Not found: \(spec.text)", isError: true))
    }
    return (hits[step.index], .say(message(step, count: hits.count, forward: forward, text: spec.text), isError: false))
  }
}
