/// Where each address of an `AddressSpace` falls on a map `width` pixels wide: each region a
/// band of rows (left to right, top to bottom, as MemoryProfiler2 draws its bitmap), a
/// separator row between bands for the gap folded away.
public struct MemoryMapLayout: Sendable, Equatable {
  /// How many bytes a pixel covers.
  public enum Scale: Sendable, Equatable {
    /// The fewest bytes per pixel that fit every band in the rows available (MemoryProfiler2's
    /// `⌈range / pixels⌉` for one band).
    case fit
    /// `2^k` bytes per pixel; the map may be taller than the screen.
    case powerOfTwo(Int)
  }

  /// One region's rows.
  public struct Band: Sendable, Equatable {
    public var range: Range<UInt64>
    /// The band's first pixel row.
    public var firstRow: Int
    public var rows: Int
  }

  /// The rows between two bands: the gap they fold.
  public struct Separator: Sendable, Equatable {
    public var firstRow: Int
    /// The unused bytes between the bands.
    public var gap: Range<UInt64>
  }

  public let width: Int
  public let bytesPerPixel: UInt64
  public let bands: [Band]
  public let separators: [Separator]
  /// Pixel rows in a separator, and the multiple every band's rows are rounded to (2 when a
  /// text cell shows two pixel rows), so separators sit on whole cells.
  public let rowsPerCell: Int
  /// Pixel rows of the whole map.
  public let rowCount: Int

  public var bytesPerRow: UInt64 { bytesPerPixel &* UInt64(width) }

  /// The most pixels a layout has: 2^50 (the scale is raised to keep under it).
  static let pixelBits: UInt64 = 50

  /// - Parameters:
  ///   - width: pixels per row (at least 1).
  ///   - height: pixel rows the fit scale may use.
  /// - Complexity: O(regions × log(space size)) for the fit scale, O(regions) otherwise.
  public init(space: AddressSpace, width: Int, height: Int, scale: Scale, rowsPerCell: Int = 2) {
    let width = max(width, 1)
    let cell = max(rowsPerCell, 1)
    self.width = width
    self.rowsPerCell = cell
    let sizes = space.regions.map { $0.upperBound - $0.lowerBound }
    // At most 2^50 pixels in all, whatever the scale asked for: a space of 2^64 bytes at one
    // byte a pixel would overflow every row and pixel index (a hostile capture can span it).
    let spaceSize = sizes.reduce(UInt64(0)) { $0 &+ $1 }
    let fewest = Swift.max(spaceSize >> Self.pixelBits + (spaceSize & (1 << Self.pixelBits - 1) == 0 ? 0 : 1), 1)
    func rows(_ size: UInt64, _ bpp: UInt64) -> Int {
      let pixels = size / bpp + (size % bpp == 0 ? 0 : 1)
      let rows = Int(pixels / UInt64(width) + (pixels % UInt64(width) == 0 ? 0 : 1))
      return (rows + cell - 1) / cell * cell
    }
    func total(_ bpp: UInt64) -> Int {
      sizes.reduce(0) { $0 + rows($1, bpp) } + Swift.max(sizes.count - 1, 0) * cell
    }
    var bpp: UInt64
    switch scale {
    case .powerOfTwo(let k):
      bpp = UInt64(1) << UInt64(Swift.min(Swift.max(k, 0), 62))
      // Raised to the power of two that keeps the pixels countable.
      while bpp < fewest { bpp <<= 1 }
    case .fit:
      // The smallest bytes per pixel whose rows fit; rows only shrink as it grows.
      var low: UInt64 = fewest
      var high = max(sizes.max() ?? 1, 1)
      while low < high {
        let mid = low + (high - low) / 2
        if total(mid) <= max(height, 1) { high = mid } else { low = mid + 1 }
      }
      bpp = low
    }
    bytesPerPixel = bpp
    var bands: [Band] = []
    var separators: [Separator] = []
    var row = 0
    for (i, region) in space.regions.enumerated() {
      if let previous = bands.last {
        separators.append(Separator(firstRow: row, gap: previous.range.upperBound..<region.lowerBound))
        row += cell
      }
      bands.append(Band(range: region, firstRow: row, rows: rows(sizes[i], bpp)))
      row += bands[bands.count - 1].rows
    }
    self.bands = bands
    self.separators = separators
    rowCount = row
  }

  /// The band holding `address`, by binary search.
  public func bandIndex(of address: UInt64) -> Int? {
    var lo = 0
    var hi = bands.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if bands[mid].range.upperBound <= address { lo = mid + 1 } else { hi = mid }
    }
    return lo < bands.count && bands[lo].range.contains(address) ? lo : nil
  }

  /// The band a block `[start, end)` overlaps (blocks lie inside one region; a zoom can cut
  /// them), by binary search.
  @inline(__always) public func bandIndex(overlapping start: UInt64, _ end: UInt64) -> Int? {
    var lo = 0
    var hi = bands.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if bands[mid].range.upperBound <= start { lo = mid + 1 } else { hi = mid }
    }
    return lo < bands.count && bands[lo].range.lowerBound < end ? lo : nil
  }

  /// The first address a pixel covers, or `nil` on a separator or past a band's end.
  public func address(row: Int, column: Int) -> UInt64? {
    guard column >= 0 && column < width, let band = band(atRow: row) else { return nil }
    let offset = UInt64(row - bands[band].firstRow) &* bytesPerRow &+ UInt64(column) &* bytesPerPixel
    guard offset < bands[band].range.upperBound - bands[band].range.lowerBound else { return nil }
    return bands[band].range.lowerBound + offset
  }

  /// The band whose rows hold pixel row `row`.
  public func band(atRow row: Int) -> Int? {
    var lo = 0
    var hi = bands.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if bands[mid].firstRow + bands[mid].rows <= row { lo = mid + 1 } else { hi = mid }
    }
    return lo < bands.count && row >= bands[lo].firstRow ? lo : nil
  }

  /// The separator drawn at pixel row `row`.
  public func separator(atRow row: Int) -> Separator? {
    separators.first { row >= $0.firstRow && row < $0.firstRow + rowsPerCell }
  }

  /// The pixels (row-major indices, `row × width + column`) a block `[start, end)` covers, the
  /// part inside its band: a block that spans rows fills from its start to the row's end, whole
  /// rows, then the last row up to its end.
  @inline(__always) public func pixels(from start: UInt64, to end: UInt64, band: Int) -> ClosedRange<Int>? {
    let range = bands[band].range
    let lower = max(start, range.lowerBound)
    let upper = min(end, range.upperBound)
    guard lower < upper else { return nil }
    let origin = bands[band].firstRow * width
    return origin + Int((lower - range.lowerBound) / bytesPerPixel)...origin
      + Int((upper - 1 - range.lowerBound) / bytesPerPixel)
  }

  /// The first address of pixel `pixel` (row-major) in band `band`.
  @inline(__always) public func pixelStart(_ pixel: Int, band: Int) -> UInt64 {
    bands[band].range.lowerBound + UInt64(pixel - bands[band].firstRow * width) &* bytesPerPixel
  }
}
