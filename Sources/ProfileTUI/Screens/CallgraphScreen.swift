import ProfileModel

/// Draws the Callgraph tab: the merged call tree with figures, group colours, highlights.
enum CallgraphScreen {
  static func draw(_ app: App, into grid: inout CellGrid) {
    let theme = app.theme
    let layout = app.layout
    let headerY = layout.bodyTop
    grid.fill(x: 0, y: headerY, width: grid.width, height: 1, style: theme[.columnHeader])
    var title = FigureColumns.header + "  Function"
    if app.inputs.inverted { title += " (inverted: allocation sites first)" }
    if let parent = app.inputs.parentFunction { title += "   Parent: \(app.profile.functions.names[Int(parent)])" }
    grid.put(title, x: 0, y: headerY, style: theme[.columnHeader])
    guard let data = app.data else {
      grid.put("Computing…", x: 2, y: headerY + 1, style: theme[.dim])
      return
    }
    let graph = data.callGraph
    let state = app.callgraph
    let totalSize = graph.nodes[0].size + graph.nodes[1].size
    let totalCount = graph.nodes[0].count + graph.nodes[1].count
    let glyphs = theme.glyphs
    for i in 0..<layout.callgraphRows {
      let index = state.cursor.top + i
      guard index < state.rows.count else { break }
      let row = state.rows[index]
      let y = headerY + 1 + i
      let node = graph.nodes[Int(row.node)]
      let selected = index == state.cursor.selected
      let highlighted = !state.highlighted.isEmpty && state.highlighted.contains(graph.path(of: row.node))
      var base = theme[.normal]
      if highlighted { base = theme[selected ? .matchSelected : .match] } else if selected { base = theme[.selection] }
      grid.fill(x: 0, y: y, width: grid.width, height: 1, style: base)
      let figures = FigureColumns.text(size: node.size, count: node.count, totalSize: totalSize, totalCount: totalCount)
      let figureStyle = node.size < 0 && !selected && !highlighted ? theme[.negative] : base
      var x = grid.put(figures, x: 0, y: y, style: figureStyle)
      x += 2
      x += grid.put(String(repeating: " ", count: 2 * row.depth), x: x, y: y, style: base)
      let marker = row.hasChildren ? (row.isExpanded ? glyphs.expanded : glyphs.collapsed) : glyphs.leaf
      x += grid.put(marker + " ", x: x, y: y, style: base)
      var nameStyle = base
      if !selected && !highlighted {
        if node.function < 0 {
          nameStyle = theme[.panelTitle]
        } else if node.dominantCallstack >= 0 {
          let g = Int(app.assignment.groupOfCallstack[Int(node.dominantCallstack)])
          if g >= 0 { nameStyle = theme.group(app.assignment.groups[g].color) }
        }
      }
      grid.put(graph.title(row.node, in: app.profile), x: x, y: y, style: nameStyle)
    }
    if state.rows.count > layout.callgraphRows {
      drawScrollMark(top: state.cursor.top, visible: layout.callgraphRows, count: state.rows.count, x: grid.width - 1, y: headerY + 1, theme: theme, into: &grid)
    }
  }

  /// A one-column scroll position marker.
  static func drawScrollMark(top: Int, visible: Int, count: Int, x: Int, y: Int, theme: Theme, into grid: inout CellGrid) {
    guard count > 0, visible > 0 else { return }
    let position = y + min(visible - 1, top * visible / count)
    var cell = grid[x, position]
    cell.scalar = theme.glyphs.barFull
    cell.style = theme[.dim]
    grid[x, position] = cell
  }
}
