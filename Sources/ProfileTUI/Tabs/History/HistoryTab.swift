import ProfileModel

/// What the History tab asks for: whose history, over which events, at what resolution.
public struct HistoryRequest: Sendable, Equatable {
  public var selection: HistorySelection?
  /// A zoomed window; `nil` shows the whole extent (the diff range, or the capture).
  public var window: ClosedRange<UInt32>?
  public var columns: Int
  /// The complete capture instead of the diff range.
  public var wholeCapture: Bool
  /// Two samples per column, for braille.
  public var twoPerColumn: Bool
  /// Comparing two builds: how the base's window is found (the x axis' unit).
  var alignment = SeriesChart.TimeUnit.events
}

/// The History tab's figures.
public struct HistoryFigures: Sendable {
  public let series: LiveBytesSeries
  /// The events the chart can show: the diff range, or the whole capture.
  public let extent: ClosedRange<UInt32>
  /// Chosen callstacks that pass the filters.
  public let callstackCount: Int
  /// The peaks of each column's two halves (`2 × columns` values) when asked for and the window
  /// has at least two events per column.
  public let halfPeaks: [Int64]?
  /// The chosen callstacks (the readout's change is looked up among them).
  let mask: [Bool]
  /// Comparing with another build: the same stacks' live-bytes peaks per column there, over its
  /// aligned window (`nil` when it cannot fill every column), and how many of its callstacks.
  var basePeaks: [Int64]? = nil
  var baseCallstackCount = 0
}

