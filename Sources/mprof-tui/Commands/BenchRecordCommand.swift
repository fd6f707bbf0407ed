import ArgumentParser
import Foundation
import ProfileModel

/// `mprof-tui bench-record`: the recorder's overhead on an allocation-heavy C program (several
/// threads, millions of small blocks, deep callstacks) against the program alone and against
/// heaptrack on the same program, in the same run: wall time, peak memory, events a second.
struct BenchRecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-record",
    abstract: "Measure the recorder's overhead on an allocation-heavy program, against heaptrack.",
    discussion: """
      The program (its C source is in the binary) runs alone, under the recorder, through \
      `mprof-tui record` (the run, then the conversion to .mprof) and under heaptrack when it is \
      installed; each --runs times, the median wall time and the largest peak resident size are \
      reported.
      """)

  @Option(help: "Threads of the program.") var threads = 4
  @Option(help: "malloc/free pairs each thread makes.") var pairs = 500_000
  @Option(help: "Calls between a thread's loop and each malloc (the callstack's depth).") var nest = 8
  @Option(help: "Runs of each program; the median is reported.") var runs = 3
  @Option(help: "Callstack frames the recorder keeps per allocation (record's --depth).") var depth = 64
  @Option(help: "How the recorder unwinds (auto, libunwind, backtrace, frame-pointers).")
  var unwinder: RecordCommand.Unwinder = .auto
  @Option(help: "Folder for the compiled program and the captures.") var workDir = "bench-data"
  @Flag(name: .customLong("no-heaptrack"), help: "Leave heaptrack out even when it is installed.")
  var noHeaptrack = false

  func validate() throws {
    guard (1...1024).contains(threads) else { throw ValidationError("--threads must be from 1 to 1024") }
    guard pairs >= 0, pairs <= 100_000_000 else { throw ValidationError("--pairs must be from 0 to 100000000") }
    guard (0...1000).contains(nest) else { throw ValidationError("--nest must be from 0 to 1000") }
    guard runs >= 1 else { throw ValidationError("--runs must be 1 or more, found \(runs)") }
    guard (1...256).contains(depth) else { throw ValidationError("--depth must be from 1 to 256, found \(depth)") }
  }

  /// The benchmark program, compiled from the source in the binary (once per source).
  static func program(workDir: String) throws -> String {
    // Frame pointers kept, so every unwinder can be measured on it.
    try CompiledC.path(
      source: Array(PackageResources.allocations_c), name: "allocations",
      flags: ["-O2", "-pthread", "-g", "-fno-omit-frame-pointer"], folder: workDir)
  }

  func run() throws {
    try runReportingErrors {
      try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
      let program = try Self.program(workDir: workDir)
      let argv = [program, String(threads), String(pairs), String(nest)]
      let (shim, unwound) = try RecordCommand.shimPath(unwinder: unwinder)
      let me =
        CommandLine.arguments[0].hasPrefix("/")
        ? CommandLine.arguments[0] : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
      let raw = workDir + "/bench-record.raw"
      let capture = workDir + "/bench-record.mprof"
      let heaptrack =
        noHeaptrack
        ? nil
        : ["/usr/bin/heaptrack", "/usr/local/bin/heaptrack"].first {
          FileManager.default.isExecutableFile(atPath: $0)
        }
      var alone: [MeasuredRun] = []
      var recorder: [MeasuredRun] = []
      var conversion: [MeasuredRun] = []
      var record: [MeasuredRun] = []
      var reference: [MeasuredRun] = []
      var events = 0
      for _ in 0..<runs {
        alone.append(try MeasuredRun.run(argv))
        var settings = ["LD_PRELOAD": shim, "MPROF_RAW": raw, "MPROF_DEPTH": String(depth)]
        if unwound == .framePointers { settings["MPROF_UNWIND"] = "fp" }
        recorder.append(try MeasuredRun.run(argv, environment: settings))
        // The conversion alone, in this process, of the raw file the recorder just wrote (its
        // peak is this process's; llvm-symbolizer's is its own, in the record row).
        MeasuredRun.resetOwnPeak()
        let start = Date()
        let recording = try RawRecording(path: raw)
        events = try RecordCommand.write(recording, to: capture, program: program, unwinder: unwound)
        conversion.append(
          MeasuredRun(status: 0, seconds: Date().timeIntervalSince(start), peakBytes: MeasuredRun.ownPeakBytes()))
        try? FileManager.default.removeItem(atPath: raw)
        record.append(
          try MeasuredRun.run(
            [me, "record", "-o", capture, "--depth", String(depth), "--unwinder", unwinder.rawValue, "--"] + argv))
        if let heaptrack {
          let output = workDir + "/bench-record.heaptrack"
          reference.append(try MeasuredRun.run([heaptrack, "-o", output] + argv))
          for suffix in ["", ".zst", ".gz"] { try? FileManager.default.removeItem(atPath: output + suffix) }
        }
      }
      emit(
        report(
          alone: MeasuredRun.median(alone), recorder: MeasuredRun.median(recorder),
          conversion: MeasuredRun.median(conversion), record: MeasuredRun.median(record),
          heaptrack: reference.isEmpty ? nil : MeasuredRun.median(reference), events: events, unwinder: unwound))
    }
  }

  /// The table: one row a way of running the program.
  func report(
    alone: MeasuredRun, recorder: MeasuredRun, conversion: MeasuredRun, record: MeasuredRun, heaptrack: MeasuredRun?,
    events: Int, unwinder: RecordCommand.Unwinder
  ) -> String {
    var out =
      "program: \(threads) threads × \(SizeFormat.count(Int64(pairs))) malloc/free pairs, each malloc "
      + "\(nest + 2) frames deep (\(SizeFormat.count(Int64(events))) events); median of \(runs) runs\n"
    out += "                                          wall       peak RSS     events/s   × alone\n"
    func row(_ name: String, _ run: MeasuredRun, program: Bool = true, recording: Bool = true) {
      let time = run.seconds
      let rate = time > 0 && recording ? SizeFormat.count(Int64(Double(events) / time)) : "-"
      let peak = SizeFormat.size(Int64(run.peakBytes))
      let times = alone.seconds > 0 && program ? String(format: "%.1f", time / alone.seconds) : "-"
      let padded = name.padding(toLength: 38, withPad: " ", startingAt: 0)
      out += padded + String(format: "%8.3f s", time)
      out += " " + peak.leftPadded(to: 14) + " " + rate.leftPadded(to: 12) + " " + times.leftPadded(to: 9)
      out += "\n"
    }
    row("the program alone", alone, recording: false)
    row("under the recorder (\(unwinder.rawValue))", recorder)
    row("  its conversion to .mprof", conversion, program: false)
    row("mprof-tui record (run + convert)", record)
    if let heaptrack {
      row("heaptrack (recording)", heaptrack)
      out += String(
        format: "recorder / heaptrack: %.2f× the wall time; record (with the conversion) / heaptrack: %.2f×\n",
        recorder.seconds / heaptrack.seconds, record.seconds / heaptrack.seconds)
    } else {
      out += "heaptrack: not installed (Debian: apt-get install heaptrack) or left out\n"
    }
    return out
  }
}
