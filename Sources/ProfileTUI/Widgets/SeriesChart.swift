import ProfileModel

/// A chart over a window of events: a byte scale on the left, one column per bucket as tall as
/// its value in eighths of a cell, an optional line over the columns, markers (named snapshots
/// as labelled full-height lines, the others as ticks on the axis), the axis labels and the
/// cursor column.
///
/// Rows from the top of its area: marker labels, the chart, the axis, the axis labels.
struct SeriesChart {
  /// Columns left of the chart for the byte scale.
  static let axisWidth = 10
  /// Rows that are not chart: marker labels, axis line, axis labels.
  static let fixedRows = 3

  var buckets: [LiveBytesSeries.Bucket]
  /// Each column's height (the bucket's peak, usually).
  var values: [Int64]
  /// Two values per column (the halves' peaks): drawn in braille instead of `values`' blocks.
  var halfValues: [Int64]? = nil
  /// A line drawn over the columns (Used Physical), `nil` where it has no sample.
  var line: [Int64?] = []
  /// Areas stacked from the bottom (allocator stats), with their roles; when there are any,
  /// `values` is drawn as a line over them instead of as columns.
  var areas: [[Int64]] = []
  var areaRoles: [Theme.Role] = []
  var markers: [Snapshot]
  var cursorIndex: Int?
  /// Events shaded behind the chart: garbage collections and map loads.
  var spans: [ClosedRange<UInt32>] = []
  /// The axis text for an event (in events, frames or seconds).
  var axisLabel: (UInt32) -> String

  /// Columns a chart of `width` shows.
  static func columns(width: Int) -> Int { max(width - axisWidth - 1, 1) }

