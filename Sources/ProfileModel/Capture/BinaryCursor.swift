/// A bounds-checked reader over bytes already in memory (the header and the tables), in one byte order.
///
/// Every read throws `MprofError.truncated` instead of running past the end.
struct BinaryCursor {
  let bytes: [UInt8]
  /// File offset of `bytes[0]`, for messages.
  let baseOffset: UInt64
  let path: String
  let bigEndian: Bool
  var position = 0

  init(bytes: [UInt8], baseOffset: UInt64, path: String, bigEndian: Bool) {
    self.bytes = bytes
    self.baseOffset = baseOffset
    self.path = path
    self.bigEndian = bigEndian
  }

  var fileOffset: UInt64 { baseOffset + UInt64(position) }
  var remaining: Int { bytes.count - position }

  /// Moves to an absolute file offset inside the buffer.
  mutating func seek(toFileOffset offset: UInt64, what: String) throws {
    guard offset >= baseOffset, offset - baseOffset <= UInt64(bytes.count) else {
      throw MprofError.invalidValue(
        path: path, offset: offset, message: "\(what) offset \(offset) lies outside the file")
    }
    position = Int(offset - baseOffset)
  }

  private func need(_ n: Int, _ what: @autoclosure () -> String) throws {
    if n < 0 || remaining < n {
      throw MprofError.truncated(path: path, offset: fileOffset, expected: what())
    }
  }

  mutating func u8(_ what: @autoclosure () -> String = "a byte") throws -> UInt8 {
    try need(1, what())
    defer { position += 1 }
    return bytes[position]
  }

  mutating func u16(_ what: @autoclosure () -> String = "a 16-bit value") throws -> UInt16 {
    try need(2, what())
    let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt16.self) }
    position += 2
    return bigEndian ? UInt16(bigEndian: v) : UInt16(littleEndian: v)
  }

  mutating func u32(_ what: @autoclosure () -> String = "a 32-bit value") throws -> UInt32 {
    try need(4, what())
    let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) }
    position += 4
    return bigEndian ? UInt32(bigEndian: v) : UInt32(littleEndian: v)
  }

  mutating func i32(_ what: @autoclosure () -> String = "a 32-bit value") throws -> Int32 {
    Int32(bitPattern: try u32(what()))
  }

  mutating func u64(_ what: @autoclosure () -> String = "a 64-bit value") throws -> UInt64 {
    try need(8, what())
    let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self) }
    position += 8
    return bigEndian ? UInt64(bigEndian: v) : UInt64(littleEndian: v)
  }

  mutating func i64(_ what: @autoclosure () -> String = "a 64-bit value") throws -> Int64 {
    Int64(bitPattern: try u64(what()))
  }

  mutating func skip(_ n: Int, _ what: @autoclosure () -> String) throws {
    try need(n, what())
    position += n
  }

  /// Reads a string as MemoryProfiler2 does: `i32 L`; L > 0 → L single bytes with every NUL
  /// dropped; L < 0 → −L UCS-2 units (little-endian, as the engine writes them), NULs dropped.
  mutating func string(_ what: @autoclosure () -> String = "a string") throws -> String {
    let start = fileOffset
    let length = try i32("the length of \(what())")
    if length == 0 { return "" }
    if length > 0 {
      let n = Int(length)
      guard remaining >= n else {
        throw MprofError.truncated(
          path: path, offset: start, expected: "\(what()) of \(n) bytes")
      }
      var scalars = String.UnicodeScalarView()
      var allASCII = true
      for i in position..<(position + n) where bytes[i] >= 0x80 {
        allASCII = false
        break
      }
      let result: String
      if allASCII {
        var slice = Array(bytes[position..<(position + n)])
        slice.removeAll { $0 == 0 }
        result = String(decoding: slice, as: UTF8.self)
      } else {
        for i in position..<(position + n) where bytes[i] != 0 {
          scalars.append(Unicode.Scalar(bytes[i]))
        }
        result = String(scalars)
      }
      position += n
      return result
    }
    let units = -Int(length)
    guard units <= remaining / 2 else {
      throw MprofError.truncated(
        path: path, offset: start, expected: "\(what()) of \(units) UTF-16 units")
    }
    var code: [UInt16] = []
    code.reserveCapacity(units)
    for i in 0..<units {
      let lo = UInt16(bytes[position + 2 * i])
      let hi = UInt16(bytes[position + 2 * i + 1])
      let unit = lo | (hi << 8)
      if unit != 0 { code.append(unit) }
    }
    position += units * 2
    return String(decoding: code, as: UTF16.self)
  }

  /// Reads a header "ANSI char array" and cuts it at the first NUL (the padding).
  mutating func headerString(_ what: String) throws -> String {
    let start = fileOffset
    let length = try i32("the length of \(what)")
    guard length >= 0, length <= 65536 else {
      throw MprofError.invalidValue(
        path: path, offset: start, message: "expected the length of \(what) (0–65536), found \(length)")
    }
    guard Int(length) <= remaining else {
      throw MprofError.truncated(path: path, offset: fileOffset, expected: "the \(length) bytes of \(what)")
    }
    let n = Int(length)
    var end = position
    while end < position + n && bytes[end] != 0 { end += 1 }
    let text = String(decoding: bytes[position..<end].map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    position += n
    return text
  }
}
