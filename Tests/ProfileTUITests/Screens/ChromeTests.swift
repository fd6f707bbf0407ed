import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Issue 10 at 80 columns: the filter line, the status line and the footer give up the right
/// things first.
@Suite struct ChromeTests {
  @Test func theFilterLineShortensSnapshotNamesBeforeDroppingAFilter() throws {
    let h = try Harness(width: 80, height: 24)
    h.press("[", "j", "j", "j", "j", "j", "j", "Enter", "]", "k", "k", "Enter", "a", "o", "\\")
    h.type("Tick")
    h.press("Enter")
    let line = h.filterLine
    // Every filter in force is there; the defaults (pools, tags) made room first.
    #expect(line.hasPrefix(" #5 → #10 │ Lifetime │ by Size │ Filter Out │"), "\(line)")
    #expect(line.contains("Text Tick"))
    #expect(!line.contains("Pools") && !line.contains("Tags"))
    #expect(CharacterWidth.of(line) <= 80)
    // At 200 columns the names are whole.
    h.send(.resize(width: 200, height: 40))
    #expect(h.filterLine.hasPrefix(" #5: \(h.profile.snapshots[5].description) → #10: "))
    #expect(h.filterLine.contains("Tags all"))
  }

  /// Filters in force can outgrow a narrow line (beside the computing badge): the segments that
  /// do not fit are left out, none is placed past the edge.
  @Test func filtersInForceNeverRunPastTheEdge() throws {
    let h = try Harness(width: 80, height: 24)
    h.press("6", "\\")
    h.type("a long text filter that takes room")
    h.press("Enter", "[", "j", "j", "Enter")
    for width in [1, 5, 12, 30, 50] {
      let spans = Chrome.filterLineSpans(h.app, width: width)
      #expect(spans.allSatisfy { $0.range.lowerBound < width && $0.range.upperBound <= width }, "width \(width)")
    }
  }

  @Test func theStatusLineDropsWholeFieldsForAMessage() throws {
    let h = try Harness(width: 80, height: 24)
    let totals = try #require(h.query?.totals)
    let live = "live \(SizeFormat.size(totals.size)) in \(SizeFormat.count(totals.count))"
    #expect(h.status == " viewer.mprof · v7 LE · 6,150 events · \(live)")
    h.press("/").type("GuardedMain").press("Enter")
    // The message is whole and the figures keep every digit; the format and events made room.
    #expect(h.status.hasSuffix(" Match 1 of 1: GuardedMain"), "\(h.status)")
    #expect(h.status.hasPrefix(" viewer.mprof · 6,150 events · \(live)"), "\(h.status)")
    // The next key clears the message.
    h.press("j")
    #expect(h.status == " viewer.mprof · v7 LE · 6,150 events · \(live)")
  }

  @Test func theFooterKeepsHelpAndQuitAtEveryWidth() throws {
    for width in [40, 60, 80, 100, 200] {
      let h = try Harness(width: width, height: 24)
      for tab in ["1", "2"] {
        h.press(tab)
        let footer = h.lines[23]
        #expect(footer.hasPrefix("? Help") && footer.hasSuffix("q Quit"), "\(width): \(footer)")
      }
    }
  }

  @Test func cutTextEndsInAnEllipsis() throws {
    let h = try Harness(width: 80, height: 24)
    h.press("*")
    let cut = h.lines.filter { $0.count >= 79 }
    #expect(!cut.isEmpty)
    for line in cut where line.hasPrefix("  ") || line.hasPrefix("    ") {
      #expect(line.hasSuffix("…") || line.hasSuffix("█"), "\(line)")
    }
  }

  @Test func whenNothingPassesTheStatusLineSaysHowToGetRowsBack() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("c", "n", "Esc")
    #expect(h.query?.passingRows.isEmpty == true)
    #expect(h.status.hasSuffix("Nothing passes the filters: R resets them, o switches In/Out"))
    h.press("R")
    #expect(!h.status.contains("Nothing passes"))
  }

  @Test func panelRowsCutWithAnEllipsis() throws {
    let h = try Harness(width: 60, height: 24)
    h.press("[")
    #expect(h.lines.contains { $0.contains("LoadMap") && $0.contains("…") }, "\(h.screen.text)")
  }

  @Test func aNewSortOrDiffStartsTheTreeAtTheTop() throws {
    let h = try Harness(width: 100, height: 30)
    h.press("*", "j", "j", "j", "j")
    #expect(h.callgraph.tree.cursor.selected == 5)
    h.press("s")
    #expect(h.callgraph.tree.selectedNode == CallGraph.fullRoot)
    h.press("j", "j", "[", "j", "Enter")
    #expect(h.callgraph.tree.selectedNode == CallGraph.fullRoot)
  }
}