  func draw(into grid: inout CellGrid, area: Rect, theme: Theme) {
    let glyphs = theme.glyphs
    let rows = max(area.height - Self.fixedRows, 1)
    let chartX = area.x + Self.axisWidth + 1
    let chartY = area.y + 1
    let stackPeak =
      (0..<(areas.map(\.count).max() ?? 0)).map { c in
        areas.reduce(Int64(0)) { $0 + (c < $1.count ? max($1[c], 0) : 0) }
      }.max() ?? 0
    let peak = max(values.max() ?? 0, line.compactMap { $0 }.max() ?? 0, stackPeak, 1)
    let scale = Self.niceScale(peak)

    for (label, r) in [(scale, 0), (scale / 2, rows / 2), (0, rows - 1)] {
      grid.put(
        TextFit.pad(SizeFormat.size(label), Self.axisWidth, right: true), x: area.x, y: chartY + r, style: theme[.dim])
    }
    for r in 0..<rows { grid.put(String(glyphs.vertical), x: chartX - 1, y: chartY + r, style: theme[.dim]) }
    // Spans first: everything else is drawn over their background.
    let shade = theme[.chartSpan].background
    if shade != .standard {
      for (column, bucket) in buckets.enumerated()
      where spans.contains(where: { $0.lowerBound <= bucket.last && $0.upperBound >= bucket.first }) {
        for r in 0..<rows { grid.restyle(x: chartX + column, y: chartY + r, width: 1) { $0.background = shade } }
      }
    }

    let tops: [Int]
    if areas.isEmpty, let halfValues, halfValues.count == 2 * values.count {
      tops = ColumnChart.drawBraille(
        halfValues, scale: scale, x: chartX, y: chartY, rows: rows, into: &grid, style: theme[.chartArea])
    } else if areas.isEmpty {
      tops = ColumnChart.draw(
        values, scale: scale, x: chartX, y: chartY, rows: rows, into: &grid, style: theme[.chartArea], glyphs: glyphs)
    } else {
      let stacked = ColumnChart.drawStacked(
        areas, styles: areaRoles.map { theme[$0] }, scale: scale, x: chartX, y: chartY, rows: rows, into: &grid,
        glyphs: glyphs)
      var lineTops = stacked
      for (column, value) in values.enumerated() where value > 0 {
        let row = ColumnChart.row(of: value, scale: scale, rows: rows)
        grid.put(glyphs == .unicode ? "━" : "=", x: chartX + column, y: chartY + row, style: theme[.chartLive])
        if column < lineTops.count { lineTops[column] = min(lineTops[column], row) }
      }
      tops = lineTops
    }
    for (column, value) in line.enumerated() {
      guard let value else { continue }
      grid.put(
        String(glyphs.horizontal), x: chartX + column, y: chartY + ColumnChart.row(of: value, scale: scale, rows: rows),
        style: theme[.chartLine])
    }

    let axisY = chartY + rows
    grid.put(
      String(repeating: String(glyphs.horizontal), count: buckets.count), x: chartX, y: axisY, style: theme[.dim])
    var labelEnd = chartX
    if let first = buckets.first, let last = buckets.last {
      for marker in markers where marker.streamIndex >= first.first && marker.streamIndex <= last.last {
        guard let column = ChartWindow.bucketIndex(of: marker.streamIndex, in: buckets) else { continue }
        let named = marker.subtype == .snapshot && !marker.isEnd
        grid.put(
          named ? (glyphs == .unicode ? "┼" : "+") : (glyphs == .unicode ? "┴" : "'"), x: chartX + column, y: axisY,
          style: theme[.chartMarker])
        guard named else { continue }
        for r in 0..<tops[column] {
          grid.put(String(glyphs.vertical), x: chartX + column, y: chartY + r, style: theme[.chartMarker])
        }
        let label = Self.markerLabel(marker.description)
        let at = max(chartX + column - CharacterWidth.of(label) / 2, labelEnd)
        if at <= chartX + column && at + CharacterWidth.of(label) <= area.x + area.width {
          labelEnd = at + grid.put(label, x: at, y: area.y, style: theme[.chartMarker]) + 1
        }
      }

      let labelsY = axisY + 1
      let left = axisLabel(first.first)
      let right = axisLabel(last.last)
      grid.put(left, x: chartX, y: labelsY, style: theme[.dim])
      let middle = axisLabel(buckets[buckets.count / 2].last)
      let middleX = chartX + buckets.count / 2 - CharacterWidth.of(middle) / 2
      if middleX > chartX + CharacterWidth.of(left) + 1
        && middleX + CharacterWidth.of(middle) + 1 < chartX + buckets.count - CharacterWidth.of(right)
      {
        grid.put(middle, x: middleX, y: labelsY, style: theme[.dim])
      }
      grid.put(right, x: max(chartX + buckets.count - CharacterWidth.of(right), chartX), y: labelsY, style: theme[.dim])
    }

    if let cursorIndex, cursorIndex < buckets.count {
      for r in 0..<rows { grid.restyle(x: chartX + cursorIndex, y: chartY + r, width: 1) { $0 = theme[.chartCursor] } }
    }
  }

