import ProfileModel

/// What the Timeline tab asks for: a window of events at the chart's resolution.
public struct TimelineRequest: Sendable, Equatable {
  /// The events shown, inclusive.
  public var window: ClosedRange<UInt32>
  /// One bucket per chart column.
  public var columns: Int
  /// Only what passes the shared filters (MemoryProfiler2's timeline ignores them).
  public var filtered: Bool
  /// Two samples per column, for braille (captures without allocator stats).
  public var twoPerColumn: Bool
  /// Comparing two builds: how the base's window is found — the same share of its events, or
  /// the same frames or seconds (the x axis' unit).
  var alignment = SeriesChart.TimeUnit.events
}

/// The Timeline's figures: live bytes per column (peak and end), and Used Physical beside them.
public struct TimelineFigures: Sendable {
  public let series: LiveBytesSeries
  /// Per bucket: the last Used Physical sample at or before the bucket's end.
  public let usedPhysical: [Int64?]
  /// The allocator's stats stacked under the live bytes (bottom first), per bucket, with their
  /// names; only those the capture carries.
  public let stacked: [(name: String, values: [Int64])]
  /// The peaks of each column's halves, when asked for.
  public let halfPeaks: [Int64]?
  /// Comparing with another build: its live-bytes peaks per column, over the same fraction of its
  /// stream (`nil` when it cannot fill every column).
  public let basePeaks: [Int64]?
}

