import ProfileModel

/// Panels drawn over the tab: help, snapshot pickers, class groups, pools, tags.
enum OverlayScreens {
  /// A framed box in the body area; returns its inner rectangle.
  static func frame(_ title: String, app: App, width wanted: Int, into grid: inout CellGrid) -> (
    x: Int, y: Int, width: Int, height: Int
  ) {
    let layout = app.layout
    let width = min(wanted, grid.width - 2)
    let height = layout.body.height
    let x = max((grid.width - width) / 2, 0)
    let y = layout.body.y
    // A modal panel: nothing of the tab shows beside it.
    grid.fill(x: 0, y: y, width: grid.width, height: height, style: app.theme[.panel])
    grid.box(x: x, y: y, width: width, height: height, glyphs: app.theme.glyphs, style: app.theme[.panelTitle])
    grid.put(" \(title) ", x: x + 2, y: y, style: app.theme[.panelTitle], maxWidth: width - 4)
    return (x + 1, y + 1, width - 2, height - 2)
  }

  static func draw(_ app: App, into grid: inout CellGrid) {
    guard let overlay = app.overlay else { return }
    switch overlay {
    case .help(let cursor): drawHelp(app, cursor, into: &grid)
    case .snapshotPicker(let target, let cursor): drawPicker(app, target, cursor, into: &grid)
    case .groups(let cursor): drawGroups(app, cursor, into: &grid)
    case .pools(let cursor): drawPools(app, cursor, into: &grid)
    case .tags(let panel): drawTags(app, panel, into: &grid)
    case .prompt: break
    }
  }

  static func drawHelp(_ app: App, _ cursor: ListCursor, into grid: inout CellGrid) {
    let box = frame("Keys", app: app, width: 84, into: &grid)
    let lines = app.helpLines
    for i in 0..<box.height {
      let index = cursor.top + i
      guard index < lines.count else { break }
      let line = lines[index]
      grid.put(
        line.text, x: box.x + 1, y: box.y + i, style: line.isHeading ? app.theme[.panelTitle] : app.theme[.panel],
        maxWidth: box.width - 1)
    }
  }

  static func drawPicker(_ app: App, _ target: PickerTarget, _ cursor: ListCursor, into grid: inout CellGrid) {
    var title = target == .start ? "Diff start" : "Diff end"
    if app.pickerHidesGC { title += ", GC markers hidden" }
    let box = frame(title + searchNote(app), app: app, width: 90, into: &grid)
    let p = app.profile
    let refs = app.pickerRefs
    let current = target == .start ? app.filter.diffStart : app.filter.diffEnd
    let header =
      "  " + TextFit.pad("Snapshot", box.width - 42) + TextFit.pad("Frame", 9, right: true)
      + TextFit.pad("Time", 10, right: true) + TextFit.pad("Live", 13, right: true)
    grid.put(header, x: box.x, y: box.y, style: app.theme[.columnHeader], maxWidth: box.width)
    var c = cursor
    c.clamp(count: refs.count, height: box.height - 1)
    for i in 0..<(box.height - 1) {
      let index = c.top + i
      guard index < refs.count else { break }
      let ref = refs[index]
      let y = box.y + 1 + i
      let style = index == c.selected ? app.theme[.selection] : app.theme[.panel]
      grid.fill(x: box.x, y: y, width: box.width, height: 1, style: style)
      var text =
        (ref == current ? "* " : "  ") + TextFit.pad(p.label(ref), box.width - 43, ellipsis: app.theme.glyphs.ellipsis)
        + " "
      if let s = app.pickerSnapshot(ref) {
        text +=
          TextFit.pad("\(s.frameNumber)", 9, right: true)
          + TextFit.pad(String(format: "%.1fs", s.currentTime), 10, right: true)
          + TextFit.pad(SizeFormat.size(s.allocationSize), 13, right: true)
      } else {
        text +=
          TextFit.pad("0", 9, right: true) + TextFit.pad("-", 10, right: true)
          + TextFit.pad(SizeFormat.size(0), 13, right: true)
      }
      grid.put(TextFit.clip(text, box.width, glyphs: app.theme.glyphs), x: box.x, y: y, style: style)
    }
  }

  /// The panel's type-ahead, for its title (`find: text_`).
  static func searchNote(_ app: App) -> String {
    guard let search = app.panelSearch else { return "" }
    return " \(app.theme.glyphs.dot) find: " + search.query + (search.typing ? "_" : "")
  }

