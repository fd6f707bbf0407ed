import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Issue 10: the mouse and the terminal.
@Suite struct MouseTests {
  /// A harness whose clock the test moves.
  final class Clock {
    var time = 100.0
  }

  static func harness(_ clock: Clock) throws -> Harness {
    let h = try Harness(width: 120, height: 40)
    h.app.now = { clock.time }
    return h
  }

  @Test func twoPressesOnARowAreADoubleClick() throws {
    let clock = Clock()
    let h = try Self.harness(clock)
    let rowY = 5  // main, collapsed
    #expect(!h.callgraph.tree.rows[2].isExpanded)
    h.send(.mouse(x: 60, y: rowY, button: .press))
    clock.time += 0.2
    h.send(.mouse(x: 60, y: rowY, button: .press))
    #expect(h.callgraph.tree.rows[2].isExpanded)
    // Too slow, or on another cell: two clicks.
    clock.time += 1
    h.send(.mouse(x: 60, y: rowY, button: .press))
    clock.time += 0.5
    h.send(.mouse(x: 60, y: rowY, button: .press))
    #expect(h.callgraph.tree.rows[2].isExpanded)
  }

  @Test func aClickOnTheMarkerToggles() throws {
    let clock = Clock()
    let h = try Self.harness(clock)
    let row = h.callgraph.tree.rows[2]
    let x = CallgraphTab.markerColumn(depth: row.depth, width: 120)
    #expect(h.lines[5].dropFirst(x).hasPrefix("▸ main"))
    h.send(.mouse(x: x, y: 5, button: .press))
    #expect(h.callgraph.tree.rows[2].isExpanded && h.lines[5].dropFirst(x).hasPrefix("▾ main"))
    clock.time += 1
    h.send(.mouse(x: x, y: 5, button: .press))
    #expect(!h.callgraph.tree.rows[2].isExpanded)
  }

  @Test func aClickOnAColumnHeaderSorts() throws {
    let clock = Clock()
    let h = try Self.harness(clock)
    h.send(.mouse(x: 30, y: 2, button: .press))
    #expect(h.callgraph.sort == .count && h.filterLine.contains("by Count"))
    h.press("2")
    clock.time += 1
    h.send(.mouse(x: 50, y: 2, button: .press))
    #expect(h.exclusive.sortColumn == .group && h.exclusive.ascending)
    clock.time += 1
    h.send(.mouse(x: 50, y: 2, button: .press))
    #expect(h.exclusive.sortColumn == .group && !h.exclusive.ascending)
    clock.time += 1
    h.send(.mouse(x: 5, y: 2, button: .press))
    #expect(h.exclusive.sortColumn == .size)
  }

  @Test func aClickOnAFilterLineFieldOpensItsPanel() throws {
    let clock = Clock()
    let h = try Self.harness(clock)
    let line = h.filterLine
    func x(of text: String) throws -> Int {
      let range = try #require(line.range(of: text))
      return line.distance(from: line.startIndex, to: range.lowerBound)
    }
    let fields: [(String, (Overlay?) -> Bool)] = [
      ("Groups", { if case .groups? = $0 { true } else { false } }),
      ("Pools", { if case .pools? = $0 { true } else { false } }),
      ("Tags", { if case .tags? = $0 { true } else { false } }),
      ("Text", { if case .prompt? = $0 { true } else { false } }),
      ("Start", { if case .snapshotPicker? = $0 { true } else { false } }),
    ]
    for (text, isPanel) in fields {
      clock.time += 1
      h.send(.mouse(x: try x(of: text) + 1, y: 1, button: .press))
      #expect(isPanel(h.app.overlay), "\(text)")
      h.press("Esc")
      if h.app.overlay != nil { h.press("Esc") }
    }
    clock.time += 1
    h.send(.mouse(x: try x(of: "Active") + 1, y: 1, button: .press))
    #expect(h.app.filter.kind == .lifetime)
  }

  @Test func theHelpScrollsOnTheFirstDownAndItsKeysFit() throws {
    let h = try Harness(width: 120, height: 30)
    h.press("?")
    let first = h.lines[3]
    h.press("j")
    #expect(h.lines[3] != first)
    guard case .help(let cursor) = try #require(h.app.overlay) else { return }
    #expect(cursor.top == 1)
    // The longest key list and its text are apart.
    let line = try #require(h.app.helpLines.first { $0.text.contains("PgDn Ctrl-D Ctrl-F Space") })
    #expect(line.text.contains("PgDn Ctrl-D Ctrl-F Space  "))
  }

  @Test func escapeAfterShowInCallgraphGoesBack() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "Enter", "Enter")
    #expect(h.app.tab is CallgraphTab)
    h.press("Esc")
    #expect(h.app.tab is ExclusiveTab && h.status.contains("Back to Exclusive"))
    // Esc with nowhere to go back to only clears the message.
    h.press("Esc")
    #expect(h.app.tab is ExclusiveTab)
  }
}
