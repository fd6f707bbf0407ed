import ArgumentParser
import ProfileModel

/// `mprof-tui dump --json FILE`: the whole reader result as one JSON object.
struct DumpCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump", abstract: "Print what the reader found, as JSON (the contract the fixtures' truth files use).")

  @OptionGroup var capture: CaptureOptions
  @Flag(help: "JSON output (the only format; accepted for clarity).") var json = false
  @Flag(help: "Indent the JSON.") var pretty = false

  func run() throws {
    try runReportingErrors {
      let (p, _) = try capture.load()
      // Streamed in 64 KB pieces: the output can be far larger than the capture.
      var pending = ""
      try ProfileDump.write(p, pretty: pretty) { piece in
        pending += piece
        if pending.utf8.count >= 1 << 16 {
          emit(pending)
          pending = ""
        }
      }
      emit(pending + "\n")
    }
  }
}
