import ArgumentParser
import Foundation
import ProfileModel

/// `mprof-tui record [-o OUT.mprof] -- PROGRAM ARGS`: runs a Linux program with the allocation
/// recorder preloaded and writes what it allocated as a `.mprof` capture (version 7), its
/// addresses symbolized after the run.
struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Run a Linux program with the allocation recorder and write a .mprof capture of it.",
    discussion: """
      The program runs with the recorder preloaded (its C source is in the binary, compiled \
      once with cc into ~/.cache/mprof-tui). Every malloc, \
      calloc, realloc, aligned allocation and free is recorded with its callstack; after the \
      program ends the addresses are symbolized with llvm-symbolizer (function, file and line) and \
      the capture is written. The exit status is the program's (2 when it could not be run or \
      recorded).
      """)

  @Option(name: [.short, .customLong("output")], help: "Where to write the capture.") var output = "record.mprof"
  @Option(help: "Callstack frames kept per allocation (1 to 256).") var depth = 64
  @Option(
    name: .customLong("frame-interval"),
    help: "Write a frame marker this often (16ms, 1s, 500us): frames for programs without them.")
  var frameInterval: String?
  @Option(name: .customLong("snapshot-every"), help: "Write a snapshot marker this often (1s, 250ms).")
  var snapshotEvery: String?
  @Flag(
    name: .customLong("follow-fork"),
    help:
      "Record child processes too (forked, or programs they run), each to its own capture (OUT.PID.mprof); default: only the program."
  )
  var followFork = false
  @Flag(help: "Open the viewer on the capture once it is written.") var view = false
  @Option(
    help:
      "How callstacks are unwound: auto (libunwind when installed), libunwind, backtrace, or frame-pointers (programs built with them)."
  )
  var unwinder: Unwinder = .auto
  @Flag(
    name: .customLong("snapshot-signal"),
    help: "kill -USR2 PID writes a snapshot marker (the recorder takes SIGUSR2 from the program).")
  var snapshotSignal = false

  /// Nanoseconds of a duration like `16ms`, `1s`, `500us` or `2000ns`, or `nil`.
  static func nanoseconds(_ text: String) -> UInt64? {
    let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
      guard let value = Double(text.dropLast(suffix.count)), value > 0, value * scale < 1e15 else { return nil }
      return UInt64(value * scale)
    }
    return nil
  }
  @Argument(parsing: .captureForPassthrough, help: "The program and its arguments (after --).")
  var command: [String] = []

  func validate() throws {
    guard (1...256).contains(depth) else { throw ValidationError("--depth must be from 1 to 256, found \(depth)") }
    for (name, value) in [("--frame-interval", frameInterval), ("--snapshot-every", snapshotEvery)] {
      if let value, Self.nanoseconds(value) == nil {
        throw ValidationError("\(name) must be a duration like 16ms, 1s or 500us, found \"\(value)\"")
      }
    }
    var words = command
    if words.first == "--" { words.removeFirst() }
    guard !words.isEmpty else { throw ValidationError("give the program to record: mprof-tui record -- PROGRAM ARGS") }
  }

  /// How the recorder unwinds a callstack.
  enum Unwinder: String, ExpressibleByArgument, CaseIterable {
    /// libunwind when its library is installed, else libc's backtrace.
    case auto
    /// libunwind's `unw_backtrace` with a per-thread cache (Debian: libunwind8).
    case libunwind
    /// libc's `backtrace` (libgcc's unwinder): about ten times slower a frame.
    case backtrace
    /// The chain of frame pointers: the fastest, right only for programs (and the libraries
    /// their allocations go through) built with `-fno-omit-frame-pointer`.
    case framePointers = "frame-pointers"
  }

  /// libunwind's shared library and the prefix of its local-unwinding symbols on this machine,
  /// or nil.
  ///
  /// `MPROF_LIBUNWIND` names the library instead (empty: none).
  static func libunwind() -> (library: String, prefix: String)? {
    #if arch(x86_64)
      let (triple, prefix) = ("x86_64-linux-gnu", "_ULx86_64_")
    #elseif arch(arm64)
      let (triple, prefix) = ("aarch64-linux-gnu", "_ULaarch64_")
    #else
      return nil
    #endif
    if let chosen = ProcessInfo.processInfo.environment["MPROF_LIBUNWIND"] {
      return chosen.isEmpty ? nil : (chosen, prefix)
    }
    let folders = ["/usr/lib/\(triple)", "/lib/\(triple)", "/usr/lib64", "/usr/lib"]
    for folder in folders where FileManager.default.fileExists(atPath: folder + "/libunwind.so.8") {
      return (folder + "/libunwind.so.8", prefix)
    }
    return nil
  }

  /// The recorder, compiled from the C source embedded in the binary into the cache folder once,
  /// and the unwinder it uses.
  ///
  /// The library is named by a hash of the source and the unwinder, so a newer recorder is
  /// compiled again. It links only libc (and libunwind, itself C), so a recorded program gets
  /// nothing else loaded into it.
  ///
  /// - Throws: `MprofError.cannotOpen` when it cannot be compiled, or libunwind was asked for
  ///   and is not installed.
  static func shimPath(unwinder: Unwinder = .auto) throws -> (library: String, unwinder: Unwinder) {
    let found = unwinder == .backtrace ? nil : libunwind()
    if unwinder == .libunwind && found == nil {
      throw MprofError.cannotOpen(
        path: "libunwind.so.8", reason: "--unwinder libunwind needs libunwind (Debian: apt-get install libunwind8)")
    }
    // Our own frames keep their frame pointers, so a walk of them reaches the program's.
    let flags = ["-shared", "-fPIC", "-O2", "-pthread", "-fno-omit-frame-pointer"]
    let linked = found.map { (define: ["-DMPROF_LIBUNWIND=\($0.prefix)"], library: [$0.library]) }
    let used: Unwinder = unwinder == .framePointers ? .framePointers : (found == nil ? .backtrace : .libunwind)
    do {
      let library = try CompiledC.path(
        source: Array(PackageResources.shim_c), name: "libMprofShim", flags: flags + (linked?.define ?? []),
        libraries: linked?.library ?? [], folder: DemoFile.cacheFolder, suffix: ".so",
        failure: found.map { "cc could not compile the recorder with \($0.library)" }
          ?? "cc could not compile the recorder (install gcc)")
      return (library, used)
    } catch  where found != nil && unwinder != .libunwind {
      // A libunwind the compiler cannot link: libc's unwinder still records.
      let fallback = try shimPath(unwinder: .backtrace)
      return (fallback.library, unwinder == .framePointers ? .framePointers : fallback.unwinder)
    }
  }

  func run() throws {
    var words = command
    if words.first == "--" { words.removeFirst() }
    var status: Int32 = 0
    try runReportingErrors {
      let (shim, unwound) = try Self.shimPath(unwinder: unwinder)
      let raw = output + ".raw-\(getpid())"
      // The program's parent: a program it runs is told apart from it (shim.c).
      var settings = ["MPROF_DEPTH": String(depth), "MPROF_PARENT": String(getpid())]
      if let frameInterval, let ns = Self.nanoseconds(frameInterval) { settings["MPROF_FRAME_NS"] = String(ns) }
      if let snapshotEvery, let ns = Self.nanoseconds(snapshotEvery) { settings["MPROF_SNAPSHOT_NS"] = String(ns) }
      if snapshotSignal { settings["MPROF_SIGNAL"] = "1" }
      if followFork { settings["MPROF_FOLLOW_FORK"] = "1" }
      if unwinder == .framePointers { settings["MPROF_UNWIND"] = "fp" }
      status = try Self.runProgram(words, shim: shim, raw: raw, settings: settings)
      // The program's capture, then each forked child's (raw.PID becomes OUT.PID.mprof).
      var captures = [(raw, output)]
      let folder = (raw as NSString).deletingLastPathComponent
      let prefix = (raw as NSString).lastPathComponent + "."
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
      for name in names.sorted() where name.hasPrefix(prefix) {
        let pid = String(name.dropFirst(prefix.count))
        guard Int(pid) != nil else { continue }
        let base = (output as NSString).deletingPathExtension
        captures.append(((folder.isEmpty ? "" : folder + "/") + name, "\(base).\(pid).mprof"))
      }
      for (rawPath, capture) in captures {
        defer { try? FileManager.default.removeItem(atPath: rawPath) }
        let recording = try RawRecording(path: rawPath)
        // A child may run another program: it is named by its lowest mapping, its executable.
        let program =
          rawPath == raw
          ? words[0] : recording.mappings.min { $0.range.lowerBound < $1.range.lowerBound }?.path ?? words[0]
        let events = try Self.write(recording, to: capture, program: program, unwinder: unwound)
        let size = (try? FileManager.default.attributesOfItem(atPath: capture)[.size] as? Int) ?? 0
        let line =
          "mprof-tui: recorded \(SizeFormat.count(Int64(events))) allocation events of "
          + "\(SafeText.terminal(program)) to \(SafeText.terminal(capture)) (\(SizeFormat.size(Int64(size))))\n"
        FileHandle.standardError.write(Data(line.utf8))
      }
    }
    if view {
      let viewer = try ViewCommand.parse([output])
      try viewer.run()
    }
    if status != 0 { throw ExitCode(status) }
  }

  /// Runs the program with the recorder preloaded; returns its exit status (128 + a signal).
  static func runProgram(_ words: [String], shim: String, raw: String, settings: [String: String]) throws -> Int32 {
    var environment = ProcessInfo.processInfo.environment
    let preload = environment["LD_PRELOAD"].map { shim + ":" + $0 } ?? shim
    environment["LD_PRELOAD"] = preload
    environment["MPROF_RAW"] = raw
    for (key, value) in settings { environment[key] = value }
    let argv = words.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in envp { free(pointer) } }
    // The program starts with no signal blocked and default actions (whatever this process
    // inherited), as from a shell: SIGUSR2 must reach the recorder's handler.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGUSR2, SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, words[0], nil, &attributes, argv, envp)
    guard spawned == 0 else {
      throw MprofError.cannotOpen(path: words[0], reason: String(cString: strerror(spawned)))
    }
    if settings["MPROF_SIGNAL"] != nil {
      FileHandle.standardError.write(
        Data("mprof-tui: recording PID \(pid): kill -USR2 \(pid) writes a snapshot\n".utf8))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let signal = status & 0x7F
    return signal != 0 ? 128 + signal : (status >> 8) & 0xFF
  }

  /// Writes the capture and returns the events written.
  ///
  /// Each distinct return address is symbolized (minus one, so the call's line is named, not the
  /// next one), the recorder's own frames dropped, the events written in order, then a final
  /// snapshot.
  static func write(_ recording: RawRecording, to path: String, program: String, unwinder: Unwinder) throws -> Int {
    var addresses = Set<UInt64>()
    for stack in recording.stacks { addresses.formUnion(stack) }
    let ordered = addresses.sorted()
    // Each module's loadable segments, read once.
    var segmentsOf: [String: ElfSegments?] = [:]
    /// The module holding `address` and the address's virtual address in that file (what a
    /// symbolizer takes: the file offset differs when a segment is not placed at its offset).
    func inModule(_ address: UInt64) -> (mapping: RawRecording.Mapping, address: UInt64)? {
      guard let mapping = recording.mapping(of: address) else { return nil }
      let fileOffset = address - mapping.range.lowerBound + mapping.offset
      if segmentsOf[mapping.path] == nil { segmentsOf[mapping.path] = ElfSegments(path: mapping.path) }
      let segments = segmentsOf[mapping.path] ?? nil
      return (mapping, segments?.virtualAddress(fileOffset: fileOffset) ?? fileOffset)
    }
    var queries: [(path: String, address: UInt64)] = []
    var queried: [Int] = []
    for (i, address) in ordered.enumerated() {
      // The return address minus one: the call's line, not the next one's.
      guard address > 0, let found = inModule(address - 1) else { continue }
      queries.append((found.mapping.path, found.address))
      queried.append(i)
    }
    let symbols = Symbolizer.symbolize(queries, scratch: path)
    var symbolOf: [UInt64: Symbolizer.Symbol] = [:]
    for (k, i) in queried.enumerated() { if let symbol = symbols[k] { symbolOf[ordered[i]] = symbol } }

    var configuration = MprofWriter.Configuration()
    configuration.version = 7
    configuration.executableName = (program as NSString).lastPathComponent
    let w = try MprofWriter(path: path, configuration: configuration)
    w.addMetadata(key: "SelfFile", value: program)
    w.addMetadata(key: "Unwinder", value: unwinder.rawValue)
    let shimName = "/libMprofShim-"
    var addressIndex: [UInt64: Int32] = [:]
    func frame(_ address: UInt64) -> Int32 {
      if let known = addressIndex[address] { return known }
      let index: Int32
      if let symbol = symbolOf[address] {
        index = w.address(pc: address, function: symbol.function, file: symbol.file, line: symbol.line)
      } else if let found = inModule(address) {
        let module = (found.mapping.path as NSString).lastPathComponent
        index = w.address(pc: address, function: "\(module)+0x\(String(found.address, radix: 16))", file: "", line: 0)
      } else {
        index = w.address(pc: address, function: "0x\(String(address, radix: 16))", file: "", line: 0)
      }
      addressIndex[address] = index
      return index
    }
    let callstacks: [Int32] = zip(recording.stacks, recording.cut).map { stack, cut in
      // The recorder's own frames (the hook) are not the program's.
      let program = stack.drop { address in recording.mapping(of: address)?.path.contains(shimName) == true }
      return w.callstack(innermostFirst: program.map(frame), truncated: cut)
    }
    // A stack the recorder could not keep (its table full) is written as an empty one.
    func callstack(_ stack: Int) -> Int32 {
      stack >= 0 && stack < callstacks.count ? callstacks[stack] : w.callstack(innermostFirst: [])
    }
    var lastFrame: UInt64 = 0
    var snapshots = 0
    try recording.forEachEvent { event in
      let size = UInt32(clamping: event.size)
      switch event.kind {
      case .malloc: try w.malloc(pointer: event.pointer, size: size, callstack: callstack(event.stack))
      case .free: try w.free(pointer: event.pointer)
      case .realloc:
        try w.realloc(old: event.old, new: event.pointer, size: size, callstack: callstack(event.stack))
      case .frame:
        // The frame's time, and the resident size as Used Physical for the Timeline.
        try w.frame(deltaTime: Float(Double(event.pointer &- lastFrame) / 1e9))
        lastFrame = event.pointer
        try w.stats([("Used Physical", Int64(clamping: event.size))])
      case .resident: try w.stats([("Used Physical", Int64(clamping: event.size))])
      case .snapshot:
        snapshots += 1
        let seconds = String(format: "%.3f", Double(event.pointer) / 1e9)
        try w.snapshot(
          .snapshot, label: event.label ?? "Snapshot \(snapshots) at \(seconds) s",
          stats: [("Used Physical", Int64(clamping: event.size))])
      }
    }
    try w.snapshot(.snapshot, label: "Exit")
    try w.finish()
    return recording.allocationEvents
  }
}
