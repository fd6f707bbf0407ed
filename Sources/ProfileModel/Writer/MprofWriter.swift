#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes `.mprof` captures of versions 4 to 7 in either byte order, as the engine does: a header with zero offsets, tokens,
/// end-of-stream, tables, then the real header.
///
/// Version 4 can be split into parts (`.m1`, `.m2`, …) with the tables appended to the first file.
public final class MprofWriter {
  public struct Configuration: Sendable {
    public var version: UInt32 = 7
    public var bigEndian = false
    public var platformName = "Linux"
    public var executableName = "UE4Game"
    /// Write file, function and line for every address (20-byte address entries).
    public var symbols = true
    /// v4 only: start a new part once the current one holds more than this many bytes (at most
    /// `MprofWriter.maxParts` parts in all).
    public var splitBytes: UInt64? = nil
    /// Ends the stream with its end-of-stream token (the engine always does; false makes a
    /// damaged capture for testing readers).
    public var writesEndOfStream = true
    public init() {}
  }

  public let path: String
  public let configuration: Configuration
  private var sink: ByteSink
  private var fd: Int32
  /// The most data files a capture may have (the reader's limit).
  public static let maxParts = 10_000
  private var part = 0
  private var partBytes: UInt64 = 0
  private var names: [String] = []
  private var nameIndex: [String: Int32] = [:]
  private var addresses: [(pc: UInt64, file: Int32, function: Int32, line: Int32)] = []
  private var addressIndex: [UInt64: Int32] = [:]
  private var callstacks: [(frames: [Int32], truncated: Bool)] = []
  private var callstackIndex: [[Int32]: Int32] = [:]
  private var tagSets: [String] = []
  private var tagIndex: [String: Int32] = [:]
  private var metadata: [(String, String)] = []
  private var modules: [ModuleInfo] = []
  private var finished = false

  /// Size of the header for `version` (both strings ≤ 255 characters).
  static func headerSize(version: UInt32) -> Int {
    switch version {
    case 4: return 566
    case 5: return 594
    case 6: return 610
    default: return 626
    }
  }

  /// Creates the file and writes the header with its offsets still zero.
  public init(path: String, configuration: Configuration = Configuration()) throws {
    guard (4...7).contains(configuration.version) else {
      throw MprofError.invalidValue(
        path: path, offset: 4, message: "the writer makes versions 4 to 7, not \(configuration.version)")
    }
    self.path = path
    self.configuration = configuration
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    sink = ByteSink(bigEndian: configuration.bigEndian)
    sink.bytes.reserveCapacity(1 << 20)
    sink.bytes.append(contentsOf: repeatElement(0, count: Self.headerSize(version: configuration.version)))
  }

  deinit { if fd >= 0 { close(fd) } }

  // MARK: - Tables

  /// The name-table index of `text`, adding it once.
  @discardableResult public func name(_ text: String) -> Int32 {
    if let known = nameIndex[text] { return known }
    let index = Int32(names.count)
    names.append(text)
    nameIndex[text] = index
    return index
  }

  /// The address-table index of a program counter, adding it (with its symbol) once.
  public func address(pc: UInt64, function: String, file: String, line: Int32) -> Int32 {
    if let known = addressIndex[pc] { return known }
    let index = Int32(addresses.count)
    addresses.append((pc, name(file), name(function), line))
    addressIndex[pc] = index
    return index
  }

  /// The callstack-table index of a stack given innermost frame first, adding it once.
  public func callstack(innermostFirst frames: [Int32], truncated: Bool = false) -> Int32 {
    if let known = callstackIndex[frames] { return known }
    let index = Int32(callstacks.count)
    callstacks.append((frames, truncated))
    callstackIndex[frames] = index
    return index
  }

  /// The tags-table index of a tag set such as `Subsystem:Audio;Asset:Meshes;` (v7).
  public func tagSet(_ raw: String) -> Int32 {
    if let known = tagIndex[raw] { return known }
    let index = Int32(tagSets.count)
    tagSets.append(raw)
    tagIndex[raw] = index
    return index
  }

