/// A window over the token stream: large `pread`s into one reused buffer, continuing across the parts of a multi-part
/// capture.
///
/// The parser asks for `n` bytes with `need(_:)` and reads them at `cursor` without further checks.
final class TokenReader {
  @exclusivity(unchecked) private(set) var file: CaptureFile
  let buffer: UnsafeMutableRawPointer
  let capacity: Int
  /// Valid bytes are `buffer[cursor ..< end]`; `buffer[0]` is at `bufferFileOffset`.
  @exclusivity(unchecked) var cursor = 0
  @exclusivity(unchecked) var end = 0
  @exclusivity(unchecked) private(set) var bufferFileOffset: UInt64
  /// Bytes consumed in parts already finished, for progress.
  @exclusivity(unchecked) private(set) var finishedPartBytes: UInt64 = 0
  /// Where the stream of the current part must end: the first table in the first file, the end
  /// of the file in later parts.
  @exclusivity(unchecked) private(set) var streamEnd: UInt64

  init(file: CaptureFile, startOffset: UInt64, streamEnd: UInt64, capacity: Int = 4 << 20) {
    self.file = file
    self.capacity = capacity
    self.buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    self.bufferFileOffset = startOffset
    self.streamEnd = min(streamEnd, file.size)
  }

  deinit { buffer.deallocate() }

  /// File offset of the cursor in the current part.
  var offset: UInt64 { bufferFileOffset + UInt64(cursor) }

  /// Bytes of the whole capture consumed so far.
  var consumed: UInt64 { finishedPartBytes + offset }

  /// Makes sure `n` bytes are available at `cursor`.
  @inline(__always) func need(_ n: Int, _ what: @autoclosure () -> String) throws {
    if end - cursor < n { try refill(n, what()) }
  }

  private func refill(_ n: Int, _ what: String) throws {
    guard n <= capacity else {
      throw MprofError.invalidValue(
        path: file.path, offset: offset, message: "\(what) is larger than \(capacity) bytes")
    }
    let kept = end - cursor
    if kept > 0 && cursor > 0 { buffer.copyMemory(from: buffer + cursor, byteCount: kept) }
    bufferFileOffset += UInt64(cursor)
    cursor = 0
    end = kept
    while end < n {
      let readFrom = bufferFileOffset + UInt64(end)
      let room = readFrom < streamEnd ? Int(min(UInt64(capacity - end), streamEnd - readFrom)) : 0
      let got = room > 0 ? try file.read(into: buffer + end, count: room, at: readFrom) : 0
      if got == 0 {
        if streamEnd < file.size && readFrom >= streamEnd {
          throw MprofError.invalidValue(
            path: file.path, offset: offset,
            message: "the token stream runs into the tables at offset \(streamEnd) without an end-of-stream "
              + "token (expected \(what))")
        }
        throw MprofError.truncated(path: file.path, offset: offset, expected: what)
      }
      end += got
    }
  }

  /// Continues the stream at offset 0 of the next part.
  func switchTo(_ next: CaptureFile) {
    finishedPartBytes += file.size
    file = next
    streamEnd = next.size
    cursor = 0
    end = 0
    bufferFileOffset = 0
  }
}
