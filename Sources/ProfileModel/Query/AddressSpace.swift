/// The parts of the address space a capture's blocks ever used, as sorted ranges far enough
/// apart to be worth folding (bytehound's rule: a gap over 30 MiB starts a new region).
///
/// MemoryProfiler2 draws one linear range from the lowest block to the end of the highest; one
/// block mapped far from the heap then makes every pixel cover megabytes. Regions keep a sparse
/// 64-bit space readable; `linear` gives MemoryProfiler2's range.
public struct AddressSpace: Sendable, Equatable {
  /// Used ranges in address order, each from its lowest block's start to its highest block's
  /// end; consecutive regions are more than `gap` bytes apart.
  public let regions: [Range<UInt64>]
  /// The largest gap kept inside a region.
  public let gap: UInt64

  /// bytehound's threshold.
  public static let defaultGap: UInt64 = 30 << 20
  /// The granule the pass works in (1 MiB, or the largest power of two within `gap`): blocks
  /// within one are collected together, which is exact since no gap inside it exceeds `gap`.
  static func pageBits(gap: UInt64) -> UInt64 { min(20, UInt64(63 - max(gap, 1).leadingZeroBitCount)) }

  public init(regions: [Range<UInt64>], gap: UInt64) {
    self.regions = regions
    self.gap = gap
  }

  /// The ranges every block of the pools in `poolMask` ever covered, in any snapshot.
  ///
  /// - Complexity: one pass over the allocation rows (a table of granules, the last one cached),
  ///   then a sort of the granules used.
  /// - Throws: `CancellationError`.
  public init(profile: Profile, poolMask: UInt8, gap: UInt64 = defaultGap, cancel: CancelToken = .never) throws {
    let a = profile.allocations
    var pages = IntegerMap(capacity: 1024)
    var lower: [UInt64] = []
    var upper: [UInt64] = []
    var spans: [Range<UInt64>] = []
    let pageBits = Self.pageBits(gap: gap)
    var cachedPage = UInt64.max
    var cachedSlot = -1
    for row in 0..<a.count {
      if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
      guard poolMask & (1 << (a.flags[row] & 3)) != 0 else { continue }
      let start = a.address[row]
      let end = Self.end(of: start, size: a.size[row])
      let page = start >> pageBits
      guard (end - 1) >> pageBits == page else {
        spans.append(start..<end)
        continue
      }
      if page != cachedPage {
        let next = Int32(lower.count)
        let slot = Int(pages.value(for: page, orInsert: { next }))
        if slot == lower.count {
          lower.append(start)
          upper.append(end)
        }
        cachedPage = page
        cachedSlot = slot
      }
      lower[cachedSlot] = min(lower[cachedSlot], start)
      upper[cachedSlot] = max(upper[cachedSlot], end)
    }
    var ranges = spans
    ranges.reserveCapacity(spans.count + lower.count)
    for i in lower.indices { ranges.append(lower[i]..<upper[i]) }
    self.init(merging: ranges, gap: gap)
  }

  /// `ranges` sorted and merged wherever the gap between them is at most `gap`.
  public init(merging ranges: [Range<UInt64>], gap: UInt64) {
    var merged: [Range<UInt64>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
      if let last = merged.last, range.lowerBound <= last.upperBound || range.lowerBound - last.upperBound <= gap {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    self.init(regions: merged, gap: gap)
  }

  /// The end of a block (a zero-byte block covers one byte, so it shows), saturating at the top.
  @inline(__always) static func end(of start: UInt64, size: UInt32) -> UInt64 {
    let (sum, overflow) = start.addingReportingOverflow(UInt64(max(size, 1)))
    return overflow ? UInt64.max : sum
  }

  /// MemoryProfiler2's range: one region from the lowest start to the highest end.
  public var linear: AddressSpace {
    guard let first = regions.first, let last = regions.last else { return self }
    return AddressSpace(regions: [first.lowerBound..<last.upperBound], gap: gap)
  }

  /// The regions inside `range` (a zoom).
  public func clipped(to range: Range<UInt64>) -> AddressSpace {
    AddressSpace(
      regions: regions.compactMap { region in
        let lower = max(region.lowerBound, range.lowerBound)
        let upper = min(region.upperBound, range.upperBound)
        return lower < upper ? lower..<upper : nil
      }, gap: gap)
  }

  /// From the first region's start to the last one's end.
  public var span: Range<UInt64>? {
    guard let first = regions.first, let last = regions.last else { return nil }
    return first.lowerBound..<last.upperBound
  }

  /// Bytes inside the regions.
  public var size: UInt64 { regions.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }
}
