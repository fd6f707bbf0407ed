import ArgumentParser
import Foundation
import ProfileModel

extension ReportCommand {
  /// `--base A.mprof`: the exclusive, groups, callgraph, short-lived or sizes view of this
  /// capture (B) against A, with A, B and Δ columns; percentages are shares of A's total (pprof's rule).
  func compareReport(_ b: Profile, groups: ClassGroupSet, baseFile: String) throws -> String {
    let a = try capture.loadCapture(at: baseFile, groups: groups)
    let stateB = try filters.state(for: b, groups: groups)
    var stateA = try filters.state(for: a, groups: groups)
    if let baseStart { stateA.diffStart = try a.resolveSnapshot(baseStart) }
    if let baseEnd { stateA.diffEnd = try a.resolveSnapshot(baseEnd) }
    let comparison = try Comparison(
      a: a, b: b, groups: groups, stateA: stateA, stateB: stateB,
      options: CaptureComparison.Options(fileAndLine: matchLines, stripParameters: stripParameters),
      normalize: normalize)
    let header =
      "B \(SafeText.terminal((capture.file ?? "demo") as String)) (\(FilterOptions.header(stateB, profile: b))) − "
      + "A \(SafeText.terminal(baseFile)) (\(FilterOptions.header(stateA, profile: a)))"
      + (normalize ? ", B normalized to A's total" : "")
    switch view {
    case .groups: return compareGroups(comparison, header: header)
    case .callgraph:
      let graph = try CallGraph(
        comparing: a, baseQuery: comparison.queryA, profile: b, query: comparison.queryB, sort: stateB.sort,
        inverted: invert)
      return try callgraph(b, comparison.queryB, stateB, header + " (Δ, % of A's total)", compared: graph)
    case .shortLived: return try compareShortLived(comparison, header: header, stateA: stateA, stateB: stateB)
    case .sizes:
      let sizes = SizeHistogramComparison(
        a: try SizeHistogram(profile: a, query: comparison.queryA),
        b: try SizeHistogram(profile: b, query: comparison.queryB), growthOnly: growthOnly, normalize: normalize)
      return compareSizes(sizes, header: header)
    default: return compareExclusive(comparison, header: header, stateA: stateA, stateB: stateB)
    }
  }

