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
