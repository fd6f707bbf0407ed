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
  /// The query rule in force, and the stream positions of its markers in order (Start is −1,
  /// before every event; out-of-order markers are sorted, as reversed diff points are swapped).
  public let rule: QueryRule?
  public let ruleMarkers: [Int64]

  /// - Throws: `MprofError.badRegex` for an invalid text regex; `MprofError.missingMarkers`
  ///   when the rule needs a marker that is not set.
  public init(profile: Profile, assignment: GroupAssignment, filter: FilterState) throws {
    rule = filter.rule
    if let rule = filter.rule {
      let refs = filter.markerRefs
      guard refs.count >= rule.markerCount else {
        throw MprofError.missingMarkers(rule: rule.title, available: refs.count, required: rule.markerCount)
      }
      ruleMarkers = refs.prefix(rule.markerCount).map { profile.markerPosition($0) }.sorted()
    } else {
      ruleMarkers = []
    }
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

  /// Whether allocation row `row` passes its tags and the query rule (not its callstack).
  @inline(__always) public func keeps(row: Int, in profile: Profile) -> Bool {
    sign(row: row, in: profile) != 0
  }

  /// How allocation row `row` counts: 0 when left out, else 1 or −1.
  ///
  /// 0 when its tags or the query rule leave it out, −1 for a decline under Growth vs. Decline.
  @inline(__always) public func sign(row: Int, in profile: Profile) -> Int64 {
    if let tagPasses, !tagPasses[Int(profile.allocations.tags[row]) + 1] { return 0 }
    guard let rule else { return 1 }
    let death = profile.allocations.death[row]
    return rule.sign(
      birth: Int64(profile.allocations.birth[row]), death: death == AllocationTable.alive ? .max : Int64(death),
      markers: ruleMarkers)
  }

  /// Whether `keeps` looks at anything but the callstack.
  public var filtersRows: Bool { tagPasses != nil || rule != nil }

  /// The rows a rule can accept, as a prefix of the birth-ordered table.
  func ruleRowLimit(in profile: Profile) -> Int {
    guard let rule, let last = rule.lastBirth(markers: ruleMarkers) else { return profile.allocations.count }
    return last < 0 ? 0 : profile.rowsBorn(atOrBefore: UInt32(clamping: last))
  }
}