/// Tab 3: memory over the whole capture at the terminal's resolution, every snapshot marked,
/// with a cursor reading out every series, zoom and pan (MemoryProfiler2's Timeline, §3.3,
/// without its one sample per 500,000 events).
final class TimelineTab: TabView {
  static let title = "Timeline"
  static let shortTitle = "Time"
  static let context = KeyContext(id: "timeline", title: "Timeline")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] =
    ChartBindings.bindings(context) + [
      Binding(
        [.character("f")], .toggleFiltered, context, help: "all memory ↔ only what passes the filters",
        footer: "Filter", priority: 2),
      Binding(
        [.character("a")], .dropMarker(.a), context, help: "Mark A at the cursor: the diff start of every tab",
        footer: "Mark A", priority: 2),
      Binding(
        [.character("b")], .dropMarker(.b), context, help: "Mark B at the cursor: the diff end of every tab",
        footer: "Mark B", priority: 2),
      Binding(
        [.character("C")], .dropMarker(.c), context, help: "Mark C at the cursor (the rules with three or four markers)"
      ),
      Binding([.character("D")], .dropMarker(.d), context, help: "Mark D at the cursor (Specific Lifetime)"),
      Binding(
        [.character("u")], .toggleUsedPhysical, context, help: "show / hide Used Physical (the scale follows)",
        footer: "Used", priority: 4),
    ]

  /// MemoryProfiler2's stacked areas, bottom first, and the roles that colour them.
  static let stackedStats = [
    "Memory Profiling Overhead", "Binned Waste Current", "Binned Slack Current", "Binned Used Current",
  ]
  static let stackedRoles: [String: Theme.Role] = [
    "Memory Profiling Overhead": .chartOverhead, "Binned Waste Current": .chartWaste,
    "Binned Slack Current": .chartSlack, "Binned Used Current": .chartUsed,
  ]

  let clock: FrameClock
  let profile: Profile
  var chart: ChartWindow
  var filtered = false
  /// The Used Physical line, and the scale that makes room for it.
  var showsUsedPhysical = true
  var unit = SeriesChart.TimeUnit.events
  /// Braille for the live bytes when nothing is stacked under them.
  var braille = true
  /// Whether the capture has allocator stats to stack (then the live bytes are a line).
  let hasStackedStats: Bool
  private(set) var figures: TimelineFigures?

  init(setup: TabSetup) {
    profile = setup.profile
    clock = FrameClock(frames: setup.profile.frames)
    spans = SeriesChart.spans(of: setup.profile.snapshots)
    hasStackedStats = Self.stackedStats.contains { setup.profile.stats.column(named: $0) != nil }
    chart = ChartWindow(
      whole: LiveBytesSeries.wholeCapture(setup.profile), columns: SeriesChart.columns(width: setup.area.width))
  }

  var window: ClosedRange<UInt32> { chart.window }
  var cursorEvent: UInt32 { chart.cursorEvent }
  var columns: Int { chart.columns }

  var request: TimelineRequest {
    TimelineRequest(
      window: chart.window, columns: chart.columns, filtered: filtered, twoPerColumn: braille && !hasStackedStats,
      alignment: unit)
  }

  /// - Complexity: O(rows born before the window's end + events in the window), then
  ///   O(columns × log stats samples).
  static func compute(_ request: TimelineRequest, shared: SharedFigures, cancel: CancelToken) throws
    -> TimelineFigures
  {
    let profile = shared.profile
    let (series, halfPeaks) = try LiveBytesSeries.forChart(
      profile: profile, range: request.window, columns: request.columns, halves: request.twoPerColumn,
      query: request.filtered ? shared.query : nil, cancel: cancel)
    let stats = profile.stats
    let used = stats.column(named: "Used Physical")
    let usedPhysical = series.buckets.map { bucket -> Int64? in
      guard let used, let sample = stats.sample(atOrBefore: bucket.last) else { return nil }
      return stats.values[used][sample]
    }
    let samples = series.buckets.map { stats.sample(atOrBefore: $0.last) }
    let stacked = stackedStats.compactMap { name -> (name: String, values: [Int64])? in
      guard let column = stats.column(named: name) else { return nil }
      return (name, samples.map { sample in sample.flatMap { stats.values[column][$0] } ?? 0 })
    }
    // The other build over the same share of its capture, column for column (events in
    // proportion: the two builds do not run the same number of events).
    var basePeaks: [Int64]?
    if let base = shared.base {
      let other = try request.alignment.baseSeries(
        for: series, window: request.window, profile: profile, base: base.profile,
        query: request.filtered ? shared.baseQuery : nil, cancel: cancel)
      if other.buckets.count == series.buckets.count { basePeaks = other.buckets.map(\.maximum) }
    }
    return TimelineFigures(
      series: series, usedPhysical: usedPhysical, stacked: stacked, halfPeaks: halfPeaks, basePeaks: basePeaks)
  }

  func accept(_ new: TimelineFigures, for request: TimelineRequest, context: TabContext) -> TabOutcome {
    figures = new
    return .handled
  }

  func resize(to area: Rect) { chart.columns = SeriesChart.columns(width: area.width) }

  var keyContexts: [KeyContext] { [Self.context] }
  var filterSegments: [String] {
    [filtered ? "memory passing the filters" : "all memory", "x in \(unit.rawValue)"]
  }
  var rowCount: Int { figures?.series.buckets.count ?? 0 }

  func reset() {
    chart.reset()
    filtered = false
    showsUsedPhysical = true
    unit = .events
  }

  /// The bucket holding `event` in the figures shown.
  func bucketIndex(of event: UInt32) -> Int? {
    figures.flatMap { ChartWindow.bucketIndex(of: event, in: $0.series.buckets) }
  }

  /// Markers in stream order: named snapshots, GC and map loads, the end.
  var markers: [Snapshot] { profile.snapshots }
  /// GC and map-load spans, shaded behind the chart.
  let spans: [ClosedRange<UInt32>]

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    if let outcome = chart.perform(action, buckets: figures?.series.buckets ?? [], markers: markers) {
      return outcome
    }
    switch action {
    case .toggleBraille:
      guard !hasStackedStats else {
        return .say("The allocator stats are stacked in blocks; braille draws captures without them", isError: false)
      }
      braille.toggle()
      return .say(braille ? "Braille: two samples a column" : "Block columns in eighths of a cell", isError: false)
    case .dropMarker(let marker):
      return .dropMarker(.event(chart.cursorEvent, name: "Mark \(marker.letter)"), marker)
    case .toggleFiltered:
      filtered.toggle()
      return .say(
        filtered ? "Only memory that passes the filters (f: all memory)" : "All memory, as MemoryProfiler2 draws it",
        isError: false)
    case .toggleUsedPhysical:
      showsUsedPhysical.toggle()
      return .say(
        showsUsedPhysical ? "Used Physical shown" : "Used Physical hidden: the scale fits the live bytes",
        isError: false)
    case .cycleTimeUnit:
      unit = unit.next
      return .say("x axis in \(unit.rawValue)", isError: false)
    case .redraw:
      break
    default:
      return .unhandled
    }
    return .handled
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    chart.mouse(event, area: context.area, buckets: figures?.series.buckets ?? [])
  }
}
