import ProfileModel

/// What the Exclusive tab asks for besides the shared filter.
public struct ExclusiveRequest: Sendable, Equatable {
  public var column: ExclusiveView.Column = .size
  public var ascending = false
  public var showContainers = false
}

/// Tab 2: one row per callstack that passes the filters (no row limit), sortable by any
/// column, with the selected callstack's frames and `file:line` below.
final class ExclusiveTab: TabView {
  static let title = "Exclusive"
  static let shortTitle = "Excl"
  static let listContext = KeyContext(id: "exclusive", title: "Exclusive")
  static let paneContext = KeyContext(id: "exclusive-pane", title: "Exclusive callstack pane")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] = [
    Binding([.enter], .focusDetail, listContext, help: "into the callstack pane", footer: "Stack", priority: 1),
    Binding(
      [.character("s"), .function(6)], .toggleSort, listContext, help: "sort by size / count", footer: "Sort",
      priority: 6),
    Binding(
      [.character(">"), .character("."), .right], .nextSortColumn, listContext, help: "sort by the next column",
      footer: "Column", priority: 2),
    Binding(
      [.character("<"), .character(","), .left], .previousSortColumn, listContext, help: "sort by the previous column"),
    Binding([.character("I")], .reverseSort, listContext, help: "reverse the sort", footer: "Reverse", priority: 3),
    Binding(
      [.character("C")], .toggleContainers, listContext,
      help: "name rows by the innermost frame / the first non-container"),
    Binding(
      [.character("/"), .function(3)], .find, listContext, help: "find a row by function or group (Ctrl-R regex)",
      footer: "Find", priority: 2),
    Binding([.character("n")], .findNext, listContext, help: "next matching row"),
    Binding([.character("w")], .toggleGroupColumn, listContext, help: "show / hide the group column"),
    Binding([.character("N")], .findPrevious, listContext, help: "previous matching row"),
    Binding(
      [.enter], .showFrameInCallgraph, paneContext, help: "show the frame in the Callgraph", footer: "In Callgraph",
      priority: 1),
    Binding(
      [.escape, .character("h"), .left], .leavePane, paneContext, help: "back to the list", footer: "Back", priority: 1),
    Binding(
      [.character("H")], .showHistory, listContext, help: "history of the row's callstack (History tab)",
      footer: "History", priority: 7),
  ]

  /// The sortable columns in header order.
  static let columnOrder: [ExclusiveView.Column] = [.size, .count, .group, .function]

  var sortColumn: ExclusiveView.Column = .size
  var ascending = false
  var showContainers = false
  /// The group column is shown (`w` hides it on narrow screens).
  var showsGroups = true
  /// The diff the rows were computed for: a new diff starts the list at the top.
  private var shownDiff: [SnapshotRef] = []
  var cursor = ListCursor()
  var detailCursor = ListCursor()
  var detailFocused = false
  /// The callstack of the selected row, kept across recomputes.
  var selectedCallstack: Int?
  /// The last find (`/`), for `n` and `N`.
  var search: SearchSpec?
  private(set) var figures: ExclusiveView?

  init(setup: TabSetup) {}

  var request: ExclusiveRequest {
    ExclusiveRequest(column: sortColumn, ascending: ascending, showContainers: showContainers)
  }

  /// - Complexity: O(passing callstacks × frames to the naming frame), then a sort.
  static func compute(_ request: ExclusiveRequest, shared: SharedFigures, cancel: CancelToken) throws -> ExclusiveView {
    try cancel.check()
    if let base = shared.base, let baseQuery = shared.baseQuery {
      // Another build: one row per matched stack, B − A.
      return ExclusiveView(
        comparison: base.matching, a: base.profile, queryA: baseQuery, b: shared.profile, queryB: shared.query,
        sortBy: request.column, ascending: request.ascending, showContainers: request.showContainers)
    }
    return ExclusiveView(
      profile: shared.profile, query: shared.query, sortBy: request.column, ascending: request.ascending,
      showContainers: request.showContainers)
  }

  func accept(_ view: ExclusiveView, for request: ExclusiveRequest, context: TabContext) -> TabOutcome {
    let diff = [context.filter.diffStart, context.filter.diffEnd]
    let startOver = figures.map { _ in shownRequest != request || shownDiff != diff } ?? false
    figures = view
    shownRequest = request
    shownDiff = diff
    if startOver {
      cursor = ListCursor()
    } else if let selectedCallstack, let index = view.rows.firstIndex(where: { $0.callstack == selectedCallstack }) {
      cursor.selected = index
    }
    let split = Self.split(context.area)
    cursor.clamp(count: view.rows.count, height: split.list.visibleRows)
    syncSelection()
    return .handled
  }

  /// The request the shown rows were computed for.
  private var shownRequest: ExclusiveRequest?

  var keyContexts: [KeyContext] { detailFocused ? [Self.paneContext, .list] : [Self.listContext, .list] }

  var filterSegments: [String] {
    var segments = ["by " + Self.columnTitle(sortColumn) + (ascending ? " ascending" : "")]
    if showContainers { segments.append("containers shown") }
    return segments
  }

  func reset() {
    sortColumn = .size
    ascending = false
    showContainers = false
    detailFocused = false
  }

  static func columnTitle(_ column: ExclusiveView.Column) -> String {
    switch column {
    case .size, .sizePercent: return "Size"
    case .count, .countPercent: return "Count"
    case .group: return "Group"
    case .function: return "Function"
    }
  }

  /// The list (header and rows) above the callstack pane.
  static func split(_ area: Rect) -> (list: ListView, pane: CallstackPane) {
    let listRows = max((area.height - 2) * 3 / 5, 1)
    let parts = area.splitTop(listRows + 1)
    return (ListView(area: parts.top), CallstackPane(area: parts.rest))
  }

  var rowCount: Int { figures?.rows.count ?? 0 }

  func depth(_ context: TabContext) -> Int {
    selectedCallstack.map { paneProfile(context).callstacks.depth(of: $0) } ?? 0
  }

  /// The capture the selected row's callstack belongs to (the base for a stack gone from B).
  func paneProfile(_ context: TabContext) -> Profile {
    if selectedRow?.inBase == true, let base = context.shared?.base { return base.profile }
    return context.profile
  }

  /// A stack gone from the shown capture lives only in the base: the other tabs show the shown one.
  static let onlyInBase = TabOutcome.say(
    "This stack is only in the base capture (gone); the other tabs show this build", isError: false)

  /// The selected row, if any.
  var selectedRow: ExclusiveView.Row? {
    guard let rows = figures?.rows, rows.indices.contains(cursor.selected) else { return nil }
    return rows[cursor.selected]
  }

  func syncSelection() {
    guard let rows = figures?.rows, rows.indices.contains(cursor.selected) else {
      selectedCallstack = nil
      return
    }
    let callstack = rows[cursor.selected].callstack
    if callstack != selectedCallstack {
      selectedCallstack = callstack
      detailCursor = ListCursor()
    }
  }

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    let split = Self.split(context.area)
    switch action {
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
      if detailFocused {
        _ = detailCursor.apply(action, count: depth(context), height: split.pane.visibleRows)
      } else {
        _ = cursor.apply(action, count: rowCount, height: split.list.visibleRows)
        syncSelection()
      }
    case .toggleSort:
      sortColumn = sortColumn == .size ? .count : .size
      ascending = false
    case .nextSortColumn, .previousSortColumn:
      let current = Self.columnOrder.firstIndex(of: sortColumn) ?? 0
      let step = action == .nextSortColumn ? 1 : Self.columnOrder.count - 1
      sortColumn = Self.columnOrder[(current + step) % Self.columnOrder.count]
      ascending = sortColumn == .group || sortColumn == .function
    case .reverseSort:
      ascending.toggle()
    case .toggleGroupColumn:
      showsGroups.toggle()
      return .say(showsGroups ? "Group column shown" : "Group column hidden (w shows it)", isError: false)
    case .toggleContainers:
      showContainers.toggle()
      return .say(
        showContainers
          ? "Rows named by their innermost frame (containers shown)"
          : "Rows named by their first frame outside containers and allocators", isError: false)
    case .focusDetail:
      if selectedCallstack != nil { detailFocused = true }
    case .find:
      return .prompt(FindCycle.prompt(.find, last: search))
    case .findNext, .findPrevious:
      guard search != nil else { return perform(.find, context: context) }
      return findStep(forward: action == .findNext, context: context)
    case .leavePane:
      detailFocused = false
    case .redraw:
      cursor.clamp(count: rowCount, height: split.list.visibleRows)
      detailCursor.clamp(count: depth(context), height: split.pane.visibleRows)
    case .showHistory:
      if selectedRow?.inBase == true { return Self.onlyInBase }
      guard let callstack = selectedCallstack else { return .handled }
      if let base = context.shared?.base, base.matching.stackOfB.indices.contains(callstack) {
        // A compared row is a stack: every callstack of it in this build (and in the base).
        let callstacks = base.matching.stacks[Int(base.matching.stackOfB[callstack])].b
        return .reveal(.history(HistorySelection(source: .callstacks(callstacks), title: "stack of \(callstack)")))
      }
      return .reveal(.history(HistorySelection(source: .callstacks([callstack]), title: "callstack \(callstack)")))
    case .showFrameInCallgraph:
      if selectedRow?.inBase == true { return Self.onlyInBase }
      guard let callstack = selectedCallstack else { return .handled }
      let depth = depth(context)
      guard depth > 0 else { return .handled }
      // The pane lists frames innermost first.
      return .reveal(.frame(callstack: callstack, frame: depth - 1 - detailCursor.selected))
    default:
      return .unhandled
    }
    return .handled
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    let split = Self.split(context.area)
    if event.y == split.list.area.y, event.button == .press {
      // The header: a click sorts by the column; again, the other way round.
      let column: ExclusiveView.Column
      switch event.x {
      case ..<20: column = .size
      case 20..<42: column = .count
      case 42..<(42 + groupWidth(context.area.width)): column = .group
      default: column = .function
      }
      if column == sortColumn {
        ascending.toggle()
      } else {
        sortColumn = column
        ascending = column == .group || column == .function
      }
      return .handled
    }
    let wheel = event.button == .wheelUp ? -3 : (event.button == .wheelDown ? 3 : 0)
    if event.y >= split.pane.area.y {
      let depth = depth(context)
      detailFocused = depth > 0
      if wheel != 0 {
        detailCursor.scroll(by: wheel, count: depth, height: split.pane.visibleRows)
      } else if let index = split.pane.frameIndex(atY: event.y, cursor: detailCursor, count: depth) {
        detailCursor.selected = index
        if event.button == .doublePress { return perform(.showFrameInCallgraph, context: context) }
      }
      return .handled
    }
    detailFocused = false
    if wheel != 0 {
      cursor.scroll(by: wheel, count: rowCount, height: split.list.visibleRows)
    } else if let index = split.list.index(atY: event.y, cursor: cursor, count: rowCount) {
      cursor.selected = index
      if event.button == .doublePress { detailFocused = true }
    }
    syncSelection()
    return .handled
  }

  func submit(_ prompt: Prompt, context: TabContext) -> TabOutcome {
    do {
      guard let spec = try FindCycle.search(from: prompt) else { return .handled }
      search = spec
    } catch {
      return .say("\(error)", isError: true)
    }
    return findStep(forward: true, context: context)
  }

  /// `n` / `N`: the next row (or previous) whose function or group matches, wrapping.
  ///
  /// - Complexity: one match per row and name.
  func findStep(forward: Bool, context: TabContext) -> TabOutcome {
    guard let rows = figures?.rows, let spec = search else { return .handled }
    let found = FindCycle.find(spec, rows: rows.count, from: cursor.selected, forward: forward) {
      [rows[$0].function, rows[$0].group]
    }
    guard let row = found.row else { return found.outcome }
    cursor.selected = row
    cursor.clamp(count: rows.count, height: Self.split(context.area).list.visibleRows)
    detailFocused = false
    syncSelection()
    return found.outcome
  }
}
