import Testing

@testable import ProfileTUI

/// Whole screens at 80×24 and 120×40, compared with recorded files (`RECORD_SNAPSHOTS=1`
/// records them again after a deliberate change).
@Suite struct GoldenScreenTests {
  static let sizes = [(80, 24), (120, 40)]

  func check(_ name: String, _ keys: [String], file: String = #filePath) throws {
    for (width, height) in Self.sizes {
      let h = try Harness(width: width, height: height)
      for key in keys { h.press(key) }
      let snapshot = "\(name)-\(width)x\(height)"
      if let difference = Snapshot.check(h.screen.text, named: snapshot, testFile: file) {
        Issue.record(Comment(rawValue: difference))
      }
    }
  }

  @Test func callgraph() throws { try check("callgraph", []) }
  @Test func callgraphExpanded() throws { try check("callgraph-expanded", ["*", "j", "j", "j"]) }
  @Test func exclusive() throws { try check("exclusive", ["2", "j"]) }
  @Test func exclusivePane() throws { try check("exclusive-pane", ["2", "Enter", "j"]) }
  @Test func help() throws { try check("help", ["?"]) }
  @Test func groupsPanel() throws { try check("groups", ["c", "j", "j", "Space"]) }
  @Test func timeline() throws { try check("timeline", ["3", "[", "[", "+", "u"]) }
  @Test func histogram() throws { try check("histogram", ["5", "j", "j"]) }
  @Test func histogramBar() throws { try check("histogram-bar", ["5", "Enter"]) }
  @Test func sizes() throws { try check("sizes", ["5", "z"]) }
  @Test func shortLived() throws { try check("short-lived", ["7", "-", "-", "-", "-", "-", "-", "j"]) }
  @Test func details() throws { try check("details", ["[", "j", "j", "j", "j", "Enter", "]", "k", "k", "Enter", "8"]) }
}
