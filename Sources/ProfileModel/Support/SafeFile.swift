#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens input files without surprises: only regular files (a FIFO would block for ever, a
/// device could be endless), checked before and after opening, read-only.
enum SafeFile {
  /// Opens `path` for reading; returns the descriptor and the size.
  ///
  /// - Throws: `MprofError.cannotOpen` for a missing or unreadable file, or one that is not a
  ///   regular file.
  static func openRegular(_ path: String, what: String) throws -> (fd: Int32, size: UInt64) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    try checkRegular(info, path: path, what: what)
    // O_NONBLOCK: if the path was swapped for a FIFO since the check, open does not wait.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    guard fstat(fd, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw MprofError.cannotOpen(path: path, reason: reason)
    }
    do {
      try checkRegular(info, path: path, what: what)
    } catch {
      close(fd)
      throw error
    }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    return (fd, UInt64(info.st_size))
  }

  private static func checkRegular(_ info: stat, path: String, what: String) throws {
    let kind = info.st_mode & S_IFMT
    guard kind != S_IFREG else { return }
    let name: String
    switch kind {
    case S_IFDIR: name = "a directory"
    case S_IFIFO: name = "a FIFO"
    case S_IFCHR, S_IFBLK: name = "a device"
    case S_IFSOCK: name = "a socket"
    default: name = "not a regular file"
    }
    throw MprofError.cannotOpen(path: path, reason: "is \(name), not a \(what) file")
  }

  /// The whole of a regular file of at most `limit` bytes.
  ///
  /// - Throws: `MprofError.cannotOpen` as `openRegular`, or when the file is larger than `limit`.
  static func read(_ path: String, limit: Int, what: String) throws -> [UInt8] {
    let (fd, size) = try openRegular(path, what: what)
    defer { close(fd) }
    guard size <= UInt64(limit) else {
      throw MprofError.cannotOpen(
        path: path, reason: "the \(what) file is \(size >> 20) MB, more than the \(limit >> 20) MB allowed")
    }
    var bytes = [UInt8](repeating: 0, count: Int(size))
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return systemRead(fd, base + done, buffer.count - done)
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      done += n
    }
    return Array(bytes.prefix(done))
  }
}

/// `read(2)`, named apart from the static method above.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}
