import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct FilterKeysTests {
  /// The totals the model gives for a filter, as the status line writes them.
  static func totals(_ h: Harness, _ change: (inout FilterState) -> Void) throws -> String {
    var f = FilterState()
    change(&f)
    let t = try ViewQuery(profile: h.profile, assignment: h.assignment, filter: f).totals
    return "\(SizeFormat.size(t.size)) in \(SizeFormat.count(t.count))"
  }

  @Test func activeLifetimeSortAndMode() throws {
    let h = try Harness()
    h.press("a")
    #expect(h.filterLine.contains("│ Lifetime │"))
    #expect(h.status.contains("allocated " + (try Self.totals(h) { $0.kind = .lifetime })))
    h.press("a", "s")
    #expect(h.filterLine.contains("│ Active │ by Count │"))
    #expect(h.callgraph.sort == .count)
    // Filter Out starts with nothing selected (the report's rule too): everything still shows,
    // and the line says what Filter Out does.
    let all = try Self.totals(h) { _ in }
    h.press("o")
    #expect(h.filterLine.contains("│ Filter Out │ Groups none │"))
    #expect(h.status.contains("live " + all) && h.status.contains("Filter Out: checked groups"))
    #expect(h.app.filter.checkedGroups == [] && h.app.filter.poolMask == 0)
    // Checking one group removes it.
    h.press("c", "j", "j", "j", "Space", "Esc")
    let removed = try #require(h.app.filter.checkedGroups?.first)
    #expect(
      h.status.contains(
        try Self.totals(h) {
          $0.mode = .filterOut
          $0.checkedGroups = [removed]
          $0.poolMask = 0
        }))
    h.press("o")
    #expect(h.app.filter.mode == .filterIn && h.app.filter.checkedGroups == [removed])
    h.press("R")
    #expect(h.app.filter == FilterState.defaults(for: .filterIn, assignment: h.assignment))
    #expect(h.status.contains("Filters reset"))
  }

  @Test func snapshotPickersSetTheDiff() throws {
    let h = try Harness(width: 120, height: 30)
    h.press("[")
    let lines = h.lines
    #expect(lines[2].contains("Diff start"))
    #expect(lines[4].contains("* Start"))
    #expect(lines[5].contains("#0: \(h.profile.snapshots[0].description)"))
    h.press("j", "j", "Enter")
    #expect(h.app.filter.diffStart == .snapshot(1))
    #expect(h.filterLine.hasPrefix(" #1: \(h.profile.snapshots[1].description) → End"))
    // A diff says what changed, signed, not what is live.
    var diff = FilterState()
    diff.diffStart = .snapshot(1)
    let t = try ViewQuery(profile: h.profile, assignment: h.assignment, filter: diff).totals
    let change =
      "change \(t.size > 0 ? "+" : "")\(SizeFormat.size(t.size)) in \(t.count > 0 ? "+" : "")\(SizeFormat.count(t.count))"
    #expect(h.status.contains(change), "\(h.status)")
    #expect(!h.status.contains("live"))
    h.press("]", "g", "Enter")
    #expect(h.app.filter.diffEnd == .start)
    h.press("]", "Esc")
    #expect(h.app.overlay == nil && h.app.filter.diffEnd == .start)
  }

  @Test func classGroupsPanelTogglesLive() throws {
    let h = try Harness(width: 120, height: 40)
    let groups = h.assignment.groups
    h.press("c")
    var lines = h.lines
    #expect(lines[2].contains("Class groups (Filter In)"))
    #expect(lines[3].contains("All") && lines[4].contains("None"))
    #expect(lines[5].contains("[x] ■ \(groups[0].name)"))
    // Live totals per group, from the model.
    let totals = try #require(h.app.shared?.groupTotals)
    let busiest = try #require(totals.indices.max { totals[$0].size < totals[$1].size })
    let row = try #require(lines.firstIndex { $0.contains("■ \(groups[busiest].name) ") })
    #expect(lines[row].contains(SizeFormat.size(totals[busiest].size)))
    // The swatch is in the group's colour.
    let swatchX = try #require(
      lines[row].firstIndex(of: "■").map { lines[row].distance(from: lines[row].startIndex, to: $0) })
    #expect(h.screen[swatchX, row].style == h.app.theme.group(groups[busiest].color))
    // Uncheck the busiest group: applies at once.
    for _ in 0..<(row - 3) { h.press("j") }
    h.press("Space")
    #expect(h.app.filter.checkedGroups == Set(groups.map(\.name)).subtracting([groups[busiest].name]))
    #expect(h.filterLine.contains("Groups \(groups.count - 1) of \(groups.count)"))
    #expect(
      h.status.contains(
        try Self.totals(h) { $0.checkedGroups = Set(groups.map(\.name)).subtracting([groups[busiest].name]) }))
    lines = h.lines
    #expect(lines[row].contains("[ ] ■ \(groups[busiest].name)"))
    h.press("n")
    #expect(h.filterLine.contains("Groups none") && h.status.contains("live 0 bytes in 0"))
    h.press("a", "Esc")
    #expect(h.app.overlay == nil && h.app.filter.checkedGroups == nil)
  }

  @Test func textFilterAppliesAsTyped() throws {
    let h = try Harness()
    h.press("\\").type("sbtr")
    #expect(h.app.filter.text == "sbtr")
    #expect(h.lines.last?.hasPrefix("Filter: sbtr ") == true)
    #expect(h.status.contains(try Self.totals(h) { $0.text = "sbtr" }))
    h.press("Enter")
    #expect(h.app.overlay == nil && h.filterLine.contains("Text sbtr"))
    // The prompt reopens with the text selected: typing replaces it, End keeps it and appends.
    h.press("\\").type("x")
    #expect(h.app.filter.text == "x")
    h.press("Esc", "\\", "End").type("ace")
    #expect(h.app.filter.text == "sbtrace")
    // Esc restores what was there before the prompt opened.
    h.press("Esc")
    #expect(h.app.filter.text == "sbtr")
    // Ctrl-R: regex; an invalid one says so and keeps the last figures.
    h.press("\\", "C-u", "C-r").type("^lldb::SB(Trace|Listener)")
    #expect(h.lines.last?.hasPrefix("Filter (regex): ^lldb::SB(Trace|Listener) ") == true)
    #expect(
      h.status.contains(
        try Self.totals(h) {
          $0.text = "^lldb::SB(Trace|Listener)"
          $0.textIsRegex = true
        }))
    let figures = try #require(h.query?.totals)
    h.type("(")
    #expect(h.app.statusMessage?.isError == true)
    let status = h.status
    let x = status.distance(
      from: status.startIndex, to: try #require(status.range(of: "invalid regular expression")?.lowerBound))
    #expect(h.screen[x, h.app.layout.statusRow].style == h.app.theme[.statusError])
    let after = try #require(h.query?.totals)
    #expect(after == figures)
    h.press("Bksp", "Enter")
    #expect(h.app.statusMessage == nil && h.filterLine.contains("Text /^lldb::SB(Trace|Listener)/"))
  }

  @Test func poolsPanel() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("m")
    let lines = h.lines
    #expect(lines[3].contains("[x] Main") && lines[3].contains("0x"))
    #expect(lines[4].contains("unused in this capture"))
    h.press("Space")
    #expect(h.app.filter.poolMask == MemoryPool.allMask & ~MemoryPool.main.flag)
    #expect(h.filterLine.contains("Pools Local (GCM)+Host (Default)+Host (Movies)") || h.filterLine.contains("Pools "))
    #expect(h.status.contains("live 0 bytes in 0"))
    h.press("a", "Esc")
    #expect(h.app.filter.poolMask == MemoryPool.allMask)
  }

  @Test func tagsPanelSearchesAndSelects() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("t")
    var lines = h.lines
    #expect(lines[3].contains("Search: _"))
    #expect(lines[4].contains("[ ] Untagged"))
    h.type("audio")
    lines = h.lines
    #expect(lines[4].contains("Subsystem") && lines[5].contains("[ ] Audio"))
    #expect(h.app.tagsRowCount == 2)
    h.press("Down", "Space")
    #expect(h.app.filter.tags == ["Subsystem:Audio"])
    #expect(h.filterLine.contains("Tags Subsystem:Audio"))
    #expect(h.status.contains(try Self.totals(h) { $0.tags = ["Subsystem:Audio"] }))
    h.press("C-r")
    #expect(h.app.filter.tags.isEmpty)
    h.press("Esc")
    #expect(h.app.overlay == nil)
  }
}

extension App {
  /// Rows of the open tags panel (tests).
  var tagsRowCount: Int {
    if case .tags(let panel) = overlay { return panel.rows.count }
    return 0
  }
}
