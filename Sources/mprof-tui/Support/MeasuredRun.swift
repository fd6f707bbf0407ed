import Foundation
import ProfileModel

/// A program run to be measured: its exit status, wall time and peak resident size (`wait4`'s
/// rusage, the largest of the program and the children it waited for).
struct MeasuredRun {
  var status: Int32
  var seconds: Double
  var peakBytes: Int

  /// Runs `argv` with stdout and stderr discarded, `environment` added to this process's.
  ///
  /// The program is started by a small C helper (`Resources/measure.c`, compiled into the cache
  /// folder once) that reports the program's own rusage: a program started straight from this
  /// process would have this process's peak carried into its own (Linux keeps the peak across
  /// fork and exec). Without a C compiler the program is forked from here, its peak then at
  /// least this process's private memory.
  ///
  /// - Throws: `MprofError.cannotOpen` when the program cannot be found or started.
  static func run(_ argv: [String], environment: [String: String] = [:]) throws -> MeasuredRun {
    guard let path = executable(argv[0]) else {
      throw MprofError.cannotOpen(path: argv[0], reason: "no such program")
    }
    let helper = try? CompiledC.path(
      source: Array(PackageResources.measure_c), name: "measure", flags: ["-O2"], folder: DemoFile.cacheFolder)
    let report = NSTemporaryDirectory() + "mprof-tui-measure-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: report) }
    // The helper takes the settings for the program alone (a preloaded library must not load
    // into it).
    let settings = environment.map { "\($0.key)=\($0.value)" }.sorted()
    let command =
      helper.map { [$0, report] + settings + ["--", path] + argv.dropFirst() } ?? [path] + argv.dropFirst()
    let start = Date()
    let (status, peak) = try forkAndWait(command, environment: helper == nil ? environment : [:])
    let elapsed = Date().timeIntervalSince(start)
    if helper != nil {
      // The helper's report: the program's status and peak.
      guard let text = try? String(contentsOfFile: report, encoding: .utf8),
        case let fields = text.split(separator: " "), fields.count == 2,
        let code = Int32(fields[0]), let kilobytes = Int(fields[1].trimmingCharacters(in: .whitespacesAndNewlines))
      else {
        throw MprofError.cannotOpen(path: argv[0], reason: "could not be run (status \(status))")
      }
      guard code != 127 else { throw MprofError.cannotOpen(path: argv[0], reason: "could not be run") }
      return MeasuredRun(status: code, seconds: elapsed, peakBytes: kilobytes * 1024)
    }
    return MeasuredRun(status: status, seconds: elapsed, peakBytes: peak)
  }

  /// Forks, runs `argv` (its first word a path) with stdout and stderr discarded, and waits:
  /// the exit status and the peak resident size from `wait4`.
  private static func forkAndWait(_ argv: [String], environment: [String: String]) throws -> (Int32, Int) {
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    // Everything the child needs is made before the fork: it only calls dup2, execve and _exit.
    guard let cPath = strdup(argv[0]) else { throw MprofError.cannotOpen(path: argv[0], reason: "out of memory") }
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      free(cPath)
      for pointer in cArgs + cEnvironment { free(pointer) }
    }
    let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
    defer { close(null) }
    let pid = cArgs.withUnsafeBufferPointer { args in
      cEnvironment.withUnsafeBufferPointer { environment in
        guard let args = args.baseAddress, let environment = environment.baseAddress else { return pid_t(-1) }
        let pid = fork()
        if pid == 0 {
          dup2(null, 1)
          dup2(null, 2)
          execve(cPath, args, environment)
          _exit(127)
        }
        return pid
      }
    }
    guard pid > 0 else { throw MprofError.cannotOpen(path: argv[0], reason: String(cString: strerror(errno))) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let code = status & 0x7F != 0 ? 128 + (status & 0x7F) : (status >> 8) & 0xFF
    return (code, Int(usage.ru_maxrss) * 1024)
  }

  /// The program `name` names: itself when it holds a slash, else the first in PATH.
  static func executable(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    return Symbolizer.onPath(name)
  }

  /// This process's peak resident size since the last `resetOwnPeak()` (Linux's VmHWM), or 0.
  static func ownPeakBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let fields = line.split(separator: " ")
      if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
    }
    return 0
  }

  /// Starts this process's peak resident size again from its present size (`clear_refs` 5).
  static func resetOwnPeak() {
    let fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = write(fd, "5", 1)
    close(fd)
  }

  /// The median wall time and the largest peak of several runs.
  static func median(_ runs: [MeasuredRun]) -> MeasuredRun {
    let times = runs.map(\.seconds).sorted()
    return MeasuredRun(
      status: runs.first?.status ?? 0, seconds: times.isEmpty ? 0 : times[times.count / 2],
      peakBytes: runs.map(\.peakBytes).max() ?? 0)
  }
}
