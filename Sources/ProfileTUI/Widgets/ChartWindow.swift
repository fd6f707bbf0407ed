import ProfileModel

/// The events a chart shows, its resolution and its cursor.
///
/// Zooms around the cursor, pans, and moves by columns (panning at the window's edges). Shared
/// by the charts over the stream.
struct ChartWindow: Equatable {
  /// Everything the chart can show.
  private(set) var whole: ClosedRange<UInt32>
  /// What it shows now, inclusive.
  private(set) var window: ClosedRange<UInt32>
  /// The event under the cursor; the cursor column is the bucket that holds it.
  var cursorEvent: UInt32
  /// One bucket per column.
  var columns: Int

  init(whole: ClosedRange<UInt32>, columns: Int) {
    self.whole = whole
    window = whole
    cursorEvent = whole.upperBound
    self.columns = max(columns, 1)
  }

  /// A new extent (the diff range changed): the whole of it is shown, the cursor kept inside.
  mutating func setWhole(_ range: ClosedRange<UInt32>) {
    guard range != whole else { return }
    whole = range
    window = range
    cursorEvent = min(max(cursorEvent, range.lowerBound), range.upperBound)
  }

  /// The whole extent again, the cursor kept.
  mutating func reset() {
    window = whole
    cursorEvent = min(max(cursorEvent, whole.lowerBound), whole.upperBound)
  }

  /// The bucket holding `event`, the last one past the end.
  ///
  /// - Complexity: O(log buckets).
  static func bucketIndex(of event: UInt32, in buckets: [LiveBytesSeries.Bucket]) -> Int? {
    guard !buckets.isEmpty else { return nil }
    var lo = 0
    var hi = buckets.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if buckets[mid].last < event { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Moves the cursor `step` columns over `buckets`.
  ///
  /// Past an edge of a zoomed window the window pans; at either end of the extent the cursor stays.
  mutating func moveCursor(by step: Int, buckets: [LiveBytesSeries.Bucket]) {
    guard let index = Self.bucketIndex(of: cursorEvent, in: buckets) else { return }
    let target = index + step
    if target >= 0 && target < buckets.count {
      cursorEvent = buckets[target].last
      return
    }
    if (target < 0 && window.lowerBound == whole.lowerBound) || (target > 0 && window.upperBound == whole.upperBound) {
      return
    }
    let length = window.upperBound - window.lowerBound
    let width = UInt32(max(Int(length) / max(buckets.count, 1), 1))
    if target < 0 {
      show(cursorEvent >= whole.lowerBound + width ? cursorEvent - width : whole.lowerBound)
    } else {
      show(min(cursorEvent + width, whole.upperBound))
    }
  }

  /// Puts the cursor on `event`, panning the window (same length) when it is outside.
  mutating func show(_ event: UInt32) {
    cursorEvent = min(max(event, whole.lowerBound), whole.upperBound)
    if !window.contains(cursorEvent) {
      let length = window.upperBound - window.lowerBound
      let half = length / 2
      place(start: cursorEvent > half ? cursorEvent - half : 0, length: length)
    }
  }

  /// Sets the window to `length + 1` events from `start`, kept inside the extent.
  mutating func place(start: UInt32, length: UInt32) {
    let length = min(length, whole.upperBound - whole.lowerBound)
    let start = min(max(start, whole.lowerBound), whole.upperBound - length)
    window = start...(start + length)
  }

  /// Half or double the window around the cursor, never fewer than one event per column.
  ///
  /// - Returns: false when it cannot go further.
  mutating func zoom(in zoomingIn: Bool) -> Bool {
    let length = UInt64(window.upperBound - window.lowerBound)
    let smallest = UInt64(max(columns - 1, 1))
    let full = UInt64(whole.upperBound - whole.lowerBound)
    let next = zoomingIn ? max(length / 2, min(smallest, length)) : min(length * 2 + 1, full)
    guard next != length else { return false }
    // The cursor keeps its place in the window.
    let offset = UInt64(cursorEvent - window.lowerBound)
    let scaled = length == 0 ? 0 : offset * next / length
    let start = UInt64(cursorEvent) >= scaled ? UInt64(cursorEvent) - scaled : 0
    place(start: UInt32(start), length: UInt32(next))
    return true
  }

  /// A quarter window left or right; the cursor stays inside.
  mutating func pan(left: Bool) {
    let length = window.upperBound - window.lowerBound
    let quarter = max(length / 4, 1)
    let start =
      left ? (window.lowerBound > quarter ? window.lowerBound - quarter : 0) : window.lowerBound &+ quarter
    place(start: start, length: length)
    cursorEvent = min(max(cursorEvent, window.lowerBound), window.upperBound)
  }
}

extension ChartWindow {
  /// The chart keys every chart over the stream shares: cursor, markers, zoom, pan.
  ///
  /// - Returns: `nil` when `action` is not one of them.
  mutating func perform(_ action: Action, buckets: [LiveBytesSeries.Bucket], markers: [Snapshot]) -> TabOutcome? {
    switch action {
    case .cursorLeft: moveCursor(by: -1, buckets: buckets)
    case .cursorRight: moveCursor(by: 1, buckets: buckets)
    case .lineStart: cursorEvent = window.lowerBound
    case .lineEnd: cursorEvent = window.upperBound
    case .previousSnapshot:
      let here = cursorEvent
      guard let marker = markers.last(where: { $0.streamIndex < here && whole.contains($0.streamIndex) }) else {
        return .say("No snapshot before the cursor", isError: false)
      }
      show(marker.streamIndex)
      return .say(marker.description, isError: false)
    case .nextSnapshot:
      let here = cursorEvent
      guard let marker = markers.first(where: { $0.streamIndex > here && whole.contains($0.streamIndex) }) else {
        return .say("No snapshot after the cursor", isError: false)
      }
      show(marker.streamIndex)
      return .say(marker.description, isError: false)
    case .zoomIn:
      if !zoom(in: true) { return .say("Zoomed in as far as one event per column", isError: false) }
    case .zoomOut:
      if !zoom(in: false) { return .say("Everything is shown", isError: false) }
    case .zoomReset: reset()
    case .panLeft, .panRight: pan(left: action == .panLeft)
    default: return nil
    }
    return .handled
  }

  /// A click puts the cursor on its column; the wheel zooms.
  mutating func mouse(_ event: MouseEvent, area: Rect, buckets: [LiveBytesSeries.Bucket]) -> TabOutcome {
    let chartX = area.x + SeriesChart.axisWidth + 1
    switch event.button {
    case .wheelUp: _ = zoom(in: true)
    case .wheelDown: _ = zoom(in: false)
    case .press, .doublePress:
      if event.x >= chartX && event.x - chartX < buckets.count { cursorEvent = buckets[event.x - chartX].last }
    }
    return .handled
  }
}
