import ArgumentParser

/// `mprof-tui`: a viewer for Unreal Engine `.mprof` memory-profiler captures, and batch
/// commands that print the same data as text, CSV or JSON.
@main
struct MprofCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mprof-tui",
    abstract: "Browse Unreal Engine .mprof memory captures and print their data for scripts.",
    discussion: """
      With no subcommand, opens FILE in the viewer (or the built-in demo capture when no FILE is given).
      Exit status: 0 on success, 2 when a file cannot be read or an argument is wrong.
      """,
    subcommands: [
      ViewCommand.self, SummaryCommand.self, InfoCommand.self, DumpCommand.self, ReportCommand.self,
      ExportCSVCommand.self,
      DemoCommand.self, BenchCommand.self, BenchUICommand.self,
    ],
    defaultSubcommand: ViewCommand.self
  )
}
