import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Tab 6: the address space as half-block pixels by class group, folded gaps, the cell cursor
/// and its readout, the address history and its callstack, row zoom and undo, scale, heat.
@Suite struct MemoryTabTests {
  static func open(width: Int = 120, height: Int = 40, depth: ColorDepth = .xterm256, glyphs: Glyphs = .unicode)
    throws -> (Harness, MemoryTab)
  {
    let h = try Harness(width: width, height: height, depth: depth, glyphs: glyphs)
    h.press("6")
    return (h, try #require(h.app.tab(MemoryTab.self)))
  }

  /// Rows live at the end whose callstack passes (the map's blocks), brute force.
  static func liveRows(_ h: Harness) throws -> [Int] {
    let a = h.profile.allocations
    let passes = try #require(h.query?.filter.passes)
    return (0..<a.count).filter { a.death[$0] == AllocationTable.alive && passes[Int(a.callstack[$0])] }
  }

  @Test func labelsFoldedGapsAndHalfBlocks() throws {
    let (h, tab) = try Self.open()
    let map = try #require(tab.figures?.map)
    let live = try Self.liveRows(h)
    let a = h.profile.allocations
    #expect(map.liveBytes == live.map { Int64(max(a.size[$0], 1)) }.reduce(0, +))
    let header = h.lines[2]
    #expect(header.hasPrefix("Allocated memory \(SizeFormat.size(map.liveBytes)) · "))
    #expect(header.contains("Bytes per pixel \(SizeFormat.size(Int64(map.layout.bytesPerPixel)))"))
    #expect(header.contains("Memory space 0x7f0000000000 – 0x7fa"))
    // The demo maps big blocks far from its heap: a folded gap, two bands.
    #expect(map.layout.bands.count == 2)
    #expect(h.lines.contains { $0.contains("··· gap ") })
    #expect(h.lines.contains { $0.hasPrefix("0x7fa000000000") })
    #expect(h.lines.joined().contains("▀"))
    #expect(h.filterLine.contains("by group") && h.filterLine.contains("gaps over 30.00 MB folded"))
    // F: MemoryProfiler2's one linear range.
    h.press("F")
    let linear = try #require(tab.figures?.map?.layout)
    #expect(linear.bands.count == 1 && linear.separators.isEmpty)
    #expect(!h.lines.contains { $0.contains("··· gap ") })
    #expect(linear.bytesPerPixel > map.layout.bytesPerPixel)
    // < folds smaller gaps (and folds again): more bands; > larger ones.
    for _ in 0..<12 { h.press("<") }
    let fine = try #require(tab.figures)
    #expect(fine.space.gap == 30 << 8)
    #expect(fine.space.regions.count > 2)
    #expect(h.filterLine.contains("gaps over 7.50 KB folded"))
    #expect(
      fine.space.regions == (try AddressSpace(profile: h.profile, poolMask: MemoryPool.allMask, gap: 30 << 8)).regions)
    h.press("0", "R")
    #expect(tab.gap == AddressSpace.defaultGap)
  }

  @Test func cursorReadoutAndAddressHistory() throws {
    let (h, tab) = try Self.open()
    // To a pixel with a block: the readout names its group, its start and its function.
    for _ in 0..<8 { h.press("l") }
    let address = try #require(tab.cursorAddress)
    let map = try #require(tab.figures?.map)
    let row = Int(map.block[map.index(row: tab.cursorRow - map.request.firstRow, column: tab.cursorColumn)])
    #expect(row >= 0)
    let readout = try #require(h.lines.first { $0.hasPrefix("0x\(MemoryTab.hex(address)) · ") })
    let a = h.profile.allocations
    #expect(readout.contains(h.assignment.groupName(of: Int(a.callstack[row]))))
    #expect(readout.contains("block at 0x\(MemoryTab.hex(a.address[row]))"))
    // Enter: every block that covered the address, as the model lists them.
    h.press("Enter")
    let history = try #require(tab.addressHistory)
    let expected = try AddressHistory(
      profile: h.profile, address: address, at: h.profile.end.streamIndex, query: h.query,
      assignment: h.assignment)
    #expect(history.entries == expected.entries && !history.entries.isEmpty)
    #expect(h.lines.contains { $0.contains("Block at") && $0.contains("Made (event / frame)") })
    #expect(h.status.contains("covered 0x\(MemoryTab.hex(address))"))
    // The cursor stays on the address while the map shrinks to make room.
    let again = try #require(tab.cursorAddress)
    #expect(again <= address && address < again + (tab.figures?.map?.layout.bytesPerPixel ?? 0))
    // Enter: the block's callstack; Enter on a frame: the Callgraph.
    h.press("Enter")
    let entry = try #require(tab.selectedEntry)
    #expect(h.lines.contains { $0.contains("Callstack \(entry.callstack):") })
    h.press("Enter")
    #expect(h.app.tabIndex == 0)
    h.press("Esc")
    #expect(h.app.tabIndex == 5)
    // A double click on a history row shows that block's callstack.
    let list = try #require(tab.parts(tab.area).history)
    h.send(.mouse(x: 5, y: list.rowsArea.y, button: .press))
    #expect(tab.focus == .history && tab.historyCursor.selected == 0)
    h.send(.mouse(x: 5, y: list.rowsArea.y, button: .doublePress))
    #expect(tab.focus == .pane)
    h.press("Esc", "Esc")
    #expect(tab.addressHistory == nil && tab.focus == .map)
  }

