import Foundation
@_exported import TestSupport
import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// An app over the generated viewer capture, driven key by key; recomputes synchronously after
/// each key.
final class Harness {
  let app: App
  let profile: Profile
  let assignment: GroupAssignment
  let scratch = ScratchFolder()
  let callgraph: CallgraphTab
  let exclusive: ExclusiveTab

  init(
    width: Int = 120, height: Int = 40, depth: ColorDepth = .xterm256, glyphs: Glyphs = .unicode,
    capture: (Profile, GroupAssignment)? = nil, base: BaseCapture? = nil
  ) throws {
    let (profile, assignment) = capture ?? (Captures.viewer.profile, Captures.viewer.assignment)
    self.profile = profile
    self.assignment = assignment
    app = App(
      profile: profile, assignment: assignment, theme: Theme(depth: depth, glyphs: glyphs), size: (width, height),
      clipboardPath: scratch.path("clip/highlighted.csv"), base: base)
    callgraph = try #require(app.tab(CallgraphTab.self))
    exclusive = try #require(app.tab(ExclusiveTab.self))
    app.computeNow()
  }

  /// Sends keys ("j", "Enter", "Down", "C-r" …) and recomputes when the inputs changed.
  @discardableResult
  func press(_ keys: String...) -> Harness {
    for key in keys { send(.key(Self.key(key))) }
    return self
  }

  /// Types each character of `text`.
  @discardableResult
  func type(_ text: String) -> Harness {
    for c in text { send(.key(.character(c))) }
    return self
  }

  func send(_ event: InputEvent) {
    app.handle(event)
    if app.needsCompute { app.computeNow() }
  }

  var screen: CellGrid { app.frame() }
  /// The call graph on screen.
  var graph: CallGraph? { callgraph.figures?.graph }
  var query: ViewQuery? { app.shared?.query }
  /// Rows of the Callgraph's list.
  var callgraphRows: Int { CallgraphTab.split(app.layout.body).list.visibleRows }
  /// The Exclusive tab's list and callstack pane.
  var exclusiveSplit: (list: ListView, pane: CallstackPane) { ExclusiveTab.split(app.layout.body) }
  var lines: [String] { screen.lines }
  var status: String { screen.line(app.layout.statusRow) }
  var filterLine: String { screen.line(app.layout.filterRow) }

  static func key(_ name: String) -> Key {
    switch name {
    case "Enter": return .enter
    case "Esc": return .escape
    case "Up": return .up
    case "Down": return .down
    case "Left": return .left
    case "Right": return .right
    case "PgDn": return .pageDown
    case "PgUp": return .pageUp
    case "Home": return .home
    case "End": return .end
    case "Tab": return .tab
    case "BTab": return .backTab
    case "Bksp": return .backspace
    case "Space": return .character(" ")
    case "F1": return .function(1)
    case "F6": return .function(6)
    default:
      if name.hasPrefix("C-"), let c = name.dropFirst(2).first { return .control(c) }
      return .character(name.first ?? " ")
    }
  }
}

extension CellGrid {
  /// The row whose text contains `needle`.
  func row(containing needle: String) -> Int? { lines.firstIndex { $0.contains(needle) } }
}
