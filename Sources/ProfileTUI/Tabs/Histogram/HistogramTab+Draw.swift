import ProfileModel

extension HistogramTab {
  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    guard let figures else {
      grid.put("Computing…", x: context.area.x + 2, y: context.area.y, style: theme[.dim])
      return
    }
    switch figures {
    case .sizes(let sizes): drawSizes(sizes, context, into: &grid)
    case .comparedSizes(let sizes): drawComparedSizes(sizes, context, into: &grid)
    case .bars(let histogram): drawBars(histogram, context, into: &grid)
    }
  }

  /// One row per non-empty bar: bank, group in its colour, a bar on the axis of the largest, its bytes and count.
  ///
  /// Inside a bar: its callstacks, then the selected one's frames.
  func drawBars(_ histogram: PoolHistogram, _ context: TabContext, into grid: inout CellGrid) {
    let theme = context.theme
    let split = Self.split(context.area)
    let list = barFocused ? split.bars : ListView(area: context.area)
    let width = list.rowsArea.width
    let totals = histogram.columns.map {
      "\($0.bank.title) \(SizeFormat.size($0.size)) in \(SizeFormat.count($0.count))"
    }
    let comparing = context.shared?.base != nil
    let header =
      TextFit.pad("Bank", 7) + TextFit.pad("Group", 24) + TextFit.pad(comparing ? "ΔSize" : "Size", 12, right: true)
      + TextFit.pad(comparing ? "ΔCount" : "Count", 11, right: true)
      + "  Bytes (axis: 0 \(theme.glyphs.dash) \(SizeFormat.size(histogram.scale)))   "
      + totals.joined(separator: " \(theme.glyphs.dot) ")
    list.drawHeader(header, theme: theme, into: &grid)
    let bars = self.bars
    if bars.isEmpty {
      grid.put("No callstack passes the filters.", x: 2, y: list.rowsArea.y, style: theme[.dim])
    }
    let barWidth = max(width - 57, 4)
    list.drawRows(count: bars.count, cursor: cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let bar = bars[index]
      let base = selected ? (barFocused ? theme[.dim].adding(.reverse) : theme[.selection]) : theme[.normal]
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      var x = grid.put(TextFit.pad(bar.bank.title, 7), x: 0, y: y, style: base)
      x += grid.put(theme.glyphs.swatch + " ", x: x, y: y, style: selected ? base : theme.group(bar.color))
      x += grid.put(TextFit.pad(bar.group, 22, ellipsis: theme.glyphs.ellipsis), x: x, y: y, style: base)
      let figures =
        TextFit.pad(SizeFormat.size(bar.size), 12, right: true)
        + TextFit.pad(SizeFormat.count(bar.count), 11, right: true)
      var figureStyle = bar.size < 0 && !selected ? theme[.negative] : base
      if comparing && bar.size > 0 && !selected { figureStyle = theme[.growth] }
      x += grid.put(figures, x: x, y: y, style: figureStyle)
      x += 2
      let fraction = histogram.scale == 0 ? 0 : Double(abs(bar.size)) / Double(histogram.scale)
      grid.put(
        BarGlyphs.bar(fraction, width: barWidth, glyphs: theme.glyphs), x: x, y: y, style: theme.group(bar.color))
    }
    guard barFocused, let bar = selected else { return }
    drawCallstacks(of: bar, split, context, into: &grid)
  }

  func drawCallstacks(
    of bar: PoolHistogram.Bar, _ split: (bars: ListView, callstacks: ListView, pane: CallstackPane),
    _ context: TabContext, into grid: inout CellGrid
  ) {
    let theme = context.theme
    let list = split.callstacks
    let width = list.rowsArea.width
    let comparing = context.shared?.base != nil
    // A stack gone from the shown build is the base's callstack.
    func profile(_ index: Int) -> Profile {
      if bar.inBase.indices.contains(index) && bar.inBase[index], let base = context.shared?.base {
        return base.profile
      }
      return context.profile
    }
    list.drawHeader(
      (comparing ? FigureColumns.compareHeader : FigureColumns.header)
        + "  \(comparing ? "Stacks" : "Callstacks") of \(bar.group) (\(bar.bank.title)), innermost function",
      theme: theme, into: &grid)
    list.drawRows(count: bar.callstacks.count, cursor: callstackCursor, theme: theme, into: &grid) {
      index, y, selected, grid in
      let row = bar.callstacks[index]
      let base = selected ? theme[.selection] : theme[.normal]
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      let text = FigureColumns.text(size: row.size, count: row.count, totalSize: bar.size, totalCount: bar.count)
      var x = grid.put(text, x: 0, y: y, style: base)
      x += 1
      // A sub-bar: the callstack's share of the bar, in the bar's colour.
      let share = bar.size == 0 ? 0 : Double(abs(row.size)) / Double(abs(bar.size))
      grid.put(
        BarGlyphs.bar(share, width: 10, glyphs: theme.glyphs), x: x, y: y,
        style: selected ? base : theme.group(bar.color))
      x += 11
      let side = profile(index)
      var name =
        side.callstacks.frames(of: row.callstack).last.map {
          side.functions.names[Int(side.functions.idOfAddress[Int($0)])]
        } ?? "(no frames)"
      if bar.inBase.indices.contains(index) && bar.inBase[index] { name = "gone: " + name }
      grid.put(TextFit.clip(name, width - 1 - x, glyphs: theme.glyphs), x: x, y: y, style: base)
    }
    let selected = callstackCursor.selected
    let callstack = bar.callstacks.indices.contains(selected) ? bar.callstacks[selected].callstack : nil
    split.pane.draw(
      callstack: callstack, summary: "", profile: profile(selected), cursor: ListCursor(), focused: false,
      theme: theme, into: &grid)
  }

  /// One row per size class: the range, a bar of its count, its count and bytes.
  func drawSizes(_ sizes: SizeHistogram, _ context: TabContext, into grid: inout CellGrid) {
    let theme = context.theme
    let list = ListView(area: context.area)
    let width = list.rowsArea.width
    let largest = sizes.classes.map { abs($0.count) }.max() ?? 0
    list.drawHeader(
      TextFit.pad("Block size", 25, right: true) + TextFit.pad("Count", 12, right: true)
        + TextFit.pad("Bytes", 12, right: true) + "  Count (axis: 0 \(theme.glyphs.dash) \(SizeFormat.count(largest)))",
      theme: theme, into: &grid)
    let barWidth = max(width - 52, 4)
    list.drawRows(count: sizes.classes.count, cursor: cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let sizeClass = sizes.classes[index]
      let base = selected ? theme[.selection] : theme[.normal]
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      var x = grid.put(TextFit.pad(sizeClass.label(dash: theme.glyphs.dash), 25, right: true), x: 0, y: y, style: base)
      x += grid.put(
        TextFit.pad(SizeFormat.count(sizeClass.count), 12, right: true)
          + TextFit.pad(SizeFormat.size(sizeClass.size), 12, right: true), x: x, y: y,
        style: sizeClass.count < 0 && !selected ? theme[.negative] : base)
      x += 2
      let fraction = largest == 0 ? 0 : Double(abs(sizeClass.count)) / Double(largest)
      grid.put(BarGlyphs.bar(fraction, width: barWidth, glyphs: theme.glyphs), x: x, y: y, style: theme[.panelTitle])
    }
  }

  /// Two builds' size classes: each side's count and bytes, the changes, and a bar of the
  /// change in count coloured by growth or decline.
  func drawComparedSizes(_ sizes: SizeHistogramComparison, _ context: TabContext, into grid: inout CellGrid) {
    let theme = context.theme
    let list = ListView(area: context.area)
    let width = list.rowsArea.width
    let largest = sizes.classes.map { $0.deltaCount.magnitude }.max() ?? 0
    let wide = width >= 110
    // From 110 columns each side's bytes too; below, each side's count and the two changes.
    let figures = wide ? 6 : 4
    list.drawHeader(
      TextFit.pad("Block size", 23, right: true) + TextFit.pad("Count A", 11, right: true)
        + TextFit.pad("Count B", 11, right: true) + TextFit.pad("ΔCount", 10, right: true)
        + (wide ? TextFit.pad("Bytes A", 11, right: true) + TextFit.pad("Bytes B", 11, right: true) : "")
        + TextFit.pad("ΔBytes", 12, right: true)
        + "  ΔCount (axis: 0 \(theme.glyphs.dash) \(SizeFormat.count(Int64(clamping: largest))))",
      theme: theme, into: &grid)
    let used = 23 + 11 * 2 + 10 + 12 + (figures == 6 ? 22 : 0) + 2
    let barWidth = max(width - used, 4)
    list.drawRows(count: sizes.classes.count, cursor: cursor, theme: theme, into: &grid) { index, y, selected, grid in
      let sizeClass = sizes.classes[index]
      let base = selected ? theme[.selection] : theme[.normal]
      grid.fill(x: 0, y: y, width: width, height: 1, style: base)
      var x = grid.put(TextFit.pad(sizeClass.label(dash: theme.glyphs.dash), 23, right: true), x: 0, y: y, style: base)
      let change = selected ? base : theme.change(from: sizeClass.countA, to: sizeClass.countB)
      var text =
        TextFit.pad(SizeFormat.count(sizeClass.countA), 11, right: true)
        + TextFit.pad(SizeFormat.count(sizeClass.countB), 11, right: true)
        + TextFit.pad((sizeClass.deltaCount > 0 ? "+" : "") + SizeFormat.count(sizeClass.deltaCount), 10, right: true)
      if wide {
        text +=
          TextFit.pad(SizeFormat.size(sizeClass.sizeA), 11, right: true)
          + TextFit.pad(SizeFormat.size(sizeClass.sizeB), 11, right: true)
      }
      text += TextFit.pad((sizeClass.deltaSize > 0 ? "+" : "") + SizeFormat.size(sizeClass.deltaSize), 12, right: true)
      x += grid.put(text, x: x, y: y, style: change)
      x += 2
      let fraction = largest == 0 ? 0 : Double(sizeClass.deltaCount.magnitude) / Double(largest)
      let barStyle =
        sizeClass.deltaCount == 0 ? theme[.dim] : theme.change(from: sizeClass.countA, to: sizeClass.countB)
      grid.put(BarGlyphs.bar(fraction, width: barWidth, glyphs: theme.glyphs), x: x, y: y, style: barStyle)
    }
  }
}