  static func drawGroups(_ app: App, _ cursor: ListCursor, into grid: inout CellGrid) {
    let title = "Class groups (\(app.filter.mode.rawValue))" + (app.base.map { ", change since \($0.name)" } ?? "")
    let box = frame(title + searchNote(app), app: app, width: 84, into: &grid)
    let groups = app.assignment.groups
    let checked = app.filter.checkedGroups
    var c = cursor
    c.clamp(count: groups.count + 2, height: box.height)
    let glyphs = app.theme.glyphs
    for i in 0..<box.height {
      let index = c.top + i
      guard index < groups.count + 2 else { break }
      let y = box.y + i
      let selected = index == c.selected
      let style = selected ? app.theme[.selection] : app.theme[.panel]
      grid.fill(x: box.x, y: y, width: box.width, height: 1, style: style)
      if index < 2 {
        grid.put(index == 0 ? "  All" : "  None", x: box.x, y: y, style: style)
        continue
      }
      let g = index - 2
      let group = groups[g]
      let on = checked.map { $0.contains(group.name) } ?? true
      var x = box.x + grid.put("  " + (on ? glyphs.checked : glyphs.unchecked) + " ", x: box.x, y: y, style: style)
      x += grid.put(glyphs.swatch, x: x, y: y, style: selected ? style : app.theme.group(group.color))
      x += grid.put(
        " " + TextFit.pad(group.name, max(box.width - 36, 8), ellipsis: app.theme.glyphs.ellipsis), x: x, y: y,
        style: style)
      if let baseTotals = app.shared?.baseGroupTotals, let totals = app.shared?.groupTotals, g < totals.count,
        g < baseTotals.count
      {
        // Two builds: the group's change, B − A.
        let delta = totals[g].size - baseTotals[g].size
        let count = totals[g].count - baseTotals[g].count
        let role: Theme.Role = delta > 0 ? .growth : (delta < 0 ? .negative : .panel)
        grid.put(
          TextFit.pad((delta > 0 ? "+" : "") + SizeFormat.size(delta), 13, right: true)
            + TextFit.pad((count > 0 ? "+" : "") + SizeFormat.count(count), 13, right: true), x: x, y: y,
          style: selected ? style : app.theme[role])
      } else if let totals = app.shared?.groupTotals, g < totals.count {
        grid.put(
          TextFit.pad(SizeFormat.size(totals[g].size), 13, right: true)
            + TextFit.pad(SizeFormat.count(totals[g].count), 13, right: true), x: x, y: y, style: style)
      }
    }
  }

  static func drawPools(_ app: App, _ cursor: ListCursor, into grid: inout CellGrid) {
    let box = frame("Memory pools (\(app.filter.mode.rawValue))" + searchNote(app), app: app, width: 70, into: &grid)
    let glyphs = app.theme.glyphs
    for (i, pool) in MemoryPool.allCases.enumerated() where i < box.height {
      let y = box.y + i
      let style = i == cursor.selected ? app.theme[.selection] : app.theme[.panel]
      grid.fill(x: box.x, y: y, width: box.width, height: 1, style: style)
      let on = app.filter.poolMask & pool.flag != 0
      var text = "  " + (on ? glyphs.checked : glyphs.unchecked) + " " + TextFit.pad(pool.displayName, 16)
      if let range = app.profile.poolRanges[i] {
        text +=
          "0x" + String(range.lowerBound, radix: 16, uppercase: true) + " \(app.theme.glyphs.dash) 0x"
          + String(range.upperBound, radix: 16, uppercase: true)
      } else {
        text += "unused in this capture"
      }
      grid.put(TextFit.clip(text, box.width, glyphs: app.theme.glyphs), x: box.x, y: y, style: style)
    }
  }

  static func drawTags(_ app: App, _ panel: TagsPanel, into grid: inout CellGrid) {
    let box = frame("Tags (\(app.filter.mode.rawValue))", app: app, width: 80, into: &grid)
    let glyphs = app.theme.glyphs
    var x = box.x + grid.put(" Search: ", x: box.x, y: box.y, style: app.theme[.filterLabel])
    x += grid.put(panel.search, x: x, y: box.y, style: app.theme[.panel])
    grid.put("_", x: x, y: box.y, style: app.theme[.panel].adding(.reverse))
    let selectedCount = app.filter.tags.count
    let note = selectedCount == 0 ? "no tag selected: every allocation" : "\(selectedCount) selected"
    grid.put(note, x: box.x + box.width - CharacterWidth.of(note) - 1, y: box.y, style: app.theme[.dim])
    let rows = panel.rows
    let tree = panel.tree
    for i in 0..<(box.height - 1) {
      let index = panel.cursor.top + i
      guard index < rows.count else { break }
      let node = tree.nodes[rows[index]]
      let y = box.y + 1 + i
      let style = index == panel.cursor.selected ? app.theme[.selection] : app.theme[.panel]
      grid.fill(x: box.x, y: y, width: box.width, height: 1, style: style)
      var text = String(repeating: "  ", count: node.depth + 1)
      if node.children.isEmpty {
        text += "  "
      } else {
        text +=
          (panel.expanded.contains(rows[index]) || !panel.search.isEmpty ? glyphs.expanded : glyphs.collapsed) + " "
      }
      if let tag = node.tag { text += (app.filter.tags.contains(tag) ? glyphs.checked : glyphs.unchecked) + " " }
      text += node.name
      grid.put(TextFit.clip(text, box.width, glyphs: app.theme.glyphs), x: box.x, y: y, style: style)
    }
    if rows.isEmpty { grid.put("  No tag matches.", x: box.x, y: box.y + 1, style: app.theme[.dim]) }
  }
}
