import ProfileModel

extension TimelineTab {
  /// The chart's rows in `area`.
  static func chartRows(_ area: Rect) -> Int { max(area.height - fixedRows, 1) }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let glyphs = theme.glyphs
    let area = context.area
    guard let figures else {
      grid.put("Computing the timeline…", x: area.x + 2, y: area.y, style: theme[.dim])
      return
    }
    let buckets = figures.series.buckets
    let rows = Self.chartRows(area)
    let chartX = area.x + Self.axisWidth + 1
    let chartY = area.y + 2
    let usedPhysical = showsUsedPhysical ? figures.usedPhysical : []
    let peak = max(buckets.map(\.maximum).max() ?? 0, usedPhysical.compactMap { $0 }.max() ?? 0, 1)
    // A scale with a little headroom, rounded to a readable size.
    let scale = Self.niceScale(peak)

    // Legend.
    let scope = filtered ? "passing the filters" : "all memory"
    var x = area.x
    x += grid.put(glyphs == .unicode ? "█ " : "# ", x: x, y: area.y, style: theme[.chartArea])
    x += grid.put("live bytes, \(scope) (f)  ", x: x, y: area.y)
    if figures.usedPhysical.contains(where: { $0 != nil }) {
      x += grid.put(String(glyphs.horizontal) + " ", x: x, y: area.y, style: theme[.chartLine])
      x += grid.put(showsUsedPhysical ? "Used Physical (u)  " : "Used Physical hidden (u)  ", x: x, y: area.y)
    }
    x += grid.put(String(glyphs.vertical) + " ", x: x, y: area.y, style: theme[.chartMarker])
    grid.put("snapshot", x: x, y: area.y, maxWidth: max(area.x + area.width - x, 0))

    // Y axis: the scale at the top, half, zero.
    for (label, r) in [(scale, 0), (scale / 2, rows / 2), (0, rows - 1)] {
      grid.put(
        TextFit.pad(SizeFormat.size(label), Self.axisWidth, right: true), x: area.x, y: chartY + r, style: theme[.dim])
    }
    for r in 0..<rows { grid.put(String(glyphs.vertical), x: chartX - 1, y: chartY + r, style: theme[.dim]) }

    // Bars (each column's peak), then Used Physical over them.
    let tops = ColumnChart.draw(
      buckets.map(\.maximum), scale: scale, x: chartX, y: chartY, rows: rows, into: &grid, style: theme[.chartArea],
      glyphs: glyphs)
    for (column, used) in usedPhysical.enumerated() {
      guard let used else { continue }
      grid.put(
        String(glyphs.horizontal), x: chartX + column, y: chartY + ColumnChart.row(of: used, scale: scale, rows: rows),
        style: theme[.chartLine])
    }

    // Axis line with a tick per marker; named snapshots also get a full-height line and a label.
    let axisY = chartY + rows
    grid.put(
      String(repeating: String(glyphs.horizontal), count: buckets.count), x: chartX, y: axisY, style: theme[.dim])
    var labelEnd = chartX
    for marker in markers where window.contains(marker.streamIndex) {
      guard let column = bucketIndex(of: marker.streamIndex) else { continue }
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
        labelEnd = at + grid.put(label, x: at, y: area.y + 1, style: theme[.chartMarker]) + 1
      }
    }

    // X axis labels at both ends and the middle.
    let labelsY = axisY + 1
    if let first = buckets.first, let last = buckets.last {
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

    // The cursor column and its readout.
    guard let index = bucketIndex(of: cursorEvent) else { return }
    for r in 0..<rows { grid.restyle(x: chartX + index, y: chartY + r, width: 1) { $0 = theme[.chartCursor] } }
    let bucket = buckets[index]
    let readout = readoutLines(bucket, figures: figures, glyphs: glyphs)
    for (i, line) in readout.enumerated() {
      grid.put(TextFit.clip(line, area.width, glyphs: glyphs), x: area.x, y: labelsY + 1 + i)
    }
  }

  /// A snapshot's label above its line: the text after "Snapshot N: ", or the description.
  static func markerLabel(_ description: String) -> String {
    guard let colon = description.range(of: ": ") else { return description }
    return String(description[colon.upperBound...])
  }

  /// The x axis text for an event in the current unit.
  func axisLabel(_ event: UInt32) -> String {
    switch unit {
    case .events: return SizeFormat.count(Int64(event))
    case .frames: return "frame " + SizeFormat.grouped(clock.fractionalFrame(at: event), decimals: 1)
    case .seconds: return SizeFormat.grouped(clock.seconds(at: event), decimals: 2) + " s"
    }
  }

  /// Two lines: where the cursor is and the live bytes there; every stats series there.
  func readoutLines(_ bucket: LiveBytesSeries.Bucket, figures: TimelineFigures, glyphs: Glyphs) -> [String] {
    let dot = " \(glyphs.dot) "
    let events =
      bucket.first == bucket.last
      ? "event \(SizeFormat.count(Int64(bucket.first)))"
      : "events \(SizeFormat.count(Int64(bucket.first)))\(glyphs.dash)\(SizeFormat.count(Int64(bucket.last)))"
    var first = [
      events, "frame " + SizeFormat.grouped(clock.fractionalFrame(at: bucket.last), decimals: 1),
      SizeFormat.grouped(clock.seconds(at: bucket.last), decimals: 2) + " s",
      "live peak \(SizeFormat.size(bucket.maximum))", "end \(SizeFormat.size(bucket.final))",
    ]
    // The marker the cursor was put on, else the first in the column.
    if let marker = markers.first(where: { $0.streamIndex == cursorEvent })
      ?? markers.first(where: { $0.streamIndex >= bucket.first && $0.streamIndex <= bucket.last })
    {
      first.append(marker.description)
    }
    let stats = profile.stats
    var second: [String] = []
    if let sample = stats.sample(atOrBefore: bucket.last) {
      for (n, name) in stats.names.enumerated() {
        if let value = stats.values[n][sample] { second.append("\(name) \(SizeFormat.size(value))") }
      }
    }
    if second.isEmpty { second = ["no stats sample before this point"] }
    return [first.joined(separator: dot), second.joined(separator: dot)]
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
}
