import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct ExclusiveTabTests {
  @Test func rowsMatchTheModelAndTheDetailPaneShowsTheCallstack() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2")
    #expect(h.app.tab is ExclusiveTab)
    let view = try #require(h.exclusive.figures)
    let lines = h.lines
    #expect(lines[0].hasPrefix(" 1 Graph   2 Exclusive   3 Time"))
    #expect(lines[2].hasPrefix("      Size▼    Size%      Count   Count%  Group                  Function"))
    let first = view.rows[0]
    #expect(lines[3].hasPrefix(TextFit.pad(SizeFormat.size(first.size), 11, right: true)))
    #expect(lines[3].contains(first.group) && lines[3].contains(String(first.function.prefix(30))))
    // Group names in their colour.
    #expect(h.screen[42, 4].style == h.app.theme.group(h.assignment.groups[view.rows[1].groupIndex].color))
    // Detail pane: innermost frame first, with file:line.
    let frames = Array(h.profile.callstacks.frames(of: first.callstack).reversed())
    let title = lines[h.exclusiveSplit.pane.area.y]
    #expect(title.contains("Callstack \(first.callstack): \(frames.count) frames, innermost first"))
    let innermost = Int(frames[0])
    let detail = lines[h.exclusiveSplit.pane.framesArea.y]
    #expect(detail.hasPrefix(" " + h.profile.functionName(address: innermost).prefix(40)))
    let location = "\(h.profile.fileName(address: innermost)):\(h.profile.addresses.line[innermost])"
    // The location starts after the function column; a long one keeps its end.
    let room = 120 - 72 - 1
    #expect(detail.hasSuffix(location.count > room ? "…" + location.suffix(room - 1) : location))
    #expect(detail.dropFirst(73).hasPrefix(location.count > room ? "…" : location))
  }

  @Test func sortColumnsAndReverse() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", ">")
    #expect(h.exclusive.sortColumn == .count)
    var rows = try #require(h.exclusive.figures?.rows)
    #expect(rows.map(\.count) == rows.map(\.count).sorted(by: >))
    #expect(h.lines[2].contains("Count▼"))
    h.press("I")
    rows = try #require(h.exclusive.figures?.rows)
    #expect(rows.map(\.count) == rows.map(\.count).sorted())
    #expect(h.lines[2].contains("Count▲"))
    h.press(">")
    rows = try #require(h.exclusive.figures?.rows)
    #expect(h.exclusive.sortColumn == .group)
    #expect(rows.map { $0.group.lowercased() } == rows.map { $0.group.lowercased() }.sorted())
    h.press("<", "<")
    #expect(h.exclusive.sortColumn == .size)
  }

  @Test func virtualisedListReachesTheLastRow() throws {
    let h = try Harness(width: 100, height: 24)
    h.press("2", "G")
    let rows = try #require(h.exclusive.figures?.rows)
    #expect(rows.count > h.exclusiveSplit.list.visibleRows)
    #expect(h.exclusive.cursor.selected == rows.count - 1)
    let last = rows[rows.count - 1]
    let y = 3 + h.exclusive.cursor.selected - h.exclusive.cursor.top
    #expect(h.lines[y].contains(String(last.function.prefix(20))))
    #expect(h.exclusive.selectedCallstack == last.callstack)
    h.press("g")
    #expect(h.exclusive.cursor.top == 0)
  }

  @Test func enterOnAFrameShowsItInTheCallgraph() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "j", "Enter")
    #expect(h.exclusive.detailFocused)
    #expect(h.lines.last?.hasPrefix("? Help  Enter In Callgraph  Esc Back") == true)
    h.press("j")  // the second-innermost frame
    let callstack = try #require(h.exclusive.selectedCallstack)
    let frames = h.profile.callstacks.frames(of: callstack)
    let frameIndex = frames.count - 2
    h.press("Enter")
    #expect(h.app.tab is CallgraphTab)
    let graph = try #require(h.graph)
    let node = try #require(h.callgraph.tree.selectedNode)
    let expected = h.profile.functions.idOfAddress[Int(frames[frames.startIndex + frameIndex])]
    #expect(graph.nodes[Int(node)].function == expected)
    #expect(Int(graph.nodes[Int(node)].depth) == frameIndex + 1)
  }

  @Test func containersToggleNamesRowsByTheInnermostFrame() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "C")
    #expect(h.exclusive.showContainers)
    let rows = try #require(h.exclusive.figures?.rows)
    for row in rows.prefix(20) {
      let frames = h.profile.callstacks.frames(of: row.callstack)
      let innermost = try #require(frames.last)
      #expect(row.function == h.profile.functions.names[Int(h.profile.functions.idOfAddress[Int(innermost)])])
    }
    h.press("C")
    let hidden = try #require(h.exclusive.figures?.rows)
    let expected = ExclusiveView(profile: h.profile, query: try #require(h.query))
    #expect(hidden == expected.rows)
  }

  @Test func escapeLeavesTheDetailPane() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "Enter", "Esc")
    #expect(!h.exclusive.detailFocused && h.app.tab is ExclusiveTab)
  }
}

/// Issue 10: `/`, `n`, `N` in the Exclusive list, wrapping and saying so.
@Suite struct ExclusiveFindTests {
  @Test func findNextPreviousWrapAround() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "/").type("texture").press("Enter")
    let rows = try #require(h.exclusive.figures?.rows)
    let hits = rows.indices.filter {
      rows[$0].function.lowercased().contains("texture") || rows[$0].group.lowercased().contains("texture")
    }
    #expect(hits.count >= 2)
    #expect(h.exclusive.cursor.selected == hits.first { $0 > 0 } ?? hits[0])
    #expect(h.status.contains("Match") && h.status.contains("of \(hits.count): texture"))
    h.press("G", "n")
    #expect(h.exclusive.cursor.selected == hits[0])
    #expect(h.status.hasSuffix("(wrapped to the top)"))
    h.press("N")
    #expect(h.exclusive.cursor.selected == hits[hits.count - 1])
    #expect(h.status.hasSuffix("(wrapped to the bottom)"))
    #expect(h.exclusive.selectedCallstack == rows[hits[hits.count - 1]].callstack)
    h.press("/", "C-u").type("no such function").press("Enter")
    #expect(h.status.contains("Not found: no such function"))
  }
}

/// Issue 10 at 80 columns: the group column narrows and can be hidden; a new diff starts the
/// list at the top; the header says which frame names the rows.
@Suite struct ExclusiveNarrowTests {
  @Test func theGroupColumnNarrowsAndHides() throws {
    let h = try Harness(width: 80, height: 24)
    h.press("2")
    #expect(h.exclusive.groupWidth(80) == 12)  // (80 − 40 − 3) / 3
    let header = h.lines[2]
    #expect(header.hasSuffix("Group        Function"), "\(header)")
    // A long group name is cut with an ellipsis; the function keeps 26 columns.
    #expect(h.lines.contains { $0.contains("Materials &…") })
    h.press("w")
    #expect(h.lines[2].hasSuffix("Count%  Function") && h.status.contains("Group column hidden"))
    #expect(!h.lines[3].contains("Textures") || h.lines[3].contains("Texture"))
    h.press("C")
    #expect(h.lines[2].hasSuffix("Function (innermost frame)"))
  }

  @Test func aNewDiffStartsAtTheTop() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "j", "j", "j")
    #expect(h.exclusive.cursor.selected == 3)
    h.press("a")  // a kind change keeps the place
    #expect(h.exclusive.cursor.selected != 0)
    h.press("[", "j", "Enter")
    #expect(h.exclusive.cursor.selected == 0)
  }
}
