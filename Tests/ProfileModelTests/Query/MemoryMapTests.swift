import Foundation
import Testing

@testable import ProfileModel

/// The memory map's model: the used address space and its folds, the layout's arithmetic, the
/// raster and heat counts against brute force over the rows, and an address's history.
@Suite struct MemoryMapTests {
  static func demo() throws -> (Profile, GroupAssignment, ScratchFolder) {
    let (p, scratch) = try TimelineSeriesTests.demo(operations: 8_000)
    return (p, try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn()), scratch)
  }

  /// Every row's range, sorted and merged by hand.
  static func naiveRegions(_ p: Profile, gap: UInt64) -> [Range<UInt64>] {
    let a = p.allocations
    let ranges = (0..<a.count).map { a.address[$0]..<(a.address[$0] + UInt64(max(a.size[$0], 1))) }
      .sorted { $0.lowerBound < $1.lowerBound }
    var merged: [Range<UInt64>] = []
    for r in ranges {
      if let last = merged.last, r.lowerBound <= last.upperBound + gap {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        merged.append(r)
      }
    }
    return merged
  }

  @Test func theUsedSpaceFoldsGapsOverTheThreshold() throws {
    let (p, _, scratch) = try Self.demo()
    _ = scratch
    let space = try AddressSpace(profile: p, poolMask: MemoryPool.allMask)
    #expect(space.regions == Self.naiveRegions(p, gap: AddressSpace.defaultGap))
    // The demo maps big blocks far from its heap: two regions, and one linear range over both.
    #expect(space.regions.count == 2)
    #expect(space.linear.regions == [space.regions[0].lowerBound..<space.regions[1].upperBound])
    // A smaller threshold folds more.
    let fine = try AddressSpace(profile: p, poolMask: MemoryPool.allMask, gap: 4096)
    #expect(fine.regions == Self.naiveRegions(p, gap: 4096))
    #expect(fine.regions.count > space.regions.count)
    // No pool selected: nothing.
    #expect(try AddressSpace(profile: p, poolMask: 0).regions.isEmpty)
  }

  @Test func fitScaleIsTheSmallestThatFits() {
    let space = AddressSpace(regions: [0x1000..<0x9000, 0x4000_0000..<0x4000_2345], gap: AddressSpace.defaultGap)
    for (width, height) in [(10, 8), (64, 20), (7, 3), (100, 2)] {
      let layout = MemoryMapLayout(space: space, width: width, height: height, scale: .fit)
      #expect(layout.bands.count == 2 && layout.separators.count == 1)
      #expect(layout.rowCount <= max(height, 1) || layout.bytesPerPixel == 0x8000)
      if layout.bytesPerPixel > 1 {
        // One byte less per pixel would not fit.
        let rows = [0x8000, 0x2345].map { size -> Int in
          let bpp = Int(layout.bytesPerPixel) - 1
          let pixels = (size + bpp - 1) / bpp
          return ((pixels + width - 1) / width + 1) / 2 * 2
        }
        #expect(rows.reduce(0, +) + 2 > height)
      }
      // Bands start on whole cells, after a two-row separator.
      #expect(layout.bands[1].firstRow == layout.bands[0].rows + 2)
      #expect(layout.separators[0].gap == 0x9000..<0x4000_0000)
    }
    // MemoryProfiler2's formula for one band: ⌈range / pixels⌉.
    let linear = MemoryMapLayout(space: space.linear, width: 64, height: 20, scale: .fit, rowsPerCell: 1)
    let range = UInt64(0x4000_2345 - 0x1000)
    #expect(linear.bytesPerPixel == (range + 64 * 20 - 1) / (64 * 20))
  }

  /// A space spanning nearly all 64 bits at one byte a pixel: the scale is raised so the pixels
  /// stay countable (2^50 at most), and every index stays in range.
  @Test func aWholeAddressSpaceStaysCountable() {
    let space = AddressSpace(regions: [0..<16, (UInt64.max - 16)..<UInt64.max], gap: 1)
    let linear = MemoryMapLayout(space: space.linear, width: 64, height: 40, scale: .powerOfTwo(0))
    #expect(linear.bytesPerPixel == 1 << 14)
    #expect(linear.rowCount == 1 << 44)
    #expect(linear.address(row: linear.rowCount - 1, column: 63) == UInt64.max - (1 << 14) + 1)
    #expect(linear.pixels(from: UInt64.max - 16, to: UInt64.max, band: 0) == (1 << 50) - 1...(1 << 50) - 1)
    let folded = MemoryMapLayout(space: space, width: 64, height: 40, scale: .fit)
    #expect(folded.bands.count == 2 && folded.bytesPerPixel == 1)
  }

  @Test func pixelsAndAddressesAgree() {
    let space = AddressSpace(regions: [0x1000..<0x9000, 0x4000_0000..<0x4000_2345], gap: AddressSpace.defaultGap)
    let layout = MemoryMapLayout(space: space, width: 16, height: 100, scale: .powerOfTwo(6))
    #expect(layout.bytesPerPixel == 64 && layout.bytesPerRow == 1024)
    #expect(layout.address(row: 0, column: 0) == 0x1000)
    #expect(layout.address(row: 1, column: 3) == 0x1000 + 1024 + 3 * 64)
    // Separator rows hold no address; the second band starts after them.
    let second = layout.bands[1].firstRow
    #expect(layout.address(row: second - 1, column: 0) == nil)
    #expect(layout.separator(atRow: second - 2)?.gap == 0x9000..<0x4000_0000)
    #expect(layout.address(row: second, column: 0) == 0x4000_0000)
    // A block spanning rows fills from its start to the row's end, whole rows, then its end.
    let pixels = layout.pixels(from: 0x1000 + 10 * 64, to: 0x1000 + 40 * 64 + 1, band: 0)
    #expect(pixels == 10...40)
    // Past the band's end: no address.
    #expect(layout.address(row: second + layout.bands[1].rows - 1, column: 15) == nil)
    #expect(layout.bandIndex(overlapping: 0x8FFF, 0x20000) == 0)
    #expect(layout.bandIndex(overlapping: 0x9000, 0x4000_0000) == nil)
  }

  /// Per pixel of a generated capture: the groups and bytes of the live blocks overlapping it,
  /// and the allocations in the heat range touching it, by brute force.
  @Test(arguments: [false, true])
  func rasterMatchesBruteForce(diff: Bool) throws {
    let (p, assignment, scratch) = try Self.demo()
    _ = scratch
    var state = FilterState.defaults(for: .filterIn, assignment: assignment)
    state.diffEnd = .snapshot(3)
    if diff { state.diffStart = .snapshot(1) }
    let query = try ViewQuery(profile: p, assignment: assignment, filter: state)
    let space = try AddressSpace(profile: p, poolMask: MemoryPool.allMask)
    let layout = MemoryMapLayout(space: space, width: 40, height: 60, scale: .fit)
    let point = try #require(p.streamIndex(state.diffEnd))
    let base = diff ? p.streamIndex(state.diffStart) : nil
    let request = MemoryMap.Request(at: point, base: base, firstRow: 4, rows: 50)
    let map = try MemoryMap(
      profile: p, query: query, layout: layout, poolMask: MemoryPool.allMask, request: request)
    let a = p.allocations
    let passing = (0..<a.count).filter { query.filter.passes[Int(a.callstack[$0])] }
    var checkedLive = 0
    for r in 0..<request.rows {
      for c in 0..<layout.width {
        let i = map.index(row: r, column: c)
        guard let start = layout.address(row: request.firstRow + r, column: c) else {
          #expect(map.block[i] == -1 && map.heat[i] == 0)
          continue
        }
        let band = try #require(layout.bandIndex(overlapping: start, start + 1))
        let end = min(start + layout.bytesPerPixel, layout.bands[band].range.upperBound)
        var bytes: Int64 = 0
        var best: (row: Int, overlap: UInt64)?
        var heat: UInt32 = 0
        for row in passing {
          let lo = max(a.address[row], start)
          let hi = min(a.address[row] + UInt64(max(a.size[row], 1)), end)
          guard lo < hi else { continue }
          if a.birth[row] <= point && a.death[row] > point {
            bytes += Int64(hi - lo)
            if best == nil || hi - lo >= best!.overlap { best = (row, hi - lo) }
          }
          if a.birth[row] <= point && base.map({ a.birth[row] > $0 }) ?? true { heat += 1 }
        }
        #expect(map.bytes[i] == bytes, "pixel \(r),\(c)")
        #expect(map.heat[i] == heat, "pixel \(r),\(c)")
        #expect(map.block[i] == Int32(best?.row ?? -1), "pixel \(r),\(c)")
        if let best {
          checkedLive += 1
          let g = Int(assignment.groupOfCallstack[Int(a.callstack[best.row])])
          #expect(Int(map.group[i]) == (g >= 0 ? g : assignment.ungroupedIndex))
          #expect(map.old[i] == (base.map { a.birth[best.row] <= $0 } ?? false))
        }
      }
    }
    #expect(checkedLive > 50)
    // Live bytes over the whole layout: the passing rows live at the point.
    let live = passing.filter { a.birth[$0] <= point && a.death[$0] > point }
    #expect(map.liveBytes == live.map { Int64(max(a.size[$0], 1)) }.reduce(0, +))
    #expect(map.liveBlocks == Int64(live.count))
    let fresh = live.filter { row in base.map { a.birth[row] > $0 } ?? true }
    #expect(map.newBytes == fresh.map { Int64(max(a.size[$0], 1)) }.reduce(0, +))
    if diff { #expect(map.newBytes < map.liveBytes) }
  }

  @Test func aZoomShowsOnlyItsRange() throws {
    let (p, assignment, scratch) = try Self.demo()
    _ = scratch
    let query = try ViewQuery(
      profile: p, assignment: assignment, filter: FilterState.defaults(for: .filterIn, assignment: assignment))
    let space = try AddressSpace(profile: p, poolMask: MemoryPool.allMask)
    let heap = space.regions[0]
    let zoom = heap.lowerBound + 0x1000..<heap.lowerBound + 0x5000
    let zoomed = space.clipped(to: zoom)
    #expect(zoomed.regions == [zoom])
    let layout = MemoryMapLayout(space: zoomed, width: 32, height: 16, scale: .fit)
    #expect(layout.bytesPerPixel == 32)
    let map = try MemoryMap(
      profile: p, query: query, layout: layout, poolMask: MemoryPool.allMask,
      request: MemoryMap.Request(at: p.end.streamIndex, base: nil, firstRow: 0, rows: layout.rowCount))
    #expect(map.liveBytes <= 0x4000)
    #expect(map.bytes.reduce(0, +) == map.liveBytes)
  }

  @Test func addressHistoryIsEveryRowOverTheAddress() throws {
    let (p, assignment, scratch) = try Self.demo()
    _ = scratch
    let a = p.allocations
    // A busy address: the start of a block that was reused.
    var starts: [UInt64: Int] = [:]
    for row in 0..<a.count { starts[a.address[row], default: 0] += 1 }
    let busy = try #require(starts.max { $0.value < $1.value }?.key)
    for address in [busy, busy + 3, a.address[a.count / 2]] {
      let point = p.snapshots[2].streamIndex
      let history = try AddressHistory(profile: p, address: address, at: point, assignment: assignment)
      let expected = (0..<a.count).filter {
        a.address[$0] <= address && address < a.address[$0] + UInt64(max(a.size[$0], 1))
      }
      #expect(history.entries.map(\.row) == expected)
      #expect(history.entries.map(\.birth) == history.entries.map(\.birth).sorted())
      for entry in history.entries {
        #expect(entry.birthFrame == p.frames.frame(containing: entry.birth))
        #expect(entry.death == (a.death[entry.row] == AllocationTable.alive ? nil : a.death[entry.row]))
      }
      if let selected = history.selected {
        #expect(history.entries[selected].birth <= point)
      }
    }
    #expect(try AddressHistory(profile: p, address: busy, at: 0, assignment: assignment).entries.count >= 2)
  }

  /// The blocks live at a point in address ranges: a block counts when it overlaps one (even by
  /// a byte at either edge), in address order, at most `limit`.
  @Test func blocksLiveInRanges() throws {
    let (p, assignment, scratch) = try Self.demo()
    _ = scratch
    let a = p.allocations
    let point = p.snapshots[2].streamIndex
    let live = (0..<a.count).filter { a.birth[$0] <= point && a.death[$0] > point }.sorted {
      (a.address[$0], $0) < (a.address[$1], $1)
    }
    let middle = live[live.count / 2]
    // Two ranges: one ending a byte into a block, one starting at a block's last byte.
    let lastByte = a.address[middle] + UInt64(max(a.size[middle], 1)) - 1
    let other = live[live.count / 4]
    let ranges = [(a.address[other] - 64)..<(a.address[other] + 1), lastByte..<(lastByte + 4096)]
    let blocks = try AddressHistory(profile: p, liveIn: ranges, at: point, assignment: assignment)
    let expected = live.filter { row in
      let (start, end) = (a.address[row], a.address[row] + UInt64(max(a.size[row], 1)))
      return ranges.contains { $0.lowerBound < end && start < $0.upperBound }
    }
    #expect(blocks.entries.map(\.row) == expected)
    #expect(blocks.entries.map(\.row).contains(other) && blocks.entries.map(\.row).contains(middle))
    #expect(blocks.entries.allSatisfy { $0.death.map { $0 > point } ?? true })
    #expect(blocks.range == ranges[0].lowerBound...(ranges[1].upperBound - 1) && blocks.leftOut == 0)
    let limited = try AddressHistory(profile: p, liveIn: ranges, at: point, assignment: assignment, limit: 1)
    #expect(limited.entries.map(\.row) == Array(expected.prefix(1)) && limited.leftOut == expected.count - 1)
  }
}
