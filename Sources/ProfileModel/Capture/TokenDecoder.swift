/// The reading half of the token pass (§9.3): reads the token stream of every part, validates each token, reads marker
/// trailers, decodes UE3 script callstacks, applies the dlmalloc realloc-zero detection, and writes each new
/// allocation's birth columns (address, size, callstack, tags, birth).
///
/// What needs the live set is left to `StreamAccounting`.
final class TokenDecoder<Order: ByteOrderDecoding> {
  let header: CaptureHeader
  let reader: TokenReader
  let basePath: String
  @exclusivity(unchecked) private(set) var tables: CaptureTables
  @exclusivity(unchecked) private(set) var callstacks: CallstackTable
  let options: LoadOptions

  // Birth columns (see `AllocationTable`), filled in stream order.
  @exclusivity(unchecked) private(set) var rows = 0
  let address: RawColumn<UInt64>
  let size: RawColumn<UInt32>
  let callstackOf: RawColumn<Int32>
  let tagsOf: RawColumn<Int32>
  let birth: RawColumn<UInt32>
  @exclusivity(unchecked) private(set) var counts = TokenCounts()
  @exclusivity(unchecked) private(set) var foundGlobalReallocZeroPointer = false

  /// Stream index of the next token.
  @exclusivity(unchecked) private var streamIndex: UInt32 = 0
  @exclusivity(unchecked) private var nextDataFile: UInt64 = 1

  // dlmalloc USE_GLOBAL_REALLOC_ZERO_PTR detection (a property of the stream alone).
  @exclusivity(unchecked) private var detectingReallocZero = true
  @exclusivity(unchecked) private var useReallocZero = false
  @exclusivity(unchecked) private var reallocZeroCount = 0
  @exclusivity(unchecked) private var reallocZeroPointer: UInt64 = 0

  // UE3 script decoding.
  private let decodeScript: Bool
  @exclusivity(unchecked) private var virtualCallstacks: [VirtualKey: Int32] = [:]
  @exclusivity(unchecked) private var syntheticAddresses: [String: Int32] = [:]
  private let processInternalName: Int32
  private let staticAllocateObjectName: Int32

  private struct VirtualKey: Hashable {
    var callstack: Int32
    var script: Int32
    var objectType: Int32
  }

  @exclusivity(unchecked) private var resultsTaken = false

  init(
    header: CaptureHeader, reader: TokenReader, basePath: String, tables: CaptureTables,
    callstacks: CallstackTable, options: LoadOptions, rowCapacity: Int
  ) {
    self.header = header
    self.reader = reader
    self.basePath = basePath
    self.tables = tables
    self.callstacks = callstacks
    self.options = options
    decodeScript = header.scriptCallstackTableOffset != nil
    func nameIndex(_ candidates: [String]) -> Int32 {
      for candidate in candidates {
        if let i = tables.names.firstIndex(of: candidate) { return Int32(i) }
      }
      return -1
    }
    processInternalName =
      decodeScript ? nameIndex(["UObject::ProcessInternal(FFrame&, void*)", "UObject::ProcessInternal"]) : -1
    staticAllocateObjectName =
      decodeScript
      ? nameIndex([
        "UObject::StaticAllocateObject(UClass*, UObject*, FName, unsigned long long, UObject*, FOutputDevice*, UObject*, UObject*, FObjectInstancingGraph*)",
        "UObject::StaticAllocateObject",
      ]) : -1
    address = RawColumn(capacity: rowCapacity)
    size = RawColumn(capacity: rowCapacity)
    callstackOf = RawColumn(capacity: rowCapacity)
    tagsOf = RawColumn(capacity: rowCapacity)
    birth = RawColumn(capacity: rowCapacity)
  }

  deinit {
    guard !resultsTaken else { return }
    address.discard()
    size.discard()
    callstackOf.discard()
    tagsOf.discard()
    birth.discard()
  }

  /// Moves the birth columns into `table`; the decoder must not be used afterwards.
  func takeColumns(into table: inout AllocationTable) {
    resultsTaken = true
    table.address = address.adopt(count: rows)
    table.size = size.adopt(count: rows)
    table.callstack = callstackOf.adopt(count: rows)
    table.tags = tagsOf.adopt(count: rows)
    table.birth = birth.adopt(count: rows)
  }

  private var path: String { reader.file.path }

  private func invalid(_ message: String, at offset: UInt64) -> MprofError {
    .invalidValue(path: path, offset: offset, message: message)
  }

