import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Tab 4: the history of a Callgraph node, an Exclusive row or a class group, opened with `H`.
@Suite struct HistoryTabTests {
  static let historyIndex = 3

  @Test func emptyUntilChosen() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("4")
    #expect(h.lines.contains { $0.contains("No history chosen yet.") })
    #expect(h.lines.contains { $0.contains("Press H on a Callgraph node") })
    #expect(h.lines.contains { $0.contains("or a class group in the c panel") })
  }

  @Test func callgraphNodeEndsAtItsActiveBytes() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("j", "j")
    let graph = try #require(h.graph)
    let node = try #require(h.callgraph.tree.selectedNode)
    h.press("H")
    let tab = try #require(h.app.tab(HistoryTab.self))
    #expect(h.app.tabIndex == Self.historyIndex)
    let figures = try #require(tab.figures)
    // Start → End, active: the node's size is its callstacks' live bytes at the end.
    #expect(figures.series.buckets.last?.final == graph.nodes[Int(node)].size)
    #expect(figures.extent == LiveBytesSeries.wholeCapture(h.profile))
    let title = graph.title(node, in: h.profile)
    #expect(h.lines.contains { $0.hasPrefix("History of \(title)") })
    #expect(h.filterLine.contains("history of"))
    // Esc goes back to the Callgraph.
    h.press("Esc")
    #expect(h.app.tabIndex == 0)
  }

  @Test func exclusiveRowAndItsBlocks() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "j", "j")
    let callstack = try #require(h.exclusive.selectedCallstack)
    let row = try #require(h.query?.passingRows.first { $0.callstack == callstack })
    h.press("H")
    let tab = try #require(h.app.tab(HistoryTab.self))
    let last = try #require(tab.figures?.series.buckets.last)
    #expect(last.final == row.size && last.finalCount == row.count)
    #expect(tab.figures?.callstackCount == 1)
    #expect(
      h.lines.contains { $0.contains("live \(SizeFormat.size(row.size)) in \(SizeFormat.count(row.count)) blocks") })
  }

  /// Braille by default (two samples a column), `s` for blocks; the readout names the change at
  /// the cursor's event and the function that made it.
  @Test func brailleAndTheChangeUnderTheCursor() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "H")
    let tab = try #require(h.app.tab(HistoryTab.self))
    let figures = try #require(tab.figures)
    #expect(figures.halfPeaks?.count == 2 * figures.series.buckets.count)
    let braille = h.lines.joined().unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
    #expect(braille)
    // The readout: the largest change in the cursor's column and its callstack's function.
    let callstack = try #require(h.exclusive.selectedCallstack)
    let bucket = try #require(figures.series.buckets.last)
    let change = try EventChange.largest(
      in: bucket.first...bucket.last, profile: h.profile, query: h.query,
      callstacks: (0..<h.profile.callstacks.count).map { $0 == callstack })
    if let change {
      let sign = change.bytes >= 0 ? "+" : ""
      #expect(
        h.lines.contains {
          $0.contains(
            "largest at event \(SizeFormat.count(Int64(change.event))) \(sign)\(SizeFormat.size(change.bytes))")
        })
    } else {
      #expect(h.lines.contains { $0.contains("no change in this column") })
    }
    // Zoomed in to one event a column: the change at that event.
    for _ in 0..<20 { h.press("+") }
    let one = try #require(tab.figures?.series.buckets)
    #expect(one.allSatisfy { $0.first == $0.last })
    #expect(tab.figures?.halfPeaks == nil)
    #expect(h.lines.contains { $0.contains("at this event") || $0.contains("no change at event") })
    h.press("s")
    #expect(tab.braille == false && tab.request.twoPerColumn == false)
    h.press("0")
    #expect(tab.figures?.halfPeaks == nil)
    #expect(!h.lines.joined().unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
  }

  @Test func classGroupFromThePanel() throws {
    let h = try Harness(width: 120, height: 40)
    let query = try #require(h.query)
    let groupOf = h.assignment.groupOfCallstack
    // The first group with live bytes at the end.
    let group = try #require(
      h.assignment.groups.indices.first { g in query.passingRows.contains { Int(groupOf[$0.callstack]) == g } })
    let expected = query.passingRows.filter { Int(groupOf[$0.callstack]) == group }.map(\.size).reduce(0, +)
    h.press("c")
    for _ in 0..<(group + 2) { h.press("j") }
    h.press("H")
    #expect(h.app.tabIndex == Self.historyIndex)
    let tab = try #require(h.app.tab(HistoryTab.self))
    #expect(tab.selection?.title == h.assignment.groups[group].name)
    #expect(tab.figures?.series.buckets.last?.final == expected)
    // All: every callstack, which is the timeline's live bytes at the end.
    h.press("c", "g", "H")
    #expect(tab.selection?.source == .all)
    #expect(tab.figures?.series.buckets.last?.final == h.profile.end.allocationSize)
  }

  @Test func diffRangeAndWholeCapture() throws {
    let h = try Harness(width: 120, height: 40)
    // Diff start: the first named snapshot.
    h.press("[", "j", "Enter")
    let start = try #require(h.profile.streamIndex(h.app.filter.diffStart))
    h.press("j", "H")
    let tab = try #require(h.app.tab(HistoryTab.self))
    #expect(tab.figures?.extent.lowerBound == start)
    #expect(tab.figures?.series.buckets.first?.first == start)
    h.press("w")
    #expect(tab.figures?.extent == LiveBytesSeries.wholeCapture(h.profile))
    #expect(h.lines.contains { $0.contains("the complete capture (w)") })
    // Zoom and cursor work as on the Timeline.
    h.press("+")
    #expect(tab.chart.window.count < LiveBytesSeries.wholeCapture(h.profile).count)
    h.press("0")
    #expect(tab.chart.window == LiveBytesSeries.wholeCapture(h.profile))
  }

  @Test func histogramBarAndShortLivedRow() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("5", "j")
    let histogram = try #require(h.app.tab(HistogramTab.self))
    let bar = try #require(histogram.selected)
    h.press("H")
    #expect(h.app.tabIndex == Self.historyIndex)
    let tab = try #require(h.app.tab(HistoryTab.self))
    #expect(tab.selection?.title == "\(bar.group) (Main bank)")
    #expect(tab.figures?.series.buckets.last?.final == bar.size)
    #expect(tab.figures?.callstackCount == bar.callstacks.count)
    // Inside the bar: the selected callstack.
    h.press("5", "Enter", "j", "H")
    let callstack = bar.callstacks[1].callstack
    #expect(tab.selection?.source == .callstacks([callstack]))
    #expect(tab.figures?.series.buckets.last?.final == bar.callstacks[1].size)
    // A Short-lived row.
    h.press("7")
    for _ in 0..<6 { h.press("-") }
    let shortLived = try #require(h.app.tab(ShortLivedTab.self))
    let row = try #require(shortLived.selectedCallstack)
    h.press("H")
    #expect(h.app.tabIndex == Self.historyIndex)
    #expect(tab.selection?.source == .callstacks([row]) && tab.figures?.callstackCount == 1)
  }
}
