import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct CallgraphTabTests {
  /// The End totals as the model computes them, formatted as the columns show them.
  static func endTotals(_ h: Harness) throws -> (size: String, count: String) {
    let query = try ViewQuery(profile: h.profile, assignment: h.assignment, filter: h.app.filter)
    let t = query.totals
    return (SizeFormat.size(t.size), SizeFormat.count(t.count))
  }

  @Test func firstScreenShowsTabsFilterLineRootsAndStatus() throws {
    let h = try Harness(width: 100, height: 30)
    let lines = h.lines
    #expect(lines[0].hasPrefix(" 1 Callgraph   2 Excl   3 Time   4 Hstry   5 Hist   6 Mem   7 Short   8 Det "))
    #expect(lines[1] == " Start → End │ Active │ by Size │ Filter In │ Groups all │ Text - │ Pools all │ Tags all")
    #expect(lines[2] == "       Size    Size%      Count   Count%  Function")
    #expect(lines[3] == "    0 bytes    0.00%          0    0.00%  · Truncated callstacks")
    let totals = try Self.endTotals(h)
    #expect(
      lines[4].contains(totals.size) && lines[4].contains(totals.count) && lines[4].hasSuffix("▾ Full callstacks"))
    #expect(lines[5].hasSuffix("▸ main") && lines[6].hasSuffix("▸ FRunnableThreadPThread::_ThreadProc(void*)"))
    #expect(lines[28].hasPrefix(" viewer.mprof · v7 LE · 6,150 events · live \(totals.size) in \(totals.count)"))
    #expect(lines[29].hasPrefix("? Help  Enter Expand  s Sort  i Invert  p Parent  / Find  F FindAll"))
    #expect(lines[29].hasSuffix("q Quit"))
    // The empty truncated root is skipped: the full root is selected, in the selection style.
    let screen = h.screen
    #expect(screen[50, 4].style == h.app.theme[.selection])
    #expect(screen[50, 3].style != h.app.theme[.selection])
    // Column header and status use their roles.
    #expect(screen[3, 2].style == h.app.theme[.columnHeader])
    #expect(screen[3, 28].style == h.app.theme[.status])
  }

  @Test func expandCollapseAndParentNavigation() throws {
    let h = try Harness(width: 100, height: 30)
    let graph = try #require(h.graph)
    let full = graph.nodes[Int(CallGraph.fullRoot)]
    #expect(h.callgraph.tree.rows.count == 2 + full.children.count)
    h.press("Enter")  // on the open root: into its first child
    #expect(h.callgraph.tree.selectedNode == full.children[0])
    h.press("Enter")  // expands start_thread
    let first = graph.nodes[Int(full.children[0])]
    #expect(h.callgraph.tree.rows.count == 2 + full.children.count + first.children.count)
    #expect(h.lines[5].contains("▾ main"))
    // Children are indented under their parent and sorted largest first.
    let childRows = h.callgraph.tree.rows[3..<(3 + first.children.count)]
    #expect(childRows.map(\.node) == first.children)
    let sizes = childRows.map { graph.nodes[Int($0.node)].size }
    #expect(sizes == sizes.sorted(by: >))
    #expect(
      h.lines[6].hasPrefix(String(repeating: " ", count: 0)) && h.lines[6].contains("      ▸ ")
        || h.lines[6].contains("      · "))
    h.press("l")  // already open: move to its first child
    #expect(h.callgraph.tree.selectedNode == first.children[0])
    h.press("h")  // leaf or closed: go to the parent
    #expect(h.callgraph.tree.selectedNode == full.children[0])
    h.press("h")  // open: collapse
    #expect(h.callgraph.tree.rows.count == 2 + full.children.count)
    h.press("Left")
    #expect(h.callgraph.tree.selectedNode == CallGraph.fullRoot)
  }

  @Test func expandSubtreeAndCollapseAll() throws {
    let h = try Harness(width: 100, height: 30)
    let graph = try #require(h.graph)
    h.press("*")
    // Every node under the full root is visible, plus the truncated root.
    var count = 0
    var stack = [CallGraph.fullRoot]
    while let n = stack.popLast() {
      count += 1
      stack.append(contentsOf: graph.nodes[Int(n)].children)
    }
    #expect(h.callgraph.tree.rows.count == count + 1)
    #expect(h.screen.line(4).hasSuffix("▾ Full callstacks"))
    h.press("G")
    #expect(h.callgraph.tree.cursor.selected == count)
    h.press("-")
    #expect(h.callgraph.tree.rows.count == 2 + graph.nodes[Int(CallGraph.fullRoot)].children.count)
    #expect(h.callgraph.tree.selectedNode == CallGraph.fullRoot)
  }

  @Test func invertPutsAllocationSitesFirst() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("i")
    #expect(h.callgraph.inverted)
    #expect(h.lines[2].contains("Function (inverted: allocation sites first)"))
    let graph = try #require(h.graph)
    // The inverted tree's top level holds the innermost frame of every passing callstack.
    let query = try #require(h.query)
    var innermost = Set<Int32>()
    for row in query.passingRows {
      if let last = h.profile.callstacks.frames(of: row.callstack).last {
        innermost.insert(h.profile.functions.idOfAddress[Int(last)])
      }
    }
    let top = Set(graph.nodes[Int(CallGraph.fullRoot)].children.map { graph.nodes[Int($0)].function })
    #expect(top == innermost)
    h.press("i")
    #expect(!h.callgraph.inverted && h.lines[2].hasSuffix("Function"))
  }

  @Test func parentFunctionKeepsOnlyCallstacksThroughIt() throws {
    let h = try Harness(width: 140, height: 30)
    h.press("Enter", "Enter", "j")  // first child of start_thread
    let graph = try #require(h.graph)
    let node = try #require(h.callgraph.tree.selectedNode)
    let function = graph.nodes[Int(node)].function
    let name = h.profile.functions.names[Int(function)]
    h.press("p")
    #expect(h.callgraph.parentFunction == function)
    #expect(h.lines[2].hasSuffix("Parent: \(name)"))
    // The root now holds exactly the callstacks through the function.
    let query = try #require(h.query)
    var expected: Int64 = 0
    for row in query.passingRows
    where h.profile.callstacks.frames(of: row.callstack).contains(where: {
      h.profile.functions.idOfAddress[Int($0)] == function
    }) {
      expected += row.size
    }
    let rebuilt = try #require(h.graph)
    #expect(rebuilt.nodes[Int(CallGraph.fullRoot)].size + rebuilt.nodes[Int(CallGraph.truncatedRoot)].size == expected)
    #expect(rebuilt.nodes[Int(CallGraph.fullRoot)].children.map { rebuilt.nodes[Int($0)].function } == [function])
    h.press("P")
    #expect(h.callgraph.parentFunction == nil && h.lines[2].hasSuffix("Function"))
  }

  @Test func findNextPreviousAndFindAllWithoutDoubleCounting() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("/").type("tick").press("Enter")
    let graph = try #require(h.graph)
    let matches = graph.find({ $0.lowercased().contains("tick") }, in: h.profile)
    #expect(matches.count >= 2)
    #expect(h.callgraph.tree.selectedNode == matches[0])
    #expect(h.status.contains("Match 1 of \(matches.count): tick"))
    // The path to the match was expanded and the selected row shows it.
    let row = h.callgraph.tree.cursor.selected
    #expect(h.lines[3 + row - h.callgraph.tree.cursor.top].contains("Tick"))
    h.press("n")
    #expect(h.callgraph.tree.selectedNode == matches[1])
    #expect(h.status.contains("Match 2 of"))
    h.press("N", "N")
    #expect(h.callgraph.tree.selectedNode == matches[matches.count - 1])
    #expect(h.status.hasSuffix("(wrapped to the bottom)"))

    // F opens the prompt with the last term selected: Enter repeats it.
    h.press("F")
    #expect(h.lines.last?.hasPrefix("Find all: tick") == true)
    h.press("Enter")
    #expect(h.callgraph.tree.highlighted.count == matches.count)
    // Every match is on a visible row: all its ancestors were expanded.
    let visible = Set(h.callgraph.tree.rows.map(\.node))
    #expect(matches.allSatisfy { visible.contains($0) })
    // Totals: each callstack with a matching frame counted once.
    let query = try #require(h.query)
    var size: Int64 = 0
    var count: Int64 = 0
    for r in query.passingRows
    where h.profile.callstacks.frames(of: r.callstack).contains(where: {
      h.profile.functionName(address: Int($0)).lowercased().contains("tick")
    }) {
      size += r.size
      count += r.count
    }
    #expect(
      h.status.contains(
        "\(matches.count) matches for tick: \(SizeFormat.size(size)) in \(SizeFormat.count(count)) allocations"))
    // Highlighted rows are drawn in the match role.
    let screen = h.screen
    let shown = h.callgraph.tree.rows.indices.filter {
      $0 >= h.callgraph.tree.cursor.top && $0 < h.callgraph.tree.cursor.top + h.callgraphRows
    }
    let highlightedRows = shown.filter {
      h.callgraph.tree.highlighted.contains(graph.path(of: h.callgraph.tree.rows[$0].node))
    }
    #expect(!highlightedRows.isEmpty)
    for r in highlightedRows {
      let y = 3 + r - h.callgraph.tree.cursor.top
      let style = screen[45, y].style
      #expect(style == h.app.theme[.match] || style == h.app.theme[.matchSelected])
    }
    h.press("u")
    #expect(h.callgraph.tree.highlighted.isEmpty)
  }

  @Test func findWithRegexAndCase() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("/").type("TICK").press("C-t", "Enter")
    #expect(h.status.contains("Not found: TICK"))
    h.press("/", "C-u").type("^UGameEngine::T.*k\\(").press("C-r", "C-t", "Enter")
    #expect(h.status.contains("Match 1 of"))
    h.press("/", "C-u").type("([").press("Enter")
    #expect(h.app.message?.isError == true && h.status.contains("regular expression"))
  }

  @Test func copyHighlightedWritesOSC52AndAFile() throws {
    let h = try Harness(width: 220, height: 30)
    h.press("y")
    #expect(h.status.contains("Nothing highlighted"))
    h.press("/").type("GuardedMain").press("Enter", "F", "Enter", "y")
    let effects = h.app.takeEffects()
    guard case .controlSequence(let sequence) = try #require(effects.first) else {
      Issue.record("no OSC 52")
      return
    }
    #expect(sequence.hasPrefix("\u{1B}]52;c;") && sequence.hasSuffix("\u{07}"))
    let payload = String(sequence.dropFirst(7).dropLast())
    let text = String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
    let graph = try #require(h.graph)
    let node = try #require(graph.find({ $0 == "GuardedMain(wchar_t const*)" }, in: h.profile).first)
    #expect(
      text
        == "function,count,bytes\nGuardedMain(wchar_t const*),\(graph.nodes[Int(node)].count),\(graph.nodes[Int(node)].size)\n"
    )
    let file = try String(contentsOfFile: h.scratch.path("clip/highlighted.csv"), encoding: .utf8)
    #expect(file == text)
    #expect(h.status.contains(h.scratch.path("clip/highlighted.csv")))
  }

  @Test func functionNamesUseTheirGroupColour() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("Enter", "Enter")
    let graph = try #require(h.graph)
    let row = 3  // the first child of start_thread, drawn on screen row 6
    let node = h.callgraph.tree.rows[row].node
    let group = Int(h.assignment.groupOfCallstack[Int(graph.nodes[Int(node)].dominantCallstack)])
    let screen = h.screen
    let title = graph.title(node, in: h.profile)
    let line = screen.line(6)
    let start = try #require(line.range(of: title)?.lowerBound)
    let x = line.distance(from: line.startIndex, to: start)
    #expect(screen[x - 2, 6].style == .plain)  // the marker is not coloured
    #expect(screen[x, 6].style == h.app.theme.group(h.assignment.groups[group].color))
  }
}
