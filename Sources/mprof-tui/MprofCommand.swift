import ArgumentParser
import Foundation
import ProfileTUI

/// `mprof-tui`: a viewer for Unreal Engine `.mprof` memory-profiler captures, and batch
/// commands that print the same data as text, CSV or JSON.
@main
struct MprofCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mprof-tui",
    abstract: "Browse Unreal Engine .mprof memory captures and print their data for scripts.",
    discussion: """
      With no subcommand, opens FILE in the viewer (or the built-in demo capture when no FILE is given).
      Exit status: 0 on success, 2 when a file cannot be read or an argument is wrong, 1 when \
      loading is cancelled; the viewer ended by a signal exits with 128 + the signal number.
      """,
    version: MprofCommand.version,
    subcommands: [
      ViewCommand.self, SummaryCommand.self, InfoCommand.self, DumpCommand.self, ReportCommand.self,
      ExportCSVCommand.self, CheckCommand.self, RecordCommand.self,
      DemoCommand.self, BenchCommand.self, BenchUICommand.self, BenchRecordCommand.self,
    ],
    defaultSubcommand: ViewCommand.self
  )

  /// The release, for `--version`.
  static let version = "0.4.0"

  /// Runs the command; usage errors exit with 2, as `--help` says (ArgumentParser's own default
  /// is 64).
  static func main() {
    NcursesBackend.takeFatalSignals()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
