import ArgumentParser
import Foundation
import ProfileModel

/// The filter options of `report` and `export-csv`, mapped onto a `FilterState`.
struct FilterOptions: ParsableArguments {
  @Option(help: "Diff start: start, end, a snapshot index or description (prefix).") var start = "start"
  @Option(help: "Diff end: start, end, a snapshot index or description (prefix).") var end = "end"
  @Flag(help: "Lifetime allocations (everything allocated between start and end) instead of active ones.")
  var lifetime = false
  @Option(help: "size or count.") var sort: SortOption = .size
  @Flag(name: .customLong("filter-out"), help: "Checked groups, text and tags remove rows instead of selecting them.")
  var filterOut = false
  @Flag(name: .customLong("filter-in"), help: "Checked groups, text and tags select rows (the default).") var filterIn =
    false
  @Option(
    help:
      "Comma-separated class groups to check: shown with --filter-in, removed with --filter-out (default: the groups whose bFilter is set with --filter-in, none with --filter-out)."
  ) var groups: String?
  @Option(help: "Keep callstacks with a frame whose function contains this text (case-insensitive).") var text: String?
  @Option(help: "Keep callstacks with a frame whose function matches this regular expression (case-insensitive).")
  var regex: String?
  @Option(
    help:
      "Comma-separated pools (main, local, hostdefault, hostmovies): shown with --filter-in, removed with --filter-out (default: all with --filter-in, none with --filter-out)."
  ) var pools: String?
  @Option(help: "Comma-separated tags (e.g. Subsystem:Audio, Untagged).") var tags: String?
  @Option(
    help: ArgumentHelp(
      "Unreal Insights' query rule over markers A-D (A = --start, B = --end): \(QueryRule.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "rule")) var rule: String?
  @Option(
    name: .customLong("mark-a"), help: "Marker A (the diff start): an event number, or a snapshot as --start takes.")
  var markA: String?
  @Option(name: .customLong("mark-b"), help: "Marker B (the diff end): an event number or a snapshot.") var markB:
    String?
  @Option(name: .customLong("mark-c"), help: "Marker C, for the rules that read it.") var markC: String?
  @Option(name: .customLong("mark-d"), help: "Marker D, for the rules that read it.") var markD: String?

  /// A marker: a plain number is an event of the stream, anything else a snapshot reference.
  func marker(_ text: String, _ letter: QueryRule.Marker, in profile: Profile) throws -> SnapshotRef {
    if let event = UInt32(text) { return .event(min(event, profile.end.streamIndex), name: "Mark \(letter.letter)") }
    return try profile.resolveSnapshot(text)
  }

  enum SortOption: String, ExpressibleByArgument, CaseIterable { case size, count }

  func state(for profile: Profile, groups set: ClassGroupSet) throws -> FilterState {
    // The selections each mode starts from are the viewer's: Filter In checks the groups whose
    // bFilter is set and every pool, Filter Out nothing.
    var f = FilterState.defaults(for: filterOut ? .filterOut : .filterIn, groups: GroupAssignment.groupList(set).groups)
    f.diffStart = try profile.resolveSnapshot(start)
    f.diffEnd = try profile.resolveSnapshot(end)
    if let markA { f.diffStart = try marker(markA, .a, in: profile) }
    if let markB { f.diffEnd = try marker(markB, .b, in: profile) }
    f.markC = try markC.map { try marker($0, .c, in: profile) }
    f.markD = try markD.map { try marker($0, .d, in: profile) }
    if let rule {
      guard let found = QueryRule.named(rule) else {
        throw MprofError.notFound(
          what: "no query rule named '\(rule)'; known: \(QueryRule.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      f.rule = found
    }
    f.kind = lifetime ? .lifetime : .active
    f.sort = sort == .size ? .size : .count
    f.mode = filterOut ? .filterOut : .filterIn
    if let groups {
      let wanted = groups.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      let known = set.groups.map(\.name) + [ClassGroup.ungroupedName]
      var checked = Set<String>()
      for name in wanted {
        guard let match = known.first(where: { $0.lowercased() == name.lowercased() }) else {
          throw MprofError.notFound(what: "no class group named '\(name)'; known: \(known.joined(separator: ", "))")
        }
        checked.insert(match)
      }
      f.checkedGroups = checked
    }
    if let regex {
      f.text = regex
      f.textIsRegex = true
    } else if let text {
      f.text = text
    }
    if let pools {
      var mask: UInt8 = 0
      for word in pools.split(separator: ",") {
        guard
          let pool = MemoryPool.allCases.first(where: {
            $0.displayName.lowercased() == word.trimmingCharacters(in: .whitespaces).lowercased()
          })
        else {
          throw MprofError.notFound(what: "no pool named '\(word)'; known: main, local, hostdefault, hostmovies")
        }
        mask |= pool.flag
      }
      f.poolMask = mask
    }
    if let tags {
      // Unknown tags are an error naming the known ones, as unknown groups and pools are.
      let known = Set(profile.tagSets.flatMap(\.tags)).union([TagSet.untagged])
      var chosen = Set<String>()
      for word in tags.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
        guard known.contains(word) else {
          throw MprofError.notFound(
            what: "no tag named '\(word)'; known: \(known.sorted().joined(separator: ", "))")
        }
        chosen.insert(word)
      }
      f.tags = chosen
    }
    return f
  }

  /// Every filter that produced a report, as JSON fields (scripts need not parse `selection`).
  func json(_ f: FilterState, profile: Profile) -> JSONValue {
    .object([
      ("start", .string(profile.label(f.diffStart))), ("end", .string(profile.label(f.diffEnd))),
      ("kind", .string(f.kind == .active ? "active" : "lifetime")),
      ("mode", .string(f.mode == .filterIn ? "filter-in" : "filter-out")),
      ("groups", f.checkedGroups.map { .array($0.sorted().map { .string($0) }) } ?? .string("all")),
      ("text", f.text.isEmpty ? .null : .string(f.text)), ("regex", .bool(f.textIsRegex && !f.text.isEmpty)),
      (
        "pools",
        .array(MemoryPool.allCases.filter { f.poolMask & $0.flag != 0 }.map { .string($0.displayName.lowercased()) })
      ),
      ("tags", .array(f.tags.sorted().map { .string($0) })),
      ("sort", .string(f.sort.rawValue.lowercased())),
      ("rule", f.rule.map { .string($0.rawValue) } ?? .null),
      ("markers", .array(f.markerRefs.map { .string(profile.label($0)) })),
    ])
  }

  /// The selection in one line: the points, then the rule or the kind, then the mode.
  static func header(_ f: FilterState, profile p: Profile) -> String {
    guard let rule = f.rule else {
      return "\(p.label(f.diffStart)) → \(p.label(f.diffEnd)), \(f.kind.rawValue), \(f.mode.rawValue)"
    }
    let markers = zip(QueryRule.Marker.allCases, f.markerRefs).prefix(rule.markerCount).map {
      "\($0.letter) = \(p.label($1))"
    }
    return "\(rule.title): \(rule.formula); \(markers.joined(separator: ", ")), \(f.mode.rawValue)"
  }
}
