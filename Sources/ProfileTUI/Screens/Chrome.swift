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

  /// One field of the filter line: its label, its value, a shorter value, and whether it only
  /// says the default (such fields are the first to go when the line is too narrow).
  struct Segment {
    var label: String
    var value: String
    var short: String?
    var isDefault = false
    /// What a click on it does (opens its panel, flips its toggle).
    var action: Action? = nil
  }

  /// The filter state as one line of segments.
  static func filterSegments(_ app: App) -> [Segment] {
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
    let arrow = app.theme.glyphs.arrow
    // A rule reading C and D shows them after A → B.
    let later = f.rule.map { Array(f.markerRefs.prefix($0.markerCount).dropFirst(2)) } ?? []
    let laterText = later.map { " \(arrow) \(p.label($0))" }.joined()
    let laterShort = later.map { " \(arrow) \(p.shortLabel($0))" }.joined()
    // Comparing with another build: say so first (the Exclusive tab shows B − A, the others B).
    var base = app.base.map { [Segment(label: "vs ", value: $0.name)] } ?? []
    if app.base != nil && f.growthOnly {
      base.append(Segment(label: "", value: "growth only", action: .toggleGrowthOnly))
    }
    if app.base != nil && f.normalize { base.append(Segment(label: "", value: "normalized", action: .toggleNormalize)) }
    return base + [
      Segment(
        label: "", value: "\(p.label(f.diffStart)) \(arrow) \(p.label(f.diffEnd))\(laterText)",
        short: "\(p.shortLabel(f.diffStart)) \(arrow) \(p.shortLabel(f.diffEnd))\(laterShort)", action: .pickDiffStart),
      f.rule.map { Segment(label: "Rule ", value: $0.title, short: $0.shortName, action: .cycleRule) }
        ?? Segment(label: "", value: f.kind.rawValue, action: .toggleAllocationKind),
    ] + app.tab.filterSegments.map { Segment(label: "", value: $0, action: .toggleSort) } + [
      Segment(label: "", value: f.mode.rawValue, action: .toggleFilterMode),
      Segment(
        label: "Groups ", value: groups, isDefault: f.checkedGroups == app.defaultCheckedGroups,
        action: .classGroupsPanel),
      Segment(label: "Text ", value: text, isDefault: f.text.isEmpty, action: .textFilter),
      Segment(
        label: "Pools ", value: pools,
        isDefault: f.poolMask == FilterState.defaults(for: f.mode, assignment: app.assignment).poolMask,
        action: .poolsPanel),
      Segment(label: "Tags ", value: tags, isDefault: f.tags.isEmpty, action: .tagsPanel),
    ]
  }

  /// The segments that fit in `width` columns: fields that only say the default go first (from
  /// the right), then snapshot names shorten (`#5 → #10`); a filter in force is never dropped.
  static func fitting(_ all: [Segment], width: Int) -> [Segment] {
    func cost(_ segments: [Segment]) -> Int {
      segments.reduce(1) { $0 + CharacterWidth.of($1.label) + CharacterWidth.of($1.value) + 3 } - 3
    }
    var segments = all
    while cost(segments) > width, let last = segments.lastIndex(where: \.isDefault) { segments.remove(at: last) }
    if cost(segments) > width {
      for i in segments.indices { if let short = segments[i].short { segments[i].value = short } }
    }
    return segments
  }

  /// The filter line as drawn: each segment with the columns it takes.
  static func filterLineSpans(_ app: App, width: Int) -> [(segment: Segment, range: Range<Int>)] {
    var spans: [(Segment, Range<Int>)] = []
    var x = 1
    for (i, segment) in fitting(filterSegments(app), width: width - 1).enumerated() {
      if i > 0 { x += 3 }
      // A segment the line has no room left for is not drawn (a filter in force can outgrow a
      // narrow line, more so beside the computing badge).
      guard x < width else { break }
      let start = x
      x += CharacterWidth.of(segment.label)
      x += CharacterWidth.of(TextFit.clip(segment.value, max(width - x, 0), glyphs: app.theme.glyphs))
      spans.append((segment, start..<min(x, width)))
    }
    return spans
  }

  static func drawFilterLine(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let y = app.layout.filterRow
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme[.filterLine])
    let badge = app.computing.map { " Computing \($0)… " } ?? ""
    let room = grid.width - CharacterWidth.of(badge)
    for (i, span) in filterLineSpans(app, width: room).enumerated() {
      var x = span.range.lowerBound
      if i > 0 {
        grid.put(" \(theme.glyphs.vertical) ", x: x - 3, y: y, style: theme[.filterLine], maxWidth: room - x + 3)
      }
      if !span.segment.label.isEmpty {
        x += grid.put(span.segment.label, x: x, y: y, style: theme[.filterLabel], maxWidth: room - x)
      }
      let value = TextFit.clip(span.segment.value, room - x, glyphs: theme.glyphs)
      grid.put(value, x: x, y: y, style: theme[.filterLine], maxWidth: room - x)
    }
    if !badge.isEmpty { grid.put(badge, x: max(room, 0), y: y, style: theme[.busy]) }
  }

  /// The status line's summary, as whole fields: file, format, events, and what the selection
  /// holds (`live`, `allocated`, or the `change` of a diff).
  static func statusFields(_ app: App) -> [String] {
    let p = app.profile
    let name = p.path.split(separator: "/").last.map(String.init) ?? p.path
    var fields = [
      name, "v\(p.header.version) \(p.header.isBigEndian ? "BE" : "LE")",
      "\(SizeFormat.count(Int64(p.tokenCounts.tokenCount))) events",
    ]
    if let shared = app.shared {
      let totals = shared.query.totals
      let isDiff = shared.filter.diffStart != .start && shared.filter.diffEnd != .start
      let what = isDiff ? "change" : (shared.filter.kind == .active ? "live" : "allocated")
      let sign = isDiff && totals.size > 0 ? "+" : ""
      let countSign = isDiff && totals.count > 0 ? "+" : ""
      fields.append(
        "\(what) \(sign)\(SizeFormat.size(totals.size)) in \(countSign)\(SizeFormat.count(totals.count))")
    }
    return fields
  }

  /// The summary on the left, the message on the right: the summary gives up whole fields
  /// (format, events, file name) for the message, never digits.
  static func drawStatus(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let y = app.layout.statusRow
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme[.status])
    var fields = statusFields(app)
    // When the filters leave nothing, say how to get rows back (unless a message is shown).
    let nothingPasses = app.shared.map { $0.query.passingRows.isEmpty } ?? false
    let hint =
      nothingPasses ? (text: "Nothing passes the filters: R resets them, o switches In/Out", isError: false) : nil
    let message = (app.statusMessage ?? hint).map { (text: " " + $0.text + " ", isError: $0.isError) }
    let messageWidth = message.map { CharacterWidth.of($0.text) } ?? 0
    func summary() -> String { " " + fields.joined(separator: " \(theme.glyphs.dot) ") }
    // Drop the format, then the events, then the file name, while the message needs the room.
    for drop in [1, 1, 0] where CharacterWidth.of(summary()) + messageWidth + 1 > grid.width && fields.count > 1 {
      fields.remove(at: min(drop, fields.count - 2))
    }
    let used = grid.put(summary(), x: 0, y: y, style: theme[.status])
    if let message {
      let room = grid.width - used - 1
      let text = TextFit.clip(message.text, max(room, 0), glyphs: theme.glyphs)
      let x = grid.width - CharacterWidth.of(text)
      let style = message.isError ? theme[.statusError] : theme[.status].adding(.bold)
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
