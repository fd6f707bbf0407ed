import ArgumentParser
import ProfileModel

/// `mprof-tui demo OUT.mprof`: writes a demo capture.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Write a realistic game-like demo capture.")

  @Argument(help: "Where to write the capture.") var output: String
  @Option(help: "Memory operations to write.") var operations = 200_000
  @Option(help: "Format version, 4 to 7.") var version: UInt32 = 7
  @Flag(name: .customLong("big-endian"), help: "Write big-endian.") var bigEndian = false
  @Option(name: .customLong("split-bytes"), help: "Version 4: start a new part (.m1, .m2 …) after this many bytes.")
  var splitBytes: UInt64?
  @Option(help: "Random seed.") var seed: UInt64 = 2026

  func run() throws {
    try runReportingErrors {
      var configuration = DemoCapture.Configuration()
      configuration.operations = operations
      configuration.seed = seed
      configuration.writer.version = version
      configuration.writer.bigEndian = bigEndian
      configuration.writer.splitBytes = splitBytes
      try DemoCapture.write(to: output, configuration: configuration)
    }
  }
}
