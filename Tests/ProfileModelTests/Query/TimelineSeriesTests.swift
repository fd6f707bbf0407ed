import Foundation
import Testing

@testable import ProfileModel

/// The Timeline's model queries (live bytes in buckets, the frame clock, the stats samples)
/// against brute-force replays of the rows and the frame table.
@Suite struct TimelineSeriesTests {
  static func demo(operations: Int = 6_000, version: UInt32 = 5) throws -> (Profile, ScratchFolder) {
    let scratch = ScratchFolder()
    let path = scratch.path("demo.mprof")
    var configuration = DemoCapture.Configuration()
    configuration.operations = operations
    configuration.writer.version = version
    try DemoCapture.write(to: path, configuration: configuration)
    return (try ProfileLoader.load(path: path), scratch)
  }

  /// Live bytes after every event, by replaying the rows one event at a time.
  static func replay(_ p: Profile, keep: (Int) -> Bool = { _ in true }) -> [Int64] {
    let a = p.allocations
    let events = Int(p.end.streamIndex) + 1
    var delta = [Int64](repeating: 0, count: events + 1)
    for row in 0..<a.count where keep(row) {
      delta[Int(a.birth[row])] += Int64(a.size[row])
      if a.death[row] != AllocationTable.alive && Int(a.death[row]) <= events {
        delta[Int(a.death[row])] -= Int64(a.size[row])
      }
    }
    var live: Int64 = 0
    return (0..<events).map { s in
      live += delta[s]
      return live
    }
  }

