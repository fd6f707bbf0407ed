/// Appends fixed-width values in one byte order to a byte buffer.
struct ByteSink {
  var bytes: [UInt8] = []
  let bigEndian: Bool

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u16(_ v: UInt16) {
    let x = bigEndian ? v.bigEndian : v.littleEndian
    withUnsafeBytes(of: x) { bytes.append(contentsOf: $0) }
  }
  mutating func u32(_ v: UInt32) {
    let x = bigEndian ? v.bigEndian : v.littleEndian
    withUnsafeBytes(of: x) { bytes.append(contentsOf: $0) }
  }
  mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
  mutating func u64(_ v: UInt64) {
    let x = bigEndian ? v.bigEndian : v.littleEndian
    withUnsafeBytes(of: x) { bytes.append(contentsOf: $0) }
  }
  mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }

  /// A memory token in one call (one access to the writer's buffer).
  ///
  /// The pointer word, the new pointer of a realloc, and for an allocation its callstack, tags
  /// (v7), size and GCM pool byte. Returns the bytes buffered.
  mutating func memoryToken(
    _ first: UInt64, then second: UInt64?,
    allocation: (callstack: Int32, tags: Int32?, size: UInt32, pool: MemoryPool?)?
  ) -> Int {
    // Laid out in a word-sized scratch on the stack, then appended at once (a token is at most
    // 8 + 8 + 4 + 4 + 4 + 1 bytes).
    var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    let bigEndian = bigEndian
    let length = withUnsafeMutableBytes(of: &scratch) { raw -> Int in
      var at = 0
      func put<T: FixedWidthInteger>(_ value: T) {
        raw.storeBytes(of: bigEndian ? value.bigEndian : value.littleEndian, toByteOffset: at, as: T.self)
        at += MemoryLayout<T>.size
      }
      put(first)
      if let second { put(second) }
      if let allocation {
        put(allocation.callstack)
        if let tags = allocation.tags { put(tags) }
        if let pool = allocation.pool {
          put((allocation.size & 0x7FFF_FFFF) | 0x8000_0000)
          // The pool's bits in the byte after the size: 0x00, 0x20, 0x40, 0x80.
          put(UInt8(truncatingIfNeeded: pool.rawValue == 0 ? 0 : 0x10 << pool.rawValue))
        } else {
          put(allocation.size & 0x7FFF_FFFF)
        }
      }
      return at
    }
    withUnsafeBytes(of: &scratch) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
    return bytes.count
  }

  /// An "ANSI char array": `i32 max(len, minChars)`, the bytes, zero padding.
  mutating func ansi(_ s: String, minChars: Int = 0) {
    let utf8 = Array(s.utf8)
    let length = max(utf8.count, minChars)
    i32(Int32(length))
    bytes.append(contentsOf: utf8)
    bytes.append(contentsOf: repeatElement(0, count: length - utf8.count))
  }

  /// A UE4 `FString`: `i32 N` with the terminating NUL counted; UCS-2 (little-endian) if not ASCII.
  mutating func fstring(_ s: String) {
    if s.isEmpty {
      i32(0)
    } else if s.utf8.allSatisfy({ $0 < 0x80 }) {
      i32(Int32(s.utf8.count + 1))
      bytes.append(contentsOf: s.utf8)
      bytes.append(0)
    } else {
      let units = Array(s.utf16)
      i32(-Int32(units.count + 1))
      for unit in units + [0] {
        bytes.append(UInt8(unit & 0xFF))
        bytes.append(UInt8(unit >> 8))
      }
    }
  }
}
