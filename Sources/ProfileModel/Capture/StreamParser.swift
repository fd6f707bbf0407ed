/// The one pass over the token stream (§9.3): applies MemoryProfiler2's accounting and appends
/// every allocation to the columns the queries read.
final class StreamParser<Order: ByteOrderDecoding> {
  typealias Progress = (_ consumedBytes: UInt64) -> Bool

  let header: CaptureHeader
  let reader: TokenReader
  let basePath: String
  var tables: CaptureTables
  var callstacks: CallstackTable
  let options: LoadOptions

  // Allocation columns (see `AllocationTable`), filled in stream order.
  var rows = 0
  let address: RawColumn<UInt64>
  let size: RawColumn<UInt32>
  let callstackOf: RawColumn<Int32>
  let tagsOf: RawColumn<Int32>
  let birth: RawColumn<UInt32>
  let death: RawColumn<UInt32>
  let reallocatedFrom: RawColumn<Int32>
  let flags: RawColumn<UInt8>
  var sums: TotalsColumns
  var live = PointerMap()
  var frames = FrameTable()
  var snapshots: [Snapshot] = []
  var slices: [MemorySlice] = []
  var counts = TokenCounts()
  var diagnostics = LoadDiagnostics()
  var poolLow = [UInt64](repeating: .max, count: 4)
  var poolHigh = [UInt64](repeating: 0, count: 4)

  // Running state, named as in MemoryProfiler2.
  var streamIndex: UInt32 = 0
  var allocationCount: Int64 = 0
  var allocationSize: Int64 = 0
  var allocationMaxSize: Int64 = 0
  var totalTime: Float = 0
  var elapsedTime: Float = 0
  var latestStats: [StatValue] = []
  var snapshotIndex = 0
  var snapshotCounters = [Int](repeating: 0, count: 64)
  var nextDataFile: UInt64 = 1

  // dlmalloc USE_GLOBAL_REALLOC_ZERO_PTR detection.
  var detectingReallocZero = true
  var useReallocZero = false
  var reallocZeroCount = 0
  var reallocZeroPointer: UInt64 = 0

  // UE3 script decoding.
  let decodeScript: Bool
  var virtualCallstacks: [VirtualKey: Int32] = [:]
  var syntheticAddresses: [String: Int32] = [:]
  let processInternalName: Int32
  let staticAllocateObjectName: Int32

  struct VirtualKey: Hashable {
    var callstack: Int32
    var script: Int32
    var objectType: Int32
  }

  init(
    header: CaptureHeader, reader: TokenReader, basePath: String, tables: CaptureTables,
    callstacks: CallstackTable, options: LoadOptions, tokenBytes: UInt64
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
    // Reserve the most rows the stream could hold; untouched pages cost no memory.
    let smallestAllocation = header.layout == .v2b ? 12 : (header.hasTags ? 20 : 16)
    let rowCapacity = Int(min(tokenBytes / UInt64(smallestAllocation) + 1, 1 << 31))
    address = RawColumn(capacity: rowCapacity)
    size = RawColumn(capacity: rowCapacity)
    callstackOf = RawColumn(capacity: rowCapacity)
    tagsOf = RawColumn(capacity: rowCapacity)
    birth = RawColumn(capacity: rowCapacity)
    death = RawColumn(capacity: rowCapacity)
    reallocatedFrom = RawColumn(capacity: rowCapacity)
    flags = RawColumn(capacity: rowCapacity)
    sums = TotalsColumns(callstacks: callstacks.count)
  }

  private var path: String { reader.file.path }

  private func invalid(_ message: String, at offset: UInt64) -> MprofError {
    .invalidValue(path: path, offset: offset, message: message)
  }

  /// A memory token decoded ahead of its turn, so the live-pointer map's cache misses for a
  /// whole batch are in flight before the first of them is needed.
  struct PendingToken {
    var pointer: UInt64
    var newPointer: UInt64
    var callstack: Int32
    var tags: Int32
    var size: UInt32
    var type: UInt8
    var pool: UInt8
  }

  /// Memory tokens decoded (and their map slots prefetched) before they are applied.
  static var batchSize: Int { 32 }