  @Test func liveBytesAtEverySnapshotAreItsActiveBytes() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let range = LiveBytesSeries.wholeCapture(p)
    let series = try LiveBytesSeries(profile: p, range: range, buckets: Int(range.upperBound) + 1)
    #expect(series.buckets.count == Int(range.upperBound) + 1)
    #expect(p.snapshots.count >= 3)
    let a = p.allocations
    for snapshot in p.snapshots {
      let bucket = series.buckets[Int(snapshot.streamIndex)]
      #expect(bucket.first == snapshot.streamIndex && bucket.last == snapshot.streamIndex)
      let active = (0..<a.count).filter { a.isLive($0, at: snapshot.streamIndex) }.map { Int64(a.size[$0]) }
        .reduce(0, +)
      #expect(bucket.final == active, "\(snapshot.description)")
      #expect(bucket.final == snapshot.allocationSize, "\(snapshot.description)")
    }
  }

  @Test(arguments: [1, 7, 80, 333])
  func bucketsKeepTheReplaysPeaksAndEnds(buckets: Int) throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let live = Self.replay(p)
    // The whole capture and a window that starts and ends mid-stream.
    for range in [LiveBytesSeries.wholeCapture(p), UInt32(live.count / 5)...UInt32(live.count * 3 / 4)] {
      let series = try LiveBytesSeries(profile: p, range: range, buckets: buckets)
      #expect(series.buckets.count == buckets)
      #expect(series.initial == (range.lowerBound == 0 ? 0 : live[Int(range.lowerBound) - 1]))
      #expect(series.buckets.first?.first == range.lowerBound && series.buckets.last?.last == range.upperBound)
      var next = range.lowerBound
      for bucket in series.buckets {
        #expect(bucket.first == next)
        next = bucket.last + 1
        let values = live[Int(bucket.first)...Int(bucket.last)]
        #expect(bucket.maximum == values.max())
        #expect(bucket.minimum == values.min())
        #expect(bucket.final == values.last)
      }
    }
  }

  /// Buckets ending where asked (another build's columns aligned by frame): each bucket is the
  /// replay between the previous end and its own; an end repeated gives a bucket with no event
  /// of its own holding the live bytes there; ends outside the range are clamped, and the last
  /// bucket ends at the range's end.
  @Test func bucketsEndWhereAsked() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let live = Self.replay(p)
    let range = UInt32(live.count / 5)...UInt32(live.count * 3 / 4)
    let (lo, hi) = (range.lowerBound, range.upperBound)
    let ends: [UInt32] = [0, lo + 10, lo + 10, lo + 500, lo + 400, hi - 7, hi + 1000]
    let series = try LiveBytesSeries(profile: p, range: range, buckets: 99, ends: ends)
    #expect(series.buckets.count == ends.count)
    #expect(series.buckets.map(\.last) == [lo, lo + 10, lo + 10, lo + 500, lo + 500, hi - 7, hi])
    var next = lo
    for bucket in series.buckets {
      if bucket.last < next {
        // Nothing of its own: the live bytes where the previous bucket ended.
        #expect(bucket.maximum == live[Int(bucket.last)] && bucket.final == live[Int(bucket.last)])
        continue
      }
      #expect(bucket.first == next)
      let values = live[Int(bucket.first)...Int(bucket.last)]
      #expect(bucket.maximum == values.max() && bucket.minimum == values.min() && bucket.final == values.last)
      next = bucket.last + 1
    }
    // Ends of an even spread give the even spread.
    let even = try LiveBytesSeries(profile: p, range: range, buckets: 7)
    #expect(try LiveBytesSeries(profile: p, range: range, buckets: 7, ends: even.buckets.map(\.last)) == even)
  }

  @Test func filteredSeriesCountsOnlyPassingRows() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    var state = FilterState.defaults(for: .filterIn, assignment: assignment)
    state.text = "Texture"
    let query = try ViewQuery(profile: p, assignment: assignment, filter: state)
    let passes = query.filter.passes
    let live = Self.replay(p) { passes[Int(p.allocations.callstack[$0])] }
    #expect(live.contains { $0 > 0 })
    #expect(live.last != Self.replay(p).last)
    let series = try LiveBytesSeries(profile: p, range: LiveBytesSeries.wholeCapture(p), buckets: 50, query: query)
    for bucket in series.buckets {
      #expect(bucket.maximum == live[Int(bucket.first)...Int(bucket.last)].max())
      #expect(bucket.final == live[Int(bucket.last)])
    }
  }

  /// A history: the live bytes of a set of callstacks, with blocks that reallocs move between
  /// callstacks (MemoryProfiler2's merge drops the new owner's share of such a move).
  @Test func historyOfACallstackSetFollowsReallocsAcrossCallstacks() throws {
    let (p, _, scratch) = try ShortLivedTests.capture()
    _ = scratch
    let a = p.allocations
    // E's blocks are moved by F's realloc: rows of F that came from rows of E.
    let moved = (0..<a.count).filter {
      a.reallocatedFrom[$0] >= 0 && a.callstack[Int(a.reallocatedFrom[$0])] != a.callstack[$0]
    }
    #expect(!moved.isEmpty)
    let e = Int(a.callstack[Int(a.reallocatedFrom[moved[0]])])
    let f = Int(a.callstack[moved[0]])
    let range = LiveBytesSeries.wholeCapture(p)
    for set in [[e], [f], [e, f], Array(0..<p.callstacks.count)] {
      var mask = [Bool](repeating: false, count: p.callstacks.count)
      for c in set { mask[c] = true }
      let series = try LiveBytesSeries(
        profile: p, range: range, buckets: Int(range.upperBound) + 1, callstacks: mask)
      for snapshot in p.snapshots {
        let rows = (0..<a.count).filter { mask[Int(a.callstack[$0])] && a.isLive($0, at: snapshot.streamIndex) }
        let bucket = series.buckets[Int(snapshot.streamIndex)]
        #expect(bucket.final == rows.map { Int64(a.size[$0]) }.reduce(0, +), "\(set) at \(snapshot.description)")
        #expect(bucket.finalCount == Int64(rows.count), "\(set) at \(snapshot.description)")
      }
      // At every event, not only at snapshots.
      let live = Self.replay(p) { mask[Int(a.callstack[$0])] }
      #expect(series.buckets.map(\.final) == live)
    }
  }

  /// A diff bound at any event: at a snapshot's event it gives that snapshot's figures, and the
  /// made-up snapshot holds the live bytes, frame and stats there.
  @Test func anEventIsADiffBoundLikeASnapshot() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let assignment = try GroupAssignment(profile: p, groups: ClassGroupsLocator.builtIn())
    let named = try #require(p.snapshots.indices.dropLast().dropFirst().first)
    let snapshot = p.snapshots[named]
    for kind in [FilterState.AllocationKind.active, .lifetime] {
      var bySnapshot = FilterState.defaults(for: .filterIn, assignment: assignment)
      bySnapshot.kind = kind
      bySnapshot.diffStart = .snapshot(named)
      var byEvent = bySnapshot
      byEvent.diffStart = .event(snapshot.streamIndex, name: "Mark A")
      let a = try ViewQuery(profile: p, assignment: assignment, filter: bySnapshot)
      let b = try ViewQuery(profile: p, assignment: assignment, filter: byEvent)
      #expect(a.totals == b.totals && a.passingRows == b.passingRows)
    }
    let made = try #require(p.snapshot(.event(snapshot.streamIndex, name: "Mark A")))
    #expect(made.allocationSize == snapshot.allocationSize && made.streamIndex == snapshot.streamIndex)
    #expect(made.frameNumber == p.frames.frame(containing: snapshot.streamIndex))
    #expect(made.description == "Mark A @ event \(snapshot.streamIndex), frame \(made.frameNumber)")
    #expect(!made.stats.isEmpty)
    #expect(try p.resolveSnapshot("event:\(snapshot.streamIndex)") == .event(snapshot.streamIndex, name: "Event"))
    #expect(throws: MprofError.self) { try p.resolveSnapshot("event:\(p.end.streamIndex + 1)") }
  }

  @Test func mergedPairsAreTheSeriesAtHalfTheBuckets() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    for range in [LiveBytesSeries.wholeCapture(p), 1_000...4_321] {
      for columns in [7, 80, 100] {
        let fine = try LiveBytesSeries(profile: p, range: range, buckets: 2 * columns)
        let coarse = try LiveBytesSeries(profile: p, range: range, buckets: columns)
        #expect(fine.mergingPairs() == coarse, "\(range) \(columns)")
      }
    }
  }

  /// The largest change at one event in a range, against a replay of every event's net change.
  @Test func largestChangeAtOneEvent() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let a = p.allocations
    let chosen = (0..<p.callstacks.count).map { $0 % 3 == 0 }
    var delta: [UInt32: Int64] = [:]
    for row in 0..<a.count where chosen[Int(a.callstack[row])] {
      delta[a.birth[row], default: 0] += Int64(a.size[row])
      if a.death[row] != AllocationTable.alive { delta[a.death[row], default: 0] -= Int64(a.size[row]) }
    }
    for range in [LiveBytesSeries.wholeCapture(p), 2_000...2_400, 3_000...3_000] {
      let change = try EventChange.largest(in: range, profile: p, callstacks: chosen)
      let inRange = delta.filter { range.contains($0.key) && $0.value != 0 }
      let best = inRange.max { abs($0.value) != abs($1.value) ? abs($0.value) < abs($1.value) : $0.key > $1.key }
      #expect(change?.event == best?.key, "\(range)")
      #expect(change?.bytes == best?.value, "\(range)")
      if let change {
        #expect(chosen[change.callstack])
        #expect(a.birth[change.row] == change.event || a.death[change.row] == change.event)
        #expect((change.kind == .free) == (a.birth[change.row] != change.event))
      }
    }
  }

  @Test func cancelledSeriesStops() throws {
    let (p, scratch) = try Self.demo(operations: 2_000)
    _ = scratch
    let token = CancelToken()
    token.cancel()
    #expect(throws: CancellationError.self) {
      try LiveBytesSeries(profile: p, range: LiveBytesSeries.wholeCapture(p), buckets: 10, cancel: token)
    }
  }

  @Test func frameClockFollowsTheFrameTable() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let clock = FrameClock(frames: p.frames)
    let boundaries = p.frames.streamIndex
    #expect(boundaries.count > 10)
    var elapsed = 0.0
    for k in boundaries.indices {
      if k > 0 { elapsed += Double(p.frames.deltaTime[k]) }
      #expect(abs(clock.seconds(at: boundaries[k]) - elapsed) < 1e-9 || boundaries[k] == boundaries[max(k - 1, 0)])
    }
    for s in stride(from: UInt32(0), through: p.end.streamIndex, by: 7) {
      let k = p.frames.frame(containing: s)
      #expect(clock.frame(at: s) == k)
      let fraction = clock.fractionalFrame(at: s)
      if k > 0 && k < boundaries.count {
        #expect(fraction > Double(k - 1) && fraction <= Double(k))
        #expect(clock.seconds(at: s) >= clock.seconds(at: boundaries[k - 1]))
        #expect(clock.seconds(at: s) <= clock.seconds(at: boundaries[k]))
      }
    }
    #expect(p.snapshots.allSatisfy { clock.frame(at: $0.streamIndex) <= $0.frameNumber })
  }

  /// Frames and seconds back to events: the inverse of the clock at every boundary and between.
  @Test func frameClockInverts() throws {
    let (p, scratch) = try Self.demo()
    _ = scratch
    let clock = FrameClock(frames: p.frames)
    let boundaries = clock.boundaries
    #expect(boundaries.count > 10)
    for k in 1..<boundaries.count where boundaries[k] > boundaries[k - 1] + 1 {
      for index in [boundaries[k], (boundaries[k - 1] + boundaries[k]) / 2] {
        #expect(clock.event(atFractionalFrame: clock.fractionalFrame(at: index)) == index)
        if clock.secondsAtBoundary[k] > clock.secondsAtBoundary[k - 1] {
          let back = clock.event(atSeconds: clock.seconds(at: index))
          #expect(back >= index - 1 && back <= index + 1)
        }
      }
    }
    #expect(clock.event(atFractionalFrame: -3) == boundaries[0])
    #expect(clock.event(atFractionalFrame: 1e9) == boundaries[boundaries.count - 1])
    #expect(clock.event(atSeconds: 1e9) == boundaries[boundaries.count - 1])
  }

  @Test func everyStatsTokenIsASample() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("stats.mprof")
    let w = try MprofWriter(path: path)
    let site = w.callstack(innermostFirst: [w.address(pc: 1, function: "Make()", file: "m.cpp", line: 1)])
    for i in 0..<5 {
      try w.malloc(pointer: UInt64(0x1000 + i * 0x100), size: 64, callstack: site)
      try w.stats([("Used Physical", Int64(1_000 + i)), ("Binned Used Current", Int64(10 * i))])
    }
    try w.stats([("Used Physical", 9_999)])
    try w.finish(endStats: [("Memory Profiling Overhead", 4_096)])
    let p = try ProfileLoader.load(path: path)
    let stats = p.stats
    #expect(stats.names == ["Used Physical", "Binned Used Current", "Memory Profiling Overhead"])
    #expect(stats.sampleCount == 7)
    let used = try #require(stats.column(named: "Used Physical"))
    #expect(stats.values[used] == [1_000, 1_001, 1_002, 1_003, 1_004, 9_999, nil])
    let binned = try #require(stats.column(named: "Binned Used Current"))
    #expect(stats.values[binned] == [0, 10, 20, 30, 40, nil, nil])
    // A stats token follows each malloc, so sample i sits just after malloc i's event.
    for i in 0..<5 {
      let row = i
      #expect(stats.streamIndex[i] == p.allocations.birth[row] + 1)
      #expect(stats.sample(atOrBefore: p.allocations.birth[row]) == (i == 0 ? nil : i - 1))
    }
    #expect(stats.sample(atOrBefore: UInt32.max) == 6)
  }
}
