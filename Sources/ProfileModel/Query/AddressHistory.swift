/// Every block that ever covered one address, in stream order (MemoryProfiler2's address
/// history, §3.6): when it was made and ended, its size, callstack and group, and how it ended.
///
/// Or the blocks live at one point inside address ranges, in address order (bytehound's
/// "Allocations in 0x… – 0x…"): what a memory map shows on screen.
public struct AddressHistory: Sendable {
  /// One block over the address.
  public struct Entry: Sendable, Equatable {
    /// The allocation row.
    public var row: Int
    public var address: UInt64
    public var size: UInt32
    public var callstack: Int
    /// `GroupAssignment.groups` index.
    public var group: Int
    public var birth: UInt32
    /// `nil` while live at the end of the capture.
    public var death: UInt32?
    public var birthFrame: Int
    public var deathFrame: Int?
    /// Freed, moved by a realloc (on any callstack), replaced, or still live.
    public var end: AllocationEnd
  }

  /// The address asked about (a range's lowest address).
  public let address: UInt64
  /// The lowest and highest address of the ranges asked about, for the blocks live in them.
  public let range: ClosedRange<UInt64>?
  public let entries: [Entry]
  /// Blocks in the ranges past `limit`, left out of `entries`.
  public let leftOut: Int
  /// The entry live at the point asked for, else the last one made at or before it
  /// (MemoryProfiler2 selects that row).
  public let selected: Int?

  /// - Parameters:
  ///   - query: only rows whose callstack (and tags, and query rule) pass count; `nil` for all.
  ///   - poolMask: only rows of these pools.
  ///   - point: the stream index whose block is selected (the diff end).
  /// - Complexity: one pass over the allocation rows.
  /// - Throws: `CancellationError`.
  public init(
    profile: Profile, address: UInt64, at point: UInt32, query: ViewQuery? = nil,
    poolMask: UInt8 = MemoryPool.allMask, assignment: GroupAssignment, cancel: CancelToken = .never
  ) throws {
    let a = profile.allocations
    // The rows over the address, found over raw buffers (one compare a row for most).
    var over: [Int] = []
    try a.address.withUnsafeBufferPointer { starts in
      try a.size.withUnsafeBufferPointer { sizes in
        for row in 0..<starts.count {
          if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
          let start = starts[row]
          guard start <= address, address - start < UInt64(max(sizes[row], 1)) else { continue }
          over.append(row)
        }
      }
    }
    let entries = over.compactMap {
      Self.entry(row: $0, profile: profile, query: query, poolMask: poolMask, assignment: assignment)
    }
    self.address = address
    self.entries = entries
    range = nil
    leftOut = 0
    selected =
      entries.lastIndex { $0.birth <= point && ($0.death ?? .max) > point }
      ?? entries.lastIndex { $0.birth <= point }
  }

  /// The blocks live at `point` that overlap any of `ranges`, in address order, at most
  /// `limit` of them (the rest counted in `leftOut`).
  ///
  /// - Parameter ranges: address ranges in ascending order, not overlapping (a memory map's
  ///   rows on screen, band by band).
  /// - Complexity: one pass over the rows born up to `point`, a binary search over the ranges
  ///   for each live one, then a sort of those found.
  /// - Throws: `CancellationError`.
  public init(
    profile: Profile, liveIn ranges: [Range<UInt64>], at point: UInt32, query: ViewQuery? = nil,
    poolMask: UInt8 = MemoryPool.allMask, assignment: GroupAssignment, limit: Int = 100_000,
    cancel: CancelToken = .never
  ) throws {
    let a = profile.allocations
    let born = profile.rowsBorn(atOrBefore: point)
    let passes = query?.filter.passes
    var inside: [Int] = []
    try a.address.withUnsafeBufferPointer { starts in
      try a.size.withUnsafeBufferPointer { sizes in
        try a.death.withUnsafeBufferPointer { deaths in
          try a.callstack.withUnsafeBufferPointer { callstacks in
            try a.flags.withUnsafeBufferPointer { flags in
              for row in 0..<born {
                if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
                guard deaths[row] > point, poolMask & (1 << (flags[row] & 3)) != 0 else { continue }
                if let passes, !passes[Int(callstacks[row])] { continue }
                let start = starts[row]
                let end = start &+ UInt64(max(sizes[row], 1))
                // The first range ending after the block's start: the block is in it when it
                // begins before that range's end.
                var (lo, hi) = (0, ranges.count)
                while lo < hi {
                  let mid = (lo + hi) / 2
                  if ranges[mid].upperBound <= start { lo = mid + 1 } else { hi = mid }
                }
                if lo < ranges.count && ranges[lo].lowerBound < end { inside.append(row) }
              }
            }
          }
        }
      }
    }
    // By address (rows are in birth order, so equal addresses stay in stream order); entries
    // made only for the rows listed.
    try a.address.withUnsafeBufferPointer { starts in
      try cancel.check()
      inside.sort { starts[$0] != starts[$1] ? starts[$0] < starts[$1] : $0 < $1 }
    }
    var entries: [Entry] = []
    entries.reserveCapacity(min(inside.count, limit))
    var listed = 0
    for row in inside {
      if entries.count < limit {
        guard
          let entry = Self.entry(row: row, profile: profile, query: query, poolMask: poolMask, assignment: assignment)
        else { continue }
        entries.append(entry)
        listed += 1
      } else if query?.filter.keeps(row: row, in: profile) ?? true {
        // Past the limit only counted (pools and callstacks were checked in the pass).
        listed += 1
      }
    }
    leftOut = listed - entries.count
    self.entries = entries
    address = ranges.first?.lowerBound ?? 0
    range = ranges.first.map { first in first.lowerBound...((ranges.last?.upperBound ?? 1) &- 1) }
    selected = entries.isEmpty ? nil : 0
  }

  /// A row's entry, or `nil` when its pool or the query leaves it out.
  private static func entry(
    row: Int, profile: Profile, query: ViewQuery?, poolMask: UInt8, assignment: GroupAssignment
  ) -> Entry? {
    let a = profile.allocations
    guard poolMask & (1 << (a.flags[row] & 3)) != 0 else { return nil }
    let callstack = Int(a.callstack[row])
    if let query {
      guard query.filter.passes[callstack], query.filter.keeps(row: row, in: profile) else { return nil }
    }
    let death = a.death[row] == AllocationTable.alive ? nil : a.death[row]
    let g = assignment.groupOfCallstack[callstack]
    return Entry(
      row: row, address: a.address[row], size: a.size[row], callstack: callstack,
      group: g >= 0 ? Int(g) : assignment.ungroupedIndex, birth: a.birth[row], death: death,
      birthFrame: profile.frames.frame(containing: a.birth[row]),
      deathFrame: death.map { profile.frames.frame(containing: $0) }, end: a.end(row))
  }
}