  // MARK: - Decoding

  /// Fills `chunk` with the next tokens, up to its capacity or the end-of-stream marker.
  ///
  /// - Throws: `MprofError` for the first bad token; the tokens before it stay in `chunk`.
  func decode(into chunk: TokenChunk) throws {
    chunk.reset()
    defer { chunk.consumedBytes = reader.consumed }
    let tokens = chunk.tokens
    let wordSize = header.pointerSize
    let hasTags = header.hasTags
    let callstackCount = Int32(clamping: callstacks.fileCallstackCount)
    let tagCount = Int32(clamping: tables.tagSets.count)
    let r = reader
    while chunk.count < chunk.capacity {
      let tokenOffset = r.offset
      if streamIndex >= UInt32.max - 1 {
        throw invalid("the stream holds more than 4,294,967,294 tokens", at: tokenOffset)
      }
      try r.need(wordSize, "a token")
      let word: UInt64 =
        wordSize == 8 ? Order.u64(r.buffer, r.cursor) : UInt64(Order.u32(r.buffer, r.cursor))
      r.cursor += wordSize
      let type = word & 3
      let pointer = word & ~3
      var token = DecodedToken(
        pointer: pointer, newPointer: 0, callstack: -1, row: 0, size: 0, kind: .noEffect, pool: 0)
      switch type {
      case 1:
        counts.frees += 1
        if detectingReallocZero && reallocZeroCount > 0 && pointer == reallocZeroPointer {
          reallocZeroCount -= 1
        }
        if detectingReallocZero || !useReallocZero || pointer != reallocZeroPointer { token.kind = .free }
      case 3:
        if try decodeMarker(at: tokenOffset, into: chunk, token: &token) {
          tokens[chunk.count] = token
          chunk.count += 1
          chunk.reachedEnd = true
          return
        }
      default:
        let fixed = (type == 2 ? wordSize : 0) + (hasTags ? 12 : 8)
        try r.need(fixed, type == 0 ? "the rest of a malloc token" : "the rest of a realloc token")
        var at = r.cursor
        if type == 2 {
          token.newPointer = wordSize == 8 ? Order.u64(r.buffer, at) : UInt64(Order.u32(r.buffer, at))
          at += wordSize
        }
        var callstack = Order.i32(r.buffer, at)
        var tags: Int32 = -1
        if hasTags {
          tags = Order.i32(r.buffer, at + 4)
          at += 4
        }
        var size = Order.u32(r.buffer, at + 4)
        r.cursor = at + 8
        if size & 0x8000_0000 != 0 {
          size &= 0x7FFF_FFFF
          try r.need(1, "the memory-pool byte")
          token.pool = try poolIndex(r.buffer.load(fromByteOffset: r.cursor, as: UInt8.self), at: r.offset)
          r.cursor += 1
        } else if decodeScript {
          callstack = try readScriptExtension(callstack: callstack, count: callstackCount, at: tokenOffset)
        }
        guard callstack >= 0 && (callstack < callstackCount || decodeScript && callstack < Int32(callstacks.count))
        else {
          throw invalid("expected a callstack index below \(callstackCount), found \(callstack)", at: tokenOffset)
        }
        guard tags >= -1 && tags < tagCount else {
          throw invalid("expected a tags index from −1 to \(tagCount - 1), found \(tags)", at: tokenOffset)
        }
        token.callstack = callstack
        token.size = size
        var target = pointer
        if type == 0 {
          counts.mallocs += 1
          token.kind = .malloc
        } else {
          counts.reallocs += 1
          token.kind = .realloc
          target = token.newPointer
          if pointer == 0 && size == 0 {
            if detectingReallocZero {
              if reallocZeroCount > 1 {
                useReallocZero = token.newPointer == reallocZeroPointer
                detectingReallocZero = false
                foundGlobalReallocZeroPointer = useReallocZero
              } else {
                reallocZeroPointer = token.newPointer
                reallocZeroCount += 1
              }
            }
            if useReallocZero { token.kind = .noEffect }
          }
        }
        if target != 0 && token.kind != .noEffect {
          let row = rows
          token.row = UInt32(row)
          address[row] = target
          self.size[row] = size
          callstackOf[row] = callstack
          tagsOf[row] = tags
          birth[row] = streamIndex
          rows = row + 1
        }
      }
      tokens[chunk.count] = token
      chunk.count += 1
      streamIndex += 1
    }
  }

