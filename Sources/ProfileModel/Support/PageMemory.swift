#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Large zero-filled buffers touched at random, such as the token pass's live-pointer map.
///
/// On Linux they are marked for transparent huge pages, which cut the TLB misses and page faults of tens of megabytes
/// of random access. Free them with `deallocate()` like any `UnsafeMutablePointer`. (The allocation columns are written
/// in order and mostly over-reserved; 2 MB pages there measured no faster, cost up to 2 MB per column and made load
/// times vary more.)
enum PageMemory {
  /// Buffers of at least this many bytes are marked for huge pages.
  static let hugePageThreshold = 4 << 20

  /// A zero-filled buffer of `count` values of `T`.
  static func allocateZeroed<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
    let capacity = max(count, 1)
    let base = UnsafeMutablePointer<T>.allocate(capacity: capacity)
    let bytes = capacity * MemoryLayout<T>.stride
    #if os(Linux)
      if bytes >= hugePageThreshold {
        let page = 4096
        let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(page - 1)
        if let aligned = UnsafeMutableRawPointer(bitPattern: start), end > start {
          _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        }
      }
    #endif
    UnsafeMutableRawPointer(base).initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    return base
  }
}
