/// Decodes fixed-width integers in one byte order; the stream parser is generic over it so the
/// hot loop is specialised for each order and never branches on it per field.
protocol ByteOrderDecoding: Sendable {
  static var isBigEndian: Bool { get }
  static func u16(_ p: UnsafeRawPointer, _ offset: Int) -> UInt16
  static func u32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32
  static func u64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64
}

extension ByteOrderDecoding {
  @inline(__always) static func i32(_ p: UnsafeRawPointer, _ offset: Int) -> Int32 {
    Int32(bitPattern: u32(p, offset))
  }
  @inline(__always) static func i64(_ p: UnsafeRawPointer, _ offset: Int) -> Int64 {
    Int64(bitPattern: u64(p, offset))
  }
}

/// Little-endian captures (PC, mobile, PS4-era platforms).
enum LittleEndianOrder: ByteOrderDecoding {
  static var isBigEndian: Bool { false }
  @inline(__always) static func u16(_ p: UnsafeRawPointer, _ offset: Int) -> UInt16 {
    UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }
  @inline(__always) static func u32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
  @inline(__always) static func u64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }
}

/// Big-endian captures (Xbox 360, PS3).
enum BigEndianOrder: ByteOrderDecoding {
  static var isBigEndian: Bool { true }
  @inline(__always) static func u16(_ p: UnsafeRawPointer, _ offset: Int) -> UInt16 {
    UInt16(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }
  @inline(__always) static func u32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
  @inline(__always) static func u64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }
}
