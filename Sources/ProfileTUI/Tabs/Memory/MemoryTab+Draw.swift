import Foundation
import ProfileModel

extension MemoryTab {
  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let parts = parts(context.area)
    guard let figures else {
      grid.put("Computing the memory map…", x: area.x + 2, y: context.area.y, style: theme[.dim])
      return
    }
    guard let map = figures.map else {
      grid.put(figures.message ?? "", x: context.area.x + 2, y: context.area.y + 1, maxWidth: context.area.width - 2)
      return
    }
    drawHeader(
      map, figures: figures, area: parts.header, theme: theme, comparing: context.shared?.base != nil, into: &grid)
    drawMap(map, area: parts.map, theme: theme, into: &grid)
    grid.put(
      TextFit.clip(readout(map, theme: theme), parts.readout.width, glyphs: theme.glyphs), x: parts.readout.x,
      y: parts.readout.y)
    if let list = parts.history, let pane = parts.pane, let history = addressHistory {
      drawHistory(history, list: list, at: figures.at, theme: theme, into: &grid)
      let entry = selectedEntry
      pane.draw(
        callstack: entry?.callstack,
        summary: entry.map { "block at 0x\(Self.hex($0.address)), \(SizeFormat.size(Int64($0.size)))" } ?? "",
        profile: profile, cursor: paneCursor, focused: focus == .pane, theme: theme, into: &grid)
    }
  }

  /// MemoryProfiler2's labels, then the legend: the groups on screen by bytes, or the heat ramp.
  func drawHeader(
    _ map: MemoryMap, figures: MemoryFigures, area: Rect, theme: Theme, comparing: Bool = false,
    into grid: inout CellGrid
  ) {
    let glyphs = theme.glyphs
    let dot = " \(glyphs.dot) "
    let layout = map.layout
    // MemoryProfiler2's labels, the longest last so a narrow screen cuts only it.
    var allocated = "Allocated memory \(SizeFormat.size(map.liveBytes))"
    if figures.base != nil { allocated += " (new since the base \(SizeFormat.size(map.newBytes)))" }
    var labels = [
      // Two builds' address spaces do not compare: the map is this capture's alone.
      comparing ? "This build alone (address spaces do not compare) \(glyphs.dot) " + allocated : allocated,
      "Bytes per pixel \(SizeFormat.size(Int64(layout.bytesPerPixel)))",
      "Space size \(SizeFormat.size(Int64(clamping: figures.space.size)))",
    ]
    if let span = figures.space.span {
      labels.append("Memory space 0x\(Self.hex(span.lowerBound)) \(glyphs.dash) 0x\(Self.hex(span.upperBound - 1))")
    }
    grid.put(TextFit.clip(labels.joined(separator: dot), area.width, glyphs: glyphs), x: area.x, y: area.y)
    guard area.height > 1 else { return }
    let y = area.y + 1
    var x = area.x
    let end = area.x + area.width
    if heat {
      let top = visibleMaximumHeat(map)
      x += grid.put("allocations per pixel (log scale): ", x: x, y: y, maxWidth: end - x)
      for step in 0..<10 {
        let level = Double(step) / 9
        let pixel = heatPixel(count: step == 0 ? 0 : 1, level: level, theme: theme)
        let glyph = PixelGrid.color(pixel) != nil && rowsPerCell == 2 ? glyphs.barFull : nil
        x += grid.put(
          glyph.map { String($0) } ?? String(PixelGrid.character(pixel)), x: x, y: y,
          style: PixelGrid(rowsPerCell: 1).style(of: pixel))
      }
      grid.put(" 0 \(glyphs.dash) \(SizeFormat.count(Int64(top)))", x: x, y: y, maxWidth: max(end - x, 0))
      return
    }
    // Groups on screen, largest first.
    var bytes: [Int: Int64] = [:]
    var anyOld = false
    forEachVisiblePixel(map) { i in
      let g = Int(map.group[i])
      guard g >= 0 else { return }
      if map.old[i] {
        anyOld = true
      } else {
        bytes[g, default: 0] += map.bytes[i]
      }
    }
    if anyOld {
      x += grid.put(glyphs.swatch, x: x, y: y, style: theme[.mapOld])
      x += grid.put(" live at the base too  ", x: x, y: y, maxWidth: max(end - x, 0))
    }
    for (g, _) in bytes.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
      guard x < end else { break }
      let swatch = theme.depth == .none ? String(groupLetter(g, old: false)) : glyphs.swatch
      x += grid.put(swatch, x: x, y: y, style: theme.group(assignment.groups[g].color))
      x += grid.put(" \(assignment.groups[g].name)  ", x: x, y: y, maxWidth: max(end - x, 0))
    }
  }

  /// The row addresses, the pixels, the separators of folded gaps, the selection and the cursor.
  func drawMap(_ map: MemoryMap, area: Rect, theme: Theme, into grid: inout CellGrid) {
    let layout = map.layout
    let rpc = layout.rowsPerCell
    let mapX = area.x + Self.axisWidth
    let selected = selectionAnchor.map { min($0, cursorRow)...max($0, cursorRow) }
    PixelGrid(rowsPerCell: rpc).draw(width: layout.width, rows: area.height * rpc, x: mapX, y: area.y, into: &grid) {
      row, column in pixel(row: topRow + row, column: column, map: map, theme: theme)
    }
    for cellRow in 0..<area.height {
      let row = topRow + cellRow * rpc
      let y = area.y + cellRow
      guard row < layout.rowCount else { break }
      if let separator = layout.separator(atRow: row) {
        let size = separator.gap.upperBound - separator.gap.lowerBound
        let dots = theme.glyphs == .unicode ? "···" : "..."
        let text = "\(dots) gap \(SizeFormat.size(Int64(clamping: size))) \(dots)"
        grid.fill(x: area.x, y: y, width: area.width, height: 1, style: theme[.dim])
        grid.put(text, x: mapX + max((layout.width - CharacterWidth.of(text)) / 2, 0), y: y, style: theme[.dim])
        continue
      }
      guard let address = layout.address(row: row, column: 0) else { continue }
      let inSelection = selected.map { $0.contains(row) || (rpc == 2 && $0.contains(row + 1)) } ?? false
      grid.put(
        "0x" + Self.hex(address), x: area.x, y: y, style: inSelection ? theme[.selection] : theme[.dim],
        maxWidth: Self.axisWidth - 1)
    }
    // The cursor: its pixel in the cursor colour, the cell's other pixel kept.
    let cellRow = (cursorRow - topRow) / rpc
    guard cellRow >= 0 && cellRow < area.height && cursorColumn < layout.width else { return }
    let x = mapX + cursorColumn
    let y = area.y + cellRow
    let cursorColor = theme[.chartCursor].background
    if rpc == 2 && cursorColor != .standard {
      let upper = (cursorRow - topRow) % 2 == 0
      let other = pixel(row: cursorRow + (upper ? 1 : -1), column: cursorColumn, map: map, theme: theme)
      let style = Style(foreground: cursorColor, background: PixelGrid.color(other) ?? .standard)
      grid.put(upper ? "▀" : "▄", x: x, y: y, style: style)
    } else {
      grid.restyle(x: x, y: y, width: 1) { $0 = $0.adding(.reverse) }
    }
  }

  /// One pixel of the layout (`row` over the whole layout).
  func pixel(row: Int, column: Int, map: MemoryMap, theme: Theme) -> PixelGrid.Pixel {
    let windowRow = row - map.request.firstRow
    guard windowRow >= 0 && windowRow < map.request.rows && column < map.width else { return .empty }
    let i = map.index(row: windowRow, column: column)
    let layout = map.layout
    if heat {
      let count = map.heat[i]
      if count == 0 { return outside(row: row, column: column, layout: layout, theme: theme) }
      let top = Double(max(visibleMaximumHeat(map), 1))
      return heatPixel(count: count, level: log(1 + Double(count)) / log(1 + top), theme: theme)
    }
    let g = Int(map.group[i])
    guard g >= 0 else { return outside(row: row, column: column, layout: layout, theme: theme) }
    if theme.depth == .none { return .glyph(groupLetter(g, old: map.old[i]), .plain) }
    if map.old[i] { return .color(theme[.mapOld].foreground) }
    let color = theme.group(assignment.groups[g].color).foreground
    return .color(color == .standard ? .indexed(7) : color)
  }

  /// A free pixel, or the end of a band's last row past the used space.
  func outside(row: Int, column: Int, layout: MemoryMapLayout, theme: Theme) -> PixelGrid.Pixel {
    guard layout.band(atRow: row) != nil, layout.address(row: row, column: column) == nil else { return .empty }
    return theme.depth == .none || !halfBlocks
      ? .glyph(theme.glyphs == .unicode ? "·" : ".", theme[.dim]) : .color(theme[.mapOutside].foreground)
  }

  /// A heat level as a colour (256 colours) or a ramp character.
  func heatPixel(count: UInt32, level: Double, theme: Theme) -> PixelGrid.Pixel {
    guard count > 0 else { return .empty }
    if let color = theme.heatColor(level), rowsPerCell == 2 { return .color(color) }
    let ramp = Theme.heatCharacters
    let index = max(1, Int((level * Double(ramp.count - 1)).rounded()))
    return .glyph(ramp[min(index, ramp.count - 1)], theme.heatColor(level).map { Style(foreground: $0) } ?? .plain)
  }

  /// The most allocations a pixel on screen saw (the ramp's top).
  func visibleMaximumHeat(_ map: MemoryMap) -> UInt32 {
    var top: UInt32 = 0
    forEachVisiblePixel(map) { top = max(top, map.heat[$0]) }
    return top
  }

  /// Calls `body` with the window index of every pixel on screen.
  func forEachVisiblePixel(_ map: MemoryMap, _ body: (Int) -> Void) {
    let first = max(topRow - map.request.firstRow, 0)
    let last = min(topRow + mapSize.rows - map.request.firstRow, map.request.rows)
    guard first < last else { return }
    for i in (first * map.width)..<(last * map.width) { body(i) }
  }

  /// A group's character on screens without colour (lower case: live at the base too).
  func groupLetter(_ group: Int, old: Bool) -> Character {
    let letter = groupLetters.indices.contains(group) ? groupLetters[group] : "?"
    return old ? Character(letter.lowercased()) : letter
  }

  /// What is under the cursor: the address, the block covering most of the pixel (its group,
  /// size, start, birth and function), the bytes live in the pixel, in heat mode the count.
  func readout(_ map: MemoryMap, theme: Theme) -> String {
    let layout = map.layout
    let dot = " \(theme.glyphs.dot) "
    if let separator = layout.separator(atRow: cursorRow) {
      return "gap of \(SizeFormat.size(Int64(clamping: separator.gap.upperBound - separator.gap.lowerBound))) folded: "
        + "0x\(Self.hex(separator.gap.lowerBound)) \(theme.glyphs.dash) 0x\(Self.hex(separator.gap.upperBound - 1)) (F unfolds)"
    }
    guard let address = layout.address(row: cursorRow, column: cursorColumn) else { return "past the used space" }
    var parts = ["0x\(Self.hex(address))"]
    let windowRow = cursorRow - map.request.firstRow
    guard windowRow >= 0 && windowRow < map.request.rows else { return parts[0] }
    let i = map.index(row: windowRow, column: cursorColumn)
    if heat { parts.append("\(SizeFormat.count(Int64(map.heat[i]))) allocations touched this pixel") }
    let row = Int(map.block[i])
    guard row >= 0 else {
      parts.append("free")
      return parts.joined(separator: dot)
    }
    let a = profile.allocations
    let callstack = Int(a.callstack[row])
    let birth = a.birth[row]
    var block =
      "\(SizeFormat.size(Int64(a.size[row]))) block at 0x\(Self.hex(a.address[row])), made at event "
      + "\(SizeFormat.count(Int64(birth))) (frame \(profile.frames.frame(containing: birth)))"
    if map.old[i] { block += ", live at the base too" }
    parts.append(assignment.groupName(of: callstack))
    parts.append(block)
    if map.bytes[i] != Int64(a.size[row]) { parts.append("\(SizeFormat.size(map.bytes[i])) live in the pixel") }
    var classifier = ContainerFrames.Classifier(profile: profile)
    parts.append(classifier.namingFunction(of: callstack, showContainers: false) ?? "callstack \(callstack)")
    return parts.joined(separator: dot)
  }

  /// The address history: one row per block, the one live at the diff end marked.
  func drawHistory(_ history: AddressHistory, list: ListView, at: UInt32, theme: Theme, into grid: inout CellGrid) {
    list.drawHeader(
      "   Block at          Size       Made (event / frame)  Ended (event / frame)  How        Group", theme: theme,
      into: &grid)
    let focused = focus == .history
    list.drawRows(count: history.entries.count, cursor: historyCursor, theme: theme, into: &grid) {
      index, y, isSelected, grid in
      let entry = history.entries[index]
      let style = isSelected ? (focused ? theme[.selection] : theme[.dim].adding(.reverse)) : theme[.normal]
      grid.fill(x: list.area.x, y: y, width: list.area.width, height: 1, style: style)
      let live = entry.birth <= at && (entry.death ?? .max) > at
      let made = "\(SizeFormat.count(Int64(entry.birth))) / \(entry.birthFrame)"
      let ended = entry.death.map { "\(SizeFormat.count(Int64($0))) / \(entry.deathFrame ?? 0)" } ?? "-"
      let how: String
      switch entry.end {
      case .live: how = "live"
      case .freed: how = "freed"
      case .reallocated: how = "realloc'd"
      case .replaced: how = "replaced"
      }
      let text =
        (live ? " \(theme.glyphs == .unicode ? "▶" : ">") " : "   ") + TextFit.pad("0x" + Self.hex(entry.address), 18)
        + TextFit.pad(SizeFormat.size(Int64(entry.size)), 11, right: true) + "  " + TextFit.pad(made, 22)
        + TextFit.pad(ended, 23) + TextFit.pad(how, 11) + assignment.groups[entry.group].name
      grid.put(TextFit.clip(text, list.area.width - 1, glyphs: theme.glyphs), x: list.area.x, y: y, style: style)
    }
  }
}
