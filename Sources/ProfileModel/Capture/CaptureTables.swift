/// Everything read from the tables before the token pass.
struct CaptureTables {
  var names: [String] = []
  var metadata: [(key: String, value: String)] = []
  var addresses = AddressTable()
  /// Raw callstacks as stored: innermost first, plus the truncation flag.
  var rawCallstacks: [(frames: [Int32], truncated: Bool)] = []
  var tagSets: [TagSet] = []
  var modules: [ModuleInfo] = []
  /// UE3 script callstacks as synthetic address indices, innermost first.
  var scriptCallstacks: [[Int32]] = []
  /// UE3 script name table (the engine's whole FName table).
  var scriptNames: [String] = []
  /// Where each table was read: name and byte range.
  var tableRanges: [(name: String, range: Range<UInt64>)] = []
  /// Callstacks ended by a negative value other than −1 and −2.
  var unusualTerminators = 0

  /// Pairs of tables whose bytes overlap, as messages.
  var overlaps: [String] {
    var result: [String] = []
    for i in tableRanges.indices {
      for j in tableRanges.indices where j > i && tableRanges[i].range.overlaps(tableRanges[j].range) {
        let a = tableRanges[i]
        let b = tableRanges[j]
        result.append(
          "the \(a.name) (offsets \(a.range.lowerBound)–\(a.range.upperBound)) overlaps the \(b.name) "
            + "(\(b.range.lowerBound)–\(b.range.upperBound))")
      }
    }
    return result
  }
}

/// Reads the tables of a capture (§6), checking every count against the bytes that are left so
/// a corrupt count cannot make us allocate without bound.
enum TableReader {
  static func read(_ file: CaptureFile, header h: CaptureHeader) throws -> CaptureTables {
    let start = h.tableOffsets.min() ?? file.size
    guard start >= h.headerSize else {
      throw MprofError.invalidValue(path: file.path, offset: start, message: "a table starts inside the header")
    }
    let region = try file.bytes(at: start, count: Int(file.size - start))
    var c = BinaryCursor(bytes: region, baseOffset: start, path: file.path, bigEndian: h.isBigEndian)
    var t = CaptureTables()
    // Where each table was read, to notice tables that overlap (no writer makes them).
    var current: (name: String, start: UInt64)?
    func begin(_ name: String, at offset: UInt64) throws {
      if let current { t.tableRanges.append((current.name, current.start..<c.fileOffset)) }
      try c.seek(toFileOffset: offset, what: name)
      current = (name, offset)
    }

    try begin("name table", at: h.nameTableOffset)
    try checkCount(h.nameTableEntries, minBytes: 4, c, "name table")
    t.names.reserveCapacity(Int(h.nameTableEntries))
    for i in 0..<Int(h.nameTableEntries) { t.names.append(try c.string("name \(i)")) }

    if h.version >= 6 {
      try begin("metadata table", at: h.metadataOffset)
      try checkCount(h.metadataEntries, minBytes: 8, c, "metadata table")
      for i in 0..<Int(h.metadataEntries) {
        let key = try c.string("metadata key \(i)")
        let value = try c.string("metadata value \(i)")
        t.metadata.append((key, value))
      }
    }
    if h.version >= 7 {
      try begin("tags table", at: h.tagsTableOffset)
      try checkCount(h.tagsTableEntries, minBytes: 4, c, "tags table")
      for i in 0..<Int(h.tagsTableEntries) { t.tagSets.append(TagSet(raw: try c.string("tags entry \(i)"))) }
    }

    try begin("callstack address table", at: h.addressTableOffset)
    let entrySize = h.hasSymbols ? 20 : 8
    try checkCount(h.addressTableEntries, minBytes: entrySize, c, "callstack address table")
    let nameCount = Int32(clamping: t.names.count)
    for i in 0..<Int(h.addressTableEntries) {
      let entryOffset = c.fileOffset
      let pc = try c.u64("the program counter of address \(i)")
      if h.hasSymbols {
        let file = try c.i32("a file name index")
        let function = try c.i32("a function name index")
        let line = try c.i32("a line number")
        guard file >= -1 && file < nameCount, function >= -1 && function < nameCount else {
          throw MprofError.invalidValue(
            path: c.path, offset: entryOffset,
            message:
              "address \(i) names file \(file) and function \(function), but the name table has \(nameCount) entries")
        }
        t.addresses.append(pc: pc, file: file, function: function, line: line)
      } else {
        t.addresses.append(pc: pc, file: -1, function: -1, line: 0)
      }
    }

    try begin("callstack table", at: h.callstackTableOffset)
    try checkCount(h.callstackTableEntries, minBytes: 8, c, "callstack table")
    let addressCount = Int32(clamping: t.addresses.count)
    t.rawCallstacks.reserveCapacity(Int(h.callstackTableEntries))
    for i in 0..<Int(h.callstackTableEntries) {
      _ = try c.u32("the CRC of callstack \(i)")
      var frames: [Int32] = []
      while true {
        let at = c.fileOffset
        let index = try c.i32("a frame of callstack \(i) or its −1 terminator")
        if index < 0 {
          // Readers stop at the first negative value (§5); only −1 and −2 are written.
          if index != -1 && index != -2 { t.unusualTerminators += 1 }
          t.rawCallstacks.append((frames, index == -2))
          break
        }
        guard index < addressCount else {
          throw MprofError.invalidValue(
            path: c.path, offset: at,
            message: "callstack \(i) names address \(index), but the address table has \(addressCount) entries")
        }
        frames.append(index)
      }
    }

    if h.layout != .v2b {
      try begin("module table", at: h.modulesOffset)
      try checkCount(h.moduleEntries, minBytes: 52, c, "module table")
      for i in 0..<Int(h.moduleEntries) {
        let base = try c.u64("module \(i)")
        let imageSize = try c.u32("module \(i)")
        let stamp = try c.u32("module \(i)")
        let sig = try c.u32("module \(i)")
        let age = try c.u32("module \(i)")
        try c.skip(16, "the GUID of module \(i)")
        let name = try c.string("the name of module \(i)")
        let image = try c.string("the image name of module \(i)")
        let loaded = try c.string("the loaded image name of module \(i)")
        t.modules.append(
          ModuleInfo(
            baseOfImage: base, imageSize: imageSize, timeDateStamp: stamp, pdbSig: sig, pdbAge: age,
            moduleName: name, imageName: image, loadedImageName: loaded))
      }
    }

    if let current { t.tableRanges.append((current.name, current.start..<c.fileOffset)) }
    if let scriptNamesOffset = h.scriptNameTableOffset, let scriptStacksOffset = h.scriptCallstackTableOffset {
      try readScriptTables(&c, &t, namesOffset: scriptNamesOffset, stacksOffset: scriptStacksOffset)
    }
    return t
  }

