import ProfileModel

/// Draws the Exclusive tab: one row per callstack, sortable columns, and the selected
/// callstack's frames with file:line below.
enum ExclusiveScreen {
  static func draw(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let layout = app.layout
    let y0 = layout.bodyTop
    grid.fill(x: 0, y: y0, width: grid.width, height: 1, style: theme[.columnHeader])
    let groupWidth = 22
    let unicode = theme.glyphs == .unicode
    let arrow = app.inputs.exclusiveAscending ? (unicode ? "▲" : "^") : (unicode ? "▼" : "v")
    func mark(_ column: ExclusiveView.Column, _ text: String) -> String {
      app.inputs.exclusiveSort == column ? text + arrow : text
    }
    let header = TextFit.pad(mark(.size, "Size"), 11, right: true) + TextFit.pad("Size%", 9, right: true)
      + TextFit.pad(mark(.count, "Count"), 11, right: true) + TextFit.pad("Count%", 9, right: true) + "  "
      + TextFit.pad(mark(.group, "Group"), groupWidth) + " " + mark(.function, "Function")
    grid.put(header, x: 0, y: y0, style: theme[.columnHeader])
    guard let data = app.data else {
      grid.put("Computing…", x: 2, y: y0 + 1, style: theme[.dim])
      return
    }
    let view = data.exclusive
    let state = app.exclusive
    for i in 0..<layout.exclusiveListRows {
      let index = state.cursor.top + i
      guard index < view.rows.count else { break }
      let row = view.rows[index]
      let y = y0 + 1 + i
      let selected = index == state.cursor.selected
      let base = selected ? (state.detailFocused ? theme[.dim].adding(.reverse) : theme[.selection]) : theme[.normal]
      grid.fill(x: 0, y: y, width: grid.width, height: 1, style: base)
      let figures = FigureColumns.text(size: row.size, count: row.count, totalSize: view.totalSize, totalCount: view.totalCount)
      var x = grid.put(figures, x: 0, y: y, style: row.size < 0 && !selected ? theme[.negative] : base)
      x += 2
      var groupStyle = base
      if !selected && row.groupIndex >= 0 { groupStyle = theme.group(app.assignment.groups[row.groupIndex].color) }
      x += grid.put(TextFit.pad(row.group, groupWidth), x: x, y: y, style: groupStyle)
      x += 1
      grid.put(row.function, x: x, y: y, style: base)
    }
    if view.rows.isEmpty {
      grid.put("No callstack passes the filters.", x: 2, y: y0 + 1, style: theme[.dim])
    } else if view.rows.count > layout.exclusiveListRows {
      CallgraphScreen.drawScrollMark(top: state.cursor.top, visible: layout.exclusiveListRows, count: view.rows.count, x: grid.width - 1, y: y0 + 1, theme: theme, into: &grid)
    }
    drawDetail(app, into: &grid)
  }

  static func drawDetail(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let layout = app.layout
    let titleY = layout.exclusiveDetailTop - 1
    grid.fill(x: 0, y: titleY, width: grid.width, height: 1, scalar: theme.glyphs.horizontal, style: theme[.dim])
    guard let callstack = app.exclusive.selectedCallstack, let data = app.data,
      let row = data.exclusive.rows.first(where: { $0.callstack == callstack })
    else { return }
    let profile = app.profile
    let frames = Array(profile.callstacks.frames(of: callstack).reversed())
    var title = " Callstack \(callstack): \(frames.count) frames, innermost first"
    if profile.callstacks.isTruncated[callstack] { title += " (truncated)" }
    title += " · \(SizeFormat.size(row.size)) in \(SizeFormat.count(row.count)) · peak \(SizeFormat.size(profile.totals.maxSize[callstack])) "
    grid.put(title, x: 1, y: titleY, style: theme[.panelTitle])
    let cursor = app.exclusive.detailCursor
    let functionWidth = max(grid.width * 3 / 5, 20)
    for i in 0..<layout.exclusiveDetailRows {
      let index = cursor.top + i
      guard index < frames.count else { break }
      let y = layout.exclusiveDetailTop + i
      let address = Int(frames[index])
      let selected = app.exclusive.detailFocused && index == cursor.selected
      let base = selected ? theme[.selection] : theme[.normal]
      grid.fill(x: 0, y: y, width: grid.width, height: 1, style: base)
      let name = profile.functions.names[Int(profile.functions.idOfAddress[address])]
      grid.put(TextFit.pad(" " + name, functionWidth), x: 0, y: y, style: base)
      let file = profile.fileName(address: address)
      let line = profile.addresses.line[address]
      var location = file.isEmpty ? "" : (line > 0 ? "\(file):\(line)" : file)
      let room = grid.width - functionWidth - 1
      if CharacterWidth.of(location) > room && room > 4 {
        // Keep the file name and line: drop the start of the path.
        location = (theme.glyphs == .unicode ? "…" : "~") + String(location.suffix(room - 1))
      }
      grid.put(location, x: functionWidth + 1, y: y, style: selected ? base : theme[.dim])
    }
  }
}
