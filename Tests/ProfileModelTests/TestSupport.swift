import Foundation
@_exported import TestSupport
import Testing

@testable import ProfileModel

/// Builds capture bytes by hand for layouts the writer does not make (v2, v3) and for damage.
struct CaptureBytes {
  var bytes: [UInt8] = []
  var bigEndian = false
  var count: Int { bytes.count }

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u16(_ v: UInt16) { append(bigEndian ? v.bigEndian : v.littleEndian) }
  mutating func u32(_ v: UInt32) { append(bigEndian ? v.bigEndian : v.littleEndian) }
  mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
  mutating func u64(_ v: UInt64) { append(bigEndian ? v.bigEndian : v.littleEndian) }
  mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
  mutating func ansi(_ s: String, min: Int = 0) {
    let b = Array(s.utf8)
    i32(Int32(Swift.max(b.count, min)))
    bytes += b + [UInt8](repeating: 0, count: Swift.max(0, min - b.count))
  }
  private mutating func append<T>(_ v: T) { withUnsafeBytes(of: v) { bytes += $0 } }
  mutating func patch32(at offset: Int, _ v: UInt32) {
    let x = bigEndian ? v.bigEndian : v.littleEndian
    withUnsafeBytes(of: x) { for i in 0..<4 { bytes[offset + i] = $0[i] } }
  }
  func write(to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
}

/// Loads and returns the error, if any.
func loadError(_ path: String) -> MprofError? {
  do {
    _ = try ProfileLoader.load(path: path)
    return nil
  } catch let e as MprofError {
    return e
  } catch {
    Issue.record("unexpected error type: \(error)")
    return nil
  }
}
