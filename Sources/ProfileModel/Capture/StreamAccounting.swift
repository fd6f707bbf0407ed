import CPrefetch

/// The accounting half of the token pass (§9.3): replays decoded tokens against the live set
/// with MemoryProfiler2's rules, and records how each allocation ended (death, end kind,
/// realloc source), the per-callstack totals, snapshots, frames and memory slices.
final class StreamAccounting {
  let header: CaptureHeader
  let options: LoadOptions

  // Columns written when a block is born and when it dies (see `AllocationTable`).
  let death: RawColumn<UInt32>
  let reallocatedFrom: RawColumn<Int32>
  let flags: RawColumn<UInt8>
  @exclusivity(unchecked) private(set) var sums: TotalsColumns
  @exclusivity(unchecked) private var live = PointerMap()
  @exclusivity(unchecked) private(set) var frames = FrameTable()
  @exclusivity(unchecked) private(set) var snapshots: [Snapshot] = []
  @exclusivity(unchecked) private(set) var slices: [MemorySlice] = []
  @exclusivity(unchecked) private(set) var diagnostics = LoadDiagnostics()
  @exclusivity(unchecked) private(set) var poolLow = [UInt64](repeating: .max, count: 4)
  @exclusivity(unchecked) private(set) var poolHigh = [UInt64](repeating: 0, count: 4)
  /// Rows made so far.
  @exclusivity(unchecked) private(set) var rows = 0

  // Running state, named as in MemoryProfiler2.
  @exclusivity(unchecked) private(set) var streamIndex: UInt32 = 0
  @exclusivity(unchecked) private var allocationCount: Int64 = 0
  @exclusivity(unchecked) private var allocationSize: Int64 = 0
  @exclusivity(unchecked) private var allocationMaxSize: Int64 = 0
  @exclusivity(unchecked) private var totalTime: Float = 0
  @exclusivity(unchecked) private var elapsedTime: Float = 0
  @exclusivity(unchecked) private var latestStats: [StatValue] = []
  /// Every stats sample, for the Timeline.
  private(set) var statsSeries = StatsSeries()
  @exclusivity(unchecked) private var snapshotIndex = 0
  @exclusivity(unchecked) private var snapshotCounters = [Int](repeating: 0, count: 64)

  @exclusivity(unchecked) private var resultsTaken = false
  @exclusivity(unchecked) private var liveReleased = false

  /// How many tokens ahead the live map's slots are prefetched.
  static var prefetchDistance: Int { 24 }

  init(header: CaptureHeader, options: LoadOptions, callstackCount: Int, rowCapacity: Int) {
    self.header = header
    self.options = options
    death = RawColumn(capacity: rowCapacity)
    reallocatedFrom = RawColumn(capacity: rowCapacity)
    flags = RawColumn(capacity: rowCapacity)
    sums = TotalsColumns(callstacks: callstackCount)
  }

  deinit {
    if !liveReleased { live.release() }
    guard !resultsTaken else { return }
    death.discard()
    reallocatedFrom.discard()
    flags.discard()
    sums.discard()
  }

  /// Moves the death columns into `table` and returns the per-callstack totals for
  /// `callstackCount` callstacks; the accounting must not be used afterwards.
  func takeResults(into table: inout AllocationTable, callstackCount: Int) -> CallstackTotals {
    resultsTaken = true
    table.death = death.adopt(count: rows)
    table.reallocatedFrom = reallocatedFrom.adopt(count: rows)
    table.flags = flags.adopt(count: rows)
    sums.grow(to: callstackCount)
    return sums.finish(count: callstackCount)
  }

  // MARK: - Replay

  /// Applies every token of `chunk`, in order.
  func apply(_ chunk: TokenChunk) {
    let tokens = chunk.tokens
    let count = chunk.count
    let distance = Self.prefetchDistance
    for j in 0..<min(distance, count) { prefetch(tokens[j]) }
    for j in 0..<count {
      if j + distance < count { prefetch(tokens[j + distance]) }
      let token = tokens[j]
      switch token.kind {
      case .malloc:
        if token.pointer != 0 {
          born(token, pointer: token.pointer, from: -1)
          addLatest(token.callstack, Int64(token.size))
        } else {
          diagnostics.nullMallocs += 1
        }
      case .free:
        free(token.pointer)
      case .realloc:
        realloc(token)
      case .marker:
        // The end-of-stream marker is the chunk's last token and takes no stream index.
        if marker(chunk.markers[Int(token.row)]) {
          finishStream()
          return
        }
      case .noEffect:
        break
      }
      streamIndex += 1
    }
  }

  @inline(__always) private func prefetch(_ token: DecodedToken) {
    if token.pointer != 0 { live.prefetch(token.pointer) }
    if token.newPointer != 0 { live.prefetch(token.newPointer) }
  }

  private func finishStream() {
    frames.streamIndex.append(streamIndex)
    frames.deltaTime.append(0)
    live.release()
    liveReleased = true
  }

  // MARK: - Memory operations

