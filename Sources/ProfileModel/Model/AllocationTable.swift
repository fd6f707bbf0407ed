/// The memory pool an allocation came from (PS3 GCM captures; everything else is `main`).
public enum MemoryPool: Int, Sendable, CaseIterable {
  case main = 0
  case local = 1
  case hostDefault = 2
  case hostMovies = 3

  /// MemoryProfiler2's flag value (Main 1, Local 2, HostDefault 4, HostMovies 8).
  public var flag: UInt8 { UInt8(1 << rawValue) }

  /// MemoryProfiler2's enum name, for example `MEMPOOL_Main`.
  public var enumName: String {
    switch self {
    case .main: return "MEMPOOL_Main"
    case .local: return "MEMPOOL_Local"
    case .hostDefault: return "MEMPOOL_HostDefault"
    case .hostMovies: return "MEMPOOL_HostMovies"
    }
  }

  /// The short name shown in filters.
  public var displayName: String {
    switch self {
    case .main: return "Main"
    case .local: return "Local"
    case .hostDefault: return "HostDefault"
    case .hostMovies: return "HostMovies"
    }
  }

  /// All pools, as a mask.
  public static let allMask: UInt8 = 0xF
}

/// How an allocation stopped being live.
public enum AllocationEnd: UInt8, Sendable {
  /// Still live at the end of the capture.
  case live = 0
  /// Freed (or reallocated to size zero).
  case freed = 1
  /// Moved or resized by a realloc; the new block is another allocation.
  case reallocated = 2
  /// The same pointer was allocated again without a free (MemoryProfiler2 replaces the entry).
  case replaced = 3
}

/// One row per successful allocation (a malloc, or the new block of a realloc), in stream order.
///
/// Every view is a query over these columns.
public struct AllocationTable: Sendable {
  public internal(set) var address: Column<UInt64> = []
  /// Requested size in bytes.
  public internal(set) var size: Column<UInt32> = []
  public internal(set) var callstack: Column<Int32> = []
  /// Index into the tags table, or −1 for untagged.
  public internal(set) var tags: Column<Int32> = []
  /// Stream index of the token that made the block.
  public internal(set) var birth: Column<UInt32> = []
  /// Stream index of the token that ended it; `UInt32.max` while live at the end.
  public internal(set) var death: Column<UInt32> = []
  /// For a realloc's new block: the allocation it replaced; −1 otherwise.
  public internal(set) var reallocatedFrom: Column<Int32> = []
  /// Low 2 bits: pool; bits 2–3: how it ended (`AllocationEnd`).
  public internal(set) var flags: Column<UInt8> = []

  public var count: Int { address.count }

  /// Stream index used for "never ended".
  public static let alive = UInt32.max

  public func pool(_ index: Int) -> MemoryPool { MemoryPool(rawValue: Int(flags[index] & 3)) ?? .main }
  public func end(_ index: Int) -> AllocationEnd {
    AllocationEnd(rawValue: (flags[index] >> 2) & 3) ?? .live
  }

  /// Whether allocation `index` is live just after the token at `streamIndex`.
  @inline(__always) public func isLive(_ index: Int, at streamIndex: UInt32) -> Bool {
    birth[index] <= streamIndex && death[index] > streamIndex
  }
}
