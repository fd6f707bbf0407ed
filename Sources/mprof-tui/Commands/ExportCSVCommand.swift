import ArgumentParser
import ProfileModel

/// `mprof-tui export-csv FILE`: MemoryProfiler2's CSV export (§1.6): one line per callstack with a positive count, by
/// callstack index: `size,count,` then each frame outermost first as `function @ file:line,` (`Unknown,` without
/// symbols).
///
/// No filters apply, as in the original.
struct ExportCSVCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-csv", abstract: "Export callstacks in MemoryProfiler2's CSV layout.")

  @OptionGroup var capture: CaptureOptions
  @Option(help: "Diff start (start, end, index or description).") var start = "start"
  @Option(help: "Diff end (start, end, index or description).") var end = "end"
  @Flag(help: "Lifetime allocations instead of active ones.") var lifetime = false

  func run() throws {
    try runReportingErrors {
      let (p, _) = try capture.load()
      let aggregates = try p.aggregates(
        start: try p.resolveSnapshot(start), end: try p.resolveSnapshot(end), kind: lifetime ? .lifetime : .active)
      var out = ""
      for c in 0..<p.callstacks.count where aggregates.count[c] > 0 {
        out += "\(aggregates.size[c]),\(aggregates.count[c]),"
        for address in p.callstacks.frames(of: c) {
          let a = Int(address)
          let function = p.addresses.functionNameIndex[a] >= 0 ? p.functionName(address: a) : ""
          let file = p.fileName(address: a)
          out +=
            function.isEmpty && file.isEmpty
            ? "Unknown," : csvField("\(function) @ \(file):\(p.addresses.line[a])") + ","
        }
        out += "\n"
      }
      emit(out)
    }
  }
}
