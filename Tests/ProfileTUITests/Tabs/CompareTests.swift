import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// `--base`: the Exclusive tab as A, B and B − A per matched stack; the filter line says what is
/// compared; a stack gone from B shows A's callstack.
@Suite struct CompareTests {
  static func open() throws -> (Harness, BaseCapture, ScratchFolder) {
    let scratch = ScratchFolder()
    let paths = try Captures.writeBuildPair(in: scratch, operations: 8_000)
    let groups = ClassGroupsLocator.builtIn()
    let a = try ProfileLoader.load(path: paths.a)
    let b = try ProfileLoader.load(path: paths.b)
    let base = try BaseCapture(
      profile: a, assignment: try GroupAssignment(profile: a, groups: groups), name: "a.mprof", matching: b)
    let h = try Harness(capture: (b, try GroupAssignment(profile: b, groups: groups)), base: base)
    return (h, base, scratch)
  }

  @Test func exclusiveShowsBothSidesAndTheChange() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("2")
    #expect(h.filterLine.hasPrefix(" vs a.mprof │ Start → End"))
    #expect(h.lines[2].contains("A") && h.lines[2].contains("Δ▼") && h.lines[2].contains("Δ% of A"))
    let view = try #require(h.exclusive.figures)
    // Every row: B − A of each side's own per-callstack figures.
    let activeA = try base.profile.active(at: base.profile.end.streamIndex)
    let activeB = try h.profile.active(at: h.profile.end.streamIndex)
    let passesA = try #require(h.app.shared?.baseQuery?.filter.passes)
    let passesB = try #require(h.query?.filter.passes)
    for row in view.rows {
      let (_, callstack) = (row.inBase, row.callstack)
      let stack = Int(row.inBase ? base.matching.stackOfA[callstack] : base.matching.stackOfB[callstack])
      let a = base.matching.stacks[stack].a.filter { passesA[$0] }.map { activeA.size[$0] }.reduce(0, +)
      let b = base.matching.stacks[stack].b.filter { passesB[$0] }.map { activeB.size[$0] }.reduce(0, +)
      #expect(row.sizeA == a && row.sizeB == b && row.size == b - a)
    }
    // Largest change first; the new leak site is marked.
    #expect(view.rows.map { abs($0.size) } == view.rows.map { abs($0.size) }.sorted(by: >))
    #expect(view.rows.contains { $0.status == .new && $0.function.contains("FShaderPipelineCache::PrecompileNewPSO") })
    #expect(view.totalSize == h.profile.end.allocationSize - base.profile.end.allocationSize)
  }

  /// Roles swapped (the variant as base): its new leak site is gone from what is shown, and its
  /// row shows the base's callstack.
  @Test func aGoneStackShowsTheBaseCallstack() throws {
    let (first, base, scratch) = try Self.open()
    _ = scratch
    let swapped = try BaseCapture(
      profile: first.profile, assignment: first.assignment, name: "b.mprof", matching: base.profile)
    let h = try Harness(capture: (base.profile, base.assignment), base: swapped)
    h.press("2")
    let view = try #require(h.exclusive.figures)
    let gone = try #require(view.rows.firstIndex { $0.inBase })
    #expect(view.rows[gone].status == .gone && view.rows[gone].function.contains("PrecompileNewPSO"))
    for _ in 0..<gone { h.press("j") }
    #expect(h.lines.contains { $0.contains("only in the base") })
    #expect(
      h.lines.contains {
        $0.contains("FShaderPipelineCache::PrecompileNewPSO(int)") && $0.contains("ShaderPipelineCache.cpp")
      })
    h.press("Enter", "Enter")
    #expect(h.status.contains("only in the base capture"))
    #expect(h.app.tabIndex == 1)
    // The Histogram lists it in its bar, from the base.
    h.press("5")
    guard case .bars(let histogram) = try #require(h.app.tab(HistogramTab.self)?.figures) else {
      Issue.record("no bars")
      return
    }
    let bars = histogram.columns.flatMap(\.bars)
    let withGone = try #require(bars.first { $0.inBase.contains(true) })
    let index = try #require(withGone.inBase.firstIndex(of: true))
    #expect(withGone.callstacks[index].size < 0)
    #expect(swapped.matching.stackOfA[withGone.callstacks[index].callstack] >= 0)
    // The Callgraph shows the change by function name.
    h.press("Esc", "1")
    #expect(
      h.graph?.nodes[Int(CallGraph.fullRoot)].size == h.profile.end.allocationSize - first.profile.end.allocationSize)
  }

  /// The Timeline draws the base build's peaks as the line, each column over the same share of
  /// its events (or, `x`, the same frames) as the shown build's column.
  @Test func timelineDrawsBothBuilds() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("3")
    let tab = try #require(h.app.tab(TimelineTab.self))
    let figures = try #require(tab.figures)
    let peaks = try #require(figures.basePeaks)
    let (wholeA, wholeB) = (
      Double(LiveBytesSeries.wholeCapture(base.profile).upperBound),
      Double(LiveBytesSeries.wholeCapture(h.profile).upperBound)
    )
    // Each of A's columns ends at the same share of its events as B's column.
    let shareEnds = figures.series.buckets.map { UInt32((Double($0.last) / wholeB * wholeA).rounded(.up)) }
    let expected = try LiveBytesSeries(
      profile: base.profile, range: LiveBytesSeries.wholeCapture(base.profile), buckets: shareEnds.count,
      ends: shareEnds)
    #expect(peaks == expected.buckets.map(\.maximum))
    #expect(expected.buckets.map(\.last) == shareEnds)
    #expect(h.lines.contains { $0.contains("A: a.mprof (same share of its events)") })
    let readout = try #require(h.lines.first { $0.hasPrefix("B peak ") })
    let last = try #require(figures.series.buckets.last)
    #expect(readout.contains("A peak \(SizeFormat.size(peaks[peaks.count - 1]))"))
    #expect(readout.contains("B peak \(SizeFormat.size(last.maximum))"))
    // x in frames: A over the same frames as B's window.
    h.press("x")
    let inFrames = try #require(tab.figures?.basePeaks)
    let aligned = tab.request.alignment.baseWindow(tab.request.window, shown: h.profile, base: base.profile)
    let (lo, hi) = (aligned.lowerBound, aligned.upperBound)
    let theirs = FrameClock(frames: base.profile.frames)
    let mine = FrameClock(frames: h.profile.frames)
    #expect(lo == theirs.event(atFractionalFrame: mine.fractionalFrame(at: tab.window.lowerBound)))
    #expect(
      hi
        == min(
          theirs.event(atFractionalFrame: mine.fractionalFrame(at: tab.window.upperBound)), base.profile.end.streamIndex
        ))
    // Every column, not only the window's ends, covers the same frames in both builds.
    let shown = try #require(tab.figures?.series.buckets)
    let frameEnds = shown.map { min(theirs.event(atFractionalFrame: mine.fractionalFrame(at: $0.last)), hi) }
    let series = try LiveBytesSeries(
      profile: base.profile, range: lo...hi, buckets: inFrames.count, ends: frameEnds)
    #expect(inFrames == series.buckets.map(\.maximum))
    for (a, b) in zip(series.buckets, shown) where a.last < hi {
      #expect(abs(theirs.fractionalFrame(at: a.last) - mine.fractionalFrame(at: b.last)) < 1)
    }
    #expect(h.lines.contains { $0.contains("A: a.mprof (same frames)") })
  }

  /// Short-lived: each matched stack's blocks freed within a frame in both builds and the
  /// change, largest first; `>` sorts by the next column; the pane shows the stack's callstack.
  @Test func shortLivedSideBySide() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("7")
    for _ in 0..<6 { h.press("-") }
    let tab = try #require(h.app.tab(ShortLivedTab.self))
    #expect(tab.minimum == 1 && tab.isComparing)
    #expect(h.lines[2].contains("Blocks A") && h.lines[2].contains("Δ Blocks▼") && h.lines[2].contains("Δ Bytes"))
    let baseQuery = try #require(h.app.shared?.baseQuery)
    let query = try #require(h.query)
    let expected = try ShortLivedComparison(
      comparison: base.matching, a: base.profile, queryA: baseQuery, b: h.profile, queryB: query, minimum: 1)
    #expect(tab.comparedRows == expected.rows && !expected.rows.isEmpty)
    #expect(
      tab.comparedRows.map(\.deltaBlocks.magnitude) == tab.comparedRows.map(\.deltaBlocks.magnitude).sorted(by: >))
    // The figures of a row are each build's own, summed over the stack's callstacks.
    let aSide = try ShortLived(profile: base.profile, query: baseQuery, minimum: 1).rows
    let bSide = try ShortLived(profile: h.profile, query: query, minimum: 1).rows
    let first = try #require(tab.comparedRows.first)
    let stack = base.matching.stacks[first.stack]
    #expect(first.blocksA == aSide.filter { stack.a.contains($0.callstack) }.reduce(0) { $0 + $1.total })
    #expect(first.blocksB == bSide.filter { stack.b.contains($0.callstack) }.reduce(0) { $0 + $1.total })
    let callstack = try #require(tab.selectedCallstack)
    #expect(h.lines.contains { $0.contains("Callstack \(callstack):") && $0.contains("short-lived blocks") })
    h.press(">")
    #expect(tab.compareKey == .bytesA && h.lines[2].contains("Bytes A▼"))
    #expect(tab.comparedRows.map(\.bytesA) == tab.comparedRows.map(\.bytesA).sorted(by: >))
    #expect(h.filterLine.contains("by Bytes A"))
  }

  /// The Histogram's sizes (`z`): each build's blocks and bytes per size class and the change.
  @Test func histogramSizesSideBySide() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("5", "z")
    guard case .comparedSizes(let sizes) = try #require(h.app.tab(HistogramTab.self)?.figures) else {
      Issue.record("no compared sizes")
      return
    }
    let baseQuery = try #require(h.app.shared?.baseQuery)
    let query = try #require(h.query)
    let a = try SizeHistogram(profile: base.profile, query: baseQuery)
    let b = try SizeHistogram(profile: h.profile, query: query)
    #expect(sizes == SizeHistogramComparison(a: a, b: b))
    #expect(sizes.classes.reduce(0) { $0 + $1.sizeA } == a.classes.reduce(0) { $0 + $1.size })
    #expect(h.lines[2].contains("Count A") && h.lines[2].contains("ΔCount") && h.lines[2].contains("ΔBytes"))
    // The textures halved: the 128–256 KB class lost blocks.
    let textures = try #require(sizes.classes.first { $0.upperBound == 256 * 1024 })
    #expect(textures.deltaCount < 0)
  }

  /// History of a compared row: every callstack of its stack in this build, and the same
  /// stack's peaks in the base as the line, over the same share of its events.
  @Test func historyOfAStackInBothBuilds() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("2", "H")
    let tab = try #require(h.app.tab(HistoryTab.self))
    let figures = try #require(tab.figures)
    guard case .callstacks(let chosen) = try #require(tab.selection).source else {
      Issue.record("not callstacks")
      return
    }
    // The row's stack: all its callstacks in B, and A's of the same stack.
    let stack = Int(base.matching.stackOfB[chosen[0]])
    #expect(Set(chosen) == Set(base.matching.stacks[stack].b))
    let baseQuery = try #require(h.app.shared?.baseQuery)
    var maskA = [Bool](repeating: false, count: base.profile.callstacks.count)
    for c in base.matching.stacks[stack].a where baseQuery.filter.passes[c] { maskA[c] = true }
    let window = tab.request.alignment.baseWindow(figures.extent, shown: h.profile, base: base.profile)
    let map = tab.request.alignment.baseEvents(shown: h.profile, base: base.profile)
    let ends = figures.series.buckets.map {
      map($0.last, true)
    }
    let expected = try LiveBytesSeries(
      profile: base.profile, range: window, buckets: ends.count, query: baseQuery, callstacks: maskA, ends: ends)
    #expect(figures.basePeaks == expected.buckets.map(\.maximum))
    #expect(figures.baseCallstackCount == maskA.filter { $0 }.count)
    // The textures halved: A's line is above B's area at the end.
    let last = try #require(figures.basePeaks?.last)
    #expect(last > (figures.series.buckets.last?.maximum ?? 0))
    #expect(h.lines.contains { $0.contains("A: a.mprof, \(figures.baseCallstackCount) callstacks") })
    #expect(h.lines.contains { $0.contains("A peak \(SizeFormat.size(last))") })
    // A class group's history: the base's group of the same name.
    let shared = try #require(h.app.shared)
    let textures = try #require(shared.query.assignment.groups.firstIndex { $0.name == "Textures" })
    var request = tab.request
    request.selection = HistorySelection(source: .group(textures), title: "Textures")
    let group = try #require(try HistoryTab.compute(request, shared: shared, cancel: .never))
    let baseTextures = try #require(baseQuery.assignment.groups.firstIndex { $0.name == "Textures" })
    let inGroup = (0..<base.profile.callstacks.count).filter {
      Int(baseQuery.assignment.groupOfCallstack[$0]) == baseTextures && baseQuery.filter.passes[$0]
    }
    #expect(group.baseCallstackCount == inGroup.count && !inGroup.isEmpty)
  }

  /// History of a compared Callgraph node reached only by the base (a function the shown build
  /// no longer has): nothing in this build, and in the base every callstack through that path,
  /// matched by the functions' names.
  @Test func historyOfANodeOnlyTheBaseHas() throws {
    let (first, base, scratch) = try Self.open()
    _ = scratch
    // The variant as base: its new leak site is a function the shown build does not have.
    let swapped = try BaseCapture(
      profile: first.profile, assignment: first.assignment, name: "b.mprof", matching: base.profile)
    let h = try Harness(capture: (base.profile, base.assignment), base: swapped)
    h.press("1")
    let shared = try #require(h.app.shared)
    let baseQuery = try #require(shared.baseQuery)
    let graph = try #require(h.graph)
    let (ids, extra) = CallGraph.functionIDs(of: first.profile, in: base.profile)
    let leak = try #require(extra.firstIndex { $0.contains("PrecompileNewPSO") })
    let leakID = Int32(base.profile.functions.count + leak)
    let node = try #require((0..<graph.nodes.count).first { graph.nodes[$0].function == leakID })
    let path = graph.path(of: Int32(node))
    let tab = try #require(h.app.tab(HistoryTab.self))
    var request = tab.request
    request.selection = HistorySelection(
      source: .callgraphNode(path: path, inverted: false, parentFunction: nil), title: "leak")
    let figures = try #require(try HistoryTab.compute(request, shared: shared, cancel: .never))
    #expect(figures.callstackCount == 0)
    // The base's callstacks whose frames, outermost first, follow the node's path by name.
    let p = first.profile
    let expected = (0..<p.callstacks.count).filter { c in
      guard baseQuery.filter.passes[c], !p.callstacks.isTruncated[c] else { return false }
      let functions = p.callstacks.frames(of: c).map { ids[Int(p.functions.idOfAddress[Int($0)])] }
      return functions.count >= path.count - 1 && Array(functions.prefix(path.count - 1)) == Array(path.dropFirst())
    }
    #expect(figures.baseCallstackCount == expected.count && !expected.isEmpty)
    #expect(figures.basePeaks?.contains { $0 > 0 } == true)
  }

  @Test func theMemoryTabSaysItShowsOneBuild() throws {
    let (h, _, scratch) = try Self.open()
    _ = scratch
    h.press("6")
    #expect(h.lines[2].hasPrefix("This build alone (address spaces do not compare) · Allocated memory"))
  }

  /// Growth red and decline green, or orange and blue for colour-blind eyes.
  @Test func growthAndDeclineColours() throws {
    let plain = Theme(depth: .xterm256, glyphs: .unicode)
    let safe = Theme(depth: .xterm256, glyphs: .unicode, colorBlindSafe: true)
    #expect(plain[.growth].foreground == .indexed(203) && plain[.negative].foreground == .indexed(114))
    #expect(safe[.growth].foreground == .indexed(214) && safe[.negative].foreground == .indexed(75))
    let (h, _, scratch) = try Self.open()
    _ = scratch
    h.press("2")
    let view = try #require(h.exclusive.figures)
    // The first row (not selected: the second) is drawn in its change's colour.
    let row = view.rows[1]
    let cell = h.screen[5, 4]
    #expect(cell.style == plain.change(from: row.sizeA, to: row.sizeB))
    // Bold from a 2× difference (new and gone too), dim under 1%, plain colour between.
    #expect(plain.change(from: 100, to: 250) == plain[.growth].adding(.bold))
    #expect(plain.change(from: 0, to: 5) == plain[.growth].adding(.bold))
    #expect(plain.change(from: 100, to: 150) == plain[.growth])
    #expect(plain.change(from: 1000, to: 995) == plain[.dim])
    #expect(plain.change(from: 1000, to: 400) == plain[.negative].adding(.bold))
  }

  /// The Callgraph as B − A by function name, percentages of A's total.
  @Test func callgraphOfTheChange() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    #expect(h.lines[2].hasPrefix("      ΔSize   % of A     ΔCount   % of A  Function"))
    let graph = try #require(h.graph)
    let delta = h.profile.end.allocationSize - base.profile.end.allocationSize
    #expect(graph.nodes[Int(CallGraph.fullRoot)].size == delta)
    #expect(h.lines.contains { $0.contains(SizeFormat.size(delta)) && $0.contains("Full callstacks") })
    // Find reaches a function only the base has? The variant only adds one; it is in B.
    h.press("/")
    h.type("PrecompileNewPSO")
    h.press("Enter")
    #expect(h.status.contains("Match 1 of"))
  }

  /// The groups panel gives each group's change since the base.
  @Test func groupsPanelShowsTheChange() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("c")
    #expect(h.lines.contains { $0.contains("Class groups (Filter In), change since a.mprof") })
    let textures = try #require(h.assignment.groups.firstIndex { $0.name == "Textures" })
    let shownTotals = try #require(h.app.shared?.groupTotals)
    let baseQuery = try ViewQuery(
      profile: base.profile, assignment: base.assignment, filter: base.filter(h.app.filter, shown: h.profile))
    let baseTotals = GroupTotals.ignoringGroupFilter(baseQuery)
    let delta = shownTotals[textures].size - baseTotals[textures].size
    #expect(delta < 0)
    #expect(h.lines.contains { $0.contains("Textures") && $0.contains(SizeFormat.size(delta)) })
  }

  /// Details: the base's diff end, the difference, this build's, side by side.
  @Test func detailsSideBySide() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("8")
    let details = try #require(h.app.tab(DetailsTab.self)?.figures)
    #expect(details.start.title == "A: a.mprof" && details.end.title == "B: this build")
    #expect(details.start.allocationSize == base.profile.end.allocationSize)
    #expect(details.end.allocationSize == h.profile.end.allocationSize)
    #expect(details.diff.allocationSize == h.profile.end.allocationSize - base.profile.end.allocationSize)
    #expect(h.lines.contains { $0.contains("A: a.mprof") && $0.contains("B: this build") })
  }

  /// The Histogram: each bar is B's minus A's (each side's callstacks in its own groups), listing
  /// the stacks that changed in it.
  @Test func histogramBarsAreTheChange() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("5")
    guard case .bars(let histogram) = try #require(h.app.tab(HistogramTab.self)?.figures) else {
      Issue.record("no bars")
      return
    }
    let shown = PoolHistogram(profile: h.profile, query: try #require(h.query))
    let before = PoolHistogram(profile: base.profile, query: try #require(h.app.shared?.baseQuery))
    for column in histogram.columns {
      for bar in column.bars {
        let b = shown.columns.first { $0.bank == column.bank }?.bars[bar.groupIndex].size ?? 0
        let a = before.columns.first { $0.bank == column.bank }?.bars[bar.groupIndex].size ?? 0
        #expect(bar.size == b - a, "\(bar.group)")
        // Here every stack stays in its group: the listed changes add up to the bar's.
        #expect(bar.callstacks.map(\.size).reduce(0, +) == bar.size, "\(bar.group)")
        #expect(bar.inBase.count == bar.callstacks.count)
      }
    }
    let textures = try #require(histogram.columns[0].bars.first { $0.group == "Textures" })
    #expect(textures.size < 0)
    #expect(h.lines[2].contains("ΔSize") && h.lines.contains { $0.contains("Textures") && $0.contains("-") })
  }

  /// `^` keeps the stacks that grew, `%` scales this build to the base's total: in the
  /// Exclusive tab, the Callgraph and the Histogram alike.
  @Test func growthOnlyAndNormalize() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("2", "^")
    #expect(h.filterLine.contains("growth only"))
    let grown = try #require(h.exclusive.figures?.rows)
    #expect(!grown.isEmpty && grown.allSatisfy { $0.size > 0 })
    let growth = grown.map(\.size).reduce(0, +)
    h.press("1")
    #expect(h.graph?.nodes[Int(CallGraph.fullRoot)].size == growth)
    h.press("5")
    guard case .bars(let histogram) = try #require(h.app.tab(HistogramTab.self)?.figures) else {
      Issue.record("no bars")
      return
    }
    #expect(histogram.columns.flatMap(\.bars).map(\.size).reduce(0, +) == growth)
    h.press("^", "2", "%")
    #expect(h.filterLine.contains("normalized"))
    let scaled = try #require(h.exclusive.figures?.rows)
    let totalA = base.profile.end.allocationSize
    #expect(abs(scaled.map(\.sizeB).reduce(0, +) - totalA) <= Int64(scaled.count))
    h.press("1")
    #expect(abs(h.graph?.nodes[Int(CallGraph.fullRoot)].size ?? .max) <= Int64(scaled.count))
    // Without a base the keys say what they are for.
    let single = try Harness()
    single.press("^")
    #expect(single.status.contains("Only when comparing two builds"))
  }

  /// `d`: the stacks that grew under `[+ more]`, those that shrank under `[− less]`.
  @Test func callgraphSplitByChange() throws {
    let (h, base, scratch) = try Self.open()
    _ = scratch
    h.press("d")
    #expect(h.filterLine.contains("[+ more] / [− less]"))
    let graph = try #require(h.graph)
    #expect(graph.title(CallGraph.fullRoot, in: h.profile) == "[+ more]")
    #expect(graph.title(CallGraph.truncatedRoot, in: h.profile) == "[− less]")
    let rows = base.matching.rows(
      a: try #require(h.app.shared?.baseQuery).aggregates,
      passingA: try #require(h.app.shared?.baseQuery).filter.passes,
      b: try #require(h.query).aggregates, passingB: try #require(h.query).filter.passes)
    let grew = rows.filter { $0.deltaSize > 0 }.map(\.deltaSize).reduce(0, +)
    let shrank = rows.filter { $0.deltaSize <= 0 }.map(\.deltaSize).reduce(0, +)
    #expect(graph.nodes[Int(CallGraph.fullRoot)].size == grew && grew > 0)
    #expect(graph.nodes[Int(CallGraph.truncatedRoot)].size == shrank && shrank < 0)
    #expect(h.lines.contains { $0.contains("[+ more]") } && h.lines.contains { $0.contains("[− less]") })
    // The History of a node under [− less]: this build's callstacks of the stacks that shrank
    // through that function (not the truncated ones the root's id also names).
    let query = try #require(h.query)
    let grewStacks = base.matching.grewStacks(a: try #require(h.app.shared?.baseQuery), b: query)
    let child = try #require(graph.nodes[Int(CallGraph.truncatedRoot)].children.first)
    let function = graph.nodes[Int(child)].function
    // (The callstacks the query passes with something in the selection, as the graph has them.)
    let expected = query.passingRows.map(\.callstack).filter { c in
      !grewStacks[Int(base.matching.stackOfB[c])]
        && h.profile.callstacks.frames(of: c).first.map { h.profile.functions.idOfAddress[Int($0)] } == function
    }
    let tab = try #require(h.app.tab(HistoryTab.self))
    var request = tab.request
    request.selection = HistorySelection(
      source: .callgraphNode(
        path: graph.path(of: child), inverted: false, parentFunction: nil, splitByChange: true),
      title: "less")
    let shared = try #require(h.app.shared)
    let less = try #require(try HistoryTab.compute(request, shared: shared, cancel: .never))
    #expect(less.callstackCount == expected.count && !expected.isEmpty)
    #expect(less.baseCallstackCount > 0)
    // A frame from the Exclusive tab is found under whichever root holds its stack.
    h.press("2", "Enter", "Enter")
    #expect(h.app.tabIndex == 0)
    #expect(!h.status.contains("does not hold"))
  }

  /// A chosen base snapshot (`--base-end`) instead of the one found by name.
  @Test func aChosenBaseSnapshot() throws {
    let (first, base, scratch) = try Self.open()
    _ = scratch
    let chosen = try BaseCapture(
      profile: base.profile, assignment: base.assignment, name: "a.mprof", matching: first.profile, end: .snapshot(1))
    let h = try Harness(capture: (first.profile, first.assignment), base: chosen)
    h.press("8")
    let details = try #require(h.app.tab(DetailsTab.self)?.figures)
    #expect(details.start.allocationSize == base.profile.snapshots[1].allocationSize)
    #expect(details.end.allocationSize == first.profile.end.allocationSize)
    #expect(h.app.shared?.baseQuery?.state.diffEnd == .snapshot(1))
  }
}
