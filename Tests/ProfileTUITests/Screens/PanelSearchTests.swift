import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Issue 10: one search everywhere, the panels included.
@Suite struct PanelSearchTests {
  @Test func pickersTypeAheadFindNextAndHideGCMarkers() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("[", "/").type("canyon")
    guard case .snapshotPicker(_, let cursor) = try #require(h.app.overlay) else {
      Issue.record("no picker")
      return
    }
    let refs = h.app.pickerRefs
    #expect(h.profile.label(refs[cursor.selected]).contains("Canyon"))
    #expect(h.lines[2].contains("find: canyon_"))
    h.press("Enter")
    #expect(h.app.filter.diffStart == refs[cursor.selected])
    // Esc ends the typing and keeps the text: n / N go on from there, wrapping.
    h.press("[", "/").type("loadmap start").press("Esc")
    let first = try Self.selectedLabel(h)
    h.press("n")
    let second = try Self.selectedLabel(h)
    // The picker opened on the start chosen before (Canyon, LoadMap Start 1): the search starts there.
    #expect(first.contains("LoadMap Start 1") && second.contains("LoadMap Start 2"))
    h.press("N")
    #expect(try Self.selectedLabel(h) == first)
    h.press("Esc")
    #expect(h.app.overlay == nil)
  }

  static func selectedLabel(_ h: Harness) throws -> String {
    guard case .snapshotPicker(_, let cursor) = try #require(h.app.overlay) else { return "" }
    return h.profile.label(h.app.pickerRefs[cursor.selected])
  }

  @Test func gcMarkersHideAndShow() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 30_000, name: "gc.mprof")
    let profile = try ProfileLoader.load(path: path)
    let gcCount = profile.snapshots.filter { $0.subtype == .gcStart || $0.subtype == .gcEnd }.count
    #expect(gcCount > 0)
    let h = try Harness(capture: (profile, try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn())))
    h.press("[", "x")
    #expect(h.app.pickerRefs.count == profile.snapshotRefs.count - gcCount)
    #expect(h.lines[2].contains("GC markers hidden"))
    #expect(!h.lines.contains { $0.contains("GC Start") || $0.contains("GC End") })
    h.press("x")
    #expect(h.app.pickerRefs.count == profile.snapshotRefs.count)
  }

  @Test func groupsAndPoolsPanelsJumpToTypedText() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("c", "/").type("netw")
    guard case .groups(let cursor) = try #require(h.app.overlay) else {
      Issue.record("no groups panel")
      return
    }
    #expect(h.app.assignment.groups[cursor.selected - 2].name == "Networking")
    // Enter ends the typing; Space then toggles the found group.
    h.press("Enter", "Space")
    #expect(h.app.filter.checkedGroups?.contains("Networking") == false)
    h.press("Esc", "m", "/").type("loc")
    guard case .pools(let pools) = try #require(h.app.overlay) else {
      Issue.record("no pools panel")
      return
    }
    #expect(MemoryPool.allCases[pools.selected] == .local)
  }
}
