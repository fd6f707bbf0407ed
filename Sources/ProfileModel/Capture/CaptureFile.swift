#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An open capture part, read with `pread` (never written to, never mapped: a file truncated
/// while we read it gives a clear error, not a SIGBUS).
final class CaptureFile {
  let path: String
  let size: UInt64
  private let fd: Int32

  /// Opens a part: a regular file only (a FIFO, device or directory is refused before it is
  /// opened, so reading never blocks).
  init(path: String) throws {
    let (fd, size) = try SafeFile.openRegular(path, what: "capture")
    self.fd = fd
    self.path = path
    self.size = size
    #if os(Linux)
      _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    #endif
  }

  deinit { close(fd) }

  /// Reads up to `count` bytes at `offset` into `buffer`; returns how many were read.
  func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) throws -> Int {
    var done = 0
    while done < count {
      let n = pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
      if n < 0 {
        if errno == EINTR { continue }
        throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Reads `[offset, offset + count)`, clipped to the file's end.
  func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
    guard offset < size else { return [] }
    let n = Int(min(UInt64(count), size - offset))
    var result = [UInt8](repeating: 0, count: n)
    let got = try result.withUnsafeMutableBytes { buffer -> Int in
      guard let base = buffer.baseAddress else { return 0 }
      return try read(into: base, count: n, at: offset)
    }
    if got < n { result.removeLast(n - got) }
    return result
  }

  /// The path of part `n` of a multi-part capture: the extension replaced by `.m<n>`.
  static func partPath(base: String, part: Int) -> String {
    let slash = base.lastIndex(of: "/")
    if let dot = base.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true {
      return String(base[..<dot]) + ".m\(part)"
    }
    return base + ".m\(part)"
  }
}