  /// Reads a marker's subtype, payload and trailer into `token` (and `chunk.markers` when the
  /// accounting needs it); returns true for the end-of-stream marker.
  private func decodeMarker(at offset: UInt64, into chunk: TokenChunk, token: inout DecodedToken) throws -> Bool {
    let r = reader
    try r.need(8, "the subtype and payload of a marker token")
    let subtypeRaw = Order.i32(r.buffer, r.cursor)
    let payload = Order.u32(r.buffer, r.cursor + 4)
    r.cursor += 8
    guard let subtype = TokenSubtype(rawValue: subtypeRaw) else {
      throw invalid("expected a marker subtype (0–14, 21–27 or 31), found \(subtypeRaw)", at: offset)
    }
    counts.others[subtypeRaw, default: 0] += 1
    var marker = DecodedMarker(subtype: subtype, payload: payload)
    switch subtype {
    case .endOfStream:
      let trailer = try readTrailer(full: true)
      (marker.stats, marker.levels, marker.metrics) = trailer
    case .endOfFile:
      guard nextDataFile < header.numDataFiles else {
        throw invalid(
          "found an end-of-file marker, but the header says the capture has \(header.numDataFiles) part(s)", at: offset)
      }
      let partPath = CaptureFile.partPath(base: basePath, part: Int(nextDataFile))
      let next: CaptureFile
      do { next = try CaptureFile(path: partPath) } catch {
        throw invalid(
          "the end-of-file marker continues the stream in part \(nextDataFile) (\(partPath)), which cannot be read: \(error)",
          at: offset)
      }
      reader.switchTo(next)
      nextDataFile += 1
      return false
    case .snapshot, .loadMapStart, .loadMapMid, .loadMapEnd, .gcStart, .gcEnd, .levelStreamStart, .levelStreamEnd:
      let trailer = try readTrailer(full: true)
      guard payload < UInt32(tables.names.count) else {
        throw invalid("expected a snapshot label name index below \(tables.names.count), found \(payload)", at: offset)
      }
      (marker.stats, marker.levels, marker.metrics) = trailer
      marker.label = tables.names[Int(payload)]
    case .frameTime:
      break
    case .memoryAllocationStats:
      marker.stats = try readTrailer(full: false).stats
    case .text, .totalUsed, .totalAllocated, .cpuUsed, .cpuSlack, .cpuWaste, .gpuUsed, .gpuSlack, .gpuWaste,
      .osOverhead, .imageSize:
      return false
    }
    token.kind = .marker
    token.row = UInt32(chunk.markers.count)
    chunk.markers.append(marker)
    return subtype == .endOfStream
  }

  private func poolIndex(_ byte: UInt8, at offset: UInt64) throws -> UInt8 {
    switch byte & 0xE0 {
    case 0x00: return UInt8(MemoryPool.main.rawValue)
    case 0x20: return UInt8(MemoryPool.local.rawValue)
    case 0x40: return UInt8(MemoryPool.hostDefault.rawValue)
    case 0x80: return UInt8(MemoryPool.hostMovies.rawValue)
    default:
      throw invalid(
        "expected a memory-pool byte with pool bits 0x00, 0x20, 0x40 or 0x80, found 0x\(String(byte, radix: 16))",
        at: offset)
    }
  }

  static var v3StatNames: [String] {
    [
      "TotalUsed", "TotalAllocated", "CPUUsed", "CPUSlack", "CPUWaste", "CPUAvailable", "GPUUsed", "GPUSlack",
      "GPUWaste", "GPUAvailable", "OSReportedUsed", "OSReportedFree", "OSOverhead", "ImageSize", "HostUsed",
      "HostSlack", "HostWaste", "HostAvailable", "AllocatedTextureMemorySize", "AvailableTextureMemorySize",
    ]
  }

