import ProfileModel

/// What the Memory tab asks for: the part of the address space, its scale, and the window of
/// pixel rows on screen.
public struct MemoryRequest: Sendable, Equatable {
  /// A zoom (rows chosen with `v`), or the whole used space.
  public var zoom: Range<UInt64>?
  /// MemoryProfiler2's one linear range instead of folded gaps.
  public var linear: Bool
  public var scale: MemoryMapLayout.Scale
  /// Pixels per row, and pixel rows on screen.
  public var width: Int
  public var height: Int
  public var rowsPerCell: Int
  /// The first pixel row of the window computed (a screen's worth before and after the rows
  /// shown, so scrolling a little needs no new pass).
  public var firstRow: Int
  public var gap: UInt64
  /// Where the used space is kept once made (not part of what is asked for).
  let spaces: AddressSpaceCache

  public static func == (l: MemoryRequest, r: MemoryRequest) -> Bool {
    l.zoom == r.zoom && l.linear == r.linear && l.scale == r.scale && l.width == r.width && l.height == r.height
      && l.rowsPerCell == r.rowsPerCell && l.firstRow == r.firstRow && l.gap == r.gap
  }
}

/// The Memory tab's figures: the space shown, its layout and a window of the map.
public struct MemoryFigures: Sendable {
  /// Why there is no map (no pool selected, or none used), else `nil`.
  public let message: String?
  public let space: AddressSpace
  public let map: MemoryMap?
  /// The stream index drawn, and the base of a diff.
  public let at: UInt32
  public let base: UInt32?
  public let poolMask: UInt8
}

