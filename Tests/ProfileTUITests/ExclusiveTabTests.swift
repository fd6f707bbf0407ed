import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite(.enabled(if: Fixtures.available, "needs ../shared/fixtures")) struct ExclusiveTabTests {
  @Test func rowsMatchTheModelAndTheDetailPaneShowsTheCallstack() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2")
    #expect(h.app.tab == .exclusive)
    let view = try #require(h.app.data?.exclusive)
    let lines = h.lines
    #expect(lines[0].hasPrefix(" 1 Callgraph   2 Exclusive"))
    #expect(lines[2].hasPrefix("      Size▼    Size%      Count   Count%  Group                  Function"))
    let first = view.rows[0]
    #expect(lines[3].hasPrefix(TextFit.pad(SizeFormat.size(first.size), 11, right: true)))
    #expect(lines[3].contains(first.group) && lines[3].contains(String(first.function.prefix(30))))
    // Group names in their colour.
    #expect(h.screen[42, 4].style == h.app.theme.group(h.assignment.groups[view.rows[1].groupIndex].color))
    // Detail pane: innermost frame first, with file:line.
    let layout = h.app.layout
    let frames = Array(h.profile.callstacks.frames(of: first.callstack).reversed())
    let title = lines[layout.exclusiveDetailTop - 1]
    #expect(title.contains("Callstack \(first.callstack): \(frames.count) frames, innermost first"))
    let innermost = Int(frames[0])
    let detail = lines[layout.exclusiveDetailTop]
    #expect(detail.hasPrefix(" " + h.profile.functionName(address: innermost).prefix(40)))
    let location = "\(h.profile.fileName(address: innermost)):\(h.profile.addresses.line[innermost])"
    #expect(detail.hasSuffix("…" + location.suffix(120 - 72 - 2)))
    #expect(detail.count == 120)
  }

  @Test func sortColumnsAndReverse() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", ">")
    #expect(h.app.inputs.exclusiveSort == .count)
    var rows = try #require(h.app.data?.exclusive.rows)
    #expect(rows.map(\.count) == rows.map(\.count).sorted(by: >))
    #expect(h.lines[2].contains("Count▼"))
    h.press("I")
    rows = try #require(h.app.data?.exclusive.rows)
    #expect(rows.map(\.count) == rows.map(\.count).sorted())
    #expect(h.lines[2].contains("Count▲"))
    h.press(">")
    rows = try #require(h.app.data?.exclusive.rows)
    #expect(h.app.inputs.exclusiveSort == .group)
    #expect(rows.map { $0.group.lowercased() } == rows.map { $0.group.lowercased() }.sorted())
    h.press("<", "<")
    #expect(h.app.inputs.exclusiveSort == .size)
  }

  @Test func virtualisedListReachesTheLastRow() throws {
    let h = try Harness(width: 100, height: 24)
    h.press("2", "G")
    let rows = try #require(h.app.data?.exclusive.rows)
    #expect(rows.count > h.app.layout.exclusiveListRows)
    #expect(h.app.exclusive.cursor.selected == rows.count - 1)
    let last = rows[rows.count - 1]
    let y = 3 + h.app.exclusive.cursor.selected - h.app.exclusive.cursor.top
    #expect(h.lines[y].contains(String(last.function.prefix(20))))
    #expect(h.app.exclusive.selectedCallstack == last.callstack)
    h.press("g")
    #expect(h.app.exclusive.cursor.top == 0)
  }

  @Test func enterOnAFrameShowsItInTheCallgraph() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "j", "Enter")
    #expect(h.app.exclusive.detailFocused)
    #expect(h.lines.last?.hasPrefix("↑↓ Frame  Enter In Callgraph  Esc Back") == true)
    h.press("j")  // the second-innermost frame
    let callstack = try #require(h.app.exclusive.selectedCallstack)
    let frames = h.profile.callstacks.frames(of: callstack)
    let frameIndex = frames.count - 2
    h.press("Enter")
    #expect(h.app.tab == .callgraph)
    let graph = try #require(h.app.data?.callGraph)
    let node = try #require(h.app.callgraph.selectedNode)
    let expected = h.profile.functions.idOfAddress[Int(frames[frames.startIndex + frameIndex])]
    #expect(graph.nodes[Int(node)].function == expected)
    #expect(Int(graph.nodes[Int(node)].depth) == frameIndex + 1)
  }

  @Test func containersToggleNamesRowsByTheInnermostFrame() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "C")
    #expect(h.app.inputs.showContainers)
    let rows = try #require(h.app.data?.exclusive.rows)
    for row in rows.prefix(20) {
      let frames = h.profile.callstacks.frames(of: row.callstack)
      let innermost = try #require(frames.last)
      #expect(row.function == h.profile.functions.names[Int(h.profile.functions.idOfAddress[Int(innermost)])])
    }
    h.press("C")
    let hidden = try #require(h.app.data?.exclusive.rows)
    let expected = ExclusiveView(profile: h.profile, query: try #require(h.app.data?.query))
    #expect(hidden == expected.rows)
  }

  @Test func escapeLeavesTheDetailPane() throws {
    let h = try Harness(width: 120, height: 40)
    h.press("2", "Enter", "Esc")
    #expect(!h.app.exclusive.detailFocused && h.app.tab == .exclusive)
  }
}