  /// Reads the stats block and, for snapshot-type markers, the levels (and v3 metrics).
  private func readTrailer(full: Bool) throws -> (stats: [StatValue], levels: [Int32], metrics: [Int64]) {
    guard header.version >= 3 else { return ([], [], []) }
    let r = reader
    var stats: [StatValue] = []
    try r.need(1, "the stats count")
    let n = Int(r.buffer.load(fromByteOffset: r.cursor, as: UInt8.self))
    r.cursor += 1
    if header.version >= 4 {
      try r.need(n * 12, "\(n) named stats")
      for i in 0..<n {
        let nameIndex = Order.i32(r.buffer, r.cursor + 12 * i)
        let value = Order.i64(r.buffer, r.cursor + 12 * i + 4)
        guard nameIndex >= 0 && Int(nameIndex) < tables.names.count else {
          throw invalid(
            "expected a stat name index below \(tables.names.count), found \(nameIndex)", at: r.offset + UInt64(12 * i))
        }
        stats.append(StatValue(name: tables.names[Int(nameIndex)], value: value))
      }
      r.cursor += n * 12
    } else {
      try r.need(n * 8, "\(n) stats")
      let names = Self.v3StatNames
      for i in 0..<n {
        stats.append(
          StatValue(name: i < names.count ? names[i] : "Stat\(i)", value: Order.i64(r.buffer, r.cursor + 8 * i)))
      }
      r.cursor += n * 8
    }
    guard full else { return (stats, [], []) }
    try r.need(2, "the loaded-levels count")
    let levelCount = Int(Order.u16(r.buffer, r.cursor))
    r.cursor += 2
    try r.need(levelCount * 4, "\(levelCount) loaded-level name indices")
    var levels: [Int32] = []
    levels.reserveCapacity(levelCount)
    for i in 0..<levelCount {
      let level = Order.i32(r.buffer, r.cursor + 4 * i)
      guard level >= 0 && Int(level) < tables.names.count else {
        throw invalid(
          "expected a level name index below \(tables.names.count), found \(level)", at: r.offset + UInt64(4 * i))
      }
      levels.append(level)
    }
    r.cursor += levelCount * 4
    var metrics: [Int64] = []
    if header.version == 3 {
      try r.need(1, "the metrics count")
      let m = Int(r.buffer.load(fromByteOffset: r.cursor, as: UInt8.self))
      r.cursor += 1
      try r.need(m * 8, "\(m) metrics")
      for i in 0..<m { metrics.append(Order.i64(r.buffer, r.cursor + 8 * i)) }
      r.cursor += m * 8
    }
    return (stats, levels, metrics)
  }

  // MARK: - UE3 script callstacks (§5.7, §9.2)

  private func readScriptExtension(callstack: Int32, count: Int32, at offset: UInt64) throws -> Int32 {
    let r = reader
    try r.need(2, "the script callstack index")
    let word = Order.u16(r.buffer, r.cursor)
    r.cursor += 2
    var objectType: Int32 = -1
    if word & 0x8000 != 0 {
      try r.need(4, "the script object type")
      objectType = Order.i32(r.buffer, r.cursor) & 0x00FF_FFFF
      r.cursor += 4
    }
    let scriptIndex: Int32 = (word & 0x7FFF) == 0x7FFF ? -1 : Int32(word & 0x7FFF)
    if scriptIndex == -1 && objectType == -1 { return callstack }
    guard callstack >= 0 && callstack < count else {
      throw invalid("expected a callstack index below \(count), found \(callstack)", at: offset)
    }
    guard scriptIndex < Int32(tables.scriptCallstacks.count) else {
      throw invalid(
        "expected a script callstack index below \(tables.scriptCallstacks.count), found \(scriptIndex)", at: offset)
    }
    let key = VirtualKey(callstack: callstack, script: scriptIndex, objectType: objectType)
    if let known = virtualCallstacks[key] { return known }
    var stack = Array(callstacks.frames(of: Int(callstack)))
    if scriptIndex >= 0 && processInternalName >= 0 {
      let scriptFrames = tables.scriptCallstacks[Int(scriptIndex)]
      var next = 0
      for i in stack.indices.reversed() where next < scriptFrames.count {
        if tables.addresses.functionNameIndex[Int(stack[i])] == processInternalName {
          stack[i] = scriptFrames[next]
          next += 1
        }
      }
    }
    if objectType >= 0 && staticAllocateObjectName >= 0 {
      let typeName =
        Int(objectType) < tables.scriptNames.count ? tables.scriptNames[Int(objectType)] : "Name\(objectType)"
      let synthetic = TableReader.syntheticAddressIndex(
        for: "[\(typeName)] UObject::StaticAllocateObject", in: &tables, cache: &syntheticAddresses)
      if let i = stack.lastIndex(where: { tables.addresses.functionNameIndex[Int($0)] == staticAllocateObjectName }) {
        stack[i] = synthetic
      }
    }
    let index = Int32(callstacks.count)
    callstacks.append(frames: stack, truncated: callstacks.isTruncated[Int(callstack)], original: callstack)
    virtualCallstacks[key] = index
    return index
  }
}
