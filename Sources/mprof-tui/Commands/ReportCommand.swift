import ArgumentParser
import Foundation
import ProfileModel

/// `mprof-tui report FILE --view callgraph|exclusive|groups …`: a view's rows for scripts.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "Print the Callgraph, Exclusive or class-group view as text, CSV or JSON.")

  enum View: String, ExpressibleByArgument, CaseIterable {
    case callgraph, exclusive, groups, histogram, sizes, details, timeline, history, memory, address
    case shortLived = "short-lived"
  }

  @OptionGroup var capture: CaptureOptions
  @OptionGroup var filters: FilterOptions
  @Option(
    help: "callgraph, exclusive, groups, histogram, sizes, short-lived, details, timeline, history, memory or address.")
  var view: View = .exclusive
  @Option(
    name: .customLong("min-short-lived"), help: "Short-lived: the least age-0 and age-1 blocks a listed callstack has.")
  var minShortLived: Int64 = ShortLived.defaultMinimum
  @Option(help: "Timeline: how many buckets the capture is cut into (each keeps its peak).") var buckets = 100
  @Flag(help: "Timeline: count only what passes the filters (the default is all memory, as MemoryProfiler2 draws it).")
  var filtered = false
  @Option(help: "History: these callstacks (comma-separated indices).") var callstacks: String?
  @Option(help: "History: the callstacks with a frame whose function matches this regex (case-insensitive).")
  var function: String?
  @Option(help: "History: a class group's callstacks (its name).") var group: String?
  @Flag(help: "History: the complete capture instead of the diff range.") var whole = false
  @Option(name: .customLong("width"), help: "Memory: pixels per row.") var mapWidth = 64
  @Option(name: .customLong("height"), help: "Memory: the rows the map is fit into.") var mapHeight = 32
  @Flag(help: "Memory: allocations per pixel in the diff range instead of class groups.") var heat = false
  @Flag(help: "Memory: one linear range (MemoryProfiler2's) instead of folding gaps over 30 MiB.") var linear = false
  @Option(help: "Memory: 2^K bytes per pixel instead of fitting the rows.") var scale: Int?
  @Option(help: "Memory: fold gaps between used regions larger than this (bytes, or with K, M, G: 30M).")
  var gap = "30M"
  @Option(
    help:
      "Address: the address whose blocks to list (hex, 0x optional), or a range 0xSTART-0xEND (inclusive): the blocks live in it."
  ) var address: String?
  @Option(
    help: "Compare with this capture of another build (A): the exclusive or groups view as A, B and the change B − A.")
  var base: String?
  @Option(name: .customLong("base-start"), help: "Compare: the diff start in the base (default: --start by name).")
  var baseStart: String?
  @Option(name: .customLong("base-end"), help: "Compare: the diff end in the base (default: --end by name).")
  var baseEnd: String?
  @Flag(help: "Compare: scale B's figures to A's total before the change (pprof's -normalize).") var normalize = false
  @Flag(name: .customLong("growth-only"), help: "Compare: only rows that grew.") var growthOnly = false
  @Flag(name: .customLong("match-lines"), help: "Compare: match callstacks on file and line too, not names alone.")
  var matchLines = false
  @Flag(name: .customLong("strip-parameters"), help: "Compare: match functions without their parameter lists.")
  var stripParameters = false
  @Option(help: "text, csv or json.") var format: OutputFormat = .text
  @Option(help: "Rows to print (0 = all).") var limit = 0
  @Option(help: "Callgraph: deepest level printed.") var depth = 12
  @Option(name: .customLong("min-percent"), help: "Callgraph: hide nodes below this share of their root.")
  var minPercent = 0.0
  @Flag(help: "Callgraph: bottom-up (allocation sites as roots).") var invert = false
  @Flag(name: .customLong("show-containers"), help: "Exclusive: name rows by the innermost frame, containers included.")
  var showContainers = false

  func validate() throws {
    guard minShortLived >= 1 else {
      throw ValidationError("--min-short-lived must be 1 or more, found \(minShortLived)")
    }
    guard buckets >= 1 && buckets <= 1_000_000 else {
      throw ValidationError("--buckets must be from 1 to 1000000, found \(buckets)")
    }
    let chosen = [callstacks != nil, function != nil, group != nil].filter { $0 }.count
    if view == .history && chosen != 1 {
      throw ValidationError("--view history needs one of --callstacks LIST, --function REGEX or --group NAME")
    }
    guard mapWidth >= 1 && mapWidth <= 4096 && mapHeight >= 1 && mapHeight <= 4096 else {
      throw ValidationError("--width and --height must be from 1 to 4096, found \(mapWidth) and \(mapHeight)")
    }
    if let scale, !(0...40).contains(scale) { throw ValidationError("--scale must be from 0 to 40, found \(scale)") }
    if view == .address && address == nil { throw ValidationError("--view address needs --address 0x…") }
    if base != nil && ![.exclusive, .groups, .callgraph, .shortLived, .sizes].contains(view) {
      throw ValidationError(
        "--base compares the exclusive, groups, callgraph, short-lived and sizes views (and `check`); --view \(view.rawValue) shows one capture"
      )
    }
    guard let bytes = parseByteCount(gap), bytes >= 1 else {
      throw ValidationError("--gap must be a size like 4096, 64K, 30M or 1G, found \"\(SafeText.excerpt(gap))\"")
    }
    _ = bytes
    guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more, found \(limit)") }
    guard depth >= 0 else { throw ValidationError("--depth must be 0 or more, found \(depth)") }
    guard minPercent.isFinite && minPercent >= 0 && minPercent <= 100 else {
      throw ValidationError("--min-percent must be a number from 0 to 100, found \(minPercent)")
    }
  }

  func run() throws {
    try runReportingErrors {
      let (p, groups) = try capture.load()
      if let base {
        emit(try compareReport(p, groups: groups, baseFile: base))
        return
      }
      let state = try filters.state(for: p, groups: groups)
      let assignment = try GroupAssignment(profile: p, groups: groups)
      let query = try ViewQuery(profile: p, assignment: assignment, filter: state)
      let header = FilterOptions.header(state, profile: p)
      switch view {
      case .exclusive: emit(exclusive(p, query, state, header))
      case .groups: emit(groupsReport(p, query, state, header))
      case .callgraph: emit(try callgraph(p, query, state, header))
      case .details: emit(details(p, state, header))
      case .histogram: emit(histogram(p, query, state, header))
      case .sizes: emit(try sizes(p, query, state, header))
      case .shortLived: emit(try shortLived(p, query, state, header))
      case .timeline: emit(try timeline(p, query, state))
      case .history: emit(try history(p, query, state))
      case .memory: emit(try memoryMap(p, query, state))
      case .address: emit(try addressReport(p, query, state))
      }
    }
  }

  private func exclusive(_ p: Profile, _ query: ViewQuery, _ state: FilterState, _ header: String) -> String {
    let table = ExclusiveView(
      profile: p, query: query, sortBy: state.sort == .size ? .size : .count, showContainers: showContainers)
    let rows = limit > 0 ? Array(table.rows.prefix(limit)) : table.rows
    switch format {
    case .json:
      return JSONValue.object([
        ("selection", .string(header)), ("filter", filters.json(state, profile: p)),
        ("total_size", .int(table.totalSize)), ("total_count", .int(table.totalCount)),
        (
          "rows",
          .array(
            rows.map { r in
              .object([
                ("callstack", .int(Int64(r.callstack))), ("size", .int(r.size)),
                ("size_percent", .double(r.sizePercent)),
                ("count", .int(r.count)), ("count_percent", .double(r.countPercent)), ("group", .string(r.group)),
                ("function", .string(r.function)),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "callstack,size,size_percent,count,count_percent,group,function\n"
      for r in rows {
        out +=
          "\(r.callstack),\(r.size),\(String(format: "%.2f", r.sizePercent)),\(r.count),\(String(format: "%.2f", r.countPercent)),\(csvField(r.group)),\(csvField(r.function))\n"
      }
      return out
    case .text:
      var out =
        "\(header): \(SizeFormat.size(table.totalSize)) in \(SizeFormat.count(table.totalCount)) allocations, \(table.rows.count) callstacks\n"
      out +=
        pad("Size", 14, right: true) + pad("Size%", 9, right: true) + pad("Count", 11, right: true)
        + pad("Count%", 9, right: true) + "  " + column("Group", 22) + "Function\n"
      for r in rows {
        out +=
          pad(SizeFormat.size(r.size), 14, right: true) + pad(SizeFormat.percent(r.sizePercent), 9, right: true)
          + pad(SizeFormat.count(r.count), 11, right: true) + pad(SizeFormat.percent(r.countPercent), 9, right: true)
          + "  " + column(r.group, 22) + shown(r.function) + "\n"
      }
      return out
    }
  }

  private func groupsReport(_ p: Profile, _ query: ViewQuery, _ state: FilterState, _ header: String) -> String {
    let totals = query.totals
    var rows = GroupTotals(query: query).rows.filter { $0.count != 0 || $0.size != 0 }
    if limit > 0 { rows = Array(rows.prefix(limit)) }
    func percent(_ v: Int64, _ t: Int64) -> Double { t == 0 ? 0 : Double(v) * 100 / Double(t) }
    switch format {
    case .json:
      return JSONValue.object([
        ("selection", .string(header)), ("filter", filters.json(state, profile: p)), ("total_size", .int(totals.size)),
        ("total_count", .int(totals.count)),
        (
          "rows",
          .array(
            rows.map { g in
              .object([
                ("group", .string(g.group)), ("color", .string(g.color.description)), ("size", .int(g.size)),
                ("size_percent", .double(percent(g.size, totals.size))), ("count", .int(g.count)),
                ("callstacks", .int(Int64(g.callstacks))),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "group,size,size_percent,count,callstacks\n"
      for g in rows {
        out +=
          "\(csvField(g.group)),\(g.size),\(String(format: "%.2f", percent(g.size, totals.size))),\(g.count),\(g.callstacks)\n"
      }
      return out
    case .text:
      var out = "\(header): \(SizeFormat.size(totals.size)) in \(SizeFormat.count(totals.count)) allocations\n"
      out +=
        pad("Size", 14, right: true) + pad("Size%", 9, right: true) + pad("Count", 11, right: true)
        + pad("Stacks", 8, right: true) + "  Group\n"
      for g in rows {
        out +=
          pad(SizeFormat.size(g.size), 14, right: true)
          + pad(SizeFormat.percent(percent(g.size, totals.size)), 9, right: true)
          + pad(SizeFormat.count(g.count), 11, right: true) + pad(String(g.callstacks), 8, right: true) + "  "
          + shown(g.group)
          + "\n"
      }
      return out
    }
  }

  /// The call graph; `compared` is a tree of two builds (B − A), whose percentages are of A's
  /// total rather than of each root.
  func callgraph(
    _ p: Profile, _ query: ViewQuery, _ state: FilterState, _ header: String, compared: CallGraph? = nil
  ) throws -> String {
    let graph = try compared ?? CallGraph(profile: p, query: query, sort: state.sort, inverted: invert)
    var printed = 0
    func visible(_ node: Int32, root: Int64) -> Bool {
      let n = graph.nodes[Int(node)]
      guard minPercent > 0, root != 0 else { return true }
      return Double(abs(n.size)) * 100 / Double(abs(root)) >= minPercent
    }
    switch format {
    case .json:
      // Built children first with an explicit stack: a 4,096-frame callstack is 4,096 levels,
      // too deep for recursion on a thread's stack.
      func tree(_ top: Int32, _ root: Int64) -> JSONValue {
        var built: [Int32: JSONValue] = [:]
        var stack: [(node: Int32, expanded: Bool)] = [(top, false)]
        while let (i, expanded) = stack.popLast() {
          let n = graph.nodes[Int(i)]
          let children = n.depth < depth ? n.children.filter { visible($0, root: root) } : []
          if !expanded {
            stack.append((i, true))
            for child in children { stack.append((child, false)) }
            continue
          }
          built[i] = .object([
            ("function", .string(graph.title(i, in: p))), ("size", .int(n.size)), ("count", .int(n.count)),
            ("children", .array(children.compactMap { built.removeValue(forKey: $0) })),
          ])
        }
        return built[top] ?? .null
      }
      return JSONValue.object([
        ("selection", .string(header)), ("filter", filters.json(state, profile: p)), ("inverted", .bool(invert)),
        ("roots", .array([CallGraph.fullRoot, CallGraph.truncatedRoot].map { tree($0, graph.nodes[Int($0)].size) })),
      ]).text(pretty: true) + "\n"
    case .csv, .text:
      var out =
        format == .csv
        ? "depth,size,count,path\n"
        : "\(header)\n" + pad("Size", 12, right: true) + pad("Size%", 9, right: true) + pad("Count", 11, right: true)
          + "  Function (indented two columns a level)\n"
      // Depth first with an explicit stack (deep callstacks would overflow recursion); `path`
      // holds the titles of the current node's ancestors.
      func walk(_ top: Int32, _ root: Int64) {
        var path: [String] = []
        var stack: [(node: Int32, level: Int)] = [(top, 0)]
        while let (i, level) = stack.popLast() {
          if limit > 0 && printed >= limit { return }
          let n = graph.nodes[Int(i)]
          let title = graph.title(i, in: p)
          path.removeLast(path.count - level)
          printed += 1
          if format == .csv {
            out += "\(n.depth),\(n.size),\(n.count),\(csvField((path + [title]).joined(separator: " > ")))\n"
          } else {
            let share = root == 0 ? 0 : Double(n.size) * 100 / Double(root)
            out +=
              pad(SizeFormat.size(n.size), 12, right: true) + pad(SizeFormat.percent(share), 9, right: true)
              + pad(SizeFormat.count(n.count), 11, right: true) + "  " + String(repeating: "  ", count: Int(n.depth))
              + shown(title) + "\n"
          }
          guard n.depth < depth else { continue }
          path.append(title)
          for child in n.children.reversed() where visible(child, root: root) { stack.append((child, level + 1)) }
        }
      }
      for root in [CallGraph.fullRoot, CallGraph.truncatedRoot]
      where graph.nodes[Int(root)].count != 0 || graph.nodes[Int(root)].size != 0 {
        walk(root, compared != nil ? graph.gross.size : graph.nodes[Int(root)].size)
      }
      return out
    }
  }

  /// The Details view: the diff start, the difference and the end, field by field.
  private func details(_ p: Profile, _ state: FilterState, _ header: String) -> String {
    let details = SnapshotDetails(profile: p, start: state.diffStart, end: state.diffEnd)
    func json(_ pane: SnapshotDetails.Pane) -> JSONValue {
      guard pane.isPresent else { return .null }
      return .object([
        ("description", .string(pane.description)), ("stream_index", .int(pane.streamIndex)),
        ("frame_number", .int(pane.frameNumber)), ("current_time", .double(pane.currentTime)),
        ("elapsed_time", .double(pane.elapsedTime)), ("snapshot_type", .string(pane.snapshotType)),
        ("snapshot_index", .int(pane.snapshotIndex)), ("loaded_level_count", .int(Int64(pane.levelCount))),
        ("loaded_levels", .array(pane.levels.map { $0.map { .string($0) } ?? .null })),
        ("stats", .object(pane.stats.map { ($0.name, $0.value.map { .int($0) } ?? .null) })),
        ("allocation_count", .int(pane.allocationCount)), ("allocation_size", .int(pane.allocationSize)),
        ("allocation_max_size", .int(pane.allocationMaxSize)), ("is_diff", .bool(pane.isDiff)),
      ])
    }
    switch format {
    case .json:
      return JSONValue.object([
        ("selection", .string(header)), ("filter", filters.json(state, profile: p)), ("start", json(details.start)),
        ("diff", json(details.diff)), ("end", json(details.end)),
      ]).text(pretty: true) + "\n"
    case .csv:
      // One row per field: field, start, diff, end, with raw numbers (bytes, seconds) so a
      // spreadsheet can compute with them.
      let panes = details.panes
      func row(_ field: String, _ value: (SnapshotDetails.Pane) -> String) -> String {
        ([field] + panes.map { $0.isPresent ? value($0) : "" }).map(csvField).joined(separator: ",") + "\n"
      }
      var out = "field,start,diff,end\n"
      out += row("Description") { $0.description }
      out += row("Stream Index") { String($0.streamIndex) }
      out += row("Frame Number") { String($0.frameNumber) }
      out += row("Current Time") { String($0.currentTime) }
      out += row("Elapsed Time") { String($0.elapsedTime) }
      out += row("Snapshot Type") { $0.snapshotType }
      out += row("Snapshot Index") { String($0.snapshotIndex) }
      out += row("Loaded Levels") { String($0.levelCount) }
      for level in details.end.levels.indices {
        out += row("Loaded Level") { pane in
          guard let name = pane.levels[level] else { return "" }
          guard pane.isDiff else { return name }
          return name.hasPrefix("+") ? "loaded" : (name.hasPrefix("-") ? "unloaded" : "kept")
        }
      }
      for stat in details.end.stats.indices {
        out += row("Stat: \(details.end.stats[stat].name)") { $0.stats[stat].value.map(String.init) ?? "" }
      }
      out += row("Allocation Count") { String($0.allocationCount) }
      out += row("Allocation Size") { String($0.allocationSize) }
      out += row("Allocation Max Size") { String($0.allocationMaxSize) }
      out += row("Is Diff Result") { $0.isDiff ? "true" : "false" }
      return out
    case .text:
      var out = "\(header)\n"
      for pane in details.panes {
        out += "\n" + pane.title + "\n"
        out += (pane.isPresent ? pane.lines : ["(Start: nothing before the first token)"]).map { "  " + $0 + "\n" }
          .joined()
      }
      return out
    }
  }

  /// The Histogram: per memory bank, the bytes and count of each class group.
  private func histogram(_ p: Profile, _ query: ViewQuery, _ state: FilterState, _ header: String) -> String {
    let histogram = PoolHistogram(profile: p, query: query)
    let bars = histogram.columns.flatMap { $0.bars.filter { $0.size != 0 || $0.count != 0 } }
    switch format {
    case .json:
      return JSONValue.object([
        ("selection", .string(header)), ("filter", filters.json(state, profile: p)),
        (
          "banks",
          .array(
            histogram.columns.map { column in
              .object([
                ("bank", .string(column.bank.title.lowercased())), ("size", .int(column.size)),
                ("count", .int(column.count)),
                (
                  "bars",
                  .array(
                    column.bars.filter { $0.size != 0 || $0.count != 0 }.map { bar in
                      .object([
                        ("group", .string(bar.group)), ("size", .int(bar.size)), ("count", .int(bar.count)),
                        ("callstacks", .array(bar.callstacks.map { .int(Int64($0.callstack)) })),
                      ])
                    })
                ),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "bank,group,size,count,callstacks\n"
      for bar in bars {
        out +=
          "\(bar.bank.title.lowercased()),\(csvField(bar.group)),\(bar.size),\(bar.count),\(bar.callstacks.count)\n"
      }
      return out
    case .text:
      var out =
        "\(header)\n" + pad("Bank", 7) + column("Group", 22) + pad("Size", 12, right: true)
        + pad("Count", 11, right: true) + pad("Stacks", 8, right: true) + "\n"
      for bar in bars {
        out +=
          pad(bar.bank.title, 7) + column(bar.group, 22) + pad(SizeFormat.size(bar.size), 12, right: true)
          + pad(SizeFormat.count(bar.count), 11, right: true) + pad(String(bar.callstacks.count), 8, right: true) + "\n"
      }
      return out
    }
  }

  /// The allocation sizes: power-of-two classes with their count and bytes.
  private func sizes(_ p: Profile, _ query: ViewQuery, _ state: FilterState, _ header: String) throws -> String {
    let histogram = try SizeHistogram(profile: p, query: query)
    switch format {
    case .json:
      return JSONValue.object([
        ("selection", .string(header)), ("filter", filters.json(state, profile: p)),
        (
          "classes",
          .array(
            histogram.classes.map {
              .object([
                ("min_size", .int($0.lowerBound)), ("max_size", .int($0.upperBound)), ("count", .int($0.count)),
                ("size", .int($0.size)),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      return "min_size,max_size,count,size\n"
        + histogram.classes.map { "\($0.lowerBound),\($0.upperBound),\($0.count),\($0.size)\n" }.joined()
    case .text:
      return "\(header)\n" + pad("Block size", 25, right: true) + pad("Count", 12, right: true)
        + pad("Bytes", 12, right: true) + "\n"
        + histogram.classes.map {
          pad($0.label, 25, right: true) + pad(SizeFormat.count($0.count), 12, right: true)
            + pad(SizeFormat.size($0.size), 12, right: true) + "\n"
        }.joined()
    }
  }
  /// The Short-lived view: per callstack, blocks freed within a frame of their birth.
  private func shortLived(_ p: Profile, _ query: ViewQuery, _ state: FilterState, _ header: String) throws -> String {
    let view = try ShortLived(profile: p, query: query, minimum: minShortLived)
    var rows = view.rows
    if limit > 0 { rows = Array(rows.prefix(limit)) }
    func function(_ callstack: Int) -> String {
      p.callstacks.frames(of: callstack).last.map { p.functions.names[Int(p.functions.idOfAddress[Int($0)])] } ?? ""
    }
    switch format {
    case .json:
      return JSONValue.object([
        ("selection", .string(header)), ("filter", filters.json(state, profile: p)),
        ("minimum", .int(minShortLived)),
        (
          "rows",
          .array(
            rows.map { r in
              .object([
                ("callstack", .int(Int64(r.callstack))), ("zero_frames", .int(r.zeroFrames)),
                ("zero_frame_count", .int(r.zeroFrameCount)), ("one_frame", .int(r.oneFrame)),
                ("longest_run", .int(r.longestRun)), ("run_average", .int(r.runAverage)), ("bytes", .int(r.bytes)),
                ("function", .string(function(r.callstack))),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "callstack,zero_frames,zero_frame_count,one_frame,longest_run,run_average,bytes,function\n"
      for r in rows {
        out +=
          "\(r.callstack),\(r.zeroFrames),\(r.zeroFrameCount),\(r.oneFrame),\(r.longestRun),\(r.runAverage),\(r.bytes),"
          + csvField(function(r.callstack)) + "\n"
      }
      return out
    case .text:
      var out = "\(header), at least \(minShortLived) short-lived blocks\n"
      out +=
        ["0 Frames", "0 Frame Cnt", "1 Frame", "Longest Run", "Run Avg", "Bytes"].map { pad($0, 12, right: true) }
        .joined() + "  Function\n"
      for r in rows {
        out +=
          [
            SizeFormat.count(r.zeroFrames), SizeFormat.count(r.zeroFrameCount), SizeFormat.count(r.oneFrame),
            SizeFormat.count(r.longestRun), SizeFormat.size(r.runAverage), SizeFormat.size(r.bytes),
          ].map { pad($0, 12, right: true) }.joined() + "  " + shown(function(r.callstack)) + "\n"
      }
      return out
    }
  }
}
