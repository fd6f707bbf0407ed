extension App {
  /// The columns each tab's label takes on the tab bar.
  static func tabSpans() -> [(tab: Tab, range: Range<Int>)] {
    var x = 0
    return Tab.allCases.map { tab in
      let width = " \(tab.number) \(tab.title) ".count
      defer { x += width + 1 }
      return (tab, x..<x + width)
    }
  }

  func handleMouse(x: Int, y: Int, button: MouseButton) {
    guard overlay == nil else {
      if button == .press { overlay = nil }
      return
    }
    if y == layout.tabBarRow, button == .press {
      if let span = App.tabSpans().first(where: { $0.range.contains(x) }) { switchTab(to: span.tab) }
      return
    }
    let wheel = button == .wheelUp ? -3 : (button == .wheelDown ? 3 : 0)
    switch tab {
    case .callgraph:
      let first = layout.bodyTop + 1
      if wheel != 0 {
        callgraph.cursor.scroll(by: wheel, count: callgraph.rows.count, height: layout.callgraphRows)
      } else if y >= first && y < first + layout.callgraphRows {
        let row = callgraph.cursor.top + y - first
        guard row < callgraph.rows.count else { return }
        callgraph.cursor.selected = row
        if button == .doublePress { performCallgraph(callgraph.rows[row].isExpanded ? .collapse : .expand) }
      }
      if let graph = data?.callGraph { callgraph.syncSelectedPath(graph) }
    case .exclusive:
      let first = layout.bodyTop + 1
      let count = data?.exclusive.rows.count ?? 0
      if y >= layout.exclusiveDetailTop {
        let depth = exclusive.selectedCallstack.map { profile.callstacks.depth(of: $0) } ?? 0
        exclusive.detailFocused = depth > 0
        if wheel != 0 {
          exclusive.detailCursor.scroll(by: wheel, count: depth, height: layout.exclusiveDetailRows)
        } else {
          exclusive.detailCursor.selected = exclusive.detailCursor.top + y - layout.exclusiveDetailTop
          exclusive.detailCursor.clamp(count: depth, height: layout.exclusiveDetailRows)
          if button == .doublePress { jumpToCallgraphFromDetail() }
        }
        return
      }
      exclusive.detailFocused = false
      if wheel != 0 {
        exclusive.cursor.scroll(by: wheel, count: count, height: layout.exclusiveListRows)
      } else if y >= first && y < first + layout.exclusiveListRows && exclusive.cursor.top + y - first < count {
        exclusive.cursor.selected = exclusive.cursor.top + y - first
        if button == .doublePress { exclusive.detailFocused = true }
      }
      syncExclusiveSelection()
    }
  }
}
