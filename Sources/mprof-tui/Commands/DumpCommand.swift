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
      emit(try ProfileDump.json(p).text(pretty: pretty) + "\n")
    }
  }
}