  public func addMetadata(key: String, value: String) { metadata.append((key, value)) }
  public func addModule(_ module: ModuleInfo) { modules.append(module) }

  // MARK: - Tokens

  /// A malloc token.
  ///
  /// `pool` adds the GCM pool byte.
  public func malloc(pointer: UInt64, size: UInt32, callstack: Int32, tags: Int32 = -1, pool: MemoryPool? = nil) throws
  {
    let buffered = sink.memoryToken(
      pointer & ~3, then: nil, allocation: (callstack, configuration.version >= 7 ? tags : nil, size, pool))
    try afterMemoryOperation(buffered)
  }

  /// A free token.
  public func free(pointer: UInt64) throws {
    try afterMemoryOperation(sink.memoryToken((pointer & ~3) | 1, then: nil, allocation: nil))
  }

  /// A realloc token.
  public func realloc(
    old: UInt64, new: UInt64, size: UInt32, callstack: Int32, tags: Int32 = -1, pool: MemoryPool? = nil
  ) throws {
    let buffered = sink.memoryToken(
      (old & ~3) | 2, then: new, allocation: (callstack, configuration.version >= 7 ? tags : nil, size, pool))
    try afterMemoryOperation(buffered)
  }

  private func other(_ subtype: TokenSubtype, payload: UInt32) {
    sink.u64(3)
    sink.i32(subtype.rawValue)
    sink.u32(payload)
  }

  private func statsBlock(_ stats: [(String, Int64)]) {
    sink.u8(UInt8(min(stats.count, 254)))
    for (statName, value) in stats.prefix(254) {
      sink.i32(name(statName))
      sink.i64(value)
    }
  }

  /// A snapshot marker (plain, LoadMap, GC or LevelStream) with its trailer.
  public func snapshot(
    _ subtype: TokenSubtype = .snapshot, label: String, stats: [(String, Int64)] = [], levels: [String] = []
  ) throws {
    other(subtype, payload: UInt32(name(label)))
    statsBlock(stats)
    sink.u16(UInt16(levels.count))
    for level in levels { sink.i32(name(level)) }
    try flushIfLarge()
  }

  /// A frame marker with the frame's duration.
  public func frame(deltaTime: Float) throws {
    other(.frameTime, payload: deltaTime.bitPattern)
    try flushIfLarge()
  }

  /// A periodic memory-stats token.
  public func stats(_ stats: [(String, Int64)]) throws {
    other(.memoryAllocationStats, payload: 0)
    statsBlock(stats)
    try flushIfLarge()
  }

  /// After a memory token, with the bytes now buffered: a new part when one is due, a flush
  /// when the buffer is large.
  private func afterMemoryOperation(_ buffered: Int) throws {
    if configuration.version == 4, let limit = configuration.splitBytes,
      partBytes + UInt64(buffered) > limit
    {
      // The reader accepts at most `maxParts` data files (as the engine writes).
      guard part + 2 <= MprofWriter.maxParts else {
        throw MprofError.invalidValue(
          path: path, offset: partBytes,
          message: "splitting every \(limit) bytes needs more than \(MprofWriter.maxParts) parts; split less often")
      }
      other(.endOfFile, payload: 0)
      try flush()
      if part > 0 { close(fd) }
      part += 1
      let partPath = CaptureFile.partPath(base: path, part: part)
      fd = open(partPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw MprofError.cannotOpen(path: partPath, reason: String(cString: strerror(errno))) }
      partBytes = 0
      return
    }
    if buffered >= 1 << 20 { try flush() }
  }

  @inline(__always) private func flushIfLarge() throws {
    if sink.bytes.count >= 1 << 20 { try flush() }
  }

  private func flush() throws {
    try writeAll(sink.bytes, to: fd, path: part == 0 ? path : CaptureFile.partPath(base: path, part: part))
    partBytes += UInt64(sink.bytes.count)
    sink.bytes.removeAll(keepingCapacity: true)
  }

