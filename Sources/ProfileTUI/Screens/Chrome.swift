import ProfileModel

/// The parts around every tab: tab bar, filter line, status line and footer.
enum Chrome {
  /// The label at the right end of the tab bar.
  static let tabBarRight = "mprof-tui  ? help "

  static func drawTabBar(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let y = app.layout.tabBarRow
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme[.tabInactive])
    for span in app.tabSpans() {
      let style = span.index == app.tabIndex ? theme[.tabActive] : theme[.tabInactive]
      grid.put(span.label, x: span.range.lowerBound, y: y, style: style)
    }
    if grid.width - tabBarRight.count >= (app.tabSpans().last?.range.upperBound ?? 0) {
      grid.put(tabBarRight, x: max(grid.width - tabBarRight.count, 0), y: y, style: theme[.tabInactive])
    }
  }

  /// The filter state as one line of segments.
  static func filterSegments(_ app: App) -> [(label: String, value: String)] {
    let f = app.filter
    let p = app.profile
    var groups = "all"
    if let checked = f.checkedGroups {
      groups =
        checked.isEmpty
        ? "none" : (checked.count == 1 ? checked.first ?? "" : "\(checked.count) of \(app.assignment.groups.count)")
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
      ("", f.kind.rawValue),
    ] + app.tab.filterSegments.map { ("", $0) } + [
      ("", f.mode.rawValue), ("Groups ", groups), ("Text ", text), ("Pools ", pools), ("Tags ", tags),
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
    if let work = app.computing {
      let badge = " Computing \(work)… "
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
    if let shared = app.shared {
      let totals = shared.query.totals
      info += "\(shared.filter.kind == .active ? "live" : "allocated") \(SizeFormat.size(totals.size)) "
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

  /// Footer hints for what works now, from the binding tables of the contexts in force.
  ///
  /// The help key comes first and quit last wherever they apply, as in htop's function bar.
  static func footerHints(_ app: App) -> [(key: String, label: String, priority: Int)] {
    let hints = app.keyMap.footerHints(in: app.overlay?.keyContexts ?? app.activeContexts)
    let help = app.keyMap.bindings.first { $0.action == .help }?.footer
    let quit = app.keyMap.bindings.first { $0.action == .quit }?.footer
    return hints.filter { $0.label == help } + hints.filter { $0.label != help && $0.label != quit }
      + hints.filter { $0.label == quit }
  }

  /// The hints that fit in `width` columns: the most important first, shown in table order.
  static func fittingHints(_ hints: [(key: String, label: String, priority: Int)], width: Int) -> [(String, String)] {
    func cost(_ hint: (key: String, label: String, priority: Int)) -> Int {
      CharacterWidth.of(hint.key) + CharacterWidth.of(hint.label) + 3
    }
    var chosen = Set<Int>()
    var used = 0
    for index in hints.indices.sorted(by: { (hints[$0].priority, $0) < (hints[$1].priority, $1) }) {
      let needed = cost(hints[index])
      if used + needed > width { continue }
      used += needed
      chosen.insert(index)
    }
    return hints.indices.filter(chosen.contains).map { (hints[$0].key, hints[$0].label) }
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
    for (key, label) in fittingHints(footerHints(app), width: grid.width) {
      x += grid.put(key, x: x, y: y, style: theme[.footerKey])
      x += grid.put(" " + label + " ", x: x, y: y, style: theme[.footerText])
      x += 1
    }
  }
}
