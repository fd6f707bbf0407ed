import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Tab 3: the timeline at the terminal's resolution, its cursor, zoom, pan and filter switch.
@Suite struct TimelineTabTests {
  static func open(width: Int = 120, height: Int = 40) throws -> (Harness, TimelineTab) {
    let h = try Harness(width: width, height: height)
    h.press("3")
    return (h, try #require(h.app.tab(TimelineTab.self)))
  }

  @Test func oneBucketPerColumnOverTheWholeCapture() throws {
    let (h, tab) = try Self.open()
    let buckets = try #require(tab.figures?.series.buckets)
    #expect(buckets.count == 120 - SeriesChart.axisWidth - 1)
    #expect(buckets.first?.first == 0 && buckets.last?.last == h.profile.end.streamIndex)
    // The cursor starts on the end: its readout is the End snapshot's live bytes.
    let readout = try #require(h.lines.first { $0.hasPrefix("event") })
    #expect(readout.contains("end \(SizeFormat.size(h.profile.end.allocationSize))"))
    #expect(h.lines.contains { $0.contains("live bytes, all memory (f)") })
    #expect(h.filterLine.contains("all memory") && h.filterLine.contains("x in events"))
    // The tallest column reaches the top chart row when the scale is the live peak's.
    let peak = buckets.map(\.maximum).max() ?? 0
    #expect(SeriesChart.niceScale(peak) >= peak)
  }

  @Test func resizingRecomputesAtTheNewWidth() throws {
    let (h, tab) = try Self.open()
    h.send(.resize(width: 90, height: 30))
    #expect(tab.figures?.series.buckets.count == 90 - SeriesChart.axisWidth - 1)
  }

  @Test func snapshotJumpsAndTheReadout() throws {
    let (h, tab) = try Self.open()
    let named = h.profile.snapshots.dropLast()
    let last = try #require(named.last)
    h.press("[")
    let index = try #require(tab.bucketIndex(of: tab.cursorEvent))
    let bucket = try #require(tab.figures?.series.buckets[index])
    #expect(bucket.first <= last.streamIndex && last.streamIndex <= bucket.last)
    #expect(h.lines.contains { $0.hasPrefix("event") && $0.contains(last.description) })
    #expect(h.status.contains(last.description))
    // ] from there comes back to the end.
    h.press("]")
    #expect(tab.cursorEvent == h.profile.end.streamIndex)
    h.press("]")
    #expect(h.status.contains("No snapshot after the cursor"))
  }

  @Test func zoomKeepsTheCursorAndResets() throws {
    let (h, tab) = try Self.open()
    h.press("[", "[", "[")
    let event = tab.cursorEvent
    let whole = tab.window
    h.press("+")
    #expect(tab.window.count < whole.count / 2 + 2 && tab.window.contains(event))
    #expect(tab.figures?.series.buckets.first?.first == tab.window.lowerBound)
    let zoomed = tab.window
    h.press("<")
    #expect(tab.window.lowerBound < zoomed.lowerBound && tab.window.count == zoomed.count)
    h.press("-")
    #expect(tab.window.count > zoomed.count)
    h.press("0")
    #expect(tab.window == whole)
    // Zooming stops at one event per column.
    for _ in 0..<40 { h.press("+") }
    #expect(tab.window.count >= tab.columns - 1)
    #expect(h.status.contains("one event per column"))
  }

  @Test func cursorMovesAndPansAtTheEdge() throws {
    let (h, tab) = try Self.open()
    h.press("Home")
    #expect(tab.cursorEvent == tab.window.lowerBound)
    let first = try #require(tab.figures?.series.buckets.first)
    h.press("Right")
    #expect(tab.cursorEvent == tab.figures?.series.buckets[1].last)
    h.press("Left", "Left")
    #expect(tab.cursorEvent == first.last)
    h.press("+", "End")
    let window = tab.window
    #expect(tab.cursorEvent == window.upperBound)
    h.press("Right")
    #expect(tab.window.upperBound > window.upperBound && tab.window.contains(tab.cursorEvent))
  }

  @Test func filteredCountsOnlyWhatPasses() throws {
    let (h, tab) = try Self.open()
    let all = try #require(tab.figures?.series.buckets.last?.final)
    h.press("\\").type("Texture").press("Enter")
    #expect(tab.figures?.series.buckets.last?.final == all)
    h.press("f")
    let filtered = try #require(tab.figures?.series.buckets.last?.final)
    let query = try #require(h.query)
    let expected = try LiveBytesSeries(
      profile: h.profile, range: tab.window, buckets: tab.columns, query: query)
    #expect(filtered == expected.buckets.last?.final && filtered < all && filtered > 0)
    #expect(h.lines.contains { $0.contains("live bytes, passing the filters") })
    #expect(h.filterLine.contains("memory passing the filters"))
  }

  @Test func usedPhysicalAndTheScale() throws {
    let (h, tab) = try Self.open()
    let figures = try #require(tab.figures)
    let used = figures.usedPhysical.compactMap { $0 }.max() ?? 0
    let live = figures.series.buckets.map(\.maximum).max() ?? 0
    #expect(used > live)
    let top = try #require(h.lines.first { $0.dropFirst(SeriesChart.axisWidth).hasPrefix("│") })
    #expect(
      top.hasPrefix(TextFit.pad(SizeFormat.size(SeriesChart.niceScale(used)), SeriesChart.axisWidth, right: true)))
    h.press("u")
    #expect(!tab.showsUsedPhysical && h.lines.contains { $0.contains("Used Physical hidden (u)") })
    let scaled = TextFit.pad(SizeFormat.size(SeriesChart.niceScale(live)), SeriesChart.axisWidth, right: true)
    #expect(h.lines.contains { $0.hasPrefix(scaled + "│") })
  }

