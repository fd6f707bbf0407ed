/// A window of a memory map: for each pixel, the live block covering most of it at a stream
/// index, its class group, the live bytes over it, and (heat mode) how many allocations touched
/// it (MemoryProfiler2's Memory Bitmap, §3.6).
///
/// Only blocks of callstacks (and rows) that pass the filters count, in the pools the address
/// space was made for. In a diff, blocks already live at the base are flagged so the new ones
/// stand out.
public struct MemoryMap: Sendable {
  /// What a map shows: which point, which base, which rows of the layout.
  public struct Request: Sendable, Equatable {
    /// The stream index whose live blocks are drawn (the diff end).
    public var at: UInt32
    /// The diff start, when it is a diff: blocks live there too are flagged `old`.
    public var base: UInt32?
    /// The first pixel row and how many.
    public var firstRow: Int
    public var rows: Int

    public init(at: UInt32, base: UInt32?, firstRow: Int, rows: Int) {
      self.at = at
      self.base = base
      self.firstRow = firstRow
      self.rows = rows
    }
  }

  public let layout: MemoryMapLayout
  public let request: Request
  /// Per pixel of the window, row-major: the allocation row covering most of it, −1 for none.
  public let block: [Int32]
  /// Per pixel: the class group of that block (`GroupAssignment.groups` index), −1 for free.
  public let group: [Int16]
  /// Per pixel: the block was live at the base too (a diff).
  public let old: [Bool]
  /// Per pixel: live bytes over it.
  public let bytes: [Int64]
  /// Per pixel: allocations made in the range that touched it (mallocs and realloc's new blocks
  /// from the base, exclusive, to the point, inclusive; from the start without a base), freed or
  /// not.
  public let heat: [UInt32]
  /// Live bytes and blocks in the whole layout (every band, not only the window), and those not
  /// live at the base.
  public let liveBytes: Int64
  public let liveBlocks: Int64
  public let newBytes: Int64

  /// Pixels per row.
  public var width: Int { layout.width }

  /// The pixel of the window at (`row` of the window, `column`).
  @inline(__always) public func index(row: Int, column: Int) -> Int { row * layout.width + column }

  /// - Complexity: one pass over the rows born up to the point (a binary search over the bands
  ///   for each live block, and each allocation of the heat range), plus the window's pixels.
  /// - Throws: `CancellationError`.
  public init(
    profile: Profile, query: ViewQuery, layout: MemoryMapLayout, poolMask: UInt8, request: Request,
    cancel: CancelToken = .never
  ) throws {
    self.layout = layout
    self.request = request
    let width = layout.width
    let windowStart = request.firstRow * width
    let count = max(request.rows, 0) * width
    let windowEnd = windowStart + count
    var block = [Int32](repeating: -1, count: count)
    var group = [Int16](repeating: -1, count: count)
    var old = [Bool](repeating: false, count: count)
    var bytes = [Int64](repeating: 0, count: count)
    var cover = [UInt64](repeating: 0, count: count)
    var heatSteps = [Int64](repeating: 0, count: count + 1)
    var live: Int64 = 0
    var blocks: Int64 = 0
    var fresh: Int64 = 0
    let a = profile.allocations
    let passes = query.filter.passes
    let filter = query.filter
    let assignment = query.assignment
    let point = request.at
    let base = request.base
    let heatFrom = base.map { Int64($0) } ?? -1
    let bpp = layout.bytesPerPixel
    let rows = profile.rowsBorn(atOrBefore: point)
    for row in 0..<rows {
      if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
      guard poolMask & (1 << (a.flags[row] & 3)) != 0 else { continue }
      let callstack = Int(a.callstack[row])
      guard passes[callstack], filter.keeps(row: row, in: profile) else { continue }
      let birth = a.birth[row]
      let isLive = a.death[row] > point
      let inHeat = Int64(birth) > heatFrom
      guard isLive || inHeat else { continue }
      let start = a.address[row]
      let end = AddressSpace.end(of: start, size: a.size[row])
      guard let band = layout.bandIndex(overlapping: start, end),
        let pixels = layout.pixels(from: start, to: end, band: band)
      else { continue }
      let bandRange = layout.bands[band].range
      let isOld = base.map { birth <= $0 } ?? false
      if isLive {
        let clipped = Int64(min(end, bandRange.upperBound) - max(start, bandRange.lowerBound))
        live += clipped
        blocks += 1
        if !isOld { fresh += clipped }
      }
      let first = max(pixels.lowerBound, windowStart)
      let last = min(pixels.upperBound, windowEnd - 1)
      guard first <= last else { continue }
      if inHeat {
        heatSteps[first - windowStart] += 1
        heatSteps[last - windowStart + 1] -= 1
      }
      guard isLive else { continue }
      let g = Int16(
        clamping: assignment.groupOfCallstack[callstack] >= 0
          ? Int(assignment.groupOfCallstack[callstack]) : assignment.ungroupedIndex)
      for pixel in first...last {
        let pixelStart = layout.pixelStart(pixel, band: band)
        let overlap: UInt64
        if pixel != pixels.lowerBound && pixel != pixels.upperBound {
          overlap = bpp
        } else {
          let (pixelEnd, overflow) = pixelStart.addingReportingOverflow(bpp)
          overlap = min(end, overflow ? UInt64.max : pixelEnd) - max(start, pixelStart)
        }
        let i = pixel - windowStart
        bytes[i] += Int64(overlap)
        // Live blocks never overlap: the one covering most of the pixel names it (the later of
        // equals).
        if overlap >= cover[i] {
          cover[i] = overlap
          block[i] = Int32(row)
          group[i] = g
          old[i] = isOld
        }
      }
    }
    var heat = [UInt32](repeating: 0, count: count)
    var running: Int64 = 0
    for i in 0..<count {
      running += heatSteps[i]
      heat[i] = UInt32(clamping: running)
    }
    self.block = block
    self.group = group
    self.old = old
    self.bytes = bytes
    self.heat = heat
    liveBytes = live
    liveBlocks = blocks
    newBytes = fresh
  }

  /// The most allocations any pixel of the window saw.
  public var maximumHeat: UInt32 { heat.max() ?? 0 }
}