  /// Blocks and bytes per power-of-two size class in A and B.
  private func compareSizes(_ sizes: SizeHistogramComparison, header: String) -> String {
    switch format {
    case .json:
      return JSONValue.object([
        ("comparison", .string(header)),
        (
          "classes",
          .array(
            sizes.classes.map {
              .object([
                ("min_size", .int($0.lowerBound)), ("max_size", .int($0.upperBound)), ("count_a", .int($0.countA)),
                ("count_b", .int($0.countB)), ("delta_count", .int($0.deltaCount)), ("size_a", .int($0.sizeA)),
                ("size_b", .int($0.sizeB)), ("delta_size", .int($0.deltaSize)),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      return "min_size,max_size,count_a,count_b,delta_count,size_a,size_b,delta_size\n"
        + sizes.classes.map {
          "\($0.lowerBound),\($0.upperBound),\($0.countA),\($0.countB),\($0.deltaCount),\($0.sizeA),\($0.sizeB),"
            + "\($0.deltaSize)\n"
        }.joined()
    case .text:
      return "\(header)\n" + pad("Block size", 25, right: true)
        + ["Count A", "Count B", "ΔCount", "Bytes A", "Bytes B", "ΔBytes"].map { pad($0, 12, right: true) }.joined()
        + "\n"
        + sizes.classes.map {
          pad($0.label(dash: "–"), 25, right: true)
            + [
              SizeFormat.count($0.countA), SizeFormat.count($0.countB), Comparison.signedCount($0.deltaCount),
              SizeFormat.size($0.sizeA), SizeFormat.size($0.sizeB), Comparison.signed($0.deltaSize),
            ].map { pad($0, 12, right: true) }.joined() + "\n"
        }.joined()
    }
  }

  /// Short-lived blocks (freed within a frame of their birth) per matched stack in A and B.
  private func compareShortLived(_ c: Comparison, header: String, stateA: FilterState, stateB: FilterState) throws
    -> String
  {
    let view = ShortLivedComparison(
      comparison: c.matching, a: try ShortLived.totals(profile: c.a, query: c.queryA),
      b: try ShortLived.totals(profile: c.b, query: c.queryB), minimum: minShortLived,
      growthOnly: growthOnly, normalize: normalize)
    var rows = view.rows
    if limit > 0 { rows = Array(rows.prefix(limit)) }
    // A stack is named by its callstack's innermost frame, B's when it has one.
    func function(_ stack: Int) -> String {
      let (inB, callstack) = c.matching.representative(stack)
      let p = inB ? c.b : c.a
      return p.callstacks.frames(of: callstack).last.map { p.functions.names[Int(p.functions.idOfAddress[Int($0)])] }
        ?? "(no frames)"
    }
    switch format {
    case .json:
      return JSONValue.object([
        ("comparison", .string(header)), ("filter_b", filters.json(stateB, profile: c.b)),
        ("filter_a", filters.json(stateA, profile: c.a)), ("minimum", .int(minShortLived)),
        (
          "rows",
          .array(
            rows.map { r in
              .object([
                ("status", .string(r.status.rawValue)), ("blocks_a", .int(r.blocksA)), ("blocks_b", .int(r.blocksB)),
                ("delta_blocks", .int(r.deltaBlocks)), ("bytes_a", .int(r.bytesA)), ("bytes_b", .int(r.bytesB)),
                ("delta_bytes", .int(r.deltaBytes)), ("function", .string(function(r.stack))),
                ("callstacks_a", .array(c.matching.stacks[r.stack].a.map { .int(Int64($0)) })),
                ("callstacks_b", .array(c.matching.stacks[r.stack].b.map { .int(Int64($0)) })),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "status,blocks_a,blocks_b,delta_blocks,bytes_a,bytes_b,delta_bytes,function\n"
      for r in rows {
        out +=
          "\(r.status.rawValue),\(r.blocksA),\(r.blocksB),\(r.deltaBlocks),\(r.bytesA),\(r.bytesB),\(r.deltaBytes),"
          + SafeText.csvCell(function(r.stack)) + "\n"
      }
      return out
    case .text:
      var out = "\(header), at least \(minShortLived) short-lived blocks in A or B\n"
      out +=
        ["Blocks A", "Blocks B", "Δ Blocks", "Bytes A", "Bytes B", "Δ Bytes"].map { pad($0, 12, right: true) }.joined()
        + "       Function\n"
      for r in rows {
        let mark = r.status == .both ? "     " : (r.status == .new ? "  new" : " gone")
        out +=
          [
            SizeFormat.count(r.blocksA), SizeFormat.count(r.blocksB), Comparison.signedCount(r.deltaBlocks),
            SizeFormat.size(r.bytesA), SizeFormat.size(r.bytesB), Comparison.signed(r.deltaBytes),
          ].map { pad($0, 12, right: true) }.joined() + mark + "  " + shown(function(r.stack)) + "\n"
      }
      return out
    }
  }

  private func compareExclusive(_ c: Comparison, header: String, stateA: FilterState, stateB: FilterState) -> String {
    var rows = c.rows
    if growthOnly { rows = rows.filter { $0.deltaSize > 0 } }
    // Largest change first, whatever its sign (heaptrack ranks by magnitude).
    rows.sort {
      abs($0.deltaSize) != abs($1.deltaSize) ? abs($0.deltaSize) > abs($1.deltaSize) : $0.stack < $1.stack
    }
    if limit > 0 { rows = Array(rows.prefix(limit)) }
    var classifierA = ContainerFrames.Classifier(profile: c.a)
    var classifierB = ContainerFrames.Classifier(profile: c.b)
    let names = rows.map { c.name(of: $0.stack, classifierA: &classifierA, classifierB: &classifierB) }
    let groupNames = rows.map { c.group(of: $0.stack) }
    switch format {
    case .json:
      return JSONValue.object([
        ("comparison", .string(header)), ("filter_b", filters.json(stateB, profile: c.b)),
        ("filter_a", filters.json(stateA, profile: c.a)), ("total_a", .int(c.totalA)), ("total_b", .int(c.totalB)),
        ("delta", .int(c.totalB - c.totalA)), ("matched_stacks", .int(Int64(c.matching.matchedCount))),
        ("new_stacks", .int(Int64(c.matching.newCount))), ("gone_stacks", .int(Int64(c.matching.goneCount))),
        (
          "rows",
          .array(
            rows.enumerated().map { i, r in
              .object([
                ("status", .string(r.status.rawValue)), ("size_a", .int(r.sizeA)), ("size_b", .int(r.sizeB)),
                ("delta_size", .int(r.deltaSize)), ("count_a", .int(r.countA)), ("count_b", .int(r.countB)),
                ("delta_count", .int(r.deltaCount)), ("group", .string(groupNames[i])), ("function", .string(names[i])),
                ("callstacks_a", .array(c.matching.stacks[r.stack].a.map { .int(Int64($0)) })),
                ("callstacks_b", .array(c.matching.stacks[r.stack].b.map { .int(Int64($0)) })),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "status,size_a,size_b,delta_size,count_a,count_b,delta_count,group,function\n"
      for (i, r) in rows.enumerated() {
        out +=
          "\(r.status.rawValue),\(r.sizeA),\(r.sizeB),\(r.deltaSize),\(r.countA),\(r.countB),\(r.deltaCount),"
          + "\(SafeText.csvCell(groupNames[i])),\(SafeText.csvCell(names[i]))\n"
      }
      return out
    case .text:
      var out = header + "\n"
      out +=
        "Total: A \(SizeFormat.size(c.totalA)), B \(SizeFormat.size(c.totalB)), Δ \(Comparison.signed(c.totalB - c.totalA)) "
        + "(\(c.percent(c.totalB - c.totalA)) of A); stacks: \(c.matching.matchedCount) matched, "
        + "\(c.matching.newCount) new, \(c.matching.goneCount) gone\n"
      out +=
        pad("A", 12, right: true) + pad("B", 12, right: true) + pad("Δ", 13, right: true)
        + pad("Δ% of A", 10, right: true)
        + pad("ΔCount", 9, right: true) + "       Group / function\n"
      for (i, r) in rows.enumerated() {
        let mark = r.status == .both ? "     " : (r.status == .new ? "  new" : " gone")
        out +=
          pad(SizeFormat.size(r.sizeA), 12, right: true) + pad(SizeFormat.size(r.sizeB), 12, right: true)
          + pad(Comparison.signed(r.deltaSize), 13, right: true) + pad(c.percent(r.deltaSize), 10, right: true)
          + pad(Comparison.signedCount(r.deltaCount), 9, right: true) + mark + "  " + shown(groupNames[i]) + " / "
          + shown(names[i]) + "\n"
      }
      return out
    }
  }

  private func compareGroups(_ c: Comparison, header: String) -> String {
    var groups = c.groupRows()
    if growthOnly { groups = groups.filter { $0.sizeB > $0.sizeA } }
    groups.sort { abs($0.sizeB - $0.sizeA) > abs($1.sizeB - $1.sizeA) }
    let totalA = groups.reduce(0) { $0 + $1.sizeA }
    func percent(_ delta: Int64, of base: Int64) -> String {
      guard base != 0 else { return delta == 0 ? "0.00%" : "new" }
      let p = Double(delta) * 100 / Double(abs(base))
      return (p > 0 ? "+" : "") + SizeFormat.percent(p)
    }
    switch format {
    case .json:
      return JSONValue.object([
        ("comparison", .string(header)), ("total_a", .int(totalA)),
        ("total_b", .int(groups.reduce(0) { $0 + $1.sizeB })),
        (
          "groups",
          .array(
            groups.map { g in
              .object([
                ("group", .string(g.name)), ("size_a", .int(g.sizeA)), ("size_b", .int(g.sizeB)),
                ("delta_size", .int(g.sizeB - g.sizeA)), ("count_a", .int(g.countA)), ("count_b", .int(g.countB)),
                ("delta_count", .int(g.countB - g.countA)),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "group,size_a,size_b,delta_size,count_a,count_b,delta_count\n"
      for g in groups {
        out +=
          "\(SafeText.csvCell(g.name)),\(g.sizeA),\(g.sizeB),\(g.sizeB - g.sizeA),\(g.countA),\(g.countB),"
          + "\(g.countB - g.countA)\n"
      }
      return out
    case .text:
      var out = header + "\n"
      out +=
        pad("A", 12, right: true) + pad("B", 12, right: true) + pad("Δ", 13, right: true)
        + pad("Δ% of group", 13, right: true) + pad("ΔCount", 9, right: true) + "  Group\n"
      for g in groups {
        out +=
          pad(SizeFormat.size(g.sizeA), 12, right: true) + pad(SizeFormat.size(g.sizeB), 12, right: true)
          + pad(Comparison.signed(g.sizeB - g.sizeA), 13, right: true)
          + pad(percent(g.sizeB - g.sizeA, of: g.sizeA), 13, right: true)
          + pad(Comparison.signedCount(g.countB - g.countA), 9, right: true) + "  " + shown(g.name) + "\n"
      }
      return out
    }
  }
}
