/// Every block that ever covered one address, in stream order (MemoryProfiler2's address
/// history, §3.6): when it was made and ended, its size, callstack and group, and how it ended.
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

  public let address: UInt64
  public let entries: [Entry]
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
    var entries: [Entry] = []
    for row in over {
      let start = a.address[row]
      guard poolMask & (1 << (a.flags[row] & 3)) != 0 else { continue }
      let callstack = Int(a.callstack[row])
      if let query {
        guard query.filter.passes[callstack], query.filter.keeps(row: row, in: profile) else { continue }
      }
      let death = a.death[row] == AllocationTable.alive ? nil : a.death[row]
      let g = assignment.groupOfCallstack[callstack]
      entries.append(
        Entry(
          row: row, address: start, size: a.size[row], callstack: callstack,
          group: g >= 0 ? Int(g) : assignment.ungroupedIndex, birth: a.birth[row], death: death,
          birthFrame: profile.frames.frame(containing: a.birth[row]),
          deathFrame: death.map { profile.frames.frame(containing: $0) }, end: a.end(row)))
    }
    self.address = address
    self.entries = entries
    selected =
      entries.lastIndex { $0.birth <= point && ($0.death ?? .max) > point }
      ?? entries.lastIndex { $0.birth <= point }
  }
}
