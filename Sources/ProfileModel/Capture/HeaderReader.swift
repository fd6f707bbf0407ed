/// Reads and checks the header of every layout (§4 of the format).
enum HeaderReader {
  static let magic: UInt32 = 0xDA15_F7D8

  /// Reads the header of `file`, detecting the byte order from the magic.
  static func read(_ file: CaptureFile) throws -> CaptureHeader {
    let bytes = try file.bytes(at: 0, count: 1 << 18)
    guard bytes.count >= 8 else {
      throw MprofError.truncated(path: file.path, offset: UInt64(bytes.count), expected: "the 8-byte magic and version")
    }
    let little = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    let bigEndian: Bool
    if little == magic {
      bigEndian = false
    } else if little.byteSwapped == magic {
      bigEndian = true
    } else {
      throw MprofError.badMagic(path: file.path, found: little)
    }
    var cursor = BinaryCursor(bytes: bytes, baseOffset: 0, path: file.path, bigEndian: bigEndian)
    cursor.position = 4
    let version = try cursor.u32("the version")
    guard (2...7).contains(version) else {
      throw MprofError.unsupportedVersion(path: file.path, version: version)
    }
    if version == 2 {
      // 2c (modules, 64-bit pointers) and 2b (no modules, 4-byte pointers) share the number;
      // pick the one whose offsets make sense.
      let asC = try? parse(cursor, version: 2, layout: .v2c, file: file)
      if let header = asC, validate(header, file: file) == nil { return header }
      let asB = try? parse(cursor, version: 2, layout: .v2b, file: file)
      if let header = asB, validate(header, file: file) == nil { return header }
      // The 2007 layout (v2a) stores BackTraceDepth = 50 where the others store the symbol flag.
      var depth = cursor
      depth.position = 12
      if (try? depth.u32()) == 50 {
        throw MprofError.invalidValue(
          path: file.path, offset: 12,
          message: "this looks like the 2007 (v2a) layout, which no MemoryProfiler2 reader accepts")
      }
      let header = try asC ?? parse(cursor, version: 2, layout: .v2c, file: file)
      if let problem = validate(header, file: file) { throw problem }
      return header
    }
    let header = try parse(cursor, version: version, layout: .standard, file: file)
    if let problem = validate(header, file: file) { throw problem }
    return header
  }

  private static func parse(
    _ start: BinaryCursor, version: UInt32, layout: CaptureHeader.Layout, file: CaptureFile
  ) throws -> CaptureHeader {
    var c = start
    var h = CaptureHeader(
      version: version, layout: layout, isBigEndian: c.bigEndian, platformFlags: 0, platformName: "",
      hasSymbols: false, metadataOffset: 0, metadataEntries: 0, nameTableOffset: 0, nameTableEntries: 0,
      addressTableOffset: 0, addressTableEntries: 0, callstackTableOffset: 0, callstackTableEntries: 0,
      tagsTableOffset: 0, tagsTableEntries: 0, modulesOffset: 0, moduleEntries: 0, numDataFiles: 1,
      scriptCallstackTableOffset: nil, scriptNameTableOffset: nil, executableName: "", headerSize: 0)
    if version <= 3 {
      h.platformFlags = try c.u32("the platform flags")
      h.platformName = CaptureHeader.platformName(flags: h.platformFlags)
    } else {
      h.platformName = try c.headerString("the platform name")
    }
    h.hasSymbols = try c.u32("the symbol flag") != 0
    if version >= 5 {
      if version >= 6 {
        h.metadataOffset = try c.u64("the metadata table offset")
        h.metadataEntries = try c.u64("the metadata entry count")
      }
      h.nameTableOffset = try c.u64("the name table offset")
      h.nameTableEntries = try c.u64("the name count")
      h.addressTableOffset = try c.u64("the address table offset")
      h.addressTableEntries = try c.u64("the address count")
      h.callstackTableOffset = try c.u64("the callstack table offset")
      h.callstackTableEntries = try c.u64("the callstack count")
      if version >= 7 {
        h.tagsTableOffset = try c.u64("the tags table offset")
        h.tagsTableEntries = try c.u64("the tags count")
      }
      h.modulesOffset = try c.u64("the module table offset")
      h.moduleEntries = try c.u64("the module count")
    } else {
      h.nameTableOffset = UInt64(try c.u32("the name table offset"))
      h.nameTableEntries = UInt64(try c.u32("the name count"))
      h.addressTableOffset = UInt64(try c.u32("the address table offset"))
      h.addressTableEntries = UInt64(try c.u32("the address count"))
      h.callstackTableOffset = UInt64(try c.u32("the callstack table offset"))
      h.callstackTableEntries = UInt64(try c.u32("the callstack count"))
      if layout != .v2b {
        h.modulesOffset = UInt64(try c.u32("the module table offset"))
        h.moduleEntries = UInt64(try c.u32("the module count"))
      }
      h.numDataFiles = UInt64(try c.u32("the number of data files"))
      if version == 3 {
        let script = try c.u32("the script callstack table offset")
        let names = try c.u32("the script name table offset")
        if script != 0xFFFF_FFFF && names != 0xFFFF_FFFF {
          h.scriptCallstackTableOffset = UInt64(script)
          h.scriptNameTableOffset = UInt64(names)
        }
      }
    }
    h.executableName = try c.headerString("the executable name")
    h.headerSize = c.fileOffset
    if layout == .v2b { h.modulesOffset = h.headerSize }
    return h
  }

  /// Returns why the header cannot be right, or `nil`.
  static func validate(_ h: CaptureHeader, file: CaptureFile) -> MprofError? {
    if h.numDataFiles < 1 || h.numDataFiles > UInt64(MprofWriter.maxParts) {
      return .invalidValue(
        path: file.path, offset: 0,
        message: "expected 1 to 10000 data files in the header, found \(h.numDataFiles)")
    }
    let checks: [(String, UInt64)] =
      [
        ("name table", h.nameTableOffset), ("callstack address table", h.addressTableOffset),
        ("callstack table", h.callstackTableOffset),
      ] + (h.layout == .v2b ? [] : [("module table", h.modulesOffset)])
      + (h.version >= 6 ? [("metadata table", h.metadataOffset)] : [])
      + (h.version >= 7 ? [("tags table", h.tagsTableOffset)] : [])
    for (what, offset) in checks where offset < h.headerSize || offset > file.size {
      return .invalidValue(
        path: file.path, offset: 0,
        message:
          "the \(what) offset \(offset) lies outside the file (header ends at \(h.headerSize), file has \(file.size) bytes)"
      )
    }
    return nil
  }
}
