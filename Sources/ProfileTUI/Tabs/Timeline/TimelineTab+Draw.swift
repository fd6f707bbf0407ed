import ProfileModel

extension TimelineTab {
  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let glyphs = theme.glyphs
    let area = context.area
    guard let figures else {
      grid.put("Computing the timeline…", x: area.x + 2, y: area.y, style: theme[.dim])
      return
    }
    let buckets = figures.series.buckets
    let usedPhysical = showsUsedPhysical ? figures.usedPhysical : []

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

    let cursorIndex = bucketIndex(of: chart.cursorEvent)
    let chartArea = Rect(
      x: area.x, y: area.y + 1, width: area.width, height: max(area.height - 3, SeriesChart.fixedRows + 1))
    let (clock, unit) = (clock, unit)
    SeriesChart(
      buckets: buckets, values: buckets.map(\.maximum), line: usedPhysical, markers: markers, cursorIndex: cursorIndex,
      axisLabel: { SeriesChart.axisText($0, unit: unit, clock: clock) }
    ).draw(into: &grid, area: chartArea, theme: theme)

    guard let cursorIndex else { return }
    let readout = readoutLines(buckets[cursorIndex], figures: figures, glyphs: glyphs)
    for (i, line) in readout.enumerated() {
      grid.put(TextFit.clip(line, area.width, glyphs: glyphs), x: area.x, y: chartArea.y + chartArea.height + i)
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
    if let marker = markers.first(where: { $0.streamIndex == chart.cursorEvent })
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
}
