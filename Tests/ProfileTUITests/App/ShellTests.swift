import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct ShellTests {
  @Test func helpListsEveryAction() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("?")
    let text = h.app.helpLines.map(\.text).joined(separator: "\n")
    for binding in h.app.keyMap.bindings { #expect(text.contains(binding.help), "help lacks \(binding.action)") }
    #expect(h.lines[2].contains("Keys"))
    #expect(h.lines[3].contains("Everywhere"))
    #expect(h.lines[5].contains("q F10 Ctrl-C") && h.lines[5].contains("quit"))
    // Nothing of the tab shows beside the panel (the Exclusive rows reach the right edge).
    h.press("Esc", "2", "?")
    for y in 3..<27 { #expect(h.lines[y].count <= 92, "row \(y): \(h.lines[y])") }
    h.press("G")
    if case .help(let cursor) = h.app.overlay { #expect(cursor.top > 0) } else { Issue.record("help closed") }
    h.press("Esc")
    #expect(h.app.overlay == nil)
    h.press("F1")
    #expect(h.app.overlay != nil)
    h.press("q")
    #expect(h.app.overlay == nil && !h.app.shouldQuit)
    h.press("q")
    #expect(h.app.shouldQuit)
  }

  @Test func worksAt80x24AndResizesLive() throws {
    let h = try Harness(width: 120, height: 40)
    h.send(.resize(width: 80, height: 24))
    let lines = h.lines
    #expect(lines.count == 24 && lines.allSatisfy { CharacterWidth.of($0) <= 80 })
    // Eight tabs at 80 columns: the visible one in full, the others short; the name on the
    // right gives way (? Help stays in the footer).
    #expect(lines[0] == " 1 Callgraph   2 Excl   3 Time   4 Hstry   5 Hist   6 Mem   7 Short   8 Det")
    #expect(lines[1].hasPrefix(" Start → End │ Active │ by Size │ Filter In │ Groups all │ Text - │ Pools all"))
    #expect(lines[22].hasPrefix(" viewer.mprof · v7 LE"))
    #expect(lines[23].hasPrefix("? Help  Enter Expand") && lines[23].hasSuffix("q Quit"))
    #expect(h.callgraphRows == 17)  // and two lines for the selected row in full
    h.press("2")
    let small = h.lines
    #expect(small[(h.exclusiveSplit.pane.area.y + 1) - 1].contains("Callstack"))
    // Selection stays visible after shrinking.
    h.press("G")
    h.send(.resize(width: 80, height: 12))
    #expect(h.exclusive.cursor.selected - h.exclusive.cursor.top < h.exclusiveSplit.list.visibleRows)
  }

  @Test func tinyTerminalsGetAMessageNotACrash() throws {
    let h = try Harness(width: 100, height: 30)
    for (w, ht) in [(1, 1), (10, 3), (39, 24), (80, 9), (0, 0)] {
      h.send(.resize(width: w, height: ht))
      for key in ["c", "Esc", "?", "Esc", "[", "Esc", "t", "Esc", "m", "Esc", "2", "Enter", "j", "1", "*", "G"] {
        h.press(key)
      }
      let screen = h.screen
      if w > 0 && ht > 0 { #expect(screen.line(0).hasPrefix(String("Terminal too small".prefix(w)))) }
    }
    h.send(.resize(width: 40, height: 10))
    h.press("c")
    #expect(h.lines[0].hasPrefix(" 1 Callgraph"))
    #expect(h.lines[2].contains("Class groups"))
  }

  @Test func tabsSwitchByNumberTabAndMouse() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("Tab")
    #expect(h.app.tab is ExclusiveTab)
    h.press("BTab")
    #expect(h.app.tab is CallgraphTab)
    h.send(.mouse(x: 16, y: 0, button: .press))
    #expect(h.app.tab is ExclusiveTab)
    #expect(h.screen[16, 0].style == h.app.theme[.tabActive])
    h.send(.mouse(x: 3, y: 0, button: .press))
    #expect(h.app.tab is CallgraphTab)
  }

  @Test func mouseSelectsExpandsAndScrolls() throws {
    let h = try Harness(width: 100, height: 30)
    h.send(.mouse(x: 50, y: 5, button: .press))
    #expect(h.callgraph.tree.cursor.selected == 2)
    h.send(.mouse(x: 50, y: 5, button: .doublePress))
    #expect(h.callgraph.tree.rows[2].isExpanded)
    h.press("*")
    h.send(.mouse(x: 50, y: 10, button: .wheelDown))
    #expect(h.callgraph.tree.cursor.top == 3)
    h.press("2")
    h.send(.mouse(x: 50, y: 4, button: .press))
    #expect(h.exclusive.cursor.selected == 1)
    h.send(.mouse(x: 10, y: (h.exclusiveSplit.pane.area.y + 1) + 1, button: .press))
    #expect(h.exclusive.detailFocused && h.exclusive.detailCursor.selected == 1)
  }

  @Test func monochromeAndASCII() throws {
    let h = try Harness(width: 100, height: 30, depth: .none, glyphs: .ascii)
    let screen = h.screen
    #expect(screen.line(1).hasPrefix(" Start -> End | Active | by Size |"))
    #expect(screen.line(4).hasSuffix("- Full callstacks") && screen.line(5).hasSuffix("+ main"))
    // No colours anywhere; the selection is reverse video, the header bold.
    for y in 0..<screen.height {
      for x in 0..<screen.width {
        #expect(screen[x, y].style.foreground == .standard && screen[x, y].style.background == .standard)
      }
    }
    #expect(screen[50, 4].style.attributes.contains(.reverse))
    #expect(screen[3, 2].style.attributes.contains(.bold))
    h.press("c")
    #expect(h.lines[2].contains("+- Class groups (Filter In) -"))
    #expect(h.lines[5].contains("[x] # "))
  }

  @Test func sixteenColoursUseOnlyTheFirstSixteen() throws {
    let h = try Harness(width: 100, height: 30, depth: .ansi16)
    h.press("2")
    let screen = h.screen
    for y in 0..<screen.height {
      for x in 0..<screen.width {
        for color in [screen[x, y].style.foreground, screen[x, y].style.background] {
          if case .indexed(let n) = color { #expect(n < 16) }
        }
      }
    }
  }

  @Test func unboundKeysSaySo() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("Z")
    #expect(h.status.contains("Z: no action here; ? lists the keys"))
    h.press("Esc")
    #expect(h.app.statusMessage == nil)
  }

  @Test func ctrlZAsksTheLoopToSuspend() throws {
    let h = try Harness()
    h.press("C-z")
    #expect(h.app.takeEffects() == [.suspend])
  }
}
