import ProfileModel

/// What the Short-lived tab asks for besides the shared filter.
public struct ShortLivedRequest: Sendable, Equatable {
  public var minimum = ShortLived.defaultMinimum
}

/// Tab 7: who churns allocations frame after frame (MemoryProfiler2's Short Lived Allocations),
/// with a visible, changeable listing minimum, multi-key sorting and the callstack pane; with
/// `--base`, each matched stack's short-lived blocks and bytes in both builds and the change.
final class ShortLivedTab: TabView {
  static let title = "Short-lived"
  static let shortTitle = "Short"
  static let context = KeyContext(id: "short-lived", title: "Short-lived")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] = [
    Binding(
      [.character(">"), .character("."), .right], .nextSortColumn, context, help: "sort by the next column first",
      footer: "Column", priority: 2),
    Binding(
      [.character("<"), .character(","), .left], .previousSortColumn, context, help: "sort by the previous column first"
    ),
    Binding(
      [.character("I")], .reverseSort, context, help: "reverse the first sort key", footer: "Reverse", priority: 3),
    Binding(
      [.character("+"), .character("=")], .raiseMinimum, context,
      help: "list only callstacks with more short-lived blocks ", footer: "Min+", priority: 4),
    Binding(
      [.character("-")], .lowerMinimum, context, help: "list callstacks with fewer (down to 1)", footer: "Min-",
      priority: 4),
    Binding(
      [.character("/"), .function(3)], .find, context, help: "find a row by function (Ctrl-R regex)", footer: "Find",
      priority: 3),
    Binding([.character("n")], .findNext, context, help: "next matching row"),
    Binding([.character("N")], .findPrevious, context, help: "previous matching row"),
    Binding(
      [.character("H")], .showHistory, context, help: "history of the row's callstack (History tab)",
      footer: "History", priority: 7),
  ]

  /// Figure columns: 13 wide with full titles from 110 columns, 10 wide with short ones below.
  static func columnWidth(_ width: Int) -> Int { width >= 110 ? 13 : 10 }
  /// The compared columns on a screen: all six from 110 columns, below them each build's blocks
  /// and the two changes (11 wide: a signed size fits).
  static func comparedColumns(_ width: Int) -> (columns: [ShortLivedComparison.Column], width: Int) {
    width >= 110 ? (ShortLivedComparison.Column.allCases, 13) : ([.blocksA, .blocksB, .deltaBlocks, .deltaBytes], 11)
  }
  static let order: [ShortLived.Column] = [.zeroFrames, .zeroFrameCount, .oneFrame, .longestRun, .runAverage, .bytes]
  static func titles(_ width: Int) -> [String] {
    width >= 110
      ? ["0 Frames", "0 Frame Cnt", "1 Frame", "Longest Run", "Run Avg", "Bytes"]
      : ["0 Frm", "0 Frm#", "1 Frm", "Run", "Run Avg", "Bytes"]
  }
  /// The minimums `+` and `-` step through (MemoryProfiler2's fixed rule is "more than 100").
  static let minimumLevels: [Int64] = [1, 2, 5, 10, 20, 50, 101, 200, 500, 1_000, 2_000, 5_000, 10_000]

  var minimum = ShortLived.defaultMinimum
  var keys = ShortLived.Column.allCases
  /// The sort column when two builds are compared.
  var compareKey = ShortLivedComparison.Column.deltaBlocks
  var ascending = false
  var cursor = ListCursor()
  var selectedCallstack: Int?
  /// The selected matched stack when comparing (its callstack is `selectedCallstack`, from the
  /// base when the stack is gone from the shown capture).
  var selectedStack: Int?
  var search: SearchSpec?
  private(set) var figures: ShortLivedFigures?

  init(setup: TabSetup) {}

  /// The sort is the tab's own (a few rows): a sort key never recomputes the lifecycles.
  var request: ShortLivedRequest { ShortLivedRequest(minimum: minimum) }

  /// - Complexity: see `ShortLived`: one pass over the rows freed in the window (on each side
  ///   when comparing).
  static func compute(_ request: ShortLivedRequest, shared: SharedFigures, cancel: CancelToken) throws
    -> ShortLivedFigures
  {
    if let base = shared.base, let baseQuery = shared.baseQuery {
      return .compared(
        try ShortLivedComparison(
          comparison: base.matching, a: base.profile, queryA: baseQuery, b: shared.profile, queryB: shared.query,
          minimum: request.minimum, cancel: cancel))
    }
    return .single(
      try ShortLived(profile: shared.profile, query: shared.query, minimum: request.minimum, cancel: cancel))
  }

  func accept(_ view: ShortLivedFigures, for request: ShortLivedRequest, context: TabContext) -> TabOutcome {
    figures = view
    resort(context)
    return .handled
  }

  /// The rows in the tab's sort order.
  private(set) var rows: [ShortLived.Row] = []
  /// The matched stacks in the tab's sort order, when comparing.
  private(set) var comparedRows: [ShortLivedComparison.Row] = []

  var isComparing: Bool {
    if case .compared = figures { return true }
    return false
  }

  /// Sorts the computed rows by the tab's keys, keeping the selected callstack (or stack)
  /// selected.
  func resort(_ context: TabContext) {
    switch figures {
    case .compared(let view):
      rows = []
      comparedRows = ShortLivedComparison.sorted(view.rows, by: compareKey, ascending: ascending)
      if let selectedStack, let index = comparedRows.firstIndex(where: { $0.stack == selectedStack }) {
        cursor.selected = index
      }
    case .single(let view):
      comparedRows = []
      rows = ShortLived.sorted(view.rows, keys: keys, ascending: ascending)
      if let selectedCallstack, let index = rows.firstIndex(where: { $0.callstack == selectedCallstack }) {
        cursor.selected = index
      }
    case nil:
      break
    }
    cursor.clamp(count: rowCount, height: Self.split(context.area).list.visibleRows)
    syncSelection(context)
  }

  var keyContexts: [KeyContext] { [Self.context, .list] }
  var rowCount: Int { isComparing ? comparedRows.count : rows.count }
  var filterSegments: [String] {
    let key = isComparing ? compareKey.rawValue : keys[0].rawValue
    return ["by \(key)\(ascending ? " ascending" : "")", "at least \(SizeFormat.count(minimum))"]
  }

  func reset() {
    minimum = ShortLived.defaultMinimum
    keys = ShortLived.Column.allCases
    compareKey = .deltaBlocks
    ascending = false
  }

  static func split(_ area: Rect) -> (list: ListView, pane: CallstackPane) {
    let listRows = max((area.height - 2) * 3 / 5, 1)
    let parts = area.splitTop(listRows + 1)
    return (ListView(area: parts.top), CallstackPane(area: parts.rest))
  }

  func syncSelection(_ context: TabContext) {
    if isComparing {
      guard comparedRows.indices.contains(cursor.selected), let base = context.shared?.base else {
        (selectedStack, selectedCallstack) = (nil, nil)
        return
      }
      selectedStack = comparedRows[cursor.selected].stack
      selectedCallstack = base.matching.representative(comparedRows[cursor.selected].stack).callstack
      return
    }
    selectedStack = nil
    guard rows.indices.contains(cursor.selected) else {
      selectedCallstack = nil
      return
    }
    selectedCallstack = rows[cursor.selected].callstack
  }

  /// The capture the selected row's callstack belongs to: the base for a stack gone from the
  /// shown capture.
  func paneProfile(_ context: TabContext) -> Profile {
    guard let stack = selectedStack, let base = context.shared?.base, !base.matching.representative(stack).inB else {
      return context.profile
    }
    return base.profile
  }

  /// The name of a row: its callstack's innermost frame (B's callstack of a matched stack, A's
  /// when it is gone).
  func name(ofRow index: Int, context: TabContext) -> String {
    if isComparing, let base = context.shared?.base {
      let stack = comparedRows[index].stack
      let (inB, callstack) = base.matching.representative(stack)
      return Self.name(of: callstack, in: inB ? context.profile : base.profile)
    }
    return Self.name(of: rows[index].callstack, in: context.profile)
  }

  /// The innermost frame's function of a callstack, naming its row.
  static func name(of callstack: Int, in profile: Profile) -> String {
    profile.callstacks.frames(of: callstack).last.map {
      profile.functions.names[Int(profile.functions.idOfAddress[Int($0)])]
    } ?? "(no frames)"
  }

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    let split = Self.split(context.area)
    switch action {
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
      _ = cursor.apply(action, count: rowCount, height: split.list.visibleRows)
      syncSelection(context)
    case .nextSortColumn where isComparing, .previousSortColumn where isComparing:
      let all = Self.comparedColumns(context.area.width).columns
      let current = all.firstIndex(of: compareKey) ?? 0
      compareKey = all[(current + (action == .nextSortColumn ? 1 : all.count - 1)) % all.count]
      ascending = false
      resort(context)
    case .nextSortColumn, .previousSortColumn:
      let all = ShortLived.Column.allCases
      let current = all.firstIndex(of: keys[0]) ?? 0
      let next = all[(current + (action == .nextSortColumn ? 1 : all.count - 1)) % all.count]
      choose(next)
      resort(context)
    case .reverseSort:
      ascending.toggle()
      resort(context)
    case .raiseMinimum, .lowerMinimum:
      let levels = Self.minimumLevels
      minimum =
        action == .raiseMinimum
        ? levels.first { $0 > minimum } ?? minimum : levels.last { $0 < minimum } ?? minimum
      return .say("Listing callstacks with at least \(SizeFormat.count(minimum)) short-lived blocks", isError: false)
    case .showHistory:
      if let stack = selectedStack, let base = context.shared?.base {
        // The shown build's callstacks of the stack (History draws one capture).
        let callstacks = base.matching.stacks[stack].b
        guard !callstacks.isEmpty else {
          return .say("This stack is only in the base capture (gone); History shows this build", isError: false)
        }
        return .reveal(.history(HistorySelection(source: .callstacks(callstacks), title: "stack of \(callstacks[0])")))
      }
      guard let callstack = selectedCallstack else { return .handled }
      return .reveal(.history(HistorySelection(source: .callstacks([callstack]), title: "callstack \(callstack)")))
    case .find:
      return .prompt(FindCycle.prompt(.find, last: search))
    case .findNext, .findPrevious:
      guard search != nil else { return perform(.find, context: context) }
      return findStep(forward: action == .findNext, context: context)
    case .redraw:
      cursor.clamp(count: rowCount, height: split.list.visibleRows)
    default:
      return .unhandled
    }
    return .handled
  }

  /// Puts `column` first in the sort keys; the same column again reverses it.
  func choose(_ column: ShortLived.Column) {
    if keys.first == column {
      ascending.toggle()
    } else {
      keys.removeAll { $0 == column }
      keys.insert(column, at: 0)
      ascending = false
    }
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

  func findStep(forward: Bool, context: TabContext) -> TabOutcome {
    guard let spec = search else { return .handled }
    let found = FindCycle.find(spec, rows: rowCount, from: cursor.selected, forward: forward) {
      [self.name(ofRow: $0, context: context)]
    }
    guard let row = found.row else { return found.outcome }
    cursor.selected = row
    cursor.clamp(count: rowCount, height: Self.split(context.area).list.visibleRows)
    syncSelection(context)
    return found.outcome
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    let split = Self.split(context.area)
    if event.y == split.list.area.y, event.button == .press {
      // The header: a click puts the column first.
      if isComparing {
        let (all, width) = Self.comparedColumns(context.area.width)
        let index = event.x / width
        if all.indices.contains(index) {
          ascending = compareKey == all[index] ? !ascending : false
          compareKey = all[index]
          resort(context)
        }
      } else if case let index = event.x / Self.columnWidth(context.area.width), Self.order.indices.contains(index) {
        choose(Self.order[index])
        resort(context)
      }
      return .handled
    }
    switch event.button {
    case .wheelUp, .wheelDown:
      cursor.scroll(by: event.button == .wheelUp ? -3 : 3, count: rowCount, height: split.list.visibleRows)
    case .press, .doublePress:
      if let index = split.list.index(atY: event.y, cursor: cursor, count: rowCount) { cursor.selected = index }
    }
    syncSelection(context)
    return .handled
  }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let split = Self.split(context.area)
    let columnWidth = Self.columnWidth(context.area.width)
    let unicode = theme.glyphs == .unicode
    let arrow = ascending ? (unicode ? "▲" : "^") : (unicode ? "▼" : "v")
    var header = ""
    let (comparedColumns, comparedWidth) = Self.comparedColumns(context.area.width)
    if isComparing {
      for column in comparedColumns {
        header +=
          TextFit.pad(column.rawValue + (column == compareKey ? arrow : ""), comparedWidth - 1, right: true) + " "
      }
      header += "      "
    } else {
      for (column, title) in zip(Self.order, Self.titles(context.area.width)) {
        header += TextFit.pad(title + (column == keys[0] ? arrow : ""), columnWidth - 1, right: true) + " "
      }
    }
    split.list.drawHeader(header + " Function (innermost frame)", theme: theme, into: &grid)
    guard figures != nil else {
      grid.put("Computing…", x: 2, y: split.list.rowsArea.y, style: theme[.dim])
      return
    }
    let width = split.list.rowsArea.width
    if rowCount == 0 {
      let what = isComparing ? "No stack has, in either build," : "No callstack has"
      grid.put(
        "\(what) \(SizeFormat.count(minimum)) blocks freed within a frame of their birth in this range (- lowers the minimum).",
        x: 2, y: split.list.rowsArea.y, style: theme[.dim], maxWidth: width - 3)
    }
    split.list.drawRows(count: rowCount, cursor: cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let base = selected ? theme[.selection] : theme[.normal]
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      var x: Int
      if isComparing {
        let row = comparedRows[index]
        var text = ""
        for column in comparedColumns {
          let value = row.value(column)
          let bytes = column == .bytesA || column == .bytesB || column == .deltaBytes
          var shown = bytes ? SizeFormat.size(value) : SizeFormat.count(value)
          if column == .deltaBlocks || column == .deltaBytes, value > 0 { shown = "+" + shown }
          text += TextFit.pad(shown, comparedWidth - 1, right: true) + " "
        }
        text += row.status == .new ? "  new " : (row.status == .gone ? " gone " : "      ")
        // Growth and decline by role, bold from 2× on, dim under 1%.
        x = grid.put(text + " ", x: 0, y: y, style: selected ? base : theme.change(from: row.blocksA, to: row.blocksB))
      } else {
        let row = rows[index]
        var text = ""
        for column in Self.order {
          let value =
            column == .bytes || column == .runAverage
            ? SizeFormat.size(row.value(column)) : SizeFormat.count(row.value(column))
          text += TextFit.pad(value, columnWidth - 1, right: true) + " "
        }
        x = grid.put(text + " ", x: 0, y: y, style: base)
      }
      grid.put(
        TextFit.clip(name(ofRow: index, context: context), width - 1 - x, glyphs: theme.glyphs), x: x, y: y,
        style: base)
    }
    var summary = ""
    if let stack = selectedStack, let row = comparedRows.first(where: { $0.stack == stack }) {
      summary =
        row.status == .gone
        ? "only in the base \(theme.glyphs.dot) \(SizeFormat.count(row.blocksA)) short-lived blocks there"
        : "\(SizeFormat.count(row.blocksA)) \(theme.glyphs.arrow) \(SizeFormat.count(row.blocksB)) short-lived blocks"
    }
    split.pane.draw(
      callstack: selectedCallstack, summary: summary, profile: paneProfile(context), cursor: ListCursor(),
      focused: false, theme: theme, into: &grid)
  }
}
