import ArgumentParser
import Foundation
import ProfileModel

/// `mprof-tui bench`: times `summary` against the C reference loader on one capture, in the
/// same run, and reports wall time and peak memory of each (child processes, `wait4` rusage).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Measure load time and peak memory against the refload reference.")

  @Option(help: "Capture to measure (default: a generated demo capture of --operations).") var file: String?
  @Option(help: "Operations of the generated capture.") var operations = 5_000_000
  @Option(help: "Folder for the generated capture and the compiled refload.") var workDir = "bench-data"
  @Option(help: "refload.c to compile (default: ../shared/tools/refload.c).") var refloadSource =
    "../shared/tools/refload.c"
  @Option(help: "Runs of each program; the median is reported.") var runs = 5

  func validate() throws {
    guard runs >= 1 else { throw ValidationError("--runs must be 1 or more, found \(runs)") }
    guard operations >= 1 else { throw ValidationError("--operations must be 1 or more, found \(operations)") }
  }

  func run() throws {
    try runReportingErrors {
      try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
      let capture = try file ?? BenchCapture.path(operations: operations, workDir: workDir)
      // Multi-part captures: the budget counts every part.
      let size = try ProfileLoader.partPaths(path: capture).reduce(Int64(0)) { total, part in
        total + ((try FileManager.default.attributesOfItem(atPath: part)[.size] as? NSNumber)?.int64Value ?? 0)
      }
      let refload = "\(workDir)/refload"
      if !FileManager.default.fileExists(atPath: refload) {
        let status = try MeasuredRun.run(["/usr/bin/cc", "-O2", "-o", refload, refloadSource]).status
        guard status == 0 else {
          throw MprofError.cannotOpen(path: refloadSource, reason: "cc failed (status \(status))")
        }
      }
      let me =
        CommandLine.arguments[0].hasPrefix("/")
        ? CommandLine.arguments[0] : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
      var ours: [MeasuredRun] = []
      var reference: [MeasuredRun] = []
      for _ in 0..<runs {
        reference.append(try MeasuredRun.run([refload, capture]))
        ours.append(try MeasuredRun.run([me, "summary", "--quiet", capture]))
      }
      let (mine, theirs) = (MeasuredRun.median(ours), MeasuredRun.median(reference))
      let (ourTime, ourRSS) = (mine.seconds, mine.peakBytes)
      let (refTime, refRSS) = (theirs.seconds, theirs.peakBytes)
      let budget = Double(size) * 1.5 + 64 * 1_048_576
      var out = "capture: \(capture) (\(SizeFormat.size(size)))\n"
      out += String(format: "refload:          %.3f s  peak RSS %@\n", refTime, SizeFormat.size(Int64(refRSS)))
      out += String(format: "mprof-tui summary: %.3f s  peak RSS %@\n", ourTime, SizeFormat.size(Int64(ourRSS)))
      out += String(format: "ratio to refload: %.2f× (target ≤ 2×)\n", ourTime / refTime)
      out += String(
        format: "peak RSS: %@ of a %@ budget (1.5 × capture + 64 MB): %@\n", SizeFormat.size(Int64(ourRSS)),
        SizeFormat.size(Int64(budget)), Double(ourRSS) <= budget ? "within" : "OVER")
      emit(out)
    }
  }
}
