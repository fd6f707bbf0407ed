import ArgumentParser
import Foundation
import ProfileModel

/// `mprof-tui info FILE`: header, versions, counts and snapshots.
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info", abstract: "Print the header, counts and snapshots of a capture.")

  @OptionGroup var capture: CaptureOptions
  @Option(help: "text or json.") var format: OutputFormat = .text

  func run() throws {
    try runReportingErrors {
      let (p, _) = try capture.load()
      if format == .json {
        let members = try ProfileDump.members(p)
        let keep: Set<String> = [
          "file", "header", "memory_ops", "token_count", "tokens_by_type", "callstack_count", "callstack_address_count",
          "truncated_callstacks", "frames", "tags", "metadata", "diagnostics",
        ]
        var object = members.filter { keep.contains($0.0) }
        object.append(
          (
            "snapshots",
            .array(
              p.snapshots.enumerated().map { i, s in
                .object([
                  ("index", .int(Int64(i))), ("description", .string(s.description)),
                  ("stream_index", .int(Int64(s.streamIndex))),
                  ("frame_number", .int(Int64(s.frameNumber))), ("current_time", .double(Double(s.currentTime))),
                  ("allocation_size", .int(s.allocationSize)), ("allocation_count", .int(s.allocationCount)),
                ])
              })
          ))
        emit(JSONValue.object(object).text(pretty: true) + "\n")
        return
      }
      let h = p.header
      var out = ""
      out += "File:        \(p.path)\(p.partSizes.count > 1 ? " (+\(p.partSizes.count - 1) parts)" : "")\n"
      out += "Size:        \(SizeFormat.size(Int64(p.partSizes.reduce(0, +))))\n"
      out +=
        "Format:      version \(h.version)\(h.layout == .standard ? "" : " (\(h.layout.rawValue))"), \(h.isBigEndian ? "big" : "little")-endian, \(h.numDataFiles) data file(s)\n"
      out += "Platform:    \(shown(h.platformName))\n"
      out += "Executable:  \(h.executableName.isEmpty ? "(not recorded)" : shown(h.executableName))\n"
      out += "Symbols:     \(h.hasSymbols ? "in file" : "not in file (program counters shown)")\n"
      out +=
        "Tables:      \(h.nameTableEntries) names, \(h.addressTableEntries) addresses, \(h.callstackTableEntries) callstacks, \(h.tagsTableEntries) tag sets, \(h.moduleEntries) modules, \(h.metadataEntries) metadata\n"
      let c = p.tokenCounts
      out +=
        "Tokens:      \(SizeFormat.count(Int64(c.tokenCount))) (\(SizeFormat.count(Int64(c.mallocs))) malloc, \(SizeFormat.count(Int64(c.frees))) free, \(SizeFormat.count(Int64(c.reallocs))) realloc; \(SizeFormat.count(Int64(c.tokenCount + (c.others[0] ?? 0)))) with the end-of-stream marker, as dump --json counts)\n"
      out +=
        "Frames:      \(SizeFormat.count(Int64(p.frames.count))) (\(String(format: "%.2f", Double(p.end.currentTime))) s)\n"
      out +=
        "Allocations: \(SizeFormat.count(Int64(p.allocations.count))) blocks, \(SizeFormat.count(p.end.allocationCount)) operations\n"
      out +=
        "End:         \(SizeFormat.size(p.totals.endActiveSize.reduce(0, +))) live in \(SizeFormat.count(p.totals.endActiveCount.reduce(0, +))) blocks\n"
      for message in p.diagnostics.messages { out += "Note:        \(message)\n" }
      out += "\nSnapshots:\n"
      out +=
        "  #   " + pad("Description", 44) + pad("Stream", 11, right: true) + pad("Frame", 8, right: true)
        + pad("Time", 10, right: true) + pad("Live", 14, right: true) + "\n"
      for (i, s) in p.snapshots.enumerated() {
        let index = s.isEnd ? "" : "\(i)"
        out +=
          "  " + pad(index, 4) + pad(s.description, 44) + pad(String(s.streamIndex), 11, right: true)
          + pad(String(s.frameNumber), 8, right: true)
          + pad(String(format: "%.2f s", Double(s.currentTime)), 10, right: true)
          + pad(SizeFormat.size(s.allocationSize), 14, right: true) + "\n"
      }
      emit(out)
    }
  }
}
