import Foundation

/// Which callstacks and which allocation rows pass a `FilterState` (MemoryProfiler2's
/// `RunFilters` plus the tag filter), computed once per filter change.
public struct CallstackFilter: Sendable {
  /// `passes[c]`: callstack `c` passes the group, text and pool filters.
  public let passes: [Bool]
  /// `passesIgnoringGroups[c]`: callstack `c` passes the text and pool filters, as if every
  /// group were checked (Filter In) or none (Filter Out) — what a groups panel totals.
  public let passesIgnoringGroups: [Bool]
  /// `tagPasses[t + 1]`: rows with tags index `t` (−1 = untagged) pass the tag filter; `nil` = all.
  public let tagPasses: [Bool]?

  /// - Throws: `MprofError.badRegex` for an invalid text regex.
  public init(profile: Profile, assignment: GroupAssignment, filter: FilterState) throws {
    // Text: once per distinct function, case-insensitive.
    var textHit: [Bool]? = nil
    if !filter.text.isEmpty {
      let names = profile.functions.names
      if filter.textIsRegex {
        let matcher = try FrameMatcher.compile(
          filter.text, regex: true, caseInsensitive: true, source: "the text filter")
        var budget = LinearRegex.Budget()
        textHit = try names.map { try matcher.matches($0, budget: &budget) }
      } else {
        let needle = Array(filter.text.lowercased().utf8)
        textHit = names.map { FrameMatcher.contains(Array($0.lowercased().utf8), needle) }
      }
    }
    let activeGroups: [Bool] = assignment.groups.map { group in
      filter.checkedGroups.map { $0.contains(group.name) } ?? true
    }
    var passes = [Bool](repeating: false, count: profile.callstacks.count)
    var passesIgnoringGroups = passes
    for c in 0..<profile.callstacks.count {
      // Pools: Filter In keeps callstacks in a selected pool, Filter Out removes them.
      let mask = profile.totals.poolMask[c]
      let inSelectedPool = mask & filter.poolMask != 0
      guard mask == 0 || inSelectedPool == (filter.mode == .filterIn) else { continue }
      var textMatch = false
      if let textHit {
        for address in profile.callstacks.frames(of: c) where textHit[Int(profile.functions.idOfAddress[Int(address)])]
        {
          textMatch = true
          break
        }
      }
      let g = Int(assignment.groupOfCallstack[c])
      let groupActive = g >= 0 && activeGroups[g]
      switch filter.mode {
      case .filterIn:
        passesIgnoringGroups[c] = (textHit == nil || textMatch) && g >= 0
        passes[c] = passesIgnoringGroups[c] && groupActive
      case .filterOut:
        passesIgnoringGroups[c] = !(textHit != nil && textMatch)
        passes[c] = passesIgnoringGroups[c] && !groupActive
      }
    }
    self.passes = passes
    self.passesIgnoringGroups = passesIgnoringGroups

    if filter.tags.isEmpty {
      tagPasses = nil
    } else {
      var table = [Bool](repeating: false, count: profile.tagSets.count + 1)
      let include = filter.mode == .filterIn
      table[0] = filter.tags.contains(TagSet.untagged) ? include : !include
      for (t, set) in profile.tagSets.enumerated() {
        let any = set.tags.contains { filter.tags.contains($0) }
        table[t + 1] = any ? include : !include
      }
      tagPasses = table
    }
  }

  /// Whether allocation row `row` passes (its callstack and its tags).
  @inline(__always) public func keeps(row: Int, in profile: Profile) -> Bool {
    if let tagPasses, !tagPasses[Int(profile.allocations.tags[row]) + 1] { return false }
    return true
  }
}
