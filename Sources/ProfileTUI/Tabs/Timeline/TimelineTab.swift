import ProfileModel

/// What the Timeline tab asks for: a window of events at the chart's resolution.
public struct TimelineRequest: Sendable, Equatable {
  /// The events shown, inclusive.
  public var window: ClosedRange<UInt32>
  /// One bucket per chart column.
  public var columns: Int
  /// Only what passes the shared filters (MemoryProfiler2's timeline ignores them).
  public var filtered: Bool
}

/// The Timeline's figures: live bytes per column (peak and end), and Used Physical beside them.
public struct TimelineFigures: Sendable {
  public let series: LiveBytesSeries
  /// Per bucket: the last Used Physical sample at or before the bucket's end.
  public let usedPhysical: [Int64?]
}

/// Tab 3: memory over the whole capture at the terminal's resolution, every snapshot marked,
/// with a cursor reading out every series, zoom and pan (MemoryProfiler2's Timeline, §3.3,
/// without its one sample per 500,000 events).
final class TimelineTab: TabView {
  static let title = "Timeline"
  static let shortTitle = "Time"
  static let context = KeyContext(id: "timeline", title: "Timeline")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] = [
    Binding([.left, .character("h")], .cursorLeft, context, help: "cursor one column left"),
    Binding([.right, .character("l")], .cursorRight, context, help: "cursor one column right"),
    Binding([.home, .character("g")], .lineStart, context, help: "cursor to the first column"),
    Binding([.end, .character("G")], .lineEnd, context, help: "cursor to the last column"),
    Binding(
      [.character("[")], .previousSnapshot, context, help: "cursor to the previous snapshot or marker", footer: "Prev",
      priority: 3),
    Binding(
      [.character("]")], .nextSnapshot, context, help: "cursor to the next snapshot or marker", footer: "Next",
      priority: 3),
    Binding(
      [.character("+"), .character("=")], .zoomIn, context, help: "zoom in around the cursor", footer: "Zoom",
      priority: 1),
    Binding([.character("-")], .zoomOut, context, help: "zoom out around the cursor"),
    Binding([.character("0")], .zoomReset, context, help: "the whole capture again"),
    Binding([.character("<"), .character(","), .pageUp], .panLeft, context, help: "pan a quarter window left"),
    Binding([.character(">"), .character("."), .pageDown], .panRight, context, help: "pan a quarter window right"),
    Binding(
      [.character("f")], .toggleFiltered, context, help: "all memory ↔ only what passes the filters", footer: "Filter",
      priority: 2),
    Binding(
      [.character("u")], .toggleUsedPhysical, context, help: "show / hide Used Physical (the scale follows)",
      footer: "Used", priority: 4),
    Binding(
      [.character("x")], .cycleTimeUnit, context, help: "x axis in events, frames or seconds", footer: "Units",
      priority: 4),
  ]

  /// What the x axis counts.
  enum TimeUnit: String, CaseIterable {
    case events, frames, seconds
  }

  /// Columns left of the chart for the byte scale.
  static let axisWidth = 10
  /// Rows that are not chart: legend, marker labels, axis line, axis labels, two readout lines.
  static let fixedRows = 6

  let whole: ClosedRange<UInt32>
  let clock: FrameClock
  let profile: Profile
  var window: ClosedRange<UInt32>
  var columns: Int
  var filtered = false
  /// The Used Physical line, and the scale that makes room for it.
  var showsUsedPhysical = true
  var unit = TimeUnit.events
  /// The event under the cursor; the cursor column is the bucket that holds it.
  var cursorEvent: UInt32
  private(set) var figures: TimelineFigures?

  init(setup: TabSetup) {
    profile = setup.profile
    whole = LiveBytesSeries.wholeCapture(setup.profile)
    clock = FrameClock(frames: setup.profile.frames)
    window = whole
    columns = Self.chartColumns(setup.area)
    cursorEvent = whole.upperBound
  }

  static func chartColumns(_ area: Rect) -> Int { max(area.width - axisWidth - 1, 1) }

  var request: TimelineRequest { TimelineRequest(window: window, columns: columns, filtered: filtered) }

  /// - Complexity: O(rows born before the window's end + events in the window), then
  ///   O(columns × log stats samples).
  static func compute(_ request: TimelineRequest, shared: SharedFigures, cancel: CancelToken) throws
    -> TimelineFigures
  {
    let profile = shared.profile
    let series = try LiveBytesSeries(
      profile: profile, range: request.window, buckets: request.columns, query: request.filtered ? shared.query : nil,
      cancel: cancel)
    let stats = profile.stats
    let used = stats.column(named: "Used Physical")
    let usedPhysical = series.buckets.map { bucket -> Int64? in
      guard let used, let sample = stats.sample(atOrBefore: bucket.last) else { return nil }
      return stats.values[used][sample]
    }
    return TimelineFigures(series: series, usedPhysical: usedPhysical)
  }

  func accept(_ new: TimelineFigures, for request: TimelineRequest, context: TabContext) -> TabOutcome {
    figures = new
    return .handled
  }

  func resize(to area: Rect) { columns = Self.chartColumns(area) }

  var keyContexts: [KeyContext] { [Self.context] }
  var filterSegments: [String] {
    [filtered ? "memory passing the filters" : "all memory", "x in \(unit.rawValue)"]
  }
  var rowCount: Int { figures?.series.buckets.count ?? 0 }

  func reset() {
    window = whole
    filtered = false
    showsUsedPhysical = true
    unit = .events
    cursorEvent = whole.upperBound
  }

  // MARK: - Cursor

  /// The bucket holding `event` in the figures shown (the last one past the end).
  func bucketIndex(of event: UInt32) -> Int? {
    guard let buckets = figures?.series.buckets, !buckets.isEmpty else { return nil }
    var lo = 0
    var hi = buckets.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if buckets[mid].last < event { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Moves the cursor `step` columns; past an edge of a zoomed window the window pans.
  func moveCursor(by step: Int) {
    guard let buckets = figures?.series.buckets, let index = bucketIndex(of: cursorEvent) else { return }
    let target = index + step
    if target >= 0 && target < buckets.count {
      cursorEvent = buckets[target].last
      return
    }
    // At either end of the capture the cursor stays.
    if (target < 0 && window.lowerBound == whole.lowerBound) || (target > 0 && window.upperBound == whole.upperBound) {
      return
    }
    let length = window.upperBound - window.lowerBound
    let width = UInt32(max(Int(length) / max(buckets.count, 1), 1))
    if target < 0 {
      let event = cursorEvent >= whole.lowerBound + width ? cursorEvent - width : whole.lowerBound
      show(event)
    } else {
      let event = min(cursorEvent + width, whole.upperBound)
      show(event)
    }
  }

  /// Puts the cursor on `event`, panning the window (same length) when it is outside.
  func show(_ event: UInt32) {
    cursorEvent = min(max(event, whole.lowerBound), whole.upperBound)
    if !window.contains(cursorEvent) {
      let length = window.upperBound - window.lowerBound
      let half = length / 2
      let start = cursorEvent > half ? cursorEvent - half : 0
      place(start: start, length: length)
    }
  }

  /// Sets the window to `length + 1` events from `start`, kept inside the capture.
  func place(start: UInt32, length: UInt32) {
    let length = min(length, whole.upperBound - whole.lowerBound)
    let start = min(max(start, whole.lowerBound), whole.upperBound - length)
    window = start...(start + length)
  }

  /// The events a zoom step leaves: half or double the window, never fewer than one per column.
  func zoom(in zoomingIn: Bool) -> Bool {
    let length = UInt64(window.upperBound - window.lowerBound)
    let smallest = UInt64(max(columns - 1, 1))
    let full = UInt64(whole.upperBound - whole.lowerBound)
    let next = zoomingIn ? max(length / 2, smallest) : min(length * 2 + 1, full)
    guard next != length else { return false }
    // The cursor keeps its place in the window.
    let offset = UInt64(cursorEvent - window.lowerBound)
    let scaled = length == 0 ? 0 : offset * next / length
    let start = UInt64(cursorEvent) >= scaled ? UInt64(cursorEvent) - scaled : 0
    place(start: UInt32(start), length: UInt32(next))
    return true
  }

  /// Markers in stream order: named snapshots, GC and map loads, the end.
  var markers: [Snapshot] { profile.snapshots }

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    switch action {
    case .cursorLeft: moveCursor(by: -1)
    case .cursorRight: moveCursor(by: 1)
    case .lineStart: cursorEvent = window.lowerBound
    case .lineEnd: cursorEvent = window.upperBound
    case .previousSnapshot:
      guard let marker = markers.last(where: { $0.streamIndex < cursorEvent }) else {
        return .say("No snapshot before the cursor", isError: false)
      }
      show(marker.streamIndex)
      return .say(marker.description, isError: false)
    case .nextSnapshot:
      guard let marker = markers.first(where: { $0.streamIndex > cursorEvent }) else {
        return .say("No snapshot after the cursor", isError: false)
      }
      show(marker.streamIndex)
      return .say(marker.description, isError: false)
    case .zoomIn:
      if !zoom(in: true) { return .say("Zoomed in as far as one event per column", isError: false) }
    case .zoomOut:
      if !zoom(in: false) { return .say("The whole capture is shown", isError: false) }
    case .zoomReset:
      window = whole
    case .panLeft, .panRight:
      let length = window.upperBound - window.lowerBound
      let quarter = max(length / 4, 1)
      let start =
        action == .panLeft
        ? (window.lowerBound > quarter ? window.lowerBound - quarter : 0) : window.lowerBound &+ quarter
      place(start: start, length: length)
      cursorEvent = min(max(cursorEvent, window.lowerBound), window.upperBound)
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
      let all = TimeUnit.allCases
      unit = all[((all.firstIndex(of: unit) ?? 0) + 1) % all.count]
      return .say("x axis in \(unit.rawValue)", isError: false)
    case .redraw:
      break
    default:
      return .unhandled
    }
    return .handled
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    let chartX = context.area.x + Self.axisWidth + 1
    switch event.button {
    case .wheelUp: return perform(.zoomIn, context: context)
    case .wheelDown: return perform(.zoomOut, context: context)
    case .press, .doublePress:
      guard let buckets = figures?.series.buckets, event.x >= chartX, event.x - chartX < buckets.count else {
        return .handled
      }
      cursorEvent = buckets[event.x - chartX].last
      return .handled
    }
  }
}
