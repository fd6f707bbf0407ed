import ProfileModel

extension CallgraphTab {
  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let list = ListView(area: context.area)
    var title = FigureColumns.header + "  Function"
    if inverted { title += " (inverted: allocation sites first)" }
    if let parentFunction { title += "   Parent: \(context.profile.functions.names[Int(parentFunction)])" }
    list.drawHeader(title, theme: theme, into: &grid)
    guard let figures else {
      grid.put("Computing…", x: list.rowsArea.x + 2, y: list.rowsArea.y, style: theme[.dim])
      return
    }
    let graph = figures.graph
    let totalSize = graph.nodes[0].size + graph.nodes[1].size
    let totalCount = graph.nodes[0].count + graph.nodes[1].count
    let glyphs = theme.glyphs
    let width = list.rowsArea.width
    list.drawRows(count: tree.rows.count, cursor: tree.cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let row = tree.rows[index]
      let node = graph.nodes[Int(row.node)]
      let highlighted = !tree.highlighted.isEmpty && tree.highlighted.contains(graph.path(of: row.node))
      var base = theme[.normal]
      if highlighted { base = theme[selected ? .matchSelected : .match] } else if selected { base = theme[.selection] }
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      let figuresText = FigureColumns.text(
        size: node.size, count: node.count, totalSize: totalSize, totalCount: totalCount)
      let figureStyle = node.size < 0 && !selected && !highlighted ? theme[.negative] : base
      var x = grid.put(figuresText, x: 0, y: y, style: figureStyle)
      x += 2
      x += grid.put(String(repeating: " ", count: 2 * row.depth), x: x, y: y, style: base)
      let marker = row.hasChildren ? (row.isExpanded ? glyphs.expanded : glyphs.collapsed) : glyphs.leaf
      x += grid.put(marker + " ", x: x, y: y, style: base)
      var nameStyle = base
      if !selected && !highlighted {
        if node.function < 0 {
          nameStyle = theme[.panelTitle]
        } else if node.dominantCallstack >= 0 {
          let g = Int(context.assignment.groupOfCallstack[Int(node.dominantCallstack)])
          if g >= 0 { nameStyle = theme.group(context.assignment.groups[g].color) }
        }
      }
      grid.put(graph.title(row.node, in: context.profile), x: x, y: y, style: nameStyle, maxWidth: width - 1 - x)
    }
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    let list = ListView(area: context.area)
    switch event.button {
    case .wheelUp, .wheelDown:
      tree.cursor.scroll(by: event.button == .wheelUp ? -3 : 3, count: tree.rows.count, height: list.visibleRows)
    case .press, .doublePress:
      guard let index = list.index(atY: event.y, cursor: tree.cursor, count: tree.rows.count) else { return .handled }
      tree.cursor.selected = index
      if let graph = figures?.graph { tree.syncSelectedPath(graph) }
      if event.button == .doublePress {
        return perform(tree.rows[index].isExpanded ? .collapse : .expand, context: context)
      }
    }
    if let graph = figures?.graph { tree.syncSelectedPath(graph) }
    return .handled
  }
}