  private func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return write(fd, base + done, bytes.count - done)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
      }
      done += n
    }
  }

  // MARK: - Finish

  /// Writes the end-of-stream token, the tables and the header, and closes the file(s).
  public func finish(endStats: [(String, Int64)] = []) throws {
    guard !finished else { return }
    finished = true
    if configuration.writesEndOfStream {
      other(.endOfStream, payload: 0)
      statsBlock(endStats)
      sink.u16(0)
    }
    try flush()
    var tableOffset: UInt64
    if part > 0 {
      close(fd)
      fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
      guard fd >= 0 else { throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
      tableOffset = UInt64(lseek(fd, 0, SEEK_END))
    } else {
      tableOffset = partBytes
    }

    var t = ByteSink(bigEndian: configuration.bigEndian)
    let v = configuration.version
    let metadataOffset = tableOffset
    if v >= 6 {
      for (key, value) in metadata {
        t.fstring(key)
        t.fstring(value)
      }
    }
    let nameOffset = tableOffset + UInt64(t.bytes.count)
    for text in names { t.ansi(text) }
    let addressOffset = tableOffset + UInt64(t.bytes.count)
    for a in addresses {
      t.u64(a.pc)
      if configuration.symbols {
        t.i32(a.file)
        t.i32(a.function)
        t.i32(a.line)
      }
    }
    let callstackOffset = tableOffset + UInt64(t.bytes.count)
    for (i, c) in callstacks.enumerated() {
      t.u32(UInt32(truncatingIfNeeded: i &* 0x9E37_79B1))
      for frame in c.frames { t.i32(frame) }
      t.i32(c.truncated ? -2 : -1)
    }
    let tagsOffset = tableOffset + UInt64(t.bytes.count)
    if v >= 7 { for raw in tagSets { t.fstring(raw) } }
    let modulesOffset = tableOffset + UInt64(t.bytes.count)
    for m in modules {
      t.u64(m.baseOfImage)
      t.u32(m.imageSize)
      t.u32(m.timeDateStamp)
      t.u32(m.pdbSig)
      t.u32(m.pdbAge)
      t.bytes.append(contentsOf: repeatElement(0, count: 16))
      t.ansi(m.moduleName)
      t.ansi(m.imageName)
      t.ansi(m.loadedImageName)
    }
    try writeAll(t.bytes, to: fd, path: path)

    var h = ByteSink(bigEndian: configuration.bigEndian)
    h.u32(HeaderReader.magic)
    h.u32(v)
    h.ansi(String(configuration.platformName.prefix(255)), minChars: 255)
    h.u32(configuration.symbols ? 1 : 0)
    if v >= 5 {
      if v >= 6 {
        h.u64(metadataOffset)
        h.u64(UInt64(metadata.count))
      }
      h.u64(nameOffset)
      h.u64(UInt64(names.count))
      h.u64(addressOffset)
      h.u64(UInt64(addresses.count))
      h.u64(callstackOffset)
      h.u64(UInt64(callstacks.count))
      if v >= 7 {
        h.u64(tagsOffset)
        h.u64(UInt64(tagSets.count))
      }
      h.u64(modulesOffset)
      h.u64(UInt64(modules.count))
    } else {
      for value in [
        nameOffset, UInt64(names.count), addressOffset, UInt64(addresses.count), callstackOffset,
        UInt64(callstacks.count), modulesOffset, UInt64(modules.count), UInt64(part + 1),
      ] {
        h.u32(UInt32(truncatingIfNeeded: value))
      }
    }
    h.ansi(String(configuration.executableName.prefix(255)), minChars: 255)
    close(fd)
    fd = open(path, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    let written = h.bytes.withUnsafeBytes { buffer -> Int in
      guard let base = buffer.baseAddress else { return 0 }
      return pwrite(fd, base, h.bytes.count, 0)
    }
    guard written == h.bytes.count else {
      throw MprofError.cannotOpen(path: path, reason: "could not write the header")
    }
    close(fd)
    fd = -1
  }
}