  @Test func allocatorStatsStackUnderTheLiveBytesLine() throws {
    let (h, tab) = try Self.open()
    let figures = try #require(tab.figures)
    let names = figures.stacked.map(\.name)
    #expect(!names.isEmpty && names == TimelineTab.stackedStats.filter { names.contains($0) })
    // Each layer is the last sample at or before the bucket's end.
    let stats = h.profile.stats
    let last = try #require(figures.series.buckets.last)
    for layer in figures.stacked {
      let column = try #require(stats.column(named: layer.name))
      let sample = try #require(stats.sample(atOrBefore: last.last))
      #expect(layer.values.last == stats.values[column][sample])
    }
    let legend = try #require(h.lines.first { $0.contains("live bytes, all memory") })
    #expect(legend.hasPrefix("━ live bytes") && legend.contains("■ used"))
    #expect(h.lines.contains { $0.contains("━") && $0.contains("│") && !$0.hasPrefix("━") })
  }

  @Test func gcAndMapLoadSpansAreShaded() throws {
    let (h, tab) = try Self.open()
    let spans = SeriesChart.spans(of: h.profile.snapshots)
    // Each span runs from a start marker to the matching end marker.
    let loads = h.profile.snapshots.filter { $0.subtype == .loadMapStart || $0.subtype == .loadMapEnd }
    #expect(!spans.isEmpty && !loads.isEmpty)
    for span in spans {
      #expect(h.profile.snapshots.contains { $0.streamIndex == span.lowerBound && $0.subtype != .snapshot })
    }
    let buckets = try #require(tab.figures?.series.buckets)
    let shade = h.app.theme[.chartSpan].background
    let chartX = SeriesChart.axisWidth + 1
    // The chart's top row (row 3 of the body): empty cells, shaded inside spans only.
    let top = h.app.layout.body.y + 2
    let screen = h.screen
    var shaded = 0
    for (column, bucket) in buckets.enumerated() where screen[chartX + column, top].scalar == " " {
      let inside = spans.contains { $0.lowerBound <= bucket.last && $0.upperBound >= bucket.first }
      #expect((screen[chartX + column, top].style.background == shade) == inside, "column \(column)")
      if inside { shaded += 1 }
    }
    #expect(shaded > 0)
  }

