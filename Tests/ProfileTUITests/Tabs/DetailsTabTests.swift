import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Tab 3: the Details panes follow the diff, scroll, and stack at 80 columns.
@Suite struct DetailsTabTests {
  @Test func panesFollowTheDiffSideBySideAt120() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("[", "j", "j", "j", "j", "Enter", "8")
    #expect(h.app.tab is DetailsTab)
    let lines = h.lines
    #expect(lines[2].hasPrefix(" Start") && lines[2].contains(" Diff") && lines[2].contains(" End"))
    let a = h.profile.snapshots[3]
    #expect(lines[3].contains("Description: \(String(a.description.prefix(20)))"))
    #expect(lines.contains { $0.contains("Is Diff Result: False") && $0.contains("Is Diff Result: True") })
    let details = try #require(h.app.tab(DetailsTab.self)?.figures)
    #expect(details == SnapshotDetails(profile: h.profile, start: .snapshot(3), end: .end))
  }

  @Test func stackedAt80AndScrolling() throws {
    let h = try Harness(width: 80, height: 24)
    h.press("[", "j", "Enter", "8")
    #expect(h.lines[2].hasPrefix(" Start"))
    let tab = try #require(h.app.tab(DetailsTab.self))
    h.press("j")
    #expect(tab.scroll.top == 1 && h.lines[2].hasPrefix(" Description:"))
    h.press("G")
    #expect(h.lines.contains { $0.contains("Is Diff Result: False") })
    h.press("g", "v")
    #expect(tab.stacked && h.status.contains("one after another"))
    h.send(.resize(width: 150, height: 40))
    #expect(h.lines[2].hasPrefix(" Start") && !h.lines[2].contains(" End"))
    h.press("v")
    #expect(h.lines[2].contains(" End"))
  }
}
