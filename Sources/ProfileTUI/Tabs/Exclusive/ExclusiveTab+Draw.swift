import ProfileModel

extension ExclusiveTab {
  /// The group column's width at a screen width: 22 columns from 120 up, narrower below so the
  /// function keeps at least half of what is left, none when hidden (`w`).
  func groupWidth(_ width: Int) -> Int {
    guard showsGroups else { return 0 }
    return max(min(22, (width - FigureColumns.width - 3) / 3), 8)
  }

  func header(_ theme: Theme, width: Int) -> String {
    let unicode = theme.glyphs == .unicode
    let arrow = ascending ? (unicode ? "▲" : "^") : (unicode ? "▼" : "v")
    func mark(_ column: ExclusiveView.Column, _ text: String) -> String { sortColumn == column ? text + arrow : text }
    return TextFit.pad(mark(.size, "Size"), 11, right: true) + TextFit.pad("Size%", 9, right: true)
      + TextFit.pad(mark(.count, "Count"), 11, right: true) + TextFit.pad("Count%", 9, right: true) + "  "
      + (showsGroups ? TextFit.pad(mark(.group, "Group"), groupWidth(width)) + " " : "")
      + mark(.function, showContainers ? "Function (innermost frame)" : "Function")
  }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let split = Self.split(context.area)
    split.list.drawHeader(header(theme, width: context.area.width), theme: theme, into: &grid)
    guard let view = figures else {
      grid.put("Computing…", x: 2, y: split.list.rowsArea.y, style: theme[.dim])
      return
    }
    let width = split.list.rowsArea.width
    split.list.drawRows(count: view.rows.count, cursor: cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let row = view.rows[index]
      let base = selected ? (detailFocused ? theme[.dim].adding(.reverse) : theme[.selection]) : theme[.normal]
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      let figuresText = FigureColumns.text(
        size: row.size, count: row.count, totalSize: view.grossSize, totalCount: view.grossCount)
      var x = grid.put(figuresText, x: 0, y: y, style: row.size < 0 && !selected ? theme[.negative] : base)
      x += 2
      var groupStyle = base
      if !selected && row.groupIndex >= 0 { groupStyle = theme.group(context.assignment.groups[row.groupIndex].color) }
      if showsGroups {
        let groupColumn = groupWidth(width)
        x += grid.put(
          TextFit.pad(row.group, groupColumn, ellipsis: theme.glyphs.ellipsis), x: x, y: y, style: groupStyle)
        x += 1
      }
      grid.put(TextFit.clip(row.function, width - 1 - x, glyphs: theme.glyphs), x: x, y: y, style: base)
    }
    if view.rows.isEmpty {
      grid.put("No callstack passes the filters.", x: 2, y: split.list.rowsArea.y, style: theme[.dim])
    }
    var summary = ""
    if let callstack = selectedCallstack, let row = view.rows.first(where: { $0.callstack == callstack }) {
      summary =
        "\(SizeFormat.size(row.size)) in \(SizeFormat.count(row.count)) \(theme.glyphs.dot) peak "
        + SizeFormat.size(context.profile.totals.maxSize[callstack])
    }
    split.pane.draw(
      callstack: selectedCallstack, summary: summary, profile: context.profile, cursor: detailCursor,
      focused: detailFocused, theme: theme, into: &grid)
  }
}