  @Test func marksABecomeTheDiffOfEveryTab() throws {
    let (h, tab) = try Self.open()
    let named = try #require(h.profile.snapshots.indices.dropLast().last)
    let snapshot = h.profile.snapshots[named]
    h.press("[")
    #expect(tab.cursorEvent == snapshot.streamIndex)
    h.press("a")
    #expect(h.app.filter.diffStart == .event(snapshot.streamIndex, name: "Mark A"))
    #expect(
      h.status.contains(
        "Mark A @ event \(snapshot.streamIndex), frame \(h.profile.frames.frame(containing: snapshot.streamIndex)): diff start of every tab"
      ))
    let marked = try #require(h.query?.totals)
    // The same totals as picking that snapshot.
    var bySnapshot = h.app.filter
    bySnapshot.diffStart = .snapshot(named)
    let expected = try ViewQuery(profile: h.profile, assignment: h.assignment, filter: bySnapshot).totals
    #expect(marked == expected)
    h.press("Home", "b")
    #expect(h.app.filter.diffEnd == .event(tab.window.lowerBound, name: "Mark B"))
    // The pickers list the marks in stream order.
    h.press("1", "[")
    // Its row gives the live bytes there, as the snapshot at that event does.
    #expect(
      h.lines.contains {
        $0.contains("Mark A @ event \(snapshot.streamIndex)") && $0.contains(SizeFormat.size(snapshot.allocationSize))
      })
    #expect(h.lines.contains { $0.contains("Mark B @ event") })
    let refs = h.app.pickerRefs
    let a = try #require(refs.firstIndex(of: .event(snapshot.streamIndex, name: "Mark A")))
    #expect(refs[a + 1] == .snapshot(named))
  }

  /// `r` cycles Insights' rules over marks A-D; every tab's figures follow, the filter line and
  /// the chart show the rule's markers, and a rule without its markers is refused.
  @Test func queryRulesOverTheMarks() throws {
    let (h, tab) = try Self.open()
    h.press("Home", "a", "]", "]", "b", "End", "C")
    let a = try #require(h.profile.streamIndex(h.app.filter.diffStart))
    let b = try #require(h.profile.streamIndex(h.app.filter.diffEnd))
    #expect(a < b && h.app.filter.markC == .event(tab.cursorEvent, name: "Mark C"))
    #expect(h.status.contains("for the query rules (r)"))
    h.press("r")
    #expect(h.app.filter.rule == .activeAt)
    #expect(h.filterLine.contains("Rule Active Allocs (*A*)") || h.filterLine.contains("Rule *A* "))
    while h.app.filter.rule != .leaks { h.press("r") }
    #expect(h.status.contains("Memory Leaks (A*B C*): A ≤ a ≤ B ≤ C ≤ f"))
    #expect(h.filterLine.contains("Rule Memory Leaks (A*B C*)") || h.filterLine.contains("Rule A*B C*"))
    #expect(h.filterLine.contains("Mark C"))
    let expected = try ViewQuery(profile: h.profile, assignment: h.assignment, filter: h.app.filter).totals
    let shown = try #require(h.query?.totals)
    #expect(shown == expected)
    #expect(expected.size > 0)
    // The chart marks A, B and C in their colours on the axis row.
    let axis = try #require(h.lines.first { $0.contains("┴") })
    #expect(["A", "B", "C"].allSatisfy { axis.contains($0) }, "\(axis)")
    // The Callgraph's total is the rule's.
    h.press("1")
    #expect(h.lines.contains { $0.contains(SizeFormat.size(expected.size)) })
    // a does not apply under a rule; Specific Lifetime needs D.
    h.press("a")
    #expect(h.status.contains("chooses the allocations"))
    while h.app.filter.rule != .specificLifetime { h.press("r") }
    #expect(h.status.contains("Only 3 time markers available. Current rule (Specific Lifetime (A*B C*D)) requires 4"))
    h.press("r")
    #expect(h.app.filter.rule == nil && h.filterLine.contains("Active"))
  }

  /// Without allocator stats the live bytes are braille, two samples a cell.
  ///
  /// `s` switches to block columns. With stats (the other tests) they are a line over stacked
  /// blocks.
  @Test func brailleWithoutAllocatorStats() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("nostats.mprof")
    let w = try MprofWriter(path: path, configuration: MprofWriter.Configuration())
    let main = w.address(pc: 0x1000, function: "main", file: "Main.cpp", line: 3)
    let stack = w.callstack(innermostFirst: [main])
    for i in 0..<150 { try w.malloc(pointer: 0x10_0000 + UInt64(i) * 64, size: 64, callstack: stack) }
    for i in 0..<100 { try w.free(pointer: 0x10_0000 + UInt64(i) * 64) }
    try w.finish()
    let profile = try ProfileLoader.load(path: path)
    let h = try Harness(
      width: 60, height: 20,
      capture: (profile, try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn())))
    h.press("3")
    let tab = try #require(h.app.tab(TimelineTab.self))
    let figures = try #require(tab.figures)
    #expect(figures.stacked.isEmpty)
    #expect(figures.halfPeaks?.count == 2 * figures.series.buckets.count)
    let braille = { h.lines.joined().unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }
    #expect(braille())
    #expect(h.lines.contains { $0.hasPrefix("⣿ live bytes") })
    h.press("s")
    #expect(tab.figures?.halfPeaks == nil && !braille())
    #expect(h.lines.contains { $0.hasPrefix("█ live bytes") })
  }

  @Test func niceScales() {
    #expect(SeriesChart.niceScale(955 * 1_048_576 * 100 / 105) == 1_073_741_824)
    #expect(SeriesChart.niceScale(180 * 1_048_576) == 200 * 1_048_576)
    #expect(SeriesChart.niceScale(1_000) == 2_048)
    #expect(SeriesChart.niceScale(1) == 2)
  }

  @Test func unitsCycle() throws {
    let (h, _) = try Self.open()
    h.press("x")
    #expect(h.lines.contains { $0.contains("frame 0.0") })
    h.press("x")
    #expect(h.lines.contains { $0.contains("0.00 s") })
    h.press("x")
    #expect(h.filterLine.contains("x in events"))
  }

  @Test func plainTerminal() throws {
    let h = try Harness(width: 80, height: 24, depth: .none, glyphs: .ascii)
    h.press("3")
    #expect(h.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    #expect(h.lines.contains { $0.contains("#") })
  }
}
