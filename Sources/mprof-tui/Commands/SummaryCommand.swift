import ArgumentParser
import Foundation
import ProfileModel

/// `mprof-tui summary FILE`: loads everything the views need and prints the End state.
struct SummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary", abstract: "Load a capture and print End totals, top callstacks and top class groups.")

  @OptionGroup var capture: CaptureOptions
  @Option(help: "text or json.") var format: OutputFormat = .text
  @Option(help: "How many callstacks and groups to list.") var top = 10

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more, found \(top)") }
  }

  func run() throws {
    try runReportingErrors {
      let (p, groups) = try capture.load()
      let assignment = try GroupAssignment(profile: p, groups: groups)
      let query = try ViewQuery(profile: p, assignment: assignment, filter: FilterState())
      let exclusive = ExclusiveView(profile: p, query: query)
      let groupRows = GroupTotals(query: query).rows.filter { $0.count != 0 || $0.size != 0 }
      if format == .json {
        let json = JSONValue.object([
          ("file", .string(p.path)), ("version", .int(Int64(p.header.version))),
          ("tokens", .int(Int64(p.tokenCounts.tokenCount))), ("snapshots", .int(Int64(p.snapshots.count))),
          (
            "end",
            .object([
              ("active_size", .int(exclusive.totalSize)), ("active_count", .int(exclusive.totalCount)),
              ("lifetime_size", .int(p.totals.lifetimeSize.reduce(0, +))),
              ("lifetime_count", .int(p.totals.lifetimeCount.reduce(0, +))),
            ])
          ),
          (
            "top_callstacks",
            .array(
              exclusive.rows.prefix(top).map { r in
                .object([
                  ("callstack", .int(Int64(r.callstack))), ("size", .int(r.size)), ("count", .int(r.count)),
                  ("peak_size", .int(p.totals.maxSize[r.callstack])), ("group", .string(r.group)),
                  ("function", .string(r.function)),
                ])
              })
          ),
          (
            "top_groups",
            .array(
              groupRows.prefix(top).map { g in
                .object([
                  ("group", .string(g.group)), ("size", .int(g.size)), ("count", .int(g.count)),
                  ("callstacks", .int(Int64(g.callstacks))),
                ])
              })
          ),
        ])
        emit(json.text(pretty: true) + "\n")
        return
      }
      var out = "\(p.path): v\(p.header.version), \(SizeFormat.count(Int64(p.tokenCounts.tokenCount))) tokens, "
      out += "\(p.snapshots.count - 1) snapshots, \(SizeFormat.count(Int64(p.frames.count))) frames\n"
      out +=
        "End: \(SizeFormat.size(exclusive.totalSize)) live in \(SizeFormat.count(exclusive.totalCount)) allocations; "
      out +=
        "lifetime \(SizeFormat.size(p.totals.lifetimeSize.reduce(0, +))) in \(SizeFormat.count(p.totals.lifetimeCount.reduce(0, +)))\n"
      for message in p.diagnostics.messages { out += "Note: \(message)\n" }
      out += "\nTop callstacks by live size at End:\n"
      out +=
        pad("Size", 14, right: true) + pad("Size%", 9, right: true) + pad("Count", 10, right: true)
        + pad("Peak", 14, right: true) + "  " + column("Group", 22) + "Function\n"
      for r in exclusive.rows.prefix(top) {
        out +=
          pad(SizeFormat.size(r.size), 14, right: true) + pad(SizeFormat.percent(r.sizePercent), 9, right: true)
          + pad(SizeFormat.count(r.count), 10, right: true)
          + pad(SizeFormat.size(p.totals.maxSize[r.callstack]), 14, right: true)
          + "  " + column(r.group, 22) + shown(r.function) + "\n"
      }
      out += "\nTop class groups at End:\n"
      for g in groupRows.prefix(top) {
        out +=
          pad(SizeFormat.size(g.size), 14, right: true) + pad(SizeFormat.count(g.count), 10, right: true) + "  "
          + shown(g.group) + "\n"
      }
      emit(out)
    }
  }
}
