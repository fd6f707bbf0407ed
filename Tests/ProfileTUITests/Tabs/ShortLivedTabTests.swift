import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Tab 6: short-lived allocations with a visible minimum, multi-key sorting and find.
@Suite struct ShortLivedTabTests {
  @Test func rowsMinimumAndSorting() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("7")
    let tab = try #require(h.app.tab(ShortLivedTab.self))
    #expect(h.filterLine.contains("by Longest Run") && h.filterLine.contains("at least 101"))
    // The demo's callstacks churn less than 101 blocks each: lower the minimum until rows show.
    #expect(tab.rowCount == 0 && h.lines.contains { $0.contains("- lowers the minimum") })
    for _ in 0..<6 { h.press("-") }
    #expect(tab.minimum == 1 && h.filterLine.contains("at least 1"))
    let query = try #require(h.query)
    let expected = try ShortLived(profile: h.profile, query: query, minimum: 1).rows
    #expect(tab.rows == expected && !expected.isEmpty)
    #expect(h.lines[2].contains("Longest Run▼"))
    // > puts the next column first; the same column again reverses it.
    h.press(">")
    #expect(tab.keys[0] == .runAverage && h.lines[2].contains("Run Avg▼"))
    let rows = tab.rows
    #expect(rows.map(\.runAverage) == rows.map(\.runAverage).sorted(by: >))
    h.press("I")
    #expect(tab.ascending && h.lines[2].contains("Run Avg▲"))
    h.press("+")
    #expect(tab.minimum == 2 && h.status.contains("at least 2 short-lived blocks"))
  }

  @Test func findAndThePane() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("7")
    for _ in 0..<6 { h.press("-") }
    h.press("/").type("Paint").press("Enter")
    let tab = try #require(h.app.tab(ShortLivedTab.self))
    let callstack = try #require(tab.selectedCallstack)
    #expect(ShortLivedTab.name(of: callstack, in: h.profile).contains("Paint"))
    #expect(h.lines.contains { $0.contains("Callstack \(callstack):") })
  }
}