  /// `A`: every block live in the rows on screen, by address (brute force over the rows), at a
  /// scale where the screen holds part of the space only; H charts their callstacks.
  @Test func blocksLiveInTheRowsOnScreen() throws {
    let (h, tab) = try Self.open()
    for _ in 0..<5 { h.press("+") }
    let layout = try #require(tab.figures?.map?.layout)
    #expect(layout.rowCount > tab.mapSize.rows)
    let ranges = tab.visibleRanges(layout)
    let first = try #require(ranges.first)
    let last = try #require(ranges.last)
    h.press("A")
    let blocks = try #require(tab.addressHistory)
    let a = h.profile.allocations
    let expected = try Self.liveRows(h).filter { row in
      let (start, end) = (a.address[row], a.address[row] + UInt64(max(a.size[row], 1)))
      return ranges.contains { $0.lowerBound < end && start < $0.upperBound }
    }.sorted { (a.address[$0], $0) < (a.address[$1], $1) }
    #expect(blocks.entries.map(\.row) == expected && !expected.isEmpty)
    #expect(blocks.range == first.lowerBound...(last.upperBound - 1))
    #expect(
      h.status.contains(
        "\(SizeFormat.count(Int64(expected.count))) blocks live in 0x\(MemoryTab.hex(first.lowerBound))"))
    #expect(tab.focus == .history && h.lines.contains { $0.contains("Block at") })
    h.press("H")
    #expect(h.app.tabIndex == 3)
    #expect(h.status.contains("History of the blocks in 0x\(MemoryTab.hex(first.lowerBound))"))
  }

  @Test func rowZoomUndoAndScale() throws {
    let (h, tab) = try Self.open()
    let whole = try #require(tab.figures?.map?.layout)
    h.press("v", "j", "j", "j", "j", "j")
    #expect(h.lines.contains { $0.hasPrefix("0x7f0000000000") })
    h.press("Enter")
    #expect(tab.zooms.count == 1)
    let zoom = try #require(tab.zooms.last)
    #expect(zoom.lowerBound == 0x7f00_0000_0000)
    #expect(zoom.upperBound - zoom.lowerBound == 6 * whole.bytesPerRow)
    let zoomed = try #require(tab.figures?.map?.layout)
    #expect(zoomed.bytesPerPixel < whole.bytesPerPixel)
    #expect(h.lines[2].contains("Memory space 0x7f0000000000 – 0x\(MemoryTab.hex(zoom.upperBound - 1))"))
    #expect(h.filterLine.contains("zoom 1"))
    h.press("u")
    #expect(tab.zooms.isEmpty && tab.figures?.map?.layout == whole)
    // + and -: powers of two; 0: fit again.
    h.press("+")
    let finer = try #require(tab.figures?.map?.layout.bytesPerPixel)
    #expect(finer.nonzeroBitCount == 1 && finer < whole.bytesPerPixel)
    h.press("-", "-")
    #expect(tab.figures?.map?.layout.bytesPerPixel == finer * 4)
    h.press("0")
    #expect(tab.figures?.map?.layout == whole)
  }

  @Test func heatMapCountsAllocations() throws {
    let (h, tab) = try Self.open()
    h.press("H")
    #expect(tab.heat)
    #expect(h.lines[3].hasPrefix("allocations per pixel (log scale):"))
    let map = try #require(tab.figures?.map)
    #expect(map.maximumHeat > 0)
    #expect(h.filterLine.contains("heat map"))
    let readout = try #require(h.lines.first { $0.hasPrefix("0x") && $0.contains("allocations touched this pixel") })
    #expect(!readout.isEmpty)
  }

  @Test func aDiffDimsBlocksLiveAtTheBase() throws {
    let (h, tab) = try Self.open()
    h.press("[", "j", "j", "j", "Enter")
    #expect(h.app.filter.diffStart != .start)
    let map = try #require(tab.figures?.map)
    #expect(map.newBytes < map.liveBytes)
    #expect(h.lines[2].contains("new since the base"))
    #expect(h.lines[3].contains("live at the base too"))
  }

  @Test func plainTerminalDrawsGroupsAsLetters() throws {
    let (h, tab) = try Self.open(width: 80, height: 24, depth: .none, glyphs: .ascii)
    #expect(tab.rowsPerCell == 1)
    #expect(h.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    let mapLines = h.lines.filter { $0.hasPrefix("0x7f") }
    #expect(mapLines.contains { $0.dropFirst(MemoryTab.axisWidth).contains { $0.isUppercase } })
    h.press("H")
    let heat = h.lines.filter { $0.hasPrefix("0x7f") }.joined()
    #expect(heat.contains { "@%#*+=-:.".contains($0) })
  }

  @Test func groupLettersAreDistinct() {
    #expect(GroupAssignment.letters(for: ["Textures", "Tasks", "T"]) == ["T", "A", "B"])
    let names = (0..<40).map { "Group \($0)" }
    #expect(Set(GroupAssignment.letters(for: names).prefix(36)).count == 36)
  }

  @Test func noPoolMeansNoMap() throws {
    let (h, tab) = try Self.open()
    h.press("m", "n", "Esc")
    #expect(tab.figures?.map == nil)
    #expect(h.lines.contains { $0.contains("All memory pools are being filtered out. No data to display.") })
  }
}
