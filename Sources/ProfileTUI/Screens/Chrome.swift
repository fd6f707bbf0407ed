import ProfileModel

/// The parts around every tab: tab bar, filter line, status line and footer.
enum Chrome {
  static func drawTabBar(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let y = app.layout.tabBarRow
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme[.tabInactive])
    for span in App.tabSpans() {
      let style = span.tab == app.tab ? theme[.tabActive] : theme[.tabInactive]
      grid.put(" \(span.tab.number) \(span.tab.title) ", x: span.range.lowerBound, y: y, style: style)
    }
    let right = "mprof-tui  ? help "
    grid.put(right, x: max(grid.width - right.count, 0), y: y, style: theme[.tabInactive])
  }

  /// The filter state as one line of segments.
  static func filterSegments(_ app: App) -> [(label: String, value: String)] {
    let f = app.inputs.filter
    let p = app.profile
    var groups = "all"
    if let checked = f.checkedGroups {
      groups = checked.isEmpty ? "none" : (checked.count == 1 ? checked.first ?? "" : "\(checked.count) of \(app.assignment.groups.count)")
    }
    var text = f.text.isEmpty ? "-" : f.text
    if f.textIsRegex && !f.text.isEmpty { text = "/\(text)/" }
    var pools = "all"
    if f.poolMask != MemoryPool.allMask {
      let names = MemoryPool.allCases.filter { f.poolMask & $0.flag != 0 }.map(\.displayName)
      pools = names.isEmpty ? "none" : names.joined(separator: "+")
    }
    let tags = f.tags.isEmpty ? "all" : (f.tags.count == 1 ? f.tags.first ?? "" : "\(f.tags.count) tags")
    return [
      ("", "\(p.label(f.diffStart)) \(app.theme.glyphs.arrow) \(p.label(f.diffEnd))"),
      ("", f.kind.rawValue), ("", "by " + f.sort.rawValue), ("", f.mode.rawValue),
      ("Groups ", groups), ("Text ", text), ("Pools ", pools), ("Tags ", tags),
    ]
  }

  static func drawFilterLine(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let y = app.layout.filterRow
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme[.filterLine])
    var x = 1
    for (i, segment) in filterSegments(app).enumerated() {
      if i > 0 { x += grid.put(" \(theme.glyphs.vertical) ", x: x, y: y, style: theme[.filterLine]) }
      if !segment.label.isEmpty { x += grid.put(segment.label, x: x, y: y, style: theme[.filterLabel]) }
      x += grid.put(segment.value, x: x, y: y, style: theme[.filterLine])
    }
    if app.isComputing {
      let badge = " Computing… "
      grid.put(badge, x: max(grid.width - CharacterWidth.of(badge), 0), y: y, style: theme[.busy])
    }
  }

  static func drawStatus(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let y = app.layout.statusRow
    let p = app.profile
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme[.status])
    let name = p.path.split(separator: "/").last.map(String.init) ?? p.path
    var info = " \(name) · v\(p.header.version) \(p.header.isBigEndian ? "BE" : "LE") · "
    info += "\(SizeFormat.count(Int64(p.tokenCounts.tokenCount))) events · "
    if let data = app.data {
      let totals = data.query.totals
      info += "\(app.inputs.filter.kind == .active ? "live" : "allocated") \(SizeFormat.size(totals.size)) "
      info += "in \(SizeFormat.count(totals.count))"
    }
    let used = grid.put(info, x: 0, y: y, style: theme[.status])
    if let message = app.statusMessage {
      let text = " " + message.text + " "
      let width = CharacterWidth.of(text)
      let x = max(min(used + 1, grid.width - width), 0)
      let style = message.isError ? theme[.statusError] : theme[.status].adding(.bold)
      grid.fill(x: x, y: y, width: grid.width - x, height: 1, style: theme[.status])
      grid.put(text, x: x, y: y, style: style)
    }
  }

  /// Footer hints: (key, label) pairs for what works now.
  static func footerHints(_ app: App) -> [(String, String)] {
    func hint(_ action: Action) -> (String, String) {
      (app.keyMap.firstKey(action)?.label ?? "", action.footerLabel)
    }
    if let overlay = app.overlay {
      switch overlay {
      case .help: return [("↑↓", "Scroll"), ("Esc", "Close")]
      case .snapshotPicker: return [("↑↓", "Move"), ("Enter", "Choose"), ("Esc", "Cancel")]
      case .groups: return [("↑↓", "Move"), ("Space", "Toggle"), ("a", "All"), ("n", "None"), ("Esc", "Close")]
      case .pools: return [("↑↓", "Move"), ("Space", "Toggle"), ("a", "All"), ("n", "None"), ("Esc", "Close")]
      case .tags:
        return [("type", "Search"), ("Space", "Toggle"), ("←→", "Fold"), ("Ctrl-R", "Reset"), ("Ctrl-U", "Clear"), ("Esc", "Close")]
      case .prompt: return []
      }
    }
    switch app.tab {
    case .callgraph:
      return [
        hint(.help), ("Enter", "Expand"), hint(.find), hint(.findAll), hint(.invert), hint(.setParent),
        hint(.textFilter), hint(.classGroupsPanel), hint(.toggleAllocationKind), hint(.toggleSort),
        hint(.pickDiffStart), hint(.pickDiffEnd), hint(.quit),
      ]
    case .exclusive:
      if app.exclusive.detailFocused {
        return [("↑↓", "Frame"), ("Enter", "In Callgraph"), ("Esc", "Back"), hint(.help), hint(.quit)]
      }
      return [
        hint(.help), hint(.focusDetail), hint(.nextSortColumn), hint(.reverseSort), hint(.textFilter),
        hint(.classGroupsPanel), hint(.toggleAllocationKind), hint(.toggleSort), hint(.pickDiffStart),
        hint(.pickDiffEnd), hint(.quit),
      ]
    }
  }

  static func drawFooter(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let y = app.layout.footerRow
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme[.footerText])
    if case .prompt(let prompt) = app.overlay {
      PromptLine.draw(prompt, app: app, y: y, into: &grid)
      return
    }
    var x = 0
    for (key, label) in footerHints(app) {
      let needed = CharacterWidth.of(key) + CharacterWidth.of(label) + 3
      if x + needed > grid.width { break }
      x += grid.put(key, x: x, y: y, style: theme[.footerKey])
      x += grid.put(" " + label + " ", x: x, y: y, style: theme[.footerText])
      x += 1
    }
  }
}