  /// Runs the pass to the end-of-stream token.
  func run(progress: Progress) throws {
    let batch = UnsafeMutablePointer<PendingToken>.allocate(capacity: Self.batchSize)
    defer { batch.deallocate() }
    var nextProgress: UInt32 = 1 << 20
    while true {
      let (pending, marker) = try decodeBatch(into: batch)
      for j in 0..<pending { apply(batch[j]) }
      if let marker {
        counts.others[marker.subtype.rawValue, default: 0] += 1
        if try other(marker.subtype, payload: marker.payload, at: marker.offset) { break }
        streamIndex += 1
      }
      if streamIndex >= nextProgress {
        nextProgress = streamIndex &+ (1 << 20)
        if !progress(reader.consumed) { throw MprofError.cancelled }
      }
    }
    frames.streamIndex.append(streamIndex)
    frames.deltaTime.append(0)
    live.release()
    liveReleased = true
  }

  /// A marker token that ends a batch.
  struct PendingMarker {
    var subtype: TokenSubtype
    var payload: UInt32
    var offset: UInt64
  }

  /// Decodes memory tokens into `batch` until it is full or a marker token is read; validates
  /// each one and prefetches the map slots its pointers will touch.
  private func decodeBatch(
    into batch: UnsafeMutablePointer<PendingToken>
  ) throws -> (count: Int, marker: PendingMarker?) {
    let wordSize = header.pointerSize
    let hasTags = header.hasTags
    let callstackCount = Int32(clamping: callstacks.fileCallstackCount)
    let tagCount = Int32(clamping: tables.tagSets.count)
    let r = reader
    var n = 0
    while n < Self.batchSize {
      let tokenOffset = r.offset
      if streamIndex &+ UInt32(n) >= UInt32.max - 1 {
        throw invalid("the stream holds more than 4,294,967,294 tokens", at: tokenOffset)
      }
      try r.need(wordSize, "a token")
      let word: UInt64 =
        wordSize == 8 ? Order.u64(r.buffer, r.cursor) : UInt64(Order.u32(r.buffer, r.cursor))
      r.cursor += wordSize
      let type = UInt8(word & 3)
      let pointer = word & ~3
      if type == 1 {
        live.prefetch(pointer)
        batch[n] = PendingToken(pointer: pointer, newPointer: 0, callstack: -1, tags: -1, size: 0, type: 1, pool: 0)
        n += 1
        continue
      }
      if type == 3 {
        try r.need(8, "the subtype and payload of a marker token")
        let subtypeRaw = Order.i32(r.buffer, r.cursor)
        let payload = Order.u32(r.buffer, r.cursor + 4)
        r.cursor += 8
        guard let subtype = TokenSubtype(rawValue: subtypeRaw) else {
          throw invalid("expected a marker subtype (0–14, 21–27 or 31), found \(subtypeRaw)", at: tokenOffset)
        }
        return (n, PendingMarker(subtype: subtype, payload: payload, offset: tokenOffset))
      }
      var newPointer: UInt64 = 0
      let fixed = (type == 2 ? wordSize : 0) + (hasTags ? 12 : 8)
      try r.need(fixed, type == 0 ? "the rest of a malloc token" : "the rest of a realloc token")
      var at = r.cursor
      if type == 2 {
        newPointer = wordSize == 8 ? Order.u64(r.buffer, at) : UInt64(Order.u32(r.buffer, at))
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
      var pool = 0
      if size & 0x8000_0000 != 0 {
        size &= 0x7FFF_FFFF
        try r.need(1, "the memory-pool byte")
        pool = try poolIndex(r.buffer.load(fromByteOffset: r.cursor, as: UInt8.self), at: r.offset)
        r.cursor += 1
      } else if decodeScript {
        callstack = try readScriptExtension(callstack: callstack, count: callstackCount, at: tokenOffset)
      }
      guard callstack >= 0 && (callstack < callstackCount || decodeScript && callstack < Int32(callstacks.count)) else {
        throw invalid("expected a callstack index below \(callstackCount), found \(callstack)", at: tokenOffset)
      }
      guard tags >= -1 && tags < tagCount else {
        throw invalid("expected a tags index from −1 to \(tagCount - 1), found \(tags)", at: tokenOffset)
      }
      if pointer != 0 { live.prefetch(pointer) }
      if newPointer != 0 { live.prefetch(newPointer) }
      batch[n] = PendingToken(
        pointer: pointer, newPointer: newPointer, callstack: callstack, tags: tags, size: size, type: type,
        pool: UInt8(pool))
      n += 1
    }
    return (n, nil)
  }

  /// Applies one memory token (MemoryProfiler2's HandleMalloc / HandleFree / HandleRealloc).
  @inline(__always) private func apply(_ token: PendingToken) {
    switch token.type {
    case 0:
      counts.mallocs += 1
      if token.pointer != 0 {
        notePool(callstack: token.callstack, pool: Int(token.pool), pointer: token.pointer, size: token.size)
        malloc(
          token.pointer, size: token.size, callstack: token.callstack, tags: token.tags, pool: Int(token.pool),
          from: -1)
        addLatest(token.callstack, Int64(token.size))
      } else {
        diagnostics.nullMallocs += 1
      }
    case 1:
      counts.frees += 1
      free(token.pointer)
    default:
      counts.reallocs += 1
      realloc(
        old: token.pointer, new: token.newPointer, size: token.size, callstack: token.callstack, tags: token.tags,
        pool: Int(token.pool))
    }
    streamIndex += 1
  }

  private var resultsTaken = false
  private var liveReleased = false

  deinit {
    if !liveReleased { live.release() }
    guard !resultsTaken else { return }
    for column in [address.discard, size.discard, callstackOf.discard, tagsOf.discard, birth.discard, death.discard,
      reallocatedFrom.discard, flags.discard, sums.discard] as [() -> Void]
    {
      column()
    }
  }

  /// Moves the columns into the model's arrays, one column at a time, freeing each buffer.
  func takeResults() -> (AllocationTable, CallstackTotals) {
    resultsTaken = true
    var table = AllocationTable()
    table.address = address.adopt(count: rows)
    table.size = size.adopt(count: rows)
    table.callstack = callstackOf.adopt(count: rows)
    table.tags = tagsOf.adopt(count: rows)
    table.birth = birth.adopt(count: rows)
    table.death = death.adopt(count: rows)
    table.reallocatedFrom = reallocatedFrom.adopt(count: rows)
    table.flags = flags.adopt(count: rows)
    return (table, sums.finish(count: callstacks.count))
  }

  // MARK: - Memory operations

  @inline(__always) private func addLatest(_ callstack: Int32, _ delta: Int64) {
    let tally = sums.tally(Int(callstack))
    let latest = tally.pointee.latestSize + delta
    tally.pointee.latestSize = latest
    if latest > tally.pointee.maxSize { tally.pointee.maxSize = latest }
  }

  @inline(__always) private func notePool(callstack: Int32, pool: Int, pointer: UInt64, size: UInt32) {
    let c = Int(callstack)
    let flag = UInt8(1 << pool)
    let tally = sums.tally(c)
    let mask = tally.pointee.poolMask
    if mask != 0 && mask != flag { diagnostics.multiPoolCallstacks = true }
    tally.pointee.poolMask = mask | flag
    if pointer < poolLow[pool] { poolLow[pool] = pointer }
    let high = pointer &+ UInt64(size)
    if high > poolHigh[pool] { poolHigh[pool] = high }
  }

  /// HandleMalloc: records the live block and the running totals.
  @inline(__always) private func malloc(
    _ pointer: UInt64, size: UInt32, callstack: Int32, tags: Int32, pool: Int, from: Int32
  ) {
    let row = rows
    let block = LiveBlock(row: UInt32(row), size: size, callstack: callstack, pool: UInt8(pool))
    if let replaced = live.insert(pointer, block) {
      // "Malloced twice": the old entry leaves the live set; the running size keeps its bytes.
      end(replaced, as: .replaced)
      let old = sums.tally(Int(replaced.callstack))
      old.pointee.activeSize -= Int64(replaced.size)
      old.pointee.activeCount -= 1
      diagnostics.mallocedTwice += 1
    }
    address[row] = pointer
    self.size[row] = size
    callstackOf[row] = callstack
    tagsOf[row] = tags
    birth[row] = streamIndex
    death[row] = AllocationTable.alive
    reallocatedFrom[row] = from
    flags[row] = UInt8(pool)
    rows = row + 1
    let tally = sums.tally(Int(callstack))
    tally.pointee.lifetimeSize += Int64(size)
    tally.pointee.lifetimeCount += 1
    tally.pointee.activeSize += Int64(size)
    tally.pointee.activeCount += 1
    if allocationSize > allocationMaxSize { allocationMaxSize = allocationSize }
    allocationSize += Int64(size)
    allocationCount += 1
    if allocationCount % MemorySlice.operationsPerSlice == 0 {
      recordSlice()
      allocationMaxSize = 0
    }
  }

  /// Records how and when a block ended: plain stores, no read of the row.
  @inline(__always) private func end(_ block: LiveBlock, as end: AllocationEnd) {
    let row = Int(block.row)
    death[row] = streamIndex
    flags[row] = block.pool | end.rawValue << 2
  }

  /// HandleFree: removes a live block; returns it, or `nil` for an unknown pointer.
  @inline(__always) private func release(_ pointer: UInt64) -> LiveBlock? {
    guard let block = live.remove(pointer) else {
      diagnostics.freesWithoutMalloc += 1
      return nil
    }
    let bytes = Int64(block.size)
    let tally = sums.tally(Int(block.callstack))
    tally.pointee.activeSize -= bytes
    tally.pointee.activeCount -= 1
    allocationSize -= bytes
    allocationCount += 1
    if allocationCount % MemorySlice.operationsPerSlice == 0 { recordSlice() }
    return block
  }

  private func free(_ pointer: UInt64) {
    if detectingReallocZero && reallocZeroCount > 0 && pointer == reallocZeroPointer {
      reallocZeroCount -= 1
    }
    guard detectingReallocZero || !useReallocZero || pointer != reallocZeroPointer else { return }
    if let block = release(pointer) {
      end(block, as: .freed)
      addLatest(block.callstack, -Int64(block.size))
      diagnostics.completeLifecycles += 1
    }
  }

  private func realloc(old: UInt64, new: UInt64, size: UInt32, callstack: Int32, tags: Int32, pool: Int) {
    var previousCallstack: Int32 = -1
    var from: Int32 = -1
    if old != 0 {
      if let block = release(old) {
        from = Int32(block.row)
        previousCallstack = block.callstack
        let oldSize = Int64(block.size)
        if size > 0 {
          end(block, as: .reallocated)
          if previousCallstack == callstack {
            addLatest(previousCallstack, Int64(size) - oldSize)
          } else {
            addLatest(previousCallstack, -oldSize)
            diagnostics.completeLifecycles += 1
            diagnostics.crossCallstackReallocs += 1
          }
        } else {
          end(block, as: .freed)
          addLatest(previousCallstack, -oldSize)
          diagnostics.completeLifecycles += 1
        }
      }
    } else if size == 0 {
      if detectingReallocZero {
        if reallocZeroCount > 1 {
          useReallocZero = new == reallocZeroPointer
          detectingReallocZero = false
          diagnostics.globalReallocZeroPointer = useReallocZero
        } else {
          reallocZeroPointer = new
          reallocZeroCount += 1
        }
      }
      if useReallocZero { return }
    }
    if new != 0 {
      notePool(callstack: callstack, pool: pool, pointer: new, size: size)
      malloc(new, size: size, callstack: callstack, tags: tags, pool: pool, from: from)
      if callstack != previousCallstack { addLatest(callstack, Int64(size)) }
    }
  }

  private func recordSlice() {
    func stat(_ name: String) -> Int64 { latestStats.first { $0.name == name }?.value ?? 0 }
    slices.append(
      MemorySlice(
        allocationCount: allocationCount, streamIndex: streamIndex, usedPhysical: stat("Used Physical"),
        binnedWasteCurrent: stat("Binned Waste Current"), binnedUsedCurrent: stat("Binned Used Current"),
        binnedSlackCurrent: stat("Binned Slack Current"),
        memoryProfilingOverhead: stat("Memory Profiling Overhead"), allocationSize: allocationSize))
  }

  private func poolIndex(_ byte: UInt8, at offset: UInt64) throws -> Int {
    switch byte & 0xE0 {
    case 0x00: return MemoryPool.main.rawValue
    case 0x20: return MemoryPool.local.rawValue
    case 0x40: return MemoryPool.hostDefault.rawValue
    case 0x80: return MemoryPool.hostMovies.rawValue
    default:
      throw invalid("expected a memory-pool byte with pool bits 0x00, 0x20, 0x40 or 0x80, found 0x\(String(byte, radix: 16))", at: offset)
    }
  }

  // MARK: - Markers

  /// Handles an "Other" token; returns true at the end of the stream.
  private func other(_ subtype: TokenSubtype, payload: UInt32, at offset: UInt64) throws -> Bool {
    switch subtype {
    case .endOfStream:
      let trailer = try readTrailer(full: true)
      let stats = trailer.stats
      snapshots.append(
        makeSnapshot(
          description: "End", subtype: .snapshot, index: 0, stats: stats, levels: trailer.levels,
          metrics: trailer.metrics, isEnd: true, frameCountAdjust: 1))
      return true
    case .endOfFile:
      guard nextDataFile < header.numDataFiles else {
        throw invalid(
          "found an end-of-file marker, but the header says the capture has \(header.numDataFiles) part(s)", at: offset)
      }
      let partPath = CaptureFile.partPath(base: basePath, part: Int(nextDataFile))
      let next: CaptureFile
      do { next = try CaptureFile(path: partPath) } catch {
        throw MprofError.missingPart(path: partPath, part: Int(nextDataFile))
      }
      reader.switchTo(next)
      nextDataFile += 1
    case .snapshot, .loadMapStart, .loadMapMid, .loadMapEnd, .gcStart, .gcEnd, .levelStreamStart, .levelStreamEnd:
      let trailer = try readTrailer(full: true)
      guard payload < UInt32(tables.names.count) else {
        throw invalid("expected a snapshot label name index below \(tables.names.count), found \(payload)", at: offset)
      }
      if subtype == .snapshot || options.enabledSnapshotSubtypes.contains(subtype.rawValue) {
        let label = tables.names[Int(payload)]
        let number = snapshotCounters[Int(subtype.rawValue)]
        snapshotCounters[Int(subtype.rawValue)] += 1
        let description = "\(subtype.snapshotKind) \(number)" + (label.isEmpty ? "" : ": \(label)")
        // R2017+ takes a named snapshot's stats from the last periodic stats token; v3 markers
        // carry the only stats a v3 reader has.
        let stats = header.version >= 4 ? latestStats : trailer.stats
        snapshots.append(
          makeSnapshot(
            description: description, subtype: subtype, index: snapshotIndex, stats: stats,
            levels: trailer.levels, metrics: trailer.metrics, isEnd: false, frameCountAdjust: 0))
        elapsedTime = 0
      }
      snapshotIndex += 1
    case .frameTime:
      let delta = Float(bitPattern: payload)
      frames.streamIndex.append(streamIndex)
      frames.deltaTime.append(delta)
      totalTime += delta
      elapsedTime += delta
    case .memoryAllocationStats:
      latestStats = try readTrailer(full: false).stats
    case .text, .totalUsed, .totalAllocated, .cpuUsed, .cpuSlack, .cpuWaste, .gpuUsed, .gpuSlack, .gpuWaste,
      .osOverhead, .imageSize:
      break
    }
    return false
  }

  private func makeSnapshot(
    description: String, subtype: TokenSubtype, index: Int, stats: [StatValue], levels: [Int32],
    metrics: [Int64], isEnd: Bool, frameCountAdjust: Int
  ) -> Snapshot {
    Snapshot(
      description: description, subtype: subtype, snapshotIndex: index, streamIndex: streamIndex,
      frameNumber: frames.count + frameCountAdjust, currentTime: totalTime, elapsedTime: elapsedTime,
      allocationCount: allocationCount, allocationSize: allocationSize, allocationMaxSize: allocationMaxSize,
      allocationRows: rows, stats: stats, loadedLevels: levels, metrics: metrics, isEnd: isEnd)
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
          throw invalid("expected a stat name index below \(tables.names.count), found \(nameIndex)", at: r.offset + UInt64(12 * i))
        }
        stats.append(StatValue(name: tables.names[Int(nameIndex)], value: value))
      }
      r.cursor += n * 12
    } else {
      try r.need(n * 8, "\(n) stats")
      let names = Self.v3StatNames
      for i in 0..<n {
        stats.append(StatValue(name: i < names.count ? names[i] : "Stat\(i)", value: Order.i64(r.buffer, r.cursor + 8 * i)))
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
        throw invalid("expected a level name index below \(tables.names.count), found \(level)", at: r.offset + UInt64(4 * i))
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
      throw invalid("expected a script callstack index below \(tables.scriptCallstacks.count), found \(scriptIndex)", at: offset)
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
      let typeName = Int(objectType) < tables.scriptNames.count ? tables.scriptNames[Int(objectType)] : "Name\(objectType)"
      let synthetic = TableReader.syntheticAddressIndex(
        for: "[\(typeName)] UObject::StaticAllocateObject", in: &tables, cache: &syntheticAddresses)
      if let i = stack.lastIndex(where: { tables.addresses.functionNameIndex[Int($0)] == staticAllocateObjectName }) {
        stack[i] = synthetic
      }
    }
    let index = Int32(callstacks.count)
    callstacks.append(frames: stack, truncated: callstacks.isTruncated[Int(callstack)], original: callstack)
    sums.grow(to: callstacks.count)
    virtualCallstacks[key] = index
    return index
  }
}
