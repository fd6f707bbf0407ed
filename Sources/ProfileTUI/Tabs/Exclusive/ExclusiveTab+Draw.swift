import ProfileModel

extension ExclusiveTab {
  /// The group column's width.
  static let groupWidth = 22

  func header(_ theme: Theme) -> String {
    let unicode = theme.glyphs == .unicode
    let arrow = ascending ? (unicode ? "▲" : "^") : (unicode ? "▼" : "v")
    func mark(_ column: ExclusiveView.Column, _ text: String) -> String { sortColumn == column ? text + arrow : text }
    return TextFit.pad(mark(.size, "Size"), 11, right: true) + TextFit.pad("Size%", 9, right: true)
      + TextFit.pad(mark(.count, "Count"), 11, right: true) + TextFit.pad("Count%", 9, right: true) + "  "
      + TextFit.pad(mark(.group, "Group"), Self.groupWidth) + " " + mark(.function, "Function")
  }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let split = Self.split(context.area)
    split.list.drawHeader(header(theme), theme: theme, into: &grid)
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
      x += grid.put(TextFit.pad(row.group, Self.groupWidth), x: x, y: y, style: groupStyle)
      x += 1
      grid.put(row.function, x: x, y: y, style: base, maxWidth: width - 1 - x)
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