/// Tab 4: the live bytes over time of a set of callstacks (MemoryProfiler2's Callstack History, §3.4).
///
/// Opened with `H` on a Callgraph node, an Exclusive row or a class group. Blocks a realloc
/// moves between callstacks leave one history and join the other at the realloc.
final class HistoryTab: TabView {
  static let title = "History"
  static let shortTitle = "Hstry"
  static let context = KeyContext(id: "history", title: "History")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] =
    ChartBindings.bindings(context) + [
      Binding(
        [.character("w")], .toggleWholeCapture, context, help: "the diff range ↔ the complete capture",
        footer: "Whole", priority: 2)
    ]

  let clock: FrameClock
  let profile: Profile
  var chart: ChartWindow
  var selection: HistorySelection?
  var wholeCapture = false
  var unit = SeriesChart.TimeUnit.events
  /// Braille (two samples a column) rather than eighth blocks; ASCII screens draw blocks.
  var braille = true
  private(set) var figures: HistoryFigures?
  /// The readout's largest change, for the bucket it was looked up for.
  private var change: (bucket: ClosedRange<UInt32>, change: EventChange?)?

  init(setup: TabSetup) {
    profile = setup.profile
    clock = FrameClock(frames: setup.profile.frames)
    spans = SeriesChart.spans(of: setup.profile.snapshots)
    chart = ChartWindow(
      whole: LiveBytesSeries.wholeCapture(setup.profile), columns: SeriesChart.columns(width: setup.area.width))
  }

  var request: HistoryRequest {
    HistoryRequest(
      selection: selection, window: chart.window == chart.whole ? nil : chart.window, columns: chart.columns,
      wholeCapture: wholeCapture, twoPerColumn: braille, alignment: unit)
  }

  /// The events between the diff start and end (either order), or the whole capture.
  static func extent(_ profile: Profile, filter: FilterState, wholeCapture: Bool) -> ClosedRange<UInt32> {
    let whole = LiveBytesSeries.wholeCapture(profile)
    guard !wholeCapture else { return whole }
    let a = profile.streamIndex(filter.diffStart) ?? 0
    let b = profile.streamIndex(filter.diffEnd) ?? 0
    let range = min(a, b)...max(max(a, b), min(a, b) + 1)
    return range.clamped(to: whole)
  }

  /// - Complexity: the selection's mask (a node walks its callstacks' frames), then one pass
  ///   over the rows born before the window's end and the window's events.
  static func compute(_ request: HistoryRequest, shared: SharedFigures, cancel: CancelToken) throws
    -> HistoryFigures?
  {
    guard let selection = request.selection else { return nil }
    let profile = shared.profile
    let extent = extent(profile, filter: shared.filter, wholeCapture: request.wholeCapture)
    let window = request.window.map { $0.clamped(to: extent) } ?? extent
    // A compared graph split by change hangs a stack from [+ more] when it grew, else [− less].
    var grew: [Bool]?
    if case .callgraphNode(_, _, _, true) = selection.source, let base = shared.base, let baseQuery = shared.baseQuery {
      grew = base.matching.grewStacks(a: baseQuery, b: shared.query)
    }
    func root(_ stackOf: [Int32]) -> ((Int) -> Int32)? {
      grew.map { grew in { grew[Int(stackOf[$0])] ? CallGraph.fullRoot : CallGraph.truncatedRoot } }
    }
    let mask = try selection.callstackMask(
      profile: profile, query: shared.query, rootOf: shared.base.flatMap { root($0.matching.stackOfB) }, cancel: cancel)
    let (series, halfPeaks) = try LiveBytesSeries.forChart(
      profile: profile, range: window, columns: request.columns, halves: request.twoPerColumn, query: shared.query,
      callstacks: mask, cancel: cancel)
    var figures = HistoryFigures(
      series: series, extent: extent, callstackCount: mask.lazy.filter { $0 }.count, halfPeaks: halfPeaks, mask: mask)
    if let base = shared.base, let baseQuery = shared.baseQuery {
      // The same history in the base build: its callstacks of the chosen stacks (a class group
      // by name, a Callgraph node by its functions' names, all of them for All), over the
      // aligned window, column for column.
      let maskA: [Bool]
      switch selection.source {
      case .all: maskA = baseQuery.filter.passes
      case .group(let group):
        let name =
          shared.query.assignment.groups.indices.contains(group) ? shared.query.assignment.groups[group].name : ""
        let same = baseQuery.assignment.groups.firstIndex { $0.name == name }
        maskA =
          try same.map {
            try HistorySelection(source: .group($0), title: name).callstackMask(
              profile: base.profile, query: baseQuery, cancel: cancel)
          } ?? [Bool](repeating: false, count: base.profile.callstacks.count)
      case .callgraphNode:
        // The node's path in the compared graph's ids: the base's frames mapped by name.
        maskA = try selection.callstackMask(
          profile: base.profile, query: baseQuery,
          functionIDs: CallGraph.functionIDs(of: base.profile, in: profile).ids, rootOf: root(base.matching.stackOfA),
          cancel: cancel)
      case .callstacks:
        maskA = base.matching.callstacksOfA(matching: mask, passingA: baseQuery.filter.passes)
      }
      let other = try request.alignment.baseSeries(
        for: series, window: window, profile: profile, base: base.profile, query: baseQuery, callstacks: maskA,
        cancel: cancel)
      if other.buckets.count == series.buckets.count { figures.basePeaks = other.buckets.map(\.maximum) }
      figures.baseCallstackCount = maskA.lazy.filter { $0 }.count
    }
    return figures
  }

  func accept(_ new: HistoryFigures?, for request: HistoryRequest, context: TabContext) -> TabOutcome {
    figures = new
    change = nil
    if let new, new.extent != chart.whole {
      let cursor = chart.cursorEvent
      chart.setWhole(new.extent)
      chart.cursorEvent = min(max(cursor, new.extent.lowerBound), new.extent.upperBound)
    }
    return .handled
  }

  func resize(to area: Rect) { chart.columns = SeriesChart.columns(width: area.width) }

  var keyContexts: [KeyContext] { [Self.context] }
  var filterSegments: [String] {
    guard let selection else { return [] }
    return ["history of " + selection.title, wholeCapture ? "whole capture" : "diff range"]
  }
  var rowCount: Int { figures?.series.buckets.count ?? 0 }

  func reset() {
    chart.reset()
    wholeCapture = false
    unit = .events
  }

  func reveal(_ target: Reveal, context: TabContext) -> TabOutcome? {
    guard case .history(let chosen) = target else { return nil }
    selection = chosen
    chart.reset()
    chart.cursorEvent = chart.whole.upperBound
    return .say("History of \(chosen.title)", isError: false)
  }

  /// The bucket holding `event` in the figures shown.
  func bucketIndex(of event: UInt32) -> Int? {
    figures.flatMap { ChartWindow.bucketIndex(of: event, in: $0.series.buckets) }
  }

  var markers: [Snapshot] { profile.snapshots }
  /// GC and map-load spans, shaded behind the chart.
  let spans: [ClosedRange<UInt32>]

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    if let outcome = chart.perform(action, buckets: figures?.series.buckets ?? [], markers: markers) {
      return outcome
    }
    switch action {
    case .toggleWholeCapture:
      wholeCapture.toggle()
      return .say(
        wholeCapture ? "The complete capture (w: the diff range)" : "The diff range (w: the complete capture)",
        isError: false)
    case .cycleTimeUnit:
      unit = unit.next
      return .say("x axis in \(unit.rawValue)", isError: false)
    case .toggleBraille:
      braille.toggle()
      return .say(braille ? "Braille: two samples a column" : "Block columns in eighths of a cell", isError: false)
    case .redraw: break
    default: return .unhandled
    }
    return .handled
  }

  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome {
    chart.mouse(event, area: context.area, buckets: figures?.series.buckets ?? [])
  }

  func draw(into grid: inout CellGrid, context: TabContext) {
    let theme = context.theme
    let glyphs = theme.glyphs
    let area = context.area
    guard let selection else {
      let lines = [
        "No history chosen yet.",
        "Press H on a Callgraph node, an Exclusive or Short-lived row, a Histogram bar,",
        "or a class group in the c panel, to see its live bytes over time.",
      ]
      for (i, line) in lines.enumerated() {
        grid.put(TextFit.clip(line, area.width - 2, glyphs: glyphs), x: area.x + 2, y: area.y + 1 + i)
      }
      return
    }
    guard let figures else {
      grid.put("Computing the history…", x: area.x + 2, y: area.y, style: theme[.dim])
      return
    }
    let buckets = figures.series.buckets
    let dot = " \(glyphs.dot) "
    let scope =
      wholeCapture
      ? "the complete capture (w)"
      : "\(context.profile.shortLabel(context.filter.diffStart)) → \(context.profile.shortLabel(context.filter.diffEnd)) (w)"
    var title =
      "History of \(selection.title)\(dot)\(SizeFormat.count(Int64(figures.callstackCount))) callstacks\(dot)\(scope)"
    if let base = context.shared?.base, figures.basePeaks != nil {
      let aligned = unit == .events ? "same share of its events" : "same \(unit.rawValue)"
      title +=
        "\(dot)\(glyphs.horizontal) A: \(base.name), \(SizeFormat.count(Int64(figures.baseCallstackCount))) callstacks (\(aligned))"
    }
    grid.put(TextFit.clip(title, area.width, glyphs: glyphs), x: area.x, y: area.y, style: theme[.panelTitle])

    let cursorIndex = bucketIndex(of: chart.cursorEvent)
    let chartArea = Rect(
      x: area.x, y: area.y + 1, width: area.width, height: max(area.height - 3, SeriesChart.fixedRows + 1))
    let (clock, unit) = (clock, unit)
    SeriesChart(
      buckets: buckets, values: buckets.map(\.maximum), halfValues: glyphs == .unicode ? figures.halfPeaks : nil,
      line: figures.basePeaks.map { $0.map { Optional($0) } } ?? [], markers: markers, cursorIndex: cursorIndex,
      spans: spans,
      axisLabel: { SeriesChart.axisText($0, unit: unit, clock: clock) }
    ).draw(into: &grid, area: chartArea, theme: theme)

    guard let cursorIndex else { return }
    let bucket = buckets[cursorIndex]
    let before = cursorIndex > 0 ? buckets[cursorIndex - 1].final : figures.series.initial
    let events = SeriesChart.eventsText(bucket, glyphs: glyphs)
    let change = bucket.final - before
    var first = [
      events, "frame " + SizeFormat.grouped(clock.fractionalFrame(at: bucket.last), decimals: 1),
      "live \(SizeFormat.size(bucket.final)) in \(SizeFormat.count(bucket.finalCount)) blocks",
      "peak \(SizeFormat.size(bucket.maximum))", "change \(change >= 0 ? "+" : "")\(SizeFormat.size(change))",
    ]
    if let basePeaks = figures.basePeaks, cursorIndex < basePeaks.count {
      // The base build's peak in the cursor's column, beside this one's.
      let delta = bucket.maximum - basePeaks[cursorIndex]
      first.insert(
        "A peak \(SizeFormat.size(basePeaks[cursorIndex])) (Δ \(delta > 0 ? "+" : "")\(SizeFormat.size(delta)))",
        at: 4)
    }
    if let marker = markers.first(where: { $0.streamIndex == chart.cursorEvent })
      ?? markers.first(where: { $0.streamIndex >= bucket.first && $0.streamIndex <= bucket.last })
    {
      first.append(marker.description)
    }
    let peak = buckets.map(\.maximum).max() ?? 0
    let second = [
      "highest \(SizeFormat.size(peak))", "at the start \(SizeFormat.size(figures.series.initial))",
      "at the end \(SizeFormat.size(buckets.last?.final ?? 0))",
    ]
    let y = chartArea.y + chartArea.height
    grid.put(TextFit.clip(first.joined(separator: dot), area.width, glyphs: glyphs), x: area.x, y: y)
    grid.put(
      TextFit.clip(
        ([changeText(in: bucket, context: context)] + second).joined(separator: dot), area.width, glyphs: glyphs),
      x: area.x, y: y + 1)
  }

  /// The change at the cursor's event (one event per column), else the largest single change in
  /// its column, with the callstack that made it.
  func changeText(in bucket: LiveBytesSeries.Bucket, context: TabContext) -> String {
    guard let figures, let shared = context.shared else { return "" }
    let range = bucket.first...bucket.last
    if change?.bucket != range {
      change = (
        range, try? EventChange.largest(in: range, profile: profile, query: shared.query, callstacks: figures.mask)
      )
    }
    let single = bucket.first == bucket.last
    guard let found = change?.change else {
      return single ? "no change at event \(SizeFormat.count(Int64(bucket.first)))" : "no change in this column"
    }
    var classifier = ContainerFrames.Classifier(profile: profile)
    let name = classifier.namingFunction(of: found.callstack, showContainers: false) ?? "callstack \(found.callstack)"
    let sign = found.bytes >= 0 ? "+" : ""
    return (single ? "at this event " : "largest at event \(SizeFormat.count(Int64(found.event))) ")
      + "\(sign)\(SizeFormat.size(found.bytes)) \(found.kind.rawValue) by \(name)"
  }
}
