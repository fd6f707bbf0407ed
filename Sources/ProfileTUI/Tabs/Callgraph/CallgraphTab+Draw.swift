import ProfileModel

extension CallgraphTab {
  /// The tree (header and rows) above two lines that show the selected row in full.
  static func split(_ area: Rect) -> (list: ListView, detail: Rect) {
    let detailRows = area.height >= 8 ? 2 : 0
    let parts = area.splitTop(area.height - detailRows)
    return (ListView(area: parts.top), parts.rest)
  }

  /// The title of a row: its function, or its folded chain's functions joined by `›`.
  func title(of row: CallgraphTree.Row, in graph: CallGraph, profile: Profile, glyphs: Glyphs) -> String {
    guard row.chainStart != row.node else { return graph.title(row.node, in: profile) }
    let separator = glyphs == .unicode ? " › " : " > "
    return CallgraphTree.chain(of: row, in: graph).map { graph.title($0, in: profile) }.joined(separator: separator)
  }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let split = Self.split(context.area)
    let list = split.list
    // Comparing two builds: the figures are B − A, percentages of A's total.
    var header = (context.shared?.base != nil ? FigureColumns.compareHeader : FigureColumns.header) + "  Function"
    if inverted { header += " (inverted: allocation sites first)" }
    if tree.foldsChains { header += " (chains folded)" }
    if let parentFunction, let graph = figures?.graph {
      header += "   Parent: \(graph.name(of: parentFunction, in: context.profile))"
    }
    if nameOffset > 0 { header += "   ← \(nameOffset) columns" }
    list.drawHeader(header, theme: theme, into: &grid)
    guard let figures else {
      grid.put("Computing…", x: list.rowsArea.x + 2, y: list.rowsArea.y, style: theme[.dim])
      return
    }
    let graph = figures.graph
    // Shares of all the change in a diff (Σ|Δ|), of the total otherwise.
    let (totalSize, totalCount) = graph.gross
    let glyphs = theme.glyphs
    let width = list.rowsArea.width
    // Indentation grows two columns a level up to a third of the name column, then the depth
    // is written as a number, so deep stacks keep their names on screen.
    let nameColumn = width - FigureColumns.width - 2
    let maxIndent = max(nameColumn / 3, 4)
    list.drawRows(count: tree.rows.count, cursor: tree.cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let row = tree.rows[index]
      let node = graph.nodes[Int(row.node)]
      let highlighted = !tree.highlighted.isEmpty && tree.highlighted.contains(graph.path(of: row.node))
      var base = theme[.normal]
      if highlighted { base = theme[selected ? .matchSelected : .match] } else if selected { base = theme[.selection] }
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      let figuresText = FigureColumns.text(
        size: node.size, count: node.count, totalSize: totalSize, totalCount: totalCount)
      var figureStyle = node.size < 0 && !selected && !highlighted ? theme[.negative] : base
      if context.shared?.base != nil && node.size > 0 && !selected && !highlighted { figureStyle = theme[.growth] }
      var x = grid.put(figuresText, x: 0, y: y, style: figureStyle)
      x += 2
      let indent = 2 * row.depth
      if indent <= maxIndent {
        x += grid.put(String(repeating: " ", count: indent), x: x, y: y, style: base)
      } else {
        let mark = "[\(row.depth)] "
        x += grid.put(TextFit.pad(mark, maxIndent, right: true), x: x, y: y, style: selected ? base : theme[.dim])
      }
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
      let name = TextFit.dropping(nameOffset, from: title(of: row, in: graph, profile: context.profile, glyphs: glyphs))
      grid.put(TextFit.clip(name, width - 1 - x, glyphs: glyphs), x: x, y: y, style: nameStyle)
    }
    drawDetail(figures, split.detail, context, into: &grid)
  }

  /// The selected row in full: its function name (or folded chain), and the `file:line` of the
  /// frame in its largest callstack, wrapped over the detail lines.
  func drawDetail(_ figures: CallgraphFigures, _ area: Rect, _ context: TabContext, into grid: inout CellGrid) {
    guard area.height > 0, tree.rows.indices.contains(tree.cursor.selected) else { return }
    let theme = context.theme
    let row = tree.rows[tree.cursor.selected]
    let graph = figures.graph
    var text = title(of: row, in: graph, profile: context.profile, glyphs: theme.glyphs)
    if let location = Self.location(of: row.node, in: graph, profile: context.profile) { text += "  " + location }
    grid.fill(x: area.x, y: area.y, width: area.width, height: area.height, style: theme[.status].adding(.dim))
    let lines = TextFit.wrap(" " + text, width: area.width - 1, lines: area.height, glyphs: theme.glyphs)
    for (i, line) in lines.enumerated() {
      grid.put(line, x: area.x, y: area.y + i, style: theme[.normal].adding(.bold))
    }
  }

  /// `file:line` of a node's function in the node's largest callstack.
  static func location(of node: Int32, in graph: CallGraph, profile: Profile) -> String? {
    let n = graph.nodes[Int(node)]
    guard n.function >= 0, n.dominantCallstack >= 0 else { return nil }
    for address in profile.callstacks.frames(of: Int(n.dominantCallstack))
    where profile.functions.idOfAddress[Int(address)] == n.function {
      let file = profile.fileName(address: Int(address))
      guard !file.isEmpty else { return nil }
      let line = profile.addresses.line[Int(address)]
      return line > 0 ? "\(file):\(line)" : file
    }
    return nil
  }

  /// The column of a row's `▸` / `▾` marker (drawing puts it there too).
  static func markerColumn(depth: Int, width: Int) -> Int {
    let nameColumn = width - FigureColumns.width - 2
    let maxIndent = max(nameColumn / 3, 4)
    return FigureColumns.width + 2 + min(2 * depth, maxIndent)
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    let list = Self.split(context.area).list
    if event.y == list.area.y, event.button == .press {
      // The header: Size or Count sorts by it.
      if event.x < 20 && sort != .size { return perform(.toggleSort, context: context) }
      if (20..<40).contains(event.x) && sort != .count { return perform(.toggleSort, context: context) }
      return .handled
    }
    switch event.button {
    case .wheelUp, .wheelDown:
      tree.cursor.scroll(by: event.button == .wheelUp ? -3 : 3, count: tree.rows.count, height: list.visibleRows)
    case .press, .doublePress:
      guard let index = list.index(atY: event.y, cursor: tree.cursor, count: tree.rows.count) else { return .handled }
      tree.cursor.selected = index
      if let graph = figures?.graph { tree.syncSelectedPath(graph) }
      let row = tree.rows[index]
      let onMarker = event.x == Self.markerColumn(depth: row.depth, width: list.rowsArea.width)
      if event.button == .doublePress || (onMarker && row.hasChildren) {
        // A click on the marker toggles the row, as a double click anywhere on it does.
        if row.isExpanded, let graph = figures?.graph {
          tree.expanded.remove(graph.path(of: row.node))
          tree.rebuildRows(graph)
          return .handled
        }
        return perform(.expand, context: context)
      }
    }
    if let graph = figures?.graph { tree.syncSelectedPath(graph) }
    return .handled
  }
}
