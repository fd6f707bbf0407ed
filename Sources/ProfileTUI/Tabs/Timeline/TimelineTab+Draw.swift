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
    // Comparing: the base build's peaks are the line (Used Physical would crowd it).
    let usedPhysical =
      figures.basePeaks.map { $0.map { Optional($0) } } ?? (showsUsedPhysical ? figures.usedPhysical : [])

    // Legend.
    let scope = filtered ? "passing the filters" : "all memory"
    var x = area.x
    let stacked = figures.stacked
    if stacked.isEmpty {
      let swatch = glyphs != .unicode ? "# " : (figures.halfPeaks == nil ? "█ " : "⣿ ")
      x += grid.put(swatch, x: x, y: area.y, style: theme[.chartArea])
    } else {
      x += grid.put(glyphs == .unicode ? "━ " : "= ", x: x, y: area.y, style: theme[.chartLive])
    }
    x += grid.put("live bytes, \(scope) (f)  ", x: x, y: area.y)
    for layer in stacked.reversed() {
      let role = Self.stackedRoles[layer.name] ?? .chartArea
      x += grid.put(glyphs.swatch + " ", x: x, y: area.y, style: theme[role])
      x += grid.put(Self.legendName(layer.name) + "  ", x: x, y: area.y)
    }
    if let base = context.shared?.base, figures.basePeaks != nil {
      x += grid.put(String(glyphs.horizontal) + " ", x: x, y: area.y, style: theme[.chartLine])
      let aligned = unit == .events ? "same share of its events" : "same \(unit.rawValue)"
      x += grid.put("A: \(base.name) (\(aligned))  ", x: x, y: area.y)
    } else if figures.usedPhysical.contains(where: { $0 != nil }) {
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
      buckets: buckets, values: buckets.map(\.maximum), halfValues: glyphs == .unicode ? figures.halfPeaks : nil,
      line: usedPhysical, areas: stacked.map(\.values),
      areaRoles: stacked.map { Self.stackedRoles[$0.name] ?? .chartArea }, markers: markers, cursorIndex: cursorIndex,
      spans: spans,
      axisLabel: { SeriesChart.axisText($0, unit: unit, clock: clock) }
    ).draw(into: &grid, area: chartArea, theme: theme)

    // Time markers over the marker labels and on the axis: those dropped at events, or every
    // one the query rule reads (Insights shows only the rule's).
    let chartX = area.x + SeriesChart.axisWidth + 1
    let filter = context.filter
    for (marker, ref) in zip(QueryRule.Marker.allCases, filter.markerRefs) {
      if let rule = filter.rule {
        guard marker.rawValue < rule.markerCount else { continue }
      } else {
        guard case .event = ref else { continue }
      }
      guard let index = profile.streamIndex(ref) ?? (ref == .start ? 0 : nil), chart.window.contains(index),
        let column = bucketIndex(of: index)
      else { continue }
      let style = theme[.marker(marker)]
      grid.put(marker.letter, x: chartX + column, y: chartArea.y, style: style)
      grid.put(marker.letter, x: chartX + column, y: chartArea.y + chartArea.height - 2, style: style)
    }

    guard let cursorIndex else { return }
    var readout = readoutLines(buckets[cursorIndex], figures: figures, glyphs: glyphs)
    if let basePeaks = figures.basePeaks, cursorIndex < basePeaks.count {
      let delta = buckets[cursorIndex].maximum - basePeaks[cursorIndex]
      readout[0] =
        "B peak \(SizeFormat.size(buckets[cursorIndex].maximum)) \(glyphs.dot) A peak "
        + "\(SizeFormat.size(basePeaks[cursorIndex])) \(glyphs.dot) Δ \(delta > 0 ? "+" : "")\(SizeFormat.size(delta))"
        + " \(glyphs.dot) " + readout[0]
    }
    for (i, line) in readout.enumerated() {
      grid.put(TextFit.clip(line, area.width, glyphs: glyphs), x: area.x, y: chartArea.y + chartArea.height + i)
    }
  }

  /// A stacked stat's legend name: "Binned Used Current" → "used".
  static func legendName(_ stat: String) -> String {
    switch stat {
    case "Memory Profiling Overhead": return "overhead"
    case "Binned Waste Current": return "waste"
    case "Binned Slack Current": return "slack"
    case "Binned Used Current": return "used"
    default: return stat
    }
  }

  /// Two lines: where the cursor is and the live bytes there; every stats series there.
  func readoutLines(_ bucket: LiveBytesSeries.Bucket, figures: TimelineFigures, glyphs: Glyphs) -> [String] {
    let dot = " \(glyphs.dot) "
    let events = SeriesChart.eventsText(bucket, glyphs: glyphs)
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