  /// Garbage collections (GC Start → GC End) and map loads (LoadMap Start → LoadMap End), paired
  /// in stream order; a start without an end runs to the last marker.
  static func spans(of markers: [Snapshot]) -> [ClosedRange<UInt32>] {
    var result: [ClosedRange<UInt32>] = []
    for (start, end) in [(TokenSubtype.gcStart, TokenSubtype.gcEnd), (.loadMapStart, .loadMapEnd)] {
      var open: UInt32?
      for marker in markers {
        if marker.subtype == start && !marker.isEnd {
          open = open ?? marker.streamIndex
        } else if marker.subtype == end, let from = open {
          result.append(from...max(from, marker.streamIndex))
          open = nil
        }
      }
      if let from = open, let last = markers.last { result.append(from...max(from, last.streamIndex)) }
    }
    return result.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// A snapshot's label above its line: the text after "Snapshot N: ", or the description.
  static func markerLabel(_ description: String) -> String {
    guard let colon = description.range(of: ": ") else { return description }
    return String(description[colon.upperBound...])
  }

  /// The chart's top: the peak plus a little, a round number of the unit the axis shows
  /// (1, 2, 2.5 or 5 × a power of ten of KB, MB or GB), so the labels read "300.00 MB".
  static func niceScale(_ peak: Int64) -> Int64 {
    let target = Double(peak) * 1.05
    var unit: Double = 1
    while unit * 1024 <= target && unit < 1_099_511_627_776 { unit *= 1024 }
    var decade: Double = 1
    while decade * 10 <= target / unit { decade *= 10 }
    // 1,000 of a unit reads better as 1 of the next.
    for step in [1.0, 2.0, 2.5, 5.0] where unit * decade * step >= target && decade * step < 1000 {
      return Int64(unit * decade * step)
    }
    return decade >= 100 ? Int64(unit * 1024) : Int64(unit * decade * 10)
  }

  /// The events a bucket covers, for a readout: "event 12" or "events 12–40".
  static func eventsText(_ bucket: LiveBytesSeries.Bucket, glyphs: Glyphs) -> String {
    bucket.first == bucket.last
      ? "event \(SizeFormat.count(Int64(bucket.first)))"
      : "events \(SizeFormat.count(Int64(bucket.first)))\(glyphs.dash)\(SizeFormat.count(Int64(bucket.last)))"
  }

  /// The x axis text for an event in `unit`.
  static func axisText(_ event: UInt32, unit: TimeUnit, clock: FrameClock) -> String {
    switch unit {
    case .events: return SizeFormat.count(Int64(event))
    case .frames: return "frame " + SizeFormat.grouped(clock.fractionalFrame(at: event), decimals: 1)
    case .seconds: return SizeFormat.grouped(clock.seconds(at: event), decimals: 2) + " s"
    }
  }

  /// What an x axis counts.
  enum TimeUnit: String, CaseIterable {
    case events, frames, seconds

    var next: TimeUnit {
      let all = Self.allCases
      return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    /// Comparing two builds: the base's event for one of the shown capture's — the same share
    /// of its events, or (x in frames or seconds) the same frame or second, clamped to what it
    /// has.
    ///
    /// The frame clocks are made once (each is O(frames)), for many events.
    func baseEvents(shown: Profile, base: Profile) -> (_ event: UInt32, _ roundingUp: Bool) -> UInt32 {
      let end = LiveBytesSeries.wholeCapture(base).upperBound
      switch self {
      case .events:
        let whole = Double(max(LiveBytesSeries.wholeCapture(shown).upperBound, 1))
        let otherEnd = Double(end)
        return { event, up in min(UInt32((Double(event) / whole * otherEnd).rounded(up ? .up : .down)), end) }
      case .frames:
        let (mine, theirs) = (FrameClock(frames: shown.frames), FrameClock(frames: base.frames))
        return { event, _ in min(theirs.event(atFractionalFrame: mine.fractionalFrame(at: event)), end) }
      case .seconds:
        let (mine, theirs) = (FrameClock(frames: shown.frames), FrameClock(frames: base.frames))
        return { event, _ in min(theirs.event(atSeconds: mine.seconds(at: event)), end) }
      }
    }

    /// The base's events for a window of the shown capture's (`baseEvents` of each end).
    func baseWindow(_ window: ClosedRange<UInt32>, shown: Profile, base: Profile) -> ClosedRange<UInt32> {
      let map = baseEvents(shown: shown, base: base)
      let (lo, hi) = (map(window.lowerBound, false), map(window.upperBound, true))
      return lo...max(hi, lo)
    }

    /// The base's series for the shown one's columns: each column ends at the base's event for
    /// the shown column's last, so every column, not only the window's ends, covers the same
    /// share of events, frames or seconds in both builds.
    func baseSeries(
      for shown: LiveBytesSeries, window: ClosedRange<UInt32>, profile: Profile, base: Profile, query: ViewQuery?,
      callstacks: [Bool]? = nil, cancel: CancelToken
    ) throws -> LiveBytesSeries {
      let map = baseEvents(shown: profile, base: base)
      let ends = shown.buckets.map { map($0.last, true) }
      let range = baseWindow(window, shown: profile, base: base)
      return try LiveBytesSeries(
        profile: base, range: range, buckets: ends.count, query: query, callstacks: callstacks, ends: ends,
        cancel: cancel)
    }
  }
}