/// Tab 6: where the live blocks sit in the address space, coloured by class group, or how many
/// allocations churned each address (MemoryProfiler2's Memory Bitmap, §3.6), with every block
/// that ever covered an address.
///
/// Gaps over 30 MiB between used regions fold into one separator row (`F`: MemoryProfiler2's
/// linear range); `+` `-` change the scale by powers of two; `v` selects rows and Enter zooms
/// into them, `u` undoes.
final class MemoryTab: TabView {
  static let title = "Memory"
  static let shortTitle = "Mem"
  static let mapContext = KeyContext(id: "memory", title: "Memory map")
  static let historyContext = KeyContext(id: "memory-history", title: "Memory: address history")
  static let paneContext = KeyContext(id: "memory-pane", title: "Memory: callstack pane")
  /// Columns left of the map for the row addresses (`0x` and 12 hex digits, a space).
  static let axisWidth = 15

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] = [
    Binding([.character("h"), .left], .cursorLeft, mapContext, help: "cursor left a pixel (j k: a pixel row)"),
    Binding([.character("l"), .right], .cursorRight, mapContext, help: "cursor right a pixel"),
    Binding(
      [.enter], .choose, mapContext, help: "every block that covered the address (with v: zoom into the rows)",
      footer: "History", priority: 1),
    Binding(
      [.character("v")], .startRowSelection, mapContext, help: "select rows from here (Enter zooms, v again cancels)",
      footer: "Select", priority: 3),
    Binding([.character("u")], .undoZoom, mapContext, help: "undo the last zoom", footer: "Undo", priority: 4),
    Binding(
      [.character("A")], .listBlocksInView, mapContext, help: "every block live in the rows on screen, by address",
      footer: "Blocks", priority: 3),
    Binding([.character("0")], .zoomReset, mapContext, help: "the whole space again, fit to the screen"),
    Binding(
      [.character("+"), .character("=")], .zoomIn, mapContext, help: "half the bytes per pixel (a power of two)",
      footer: "Scale", priority: 5),
    Binding([.character("-")], .zoomOut, mapContext, help: "twice the bytes per pixel"),
    Binding(
      [.character("H")], .toggleHeat, mapContext, help: "heat map: allocations per address ↔ class groups",
      footer: "Heat", priority: 2),
    Binding(
      [.character("F")], .toggleFolding, mapContext, help: "gaps folded ↔ one linear range",
      footer: "Fold", priority: 6),
    Binding(
      [.character("<"), .character(",")], .panLeft, mapContext, help: "fold smaller gaps (half the threshold)"),
    Binding(
      [.character(">"), .character(".")], .panRight, mapContext, help: "fold only larger gaps (twice the threshold)"),
    Binding(
      [.enter], .focusDetail, historyContext, help: "the block's callstack", footer: "Stack", priority: 1),
    Binding(
      [.character("H")], .showHistory, historyContext, help: "history of these blocks' callstacks (History tab)",
      footer: "History", priority: 2),
    Binding(
      [.escape], .leavePane, historyContext, help: "close the list", footer: "Close", priority: 1),
    Binding(
      [.enter], .showFrameInCallgraph, paneContext, help: "show the frame in the Callgraph", footer: "In Callgraph",
      priority: 1),
    Binding(
      [.escape, .character("h"), .left], .leavePane, paneContext, help: "back to the list", footer: "Back", priority: 1),
  ]

  enum Focus { case map, history, pane }

  let profile: Profile
  let assignment: GroupAssignment
  let spaces = AddressSpaceCache()
  var area: Rect
  /// Two pixel rows a cell (half blocks), or one (ASCII, no colour, heat in 16 colours).
  let halfBlocks: Bool
  var heat = false
  var linear = false
  /// Gaps larger than this between used regions fold into a separator row.
  var gap = AddressSpace.defaultGap
  var scale = MemoryMapLayout.Scale.fit
  var zooms: [Range<UInt64>] = []
  /// The cursor pixel (row over the whole layout) and the first row on screen.
  var cursorRow = 0
  var cursorColumn = 0
  var topRow = 0
  var selectionAnchor: Int?
  /// An address to put the cursor back on once a new layout arrives.
  var pendingAddress: UInt64?
  var focus = Focus.map
  var addressHistory: AddressHistory?
  var historyCursor = ListCursor()
  var paneCursor = ListCursor()
  private(set) var figures: MemoryFigures?

  init(setup: TabSetup) {
    profile = setup.profile
    assignment = setup.assignment
    groupLetters = setup.assignment.letters
    area = setup.area
    halfBlocks = setup.theme.glyphs == .unicode && setup.theme.depth != .none
    self.depth = setup.theme.depth
  }
  let depth: ColorDepth
  /// Each group's character on screens without colour.
  let groupLetters: [Character]

  var rowsPerCell: Int { halfBlocks && !(heat && depth == .ansi16) ? 2 : 1 }

  /// The parts of the tab's area: header and legend, the map, the readout, and with an address
  /// history open, its list and the callstack pane.
  struct Parts {
    var header: Rect
    var map: Rect
    var readout: Rect
    var history: ListView?
    var pane: CallstackPane?
  }

  func parts(_ area: Rect) -> Parts {
    let top = area.splitTop(2)
    var rest = top.rest
    var history: ListView?
    var pane: CallstackPane?
    if addressHistory != nil {
      let mapRows = max((rest.height - 1) / 2, 3)
      let lower = rest.splitTop(mapRows + 1)
      rest = lower.top
      let listRows = max(lower.rest.height * 2 / 5, 2)
      let split = lower.rest.splitTop(listRows)
      history = ListView(area: split.top)
      pane = CallstackPane(area: split.rest)
    }
    let map = rest.splitTop(max(rest.height - 1, 1))
    return Parts(header: top.top, map: map.top, readout: map.rest, history: history, pane: pane)
  }

  /// Pixels per row and pixel rows on screen.
  var mapSize: (width: Int, rows: Int) {
    let map = parts(area).map
    return (max(map.width - Self.axisWidth, 1), max(map.height, 1) * rowsPerCell)
  }

  var request: MemoryRequest {
    let size = mapSize
    // Windows a screen tall, computed two at a time: the one holding the top row and the next.
    let firstRow = max(topRow / size.rows - 1, 0) * size.rows
    return MemoryRequest(
      zoom: zooms.last, linear: linear, scale: scale, width: size.width, height: size.rows,
      rowsPerCell: rowsPerCell, firstRow: firstRow, gap: gap, spaces: spaces)
  }

  /// - Complexity: the used space once per pool selection (a pass over every row), then one
  ///   pass over the rows born up to the diff end for the window's pixels.
  static func compute(_ request: MemoryRequest, shared: SharedFigures, cancel: CancelToken) throws -> MemoryFigures {
    let profile = shared.profile
    let f = shared.filter
    let poolMask = f.mode == .filterIn ? f.poolMask : ~f.poolMask & MemoryPool.allMask
    let at = f.diffEnd == .start ? 0 : profile.streamIndex(f.diffEnd) ?? profile.end.streamIndex
    let base = f.diffStart == .start ? nil : profile.streamIndex(f.diffStart)
    func empty(_ message: String) -> MemoryFigures {
      MemoryFigures(
        message: message, space: AddressSpace(regions: [], gap: request.gap), map: nil, at: at, base: base,
        poolMask: poolMask)
    }
    guard poolMask != 0 else { return empty("All memory pools are being filtered out. No data to display.") }
    var space = try request.spaces.space(profile: profile, poolMask: poolMask, gap: request.gap, cancel: cancel)
    guard !space.regions.isEmpty else {
      return empty("The selected memory pools were never allocated to in this profiling run.")
    }
    if request.linear { space = space.linear }
    if let zoom = request.zoom { space = space.clipped(to: zoom) }
    let layout = MemoryMapLayout(
      space: space, width: request.width, height: request.height, scale: request.scale,
      rowsPerCell: request.rowsPerCell)
    let firstRow = min(request.firstRow, max(layout.rowCount - 1, 0)) / request.rowsPerCell * request.rowsPerCell
    let rows = min(request.height * 3, layout.rowCount - firstRow)
    let map = try MemoryMap(
      profile: profile, query: shared.query, layout: layout, poolMask: poolMask,
      request: MemoryMap.Request(at: at, base: base, firstRow: firstRow, rows: rows), cancel: cancel)
    return MemoryFigures(message: nil, space: space, map: map, at: at, base: base, poolMask: poolMask)
  }

  func accept(_ new: MemoryFigures, for request: MemoryRequest, context: TabContext) -> TabOutcome {
    let layoutChanged = figures?.map?.layout != new.map?.layout
    figures = new
    if let layout = new.map?.layout {
      if let address = pendingAddress, let band = layout.bandIndex(overlapping: address, address + 1) {
        let offset = address - layout.bands[band].range.lowerBound
        cursorRow = layout.bands[band].firstRow + Int(offset / layout.bytesPerRow)
        cursorColumn = Int(offset % layout.bytesPerRow / layout.bytesPerPixel)
        pendingAddress = nil
      }
      if layoutChanged || request.firstRow == 0 { clampCursor(layout) }
    }
    return .handled
  }

  func resize(to area: Rect) {
    pendingAddress = pendingAddress ?? cursorAddress
    self.area = area
  }

  var keyContexts: [KeyContext] {
    switch focus {
    case .map: return [Self.mapContext, .list]
    case .history: return [Self.historyContext, .list]
    case .pane: return [Self.paneContext, .list]
    }
  }

  var filterSegments: [String] {
    var segments = [
      heat ? "heat map" : "by group", linear ? "linear" : "gaps over \(SizeFormat.size(Int64(clamping: gap))) folded",
    ]
    if !zooms.isEmpty { segments.append("zoom \(zooms.count)") }
    return segments
  }

  var rowCount: Int { figures?.map?.layout.rowCount ?? 0 }

  func reset() {
    heat = false
    linear = false
    gap = AddressSpace.defaultGap
    scale = .fit
    zooms = []
    selectionAnchor = nil
    closeHistory()
    cursorRow = 0
    cursorColumn = 0
    topRow = 0
  }

  /// Closes the address history; the map gets its rows back, the cursor stays on its address.
  func closeHistory() {
    if addressHistory != nil { pendingAddress = pendingAddress ?? cursorAddress }
    addressHistory = nil
    focus = .map
  }

  /// The address under the cursor, if it is on a band.
  var cursorAddress: UInt64? {
    figures?.map?.layout.address(row: cursorRow, column: cursorColumn)
  }

  /// Keeps the cursor inside the layout and on screen (the top row on a whole cell).
  func clampCursor(_ layout: MemoryMapLayout) {
    let rows = mapSize.rows
    let rpc = layout.rowsPerCell
    cursorRow = min(max(cursorRow, 0), max(layout.rowCount - 1, 0))
    cursorColumn = min(max(cursorColumn, 0), layout.width - 1)
    let cells = max(rows / rpc, 1)
    var cell = ListCursor(selected: cursorRow / rpc, top: topRow / rpc)
    cell.clamp(count: (layout.rowCount + rpc - 1) / rpc, height: cells)
    topRow = cell.top * rpc
  }

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    switch focus {
    case .history: return performInHistory(action, context: context)
    case .pane: return performInPane(action, context: context)
    case .map: break
    }
    guard let layout = figures?.map?.layout else {
      return action == .redraw ? .handled : .say(figures?.message ?? "Computing the map…", isError: false)
    }
    let screen = mapSize.rows
    switch action {
    case .moveUp: cursorRow -= 1
    case .moveDown: cursorRow += 1
    case .cursorLeft: cursorColumn -= 1
    case .cursorRight: cursorColumn += 1
    case .pageUp:
      cursorRow -= screen
      topRow -= screen
    case .pageDown:
      cursorRow += screen
      topRow += screen
    case .top: cursorRow = 0
    case .bottom: cursorRow = layout.rowCount - 1
    case .redraw: break
    case .choose:
      if let anchor = selectionAnchor { return zoom(rows: min(anchor, cursorRow)...max(anchor, cursorRow), layout) }
      return openHistory(context: context)
    case .listBlocksInView:
      return openBlocks(in: visibleRanges(layout), context: context)
    case .startRowSelection:
      selectionAnchor = selectionAnchor == nil ? cursorRow : nil
      return .say(
        selectionAnchor == nil
          ? "Selection cancelled" : "Selecting rows: move the cursor, Enter zooms into them (v cancels)",
        isError: false)
    case .undoZoom:
      guard !zooms.isEmpty else { return .say("No zoom to undo", isError: false) }
      pendingAddress = cursorAddress
      zooms.removeLast()
      return .say(zooms.isEmpty ? "The whole space" : "Back to zoom \(zooms.count)", isError: false)
    case .zoomReset:
      zooms = []
      scale = .fit
      selectionAnchor = nil
      pendingAddress = cursorAddress
      return .say("The whole space, fit to the screen", isError: false)
    case .zoomIn, .zoomOut:
      let current = 63 - max(layout.bytesPerPixel, 1).leadingZeroBitCount
      let k = min(max(current + (action == .zoomIn ? -1 : 1), 0), 40)
      scale = .powerOfTwo(k)
      pendingAddress = cursorAddress
      return .say("\(SizeFormat.size(Int64(1) << Int64(k))) a pixel (0 fits the screen again)", isError: false)
    case .toggleHeat:
      heat.toggle()
      pendingAddress = cursorAddress
      return .say(
        heat
          ? "Heat map: allocations that touched each pixel in the diff range (H: class groups)"
          : "Class groups of the live blocks (H: heat map)", isError: false)
    case .toggleFolding:
      linear.toggle()
      pendingAddress = cursorAddress
      return .say(
        linear
          ? "One linear range, as MemoryProfiler2 draws it (F folds gaps)"
          : "Gaps over \(SizeFormat.size(Int64(clamping: gap))) folded", isError: false)
    case .panLeft, .panRight:
      gap = action == .panLeft ? max(gap / 2, 4096) : min(gap * 2, 1 << 40)
      linear = false
      pendingAddress = cursorAddress
      return .say("Gaps over \(SizeFormat.size(Int64(clamping: gap))) folded (< > change it)", isError: false)
    default:
      return .unhandled
    }
    clampCursor(layout)
    return .handled
  }

  /// Zooms into the pixel rows `rows`: from the first address of the first band row in them to
  /// the end of the last.
  func zoom(rows: ClosedRange<Int>, _ layout: MemoryMapLayout) -> TabOutcome {
    selectionAnchor = nil
    let bandRows = rows.filter { layout.address(row: $0, column: 0) != nil }
    guard let first = bandRows.first, let last = bandRows.last, let start = layout.address(row: first, column: 0),
      let band = layout.band(atRow: last)
    else { return .say("No used memory in those rows", isError: false) }
    let rowStart = layout.bands[band].range.lowerBound + UInt64(last - layout.bands[band].firstRow) * layout.bytesPerRow
    let end = min(rowStart &+ layout.bytesPerRow, layout.bands[band].range.upperBound)
    zooms.append(start..<end)
    scale = .fit
    cursorRow = 0
    topRow = 0
    return .say(
      "Zoom \(zooms.count): 0x\(Self.hex(start)) – 0x\(Self.hex(end - 1)) (u undoes)", isError: false)
  }

  /// Every block that covered the cursor's address, the one live at the diff end selected.
  func openHistory(context: TabContext) -> TabOutcome {
    guard let address = cursorAddress, let figures else { return .say("No memory here", isError: false) }
    do {
      let history = try AddressHistory(
        profile: profile, address: address, at: figures.at, query: context.shared?.query,
        poolMask: figures.poolMask, assignment: assignment)
      guard !history.entries.isEmpty else {
        return .say("No block that passes the filters ever covered 0x\(Self.hex(address))", isError: false)
      }
      show(history)
      return .say(
        "\(history.entries.count) blocks covered 0x\(Self.hex(address)); Enter shows a callstack, Esc closes",
        isError: false)
    } catch {
      return .say("\(error)", isError: true)
    }
  }

  /// The address ranges of the pixel rows on screen, band by band.
  func visibleRanges(_ layout: MemoryMapLayout) -> [Range<UInt64>] {
    let first = topRow
    let last = min(topRow + mapSize.rows, layout.rowCount) - 1
    guard first <= last else { return [] }
    return layout.bands.compactMap { band in
      let lo = max(first, band.firstRow)
      let hi = min(last, band.firstRow + band.rows - 1)
      guard lo <= hi else { return nil }
      let start = band.range.lowerBound &+ UInt64(lo - band.firstRow) &* layout.bytesPerRow
      let end = min(
        band.range.lowerBound &+ UInt64(hi - band.firstRow + 1) &* layout.bytesPerRow, band.range.upperBound)
      return start < end ? start..<end : nil
    }
  }

  /// Every block live at the diff end in `ranges` (the rows on screen), by address.
  func openBlocks(in ranges: [Range<UInt64>], context: TabContext) -> TabOutcome {
    guard let figures, let first = ranges.first, let last = ranges.last else {
      return .say("No used memory on screen", isError: false)
    }
    do {
      let blocks = try AddressHistory(
        profile: profile, liveIn: ranges, at: figures.at, query: context.shared?.query, poolMask: figures.poolMask,
        assignment: assignment)
      let span = "0x\(Self.hex(first.lowerBound)) – 0x\(Self.hex(last.upperBound - 1))"
      guard !blocks.entries.isEmpty else {
        return .say("No live block that passes the filters in \(span)", isError: false)
      }
      pendingAddress = cursorAddress
      show(blocks)
      let more = blocks.leftOut > 0 ? " (the first \(SizeFormat.count(Int64(blocks.entries.count))) listed)" : ""
      let count = SizeFormat.count(Int64(blocks.entries.count + blocks.leftOut))
      return .say("\(count) blocks live in \(span)\(more); Enter shows a callstack, Esc closes", isError: false)
    } catch {
      return .say("\(error)", isError: true)
    }
  }

  /// Opens a list of blocks under the map; the map shrinks, the cursor stays on its address.
  func show(_ list: AddressHistory) {
    if list.range == nil { pendingAddress = list.address }
    addressHistory = list
    historyCursor = ListCursor(selected: list.selected ?? 0)
    paneCursor = ListCursor()
    focus = .history
    if let view = parts(area).history { historyCursor.clamp(count: list.entries.count, height: view.visibleRows) }
  }

  func performInHistory(_ action: Action, context: TabContext) -> TabOutcome {
    guard let history = addressHistory, let list = parts(area).history else {
      closeHistory()
      return .handled
    }
    if historyCursor.apply(action, count: history.entries.count, height: list.visibleRows) {
      paneCursor = ListCursor()
      return .handled
    }
    switch action {
    case .focusDetail:
      focus = .pane
    case .leavePane:
      closeHistory()
    case .showHistory:
      let callstacks = Array(Set(history.entries.map(\.callstack))).sorted()
      let place =
        history.range.map { "in 0x\(Self.hex($0.lowerBound)) – 0x\(Self.hex($0.upperBound))" }
        ?? "at 0x\(Self.hex(history.address))"
      return .reveal(.history(HistorySelection(source: .callstacks(callstacks), title: "the blocks \(place)")))
    case .redraw:
      historyCursor.clamp(count: history.entries.count, height: list.visibleRows)
    default:
      return .unhandled
    }
    return .handled
  }

  func performInPane(_ action: Action, context: TabContext) -> TabOutcome {
    guard let entry = selectedEntry, let pane = parts(area).pane else {
      focus = .history
      return .handled
    }
    let depth = profile.callstacks.depth(of: entry.callstack)
    if paneCursor.apply(action, count: depth, height: pane.visibleRows) { return .handled }
    switch action {
    case .leavePane: focus = .history
    case .showFrameInCallgraph:
      guard depth > 0 else { return .handled }
      return .reveal(.frame(callstack: entry.callstack, frame: depth - 1 - paneCursor.selected))
    case .redraw: paneCursor.clamp(count: depth, height: pane.visibleRows)
    default: return .unhandled
    }
    return .handled
  }

  var selectedEntry: AddressHistory.Entry? {
    guard let history = addressHistory, history.entries.indices.contains(historyCursor.selected) else { return nil }
    return history.entries[historyCursor.selected]
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    let parts = parts(context.area)
    // The address history: a click selects a block, a double click shows its callstack.
    if let list = parts.history, let history = addressHistory, list.area.contains(x: event.x, y: event.y) {
      if let index = list.index(atY: event.y, cursor: historyCursor, count: history.entries.count) {
        historyCursor.selected = index
        paneCursor = ListCursor()
        focus = event.button == .doublePress ? .pane : .history
      }
      return .handled
    }
    let map = parts.map
    guard map.contains(x: event.x, y: event.y), event.x >= map.x + Self.axisWidth, let layout = figures?.map?.layout
    else { return .handled }
    switch event.button {
    case .wheelUp: return perform(.pageUp, context: context)
    case .wheelDown: return perform(.pageDown, context: context)
    default: break
    }
    focus = .map
    cursorColumn = event.x - map.x - Self.axisWidth
    cursorRow = topRow + (event.y - map.y) * layout.rowsPerCell
    clampCursor(layout)
    return event.button == .doublePress ? openHistory(context: context) : .handled
  }

  /// 12 hex digits (more when the address needs them), without `0x`.
  static func hex(_ address: UInt64) -> String { String(SizeFormat.address(address).dropFirst(2)) }
}
