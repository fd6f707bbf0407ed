import ProfileModel

extension ExclusiveTab {
  /// The group column's width at a screen width: 22 columns from 120 up, narrower below so the
  /// function keeps at least half of what is left, none when hidden (`w`).
  func groupWidth(_ width: Int) -> Int {
    guard showsGroups else { return 0 }
    return max(min(22, (width - FigureColumns.width - 3) / 3), 8)
  }

  func header(_ theme: Theme, width: Int, comparing: Bool = false) -> String {
    let unicode = theme.glyphs == .unicode
    let arrow = ascending ? (unicode ? "▲" : "^") : (unicode ? "▼" : "v")
    func mark(_ column: ExclusiveView.Column, _ text: String) -> String { sortColumn == column ? text + arrow : text }
    if comparing {
      return TextFit.pad("A", 11, right: true) + TextFit.pad("B", 11, right: true)
        + TextFit.pad(mark(.size, "Δ"), 12, right: true) + TextFit.pad("Δ% of A", 9, right: true)
        + TextFit.pad(mark(.count, "ΔCount"), 9, right: true) + "      "
        + (showsGroups ? TextFit.pad(mark(.group, "Group"), groupWidth(width)) + " " : "")
        + mark(.function, showContainers ? "Function (innermost frame)" : "Function")
    }
    return TextFit.pad(mark(.size, "Size"), 11, right: true) + TextFit.pad("Size%", 9, right: true)
      + TextFit.pad(mark(.count, "Count"), 11, right: true) + TextFit.pad("Count%", 9, right: true) + "  "
      + (showsGroups ? TextFit.pad(mark(.group, "Group"), groupWidth(width)) + " " : "")
      + mark(.function, showContainers ? "Function (innermost frame)" : "Function")
  }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let split = Self.split(context.area)
    let comparing = context.shared?.base != nil
    split.list.drawHeader(header(theme, width: context.area.width, comparing: comparing), theme: theme, into: &grid)
    guard let view = figures else {
      grid.put("Computing…", x: 2, y: split.list.rowsArea.y, style: theme[.dim])
      return
    }
    let width = split.list.rowsArea.width
    split.list.drawRows(count: view.rows.count, cursor: cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let row = view.rows[index]
      let base = selected ? (detailFocused ? theme[.dim].adding(.reverse) : theme[.selection]) : theme[.normal]
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      var x: Int
      if comparing {
        let signed = (row.size > 0 ? "+" : "") + SizeFormat.size(row.size)
        let share = (row.sizePercent > 0 ? "+" : "") + SizeFormat.percent(row.sizePercent)
        let mark = row.status == .new ? "  new" : (row.status == .gone ? " gone" : "     ")
        let text =
          TextFit.pad(SizeFormat.size(row.sizeA), 11, right: true)
          + TextFit.pad(SizeFormat.size(row.sizeB), 11, right: true)
          + TextFit.pad(signed, 12, right: true) + TextFit.pad(share, 9, right: true)
          + TextFit.pad((row.count > 0 ? "+" : "") + SizeFormat.count(row.count), 9, right: true) + mark
        // Growth and decline by role, bold from 2× on, dim when the change is under 1%.
        let style = selected ? base : theme.change(from: row.sizeA, to: row.sizeB)
        x = grid.put(text, x: 0, y: y, style: style)
      } else {
        let figuresText = FigureColumns.text(
          size: row.size, count: row.count, totalSize: view.grossSize, totalCount: view.grossCount)
        x = grid.put(figuresText, x: 0, y: y, style: row.size < 0 && !selected ? theme[.negative] : base)
      }
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
    if let row = selectedRow, let callstack = selectedCallstack {
      if comparing {
        summary =
          row.inBase
          ? "only in the base \(theme.glyphs.dot) \(SizeFormat.size(row.sizeA)) there"
          : "\(SizeFormat.size(row.sizeA)) \(theme.glyphs.arrow) \(SizeFormat.size(row.sizeB))"
      } else {
        summary =
          "\(SizeFormat.size(row.size)) in \(SizeFormat.count(row.count)) \(theme.glyphs.dot) peak "
          + SizeFormat.size(context.profile.totals.maxSize[callstack])
      }
    }
    split.pane.draw(
      callstack: selectedCallstack, summary: summary, profile: paneProfile(context), cursor: detailCursor,
      focused: detailFocused, theme: theme, into: &grid)
  }
}