  /// UE3 script tables (§6.7): synthetic `[Script] Package.Class:Function` frames are added to
  /// the name and address tables, as MemoryProfiler2 does in memory.
  private static func readScriptTables(
    _ c: inout BinaryCursor, _ t: inout CaptureTables, namesOffset: UInt64, stacksOffset: UInt64
  ) throws {
    try c.seek(toFileOffset: namesOffset, what: "script name table")
    let nameCount = try c.i32("the script name count")
    try checkCount(UInt64(max(nameCount, 0)), minBytes: 4, c, "script name table")
    for i in 0..<Int(max(nameCount, 0)) { t.scriptNames.append(try c.string("script name \(i)")) }

    func scriptName(_ compact: Int32) -> String {
      let index = Int(compact & 0x00FF_FFFF)
      let number = Int((compact >> 24) & 0x7F)
      let base = index < t.scriptNames.count ? t.scriptNames[index] : "Name\(index)"
      return number > 0 ? "\(base)_\(number - 1)" : base
    }
    var syntheticAddress: [String: Int32] = [:]
    try c.seek(toFileOffset: stacksOffset, what: "script callstack table")
    let stackCount = try c.i32("the script callstack count")
    try checkCount(UInt64(max(stackCount, 0)), minBytes: 4, c, "script callstack table")
    for i in 0..<Int(max(stackCount, 0)) {
      let frameCount = try c.i32("the frame count of script callstack \(i)")
      try checkCount(UInt64(max(frameCount, 0)), minBytes: 12, c, "script callstack \(i)")
      var frames: [Int32] = []
      for _ in 0..<Int(max(frameCount, 0)) {
        // The readers take the three names as Class, Function, Package (§13.1).
        let className = scriptName(try c.i32("a script frame"))
        let function = scriptName(try c.i32("a script frame"))
        let package = scriptName(try c.i32("a script frame"))
        let text = "[Script] \(package).\(className):\(function)"
        frames.append(syntheticAddressIndex(for: text, in: &t, cache: &syntheticAddress))
      }
      t.scriptCallstacks.append(frames)
    }
  }

  /// Adds (or finds) a synthetic address whose file and function are both `text`.
  static func syntheticAddressIndex(for text: String, in t: inout CaptureTables, cache: inout [String: Int32]) -> Int32
  {
    if let known = cache[text] { return known }
    let nameIndex = Int32(t.names.count)
    t.names.append(text)
    let address = Int32(t.addresses.count)
    t.addresses.append(pc: 0, file: nameIndex, function: nameIndex, line: 0)
    cache[text] = address
    return address
  }

  private static func checkCount(_ count: UInt64, minBytes: Int, _ c: BinaryCursor, _ what: String) throws {
    if count > UInt64(c.remaining / max(minBytes, 1)) {
      throw MprofError.invalidValue(
        path: c.path, offset: c.fileOffset,
        message: "the \(what) claims \(count) entries, but only \(c.remaining) bytes remain")
    }
  }
}
