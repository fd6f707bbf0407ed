import ProfileModel

/// Tab 7: the diff start, the diff end and their difference, every field MemoryProfiler2's Details view shows
/// (description, stream index, frame, times, type, index, loaded levels aligned with `+` / `-`, every memory stat,
/// allocation count, size, max size).
///
/// Side by side from 120 columns, one after another below.
final class DetailsTab: TabView {
  static let title = "Details"
  static let shortTitle = "Det"
  static let context = KeyContext(id: "details", title: "Details")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] = [
    Binding(
      [.character("v")], .toggleLayout, context, help: "panes side by side / one after another", footer: "Layout",
      priority: 4)
  ]

  /// Side by side when there is room for three panes of 40 columns.
  static let sideBySideWidth = 120

  var scroll = ListCursor()
  /// Force the stacked layout at any width (`v`).
  var stacked = false
  private(set) var figures: SnapshotDetails?

  init(setup: TabSetup) {}

  /// The details follow the shared filter's diff start and end; nothing else.
  var request: Int { 0 }

  /// - Complexity: O(stats + levels of the two snapshots).
  static func compute(_ request: Int, shared: SharedFigures, cancel: CancelToken) throws -> SnapshotDetails {
    if let base = shared.base {
      // Two builds: the base's diff end, the difference, this build's (snapshots by name).
      let mapped = base.filter(shared.filter, shown: shared.profile)
      return SnapshotDetails(
        startIn: base.profile, start: mapped.diffEnd, endIn: shared.profile, end: shared.filter.diffEnd,
        startTitle: "A: \(base.name)", endTitle: "B: this build")
    }
    return SnapshotDetails(profile: shared.profile, start: shared.filter.diffStart, end: shared.filter.diffEnd)
  }

  func accept(_ details: SnapshotDetails, for request: Int, context: TabContext) -> TabOutcome {
    figures = details
    scroll.clamp(count: lineCount(context.area), height: max(context.area.height - 1, 1))
    return .handled
  }

  var keyContexts: [KeyContext] { [Self.context, .list] }
  var rowCount: Int { figures.map { $0.panes.map(\.lines.count).max() ?? 0 } ?? 0 }

  func reset() {
    scroll = ListCursor()
    stacked = false
  }

  func isSideBySide(_ area: Rect) -> Bool { !stacked && area.width >= Self.sideBySideWidth }

  /// The scrolling lines: the longest pane side by side, all three one after another.
  func lineCount(_ area: Rect) -> Int {
    guard let figures else { return 0 }
    if isSideBySide(area) { return rowCount }
    return stackedLines(figures).count
  }

  func stackedLines(_ details: SnapshotDetails) -> [(text: String, isTitle: Bool)] {
    var lines: [(String, Bool)] = []
    for pane in details.panes {
      lines.append((pane.title, true))
      let body = pane.lines
      lines += (body.isEmpty ? ["(Start: nothing before the first token)"] : body).map { ($0, false) }
      lines.append(("", false))
    }
    return lines
  }

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    let height = max(context.area.height - 1, 1)
    switch action {
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
      // The panes scroll (no row is selected): ↓ shows the next line at once.
      let count = lineCount(context.area)
      switch action {
      case .moveDown: scroll.top += 1
      case .moveUp: scroll.top -= 1
      case .pageDown: scroll.top += height - 1
      case .pageUp: scroll.top -= height - 1
      case .top: scroll.top = 0
      default: scroll.top = count
      }
      scroll.top = max(min(scroll.top, count - height), 0)
      scroll.selected = scroll.top
    case .toggleLayout:
      stacked.toggle()
      scroll = ListCursor()
      return .say(
        stacked ? "Panes one after another (v: side by side)" : "Panes side by side when there is room", isError: false)
    case .redraw:
      scroll.top = max(min(scroll.top, lineCount(context.area) - height), 0)
    default:
      return .unhandled
    }
    return .handled
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    switch event.button {
    case .wheelUp: return perform(.moveUp, context: context)
    case .wheelDown: return perform(.moveDown, context: context)
    default: return .handled
    }
  }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let area = context.area
    guard let figures else {
      grid.put("Computing…", x: area.x + 2, y: area.y, style: theme[.dim])
      return
    }
    if isSideBySide(area) {
      let width = area.width / 3
      for (i, pane) in figures.panes.enumerated() {
        let x = area.x + i * width
        let columnWidth = i == 2 ? area.width - 2 * width : width
        grid.fill(x: x, y: area.y, width: columnWidth, height: 1, style: theme[.columnHeader])
        grid.put(" " + pane.title, x: x, y: area.y, style: theme[.columnHeader])
        let body = pane.lines
        for row in 0..<(area.height - 1) {
          let index = scroll.top + row
          let text = index < body.count ? body[index] : (index == 0 && body.isEmpty ? "(Start)" : "")
          style(text, pane: pane, x: x + 1, y: area.y + 1 + row, width: columnWidth - 2, theme: theme, into: &grid)
        }
      }
      ScrollMark.draw(
        top: scroll.top, visible: area.height - 1, count: rowCount, x: area.maxX - 1, y: area.y + 1, theme: theme,
        into: &grid)
      return
    }
    let lines = stackedLines(figures)
    for row in 0..<area.height {
      let index = scroll.top + row
      guard index < lines.count else { break }
      let line = lines[index]
      if line.isTitle {
        grid.fill(x: area.x, y: area.y + row, width: area.width, height: 1, style: theme[.columnHeader])
        grid.put(" " + line.text, x: area.x, y: area.y + row, style: theme[.columnHeader])
      } else {
        let pane = figures.panes.first { $0.lines.contains(line.text) } ?? figures.diff
        style(line.text, pane: pane, x: area.x + 1, y: area.y + row, width: area.width - 2, theme: theme, into: &grid)
      }
    }
    ScrollMark.draw(
      top: scroll.top, visible: area.height, count: lines.count, x: area.maxX - 1, y: area.y, theme: theme, into: &grid)
  }

  /// One line: labels in the label role, a level or stat that grew or shrank in the diff pane
  /// coloured by its sign.
  private func style(
    _ text: String, pane: SnapshotDetails.Pane, x: Int, y: Int, width: Int, theme: Theme, into grid: inout CellGrid
  ) {
    let clipped = TextFit.clip(text, width, glyphs: theme.glyphs)
    guard let colon = clipped.firstIndex(of: ":"), !clipped.hasPrefix("  ") else {
      var lineStyle = theme[.normal]
      if pane.isDiff && clipped.hasPrefix("  +") { lineStyle = theme[.panelTitle] }
      if pane.isDiff && clipped.hasPrefix("  -") { lineStyle = theme[.negative] }
      grid.put(clipped, x: x, y: y, style: lineStyle)
      return
    }
    let label = String(clipped[...colon])
    let used = grid.put(label, x: x, y: y, style: theme[.normal].adding(.bold))
    grid.put(String(clipped[clipped.index(after: colon)...]), x: x + used, y: y, style: theme[.normal])
  }
}
