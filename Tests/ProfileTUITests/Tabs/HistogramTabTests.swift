import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Tab 3: bars by group and bank, every bar reachable, a bar's callstacks, allocation sizes.
@Suite struct HistogramTabTests {
  @Test func barsMatchTheModelAndEveryBarIsReachable() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("5")
    let tab = try #require(h.app.tab(HistogramTab.self))
    let query = try #require(h.query)
    let expected = PoolHistogram(profile: h.profile, query: query).columns.flatMap {
      $0.bars.filter { $0.size != 0 || $0.count != 0 }
    }
    #expect(tab.bars == expected && !expected.isEmpty)
    #expect(h.lines[2].hasPrefix("Bank   Group"))
    let first = expected[0]
    #expect(h.lines[3].contains(first.group) && h.lines[3].contains(SizeFormat.size(first.size)))
    // Down reaches the last bar (MemoryProfiler2's Down stops one short).
    for _ in expected.indices { h.press("j") }
    #expect(tab.cursor.selected == expected.count - 1 && tab.selected == expected.last)
  }

  @Test func enterShowsABarsCallstacksAndEscReturns() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("5", "Enter")
    let tab = try #require(h.app.tab(HistogramTab.self))
    #expect(tab.barFocused)
    let bar = try #require(tab.selected)
    #expect(h.lines.contains { $0.contains("Callstacks of \(bar.group) (Main)") })
    #expect(h.lines.contains { $0.contains("Callstack \(bar.callstacks[0].callstack):") })
    h.press("j")
    #expect(tab.callstackCursor.selected == min(1, bar.callstacks.count - 1))
    h.press("Esc")
    #expect(!tab.barFocused && h.app.tab is HistogramTab)
  }

  @Test func zShowsAllocationSizes() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("5", "z")
    #expect(h.lines[2].contains("Block size") && h.filterLine.contains("allocation sizes"))
    let sizes = try SizeHistogram(profile: h.profile, query: try #require(h.query))
    #expect(h.app.tab(HistogramTab.self)?.rowCount == sizes.classes.count)
    #expect(h.lines[3].contains(sizes.classes[0].label))
    h.press("z")
    #expect(h.lines[2].hasPrefix("Bank"))
  }
}

/// The bars in ASCII and without colour.
@Suite struct HistogramPlainTests {
  @Test func asciiAndMonochromeBars() throws {
    let h = try Harness(width: 100, height: 30, depth: .none, glyphs: .ascii)
    h.press("5")
    let rows = h.lines[3...].prefix { !$0.isEmpty }
    #expect(rows.contains { $0.hasSuffix("#") })
    for line in h.lines { #expect(line.unicodeScalars.allSatisfy { $0.value < 0x80 }, "\(line)") }
    h.press("Enter")
    #expect(h.lines.contains { $0.contains("Callstacks of ") })
  }
}
