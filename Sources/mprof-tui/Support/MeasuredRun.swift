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
  /// The child is forked, not spawned: a spawned child shares this process's memory until it
  /// runs the program, and Linux carries that peak over into the program's own.
  ///
  /// - Throws: `MprofError.cannotOpen` when the program cannot be found or started.
  static func run(_ argv: [String], environment: [String: String] = [:]) throws -> MeasuredRun {
    guard let path = executable(argv[0]) else {
      throw MprofError.cannotOpen(path: argv[0], reason: "no such program")
    }
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    // Everything the child needs is made before the fork: it only calls dup2, execve and _exit.
    guard let cPath = strdup(path) else { throw MprofError.cannotOpen(path: path, reason: "out of memory") }
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      free(cPath)
      for pointer in cArgs + cEnvironment { free(pointer) }
    }
    let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
    defer { close(null) }
    let start = Date()
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
    let elapsed = Date().timeIntervalSince(start)
    return MeasuredRun(status: (status >> 8) & 0xFF, seconds: elapsed, peakBytes: Int(usage.ru_maxrss) * 1024)
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