  @inline(__always) private func addLatest(_ callstack: Int32, _ delta: Int64) {
    let tally = sums.tally(Int(callstack))
    let latest = tally.pointee.latestSize + delta
    tally.pointee.latestSize = latest
    if latest > tally.pointee.maxSize { tally.pointee.maxSize = latest }
  }

  /// HandleMalloc: a new live block at `pointer` (row `token.row`), with the running totals.
  @inline(__always) private func born(_ token: DecodedToken, pointer: UInt64, from: Int32) {
    let c = Int(token.callstack)
    if c >= sums.capacity { sums.grow(to: max(c + 1, sums.capacity * 2)) }
    let tally = sums.tally(c)
    // The pool: per-callstack mask and per-pool address range.
    let flag = UInt8(1 << token.pool)
    let mask = tally.pointee.poolMask
    if mask != 0 && mask != flag { diagnostics.multiPoolCallstacks = true }
    tally.pointee.poolMask = mask | flag
    let pool = Int(token.pool)
    if pointer < poolLow[pool] { poolLow[pool] = pointer }
    let high = pointer &+ UInt64(token.size)
    if high > poolHigh[pool] { poolHigh[pool] = high }

    let row = Int(token.row)
    let block = LiveBlock(row: token.row, size: token.size, callstack: token.callstack, pool: token.pool)
    if let replaced = live.insert(pointer, block) {
      // "Malloced twice": the old entry leaves the live set; the running size keeps its bytes.
      end(replaced, as: .replaced)
      let old = sums.tally(Int(replaced.callstack))
      old.pointee.activeSize -= Int64(replaced.size)
      old.pointee.activeCount -= 1
      diagnostics.mallocedTwice += 1
    }
    death[row] = AllocationTable.alive
    reallocatedFrom[row] = from
    flags[row] = token.pool
    rows = row + 1
    tally.pointee.lifetimeSize += Int64(token.size)
    tally.pointee.lifetimeCount += 1
    tally.pointee.activeSize += Int64(token.size)
    tally.pointee.activeCount += 1
    if allocationSize > allocationMaxSize { allocationMaxSize = allocationSize }
    allocationSize += Int64(token.size)
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
    if let block = release(pointer) {
      end(block, as: .freed)
      addLatest(block.callstack, -Int64(block.size))
      diagnostics.completeLifecycles += 1
    }
  }

  private func realloc(_ token: DecodedToken) {
    var previousCallstack: Int32 = -1
    var from: Int32 = -1
    let size = token.size
    if token.pointer != 0, let block = release(token.pointer) {
      from = Int32(block.row)
      previousCallstack = block.callstack
      let oldSize = Int64(block.size)
      if size > 0 {
        end(block, as: .reallocated)
        if previousCallstack == token.callstack {
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
    if token.newPointer != 0 {
      born(token, pointer: token.newPointer, from: from)
      if token.callstack != previousCallstack { addLatest(token.callstack, Int64(size)) }
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

  // MARK: - Markers

  /// Handles a marker; returns true at the end of the stream.
  private func marker(_ m: DecodedMarker) -> Bool {
    // Marker trailers are measurements too (v3 positional stats, v4+ named ones).
    if !m.stats.isEmpty && m.subtype != .memoryAllocationStats { statsSeries.append(m.stats, at: streamIndex) }
    switch m.subtype {
    case .endOfStream:
      snapshots.append(
        makeSnapshot(
          description: "End", subtype: .snapshot, index: 0, stats: m.stats, levels: m.levels, metrics: m.metrics,
          isEnd: true, frameCountAdjust: 1))
      return true
    case .snapshot, .loadMapStart, .loadMapMid, .loadMapEnd, .gcStart, .gcEnd, .levelStreamStart, .levelStreamEnd:
      if m.subtype == .snapshot || options.enabledSnapshotSubtypes.contains(m.subtype.rawValue) {
        let number = snapshotCounters[Int(m.subtype.rawValue)]
        snapshotCounters[Int(m.subtype.rawValue)] += 1
        let description = "\(m.subtype.snapshotKind) \(number)" + (m.label.isEmpty ? "" : ": \(m.label)")
        // R2017+ takes a named snapshot's stats from the last periodic stats token; v3 markers
        // carry the only stats a v3 reader has.
        let stats = header.version >= 4 ? latestStats : m.stats
        snapshots.append(
          makeSnapshot(
            description: description, subtype: m.subtype, index: snapshotIndex, stats: stats, levels: m.levels,
            metrics: m.metrics, isEnd: false, frameCountAdjust: 0))
        elapsedTime = 0
      }
      snapshotIndex += 1
    case .frameTime:
      let delta = Float(bitPattern: m.payload)
      frames.streamIndex.append(streamIndex)
      frames.deltaTime.append(delta)
      totalTime += delta
      elapsedTime += delta
    case .memoryAllocationStats:
      latestStats = m.stats
      statsSeries.append(m.stats, at: streamIndex)
    case .endOfFile, .text, .totalUsed, .totalAllocated, .cpuUsed, .cpuSlack, .cpuWaste, .gpuUsed, .gpuSlack,
      .gpuWaste, .osOverhead, .imageSize:
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
}
