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
  @Flag(
    help:
      "The next build of the same program, to compare with (--base): other addresses and lines, textures halved, more leaks, a new leak site."
  ) var variant = false

  func validate() throws {
    guard operations >= 0 else { throw ValidationError("--operations must be 0 or more, found \(operations)") }
    guard (4...7).contains(version) else { throw ValidationError("--version must be 4, 5, 6 or 7, found \(version)") }
    if let splitBytes {
      guard version == 4 else { throw ValidationError("--split-bytes needs --version 4 (only v4 captures have parts)") }
      guard splitBytes >= 1024 else {
        throw ValidationError("--split-bytes must be at least 1024, found \(splitBytes)")
      }
    }
  }

  func run() throws {
    try runReportingErrors {
      var configuration = DemoCapture.Configuration()
      configuration.operations = operations
      configuration.seed = seed
      configuration.writer.version = version
      configuration.writer.bigEndian = bigEndian
      configuration.writer.splitBytes = splitBytes
      configuration.variant = variant
      try DemoCapture.write(to: output, configuration: configuration)
    }
  }
}
