import ProfileModel

/// What the Histogram tab asks for besides the shared filter.
public struct HistogramRequest: Sendable, Equatable {
  /// Class groups per memory bank, or allocation sizes.
  public var showsSizes = false
}

/// The Histogram tab's figures: the bars, or the size classes (of two builds when comparing).
public enum HistogramFigures: Sendable {
  case bars(PoolHistogram)
  case sizes(SizeHistogram)
  case comparedSizes(SizeHistogramComparison)
}

/// Tab 5: where the memory is, by class group and memory bank (MemoryProfiler2's Histogram),
/// with each bar's callstacks; `z` shows the allocation sizes instead.
final class HistogramTab: TabView {
  static let title = "Histogram"
  static let shortTitle = "Hist"
  static let context = KeyContext(id: "histogram", title: "Histogram")
  static let callstacksContext = KeyContext(id: "histogram-bar", title: "Histogram: a bar's callstacks")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] = [
    Binding(
      [.enter, .right, .character("l")], .focusDetail, context, help: "into the selected bar's callstacks",
      footer: "Callstacks", priority: 1),
    Binding(
      [.character("z")], .toggleSizes, context, help: "class groups ↔ allocation sizes (power-of-two classes)",
      footer: "Sizes", priority: 2),
    Binding(
      [.escape, .left, .character("h")], .leavePane, callstacksContext, help: "back to the bars", footer: "Back",
      priority: 1),
    Binding(
      [.character("H")], .showHistory, context, help: "history of the bar's callstacks (History tab)",
      footer: "History", priority: 7),
    Binding(
      [.character("H")], .showHistory, callstacksContext, help: "history of the selected callstack (History tab)",
      footer: "History", priority: 7),
  ]

  var showsSizes = false
  /// The bar list's cursor, over the non-empty bars (or the size classes).
  var cursor = ListCursor()
  /// The selected bar, kept across recomputes.
  var selectedBar: (bank: PoolHistogram.Bank, group: Int)?
  /// Inside the selected bar: its callstacks and the callstack pane.
  var barFocused = false
  var callstackCursor = ListCursor()
  private(set) var figures: HistogramFigures?

  init(setup: TabSetup) {}

  var request: HistogramRequest { HistogramRequest(showsSizes: showsSizes) }

  /// - Complexity: bars O(passing callstacks); sizes one pass over the rows in the range.
  static func compute(_ request: HistogramRequest, shared: SharedFigures, cancel: CancelToken) throws
    -> HistogramFigures
  {
    if request.showsSizes {
      if let base = shared.base, let baseQuery = shared.baseQuery {
        return .comparedSizes(
          try SizeHistogramComparison(
            a: base.profile, queryA: baseQuery, b: shared.profile, queryB: shared.query, cancel: cancel))
      }
      return .sizes(try SizeHistogram(profile: shared.profile, query: shared.query, cancel: cancel))
    }
    try cancel.check()
    if let base = shared.base, let baseQuery = shared.baseQuery {
      // Two builds: each bar is the change, listing the matched stacks that land in it.
      return .bars(
        PoolHistogram(
          comparing: base.profile, baseQuery: baseQuery, profile: shared.profile, query: shared.query,
          matching: base.matching))
    }
    return .bars(PoolHistogram(profile: shared.profile, query: shared.query))
  }

  func accept(_ new: HistogramFigures, for request: HistogramRequest, context: TabContext) -> TabOutcome {
    figures = new
    if let selectedBar,
      let index = bars.firstIndex(where: { $0.bank == selectedBar.bank && $0.groupIndex == selectedBar.group })
    {
      cursor.selected = index
    }
    cursor.clamp(count: rowCount, height: listHeight(context.area))
    syncSelection()
    return .handled
  }

  var keyContexts: [KeyContext] { barFocused ? [Self.callstacksContext, .list] : [Self.context, .list] }
  var filterSegments: [String] { [showsSizes ? "allocation sizes" : "by group and bank"] }

  func reset() {
    showsSizes = false
    barFocused = false
    cursor = ListCursor()
  }

  /// The non-empty bars in screen order (bank by bank).
  var bars: [PoolHistogram.Bar] {
    guard case .bars(let histogram) = figures else { return [] }
    return histogram.columns.flatMap { $0.bars.filter { $0.size != 0 || $0.count != 0 } }
  }

  var rowCount: Int {
    switch figures {
    case .bars?: return bars.count
    case .sizes(let sizes)?: return sizes.classes.count
    case .comparedSizes(let sizes)?: return sizes.classes.count
    case nil: return 0
    }
  }

  var selected: PoolHistogram.Bar? { bars.indices.contains(cursor.selected) ? bars[cursor.selected] : nil }

  func syncSelection() {
    if let bar = selected {
      if selectedBar.map({ $0.bank != bar.bank || $0.group != bar.groupIndex }) ?? true {
        callstackCursor = ListCursor()
      }
      selectedBar = (bar.bank, bar.groupIndex)
    } else {
      barFocused = false
    }
  }

  /// The list of bars (or classes) and, inside a bar, its callstacks and the callstack pane.
  static func split(_ area: Rect) -> (bars: ListView, callstacks: ListView, pane: CallstackPane) {
    let listRows = max((area.height - 2) / 2, 3)
    let top = area.splitTop(listRows + 1)
    let middle = top.rest.splitTop(max((top.rest.height) / 2, 2))
    return (ListView(area: top.top), ListView(area: middle.top), CallstackPane(area: middle.rest))
  }

  func listHeight(_ area: Rect) -> Int {
    barFocused ? Self.split(area).bars.visibleRows : ListView(area: area).visibleRows
  }

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    let split = Self.split(context.area)
    switch action {
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
      if barFocused, let bar = selected {
        _ = callstackCursor.apply(action, count: bar.callstacks.count, height: split.callstacks.visibleRows)
      } else {
        _ = cursor.apply(action, count: rowCount, height: listHeight(context.area))
        syncSelection()
      }
    case .focusDetail:
      guard let bar = selected, !bar.callstacks.isEmpty else { return .handled }
      barFocused = true
      cursor.clamp(count: rowCount, height: listHeight(context.area))
    case .leavePane:
      barFocused = false
    case .showHistory:
      guard let bar = selected else { return .handled }
      if barFocused, bar.callstacks.indices.contains(callstackCursor.selected) {
        if bar.inBase.indices.contains(callstackCursor.selected) && bar.inBase[callstackCursor.selected] {
          return .say("This stack is only in the base capture (gone); History shows this build", isError: false)
        }
        let callstack = bar.callstacks[callstackCursor.selected].callstack
        return .reveal(.history(HistorySelection(source: .callstacks([callstack]), title: "callstack \(callstack)")))
      }
      // The shown build's callstacks (a compared bar also lists stacks gone from it).
      let callstacks = bar.callstacks.indices.filter { !(bar.inBase.indices.contains($0) && bar.inBase[$0]) }
        .map { bar.callstacks[$0].callstack }.sorted()
      return .reveal(
        .history(
          HistorySelection(
            source: .callstacks(callstacks), title: "\(bar.group) (\(bar.bank.title) bank)")))
    case .toggleSizes:
      showsSizes.toggle()
      barFocused = false
      cursor = ListCursor()
      return .say(
        showsSizes ? "Allocation sizes (z: class groups)" : "Class groups by memory bank (z: sizes)", isError: false)
    case .redraw:
      cursor.clamp(count: rowCount, height: listHeight(context.area))
    default:
      return .unhandled
    }
    return .handled
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    let list = barFocused ? Self.split(context.area).bars : ListView(area: context.area)
    switch event.button {
    case .wheelUp: return perform(.moveUp, context: context)
    case .wheelDown: return perform(.moveDown, context: context)
    case .press, .doublePress:
      guard let index = list.index(atY: event.y, cursor: cursor, count: rowCount) else { return .handled }
      cursor.selected = index
      syncSelection()
      if event.button == .doublePress { return perform(.focusDetail, context: context) }
    }
    return .handled
  }
}
