import Foundation
import ProfileModel
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A seeded fuzzer over captures, run through the built binary as a user runs it: every input
/// ends with exit 0, or exit 2 and one line `mprof-tui: FILE: …` saying where and what; never a
/// trap, a hang or a memory blow-up (each run has a time limit and an address-space limit).
///
/// `swift test` runs a few seconds of it; `MPROF_FUZZ_CASES=5000 swift test --filter FuzzTests`
/// runs a longer campaign (`MPROF_FUZZ_SEED` picks another seed).
@Suite struct FuzzTests {
  static var cases: Int { Int(ProcessInfo.processInfo.environment["MPROF_FUZZ_CASES"] ?? "") ?? 60 }
  static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["MPROF_FUZZ_SEED"] ?? "") ?? 2026 }

  /// What one run may take.
  static let seconds = 20.0
  static let addressSpaceKB = 8 << 20

  /// Runs `summary` (or `command`, the capture as its `$1`) on a file under the limits; returns
  /// (status, stderr) or records a hang.
  static func run(_ path: String, in scratch: ScratchFolder, command: String? = nil) throws -> (Int32, String)? {
    let err = scratch.path("err-\(UUID().uuidString)")
    defer { unlink(err) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = [
      "/bin/sh", "-c",
      "ulimit -v \(addressSpaceKB); exec \"$0\" " + (command ?? "summary \"$1\"") + " --quiet --class-groups \"$2\"",
      CommandLineTests.binary, path, Fixtures.packageRoot.appendingPathComponent("ClassGroups.xml").path,
    ]
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArgs { free(pointer) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return nil }
    let started = Date()
    var status: Int32 = 0
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid { break }
      if Date().timeIntervalSince(started) > seconds {
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        Issue.record("\(path) ran longer than \(seconds) s")
        return nil
      }
      usleep(2_000)
    }
    // Killed by a signal (a trap, or the address-space limit): the low seven bits.
    if status & 0x7F != 0 {
      Issue.record("\(path) died of signal \(status & 0x7F)")
      return nil
    }
    return ((status >> 8) & 0xFF, (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
  }

  /// Checks the outcome of one input.
  static func check(_ path: String, _ outcome: (Int32, String)?, folder: String, what: String) {
    guard let (status, err) = outcome else { return }
    if status == 0 { return }
    #expect(status == 2, "\(what): exit \(status): \(err)")
    let lines = err.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "\(what): not one line: \(err)")
    #expect(err.hasPrefix("mprof-tui: \(folder)"), "\(what): \(err)")
    #expect(
      err.contains(": offset ") || err.contains(" is missing") || err.contains("cannot open"), "\(what): \(err)")
  }

  /// Mutations of real captures: truncations, bit flips, header offsets and counts, token
  /// fields, deleted parts.
  @Test func mutatedCapturesAreReadOrReported() throws {
    let scratch = ScratchFolder()
    let script = scratch.path("script.mprof")
    try Captures.writeScript(to: script, version: 7, bigEndian: false)
    let demo = try Captures.writeDemo(in: scratch, operations: 3_000, name: "demo.mprof")
    let bigEndian = scratch.path("be.mprof")
    try Captures.writeScript(to: bigEndian, version: 5, bigEndian: true)
    var bases = [script, demo, bigEndian]
    if Fixtures.available { bases += ["tiny", "v6", "be-pools"].map { Fixtures.path("\($0).mprof") } }
    let originals = try bases.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
    var rng = SplitMix64(seed: Self.seed)
    for n in 0..<Self.cases {
      let which = rng.below(originals.count)
      var bytes = originals[which]
      let header = try ProfileLoader.checkHeader(path: bases[which])
      let kind = rng.below(5)
      switch kind {
      case 0:  // truncate
        bytes.removeLast(1 + rng.below(bytes.count - 1))
      case 1:  // flip bits anywhere
        for _ in 0..<(1 + rng.below(8)) { bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8)) }
      case 2:  // a header offset or count set to an extreme or random value
        let fields = Self.headerFieldOffsets(bytes, header)
        if let field = fields.randomElement(using: &rng) {
          let value: UInt64 =
            [0, 1, UInt64.max, UInt64(UInt32.max), rng.next(), UInt64(bytes.count)].randomElement(using: &rng) ?? 0
          Self.store(value, at: field, in: &bytes, bigEndian: header.isBigEndian)
        }
      case 3:  // token fields: overwrite words in the stream with extreme values
        let start = Int(header.headerSize)
        let end = Int(header.tableOffsets.min() ?? UInt64(bytes.count))
        if end - 4 > start {
          for _ in 0..<(1 + rng.below(4)) {
            let at = start + rng.below(end - 4 - start)
            let value: UInt32 = [0, 0xFFFF_FFFF, 0x7FFF_FFFF, 3, 0x8000_0000].randomElement(using: &rng) ?? 0
            Self.store(UInt64(value), at: at, in: &bytes, bigEndian: header.isBigEndian, width: 4)
          }
        }
      default:  // the tables shuffled: a block of bytes copied over another
        let length = 1 + rng.below(64)
        let from = rng.below(max(bytes.count - length, 1))
        let to = rng.below(max(bytes.count - length, 1))
        let block = Array(bytes[from..<min(from + length, bytes.count)])
        bytes.replaceSubrange(to..<min(to + block.count, bytes.count), with: block.prefix(bytes.count - to))
      }
      let path = scratch.path("m\(n).mprof")
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      Self.check(path, try Self.run(path, in: scratch), folder: scratch.url.path, what: "case \(n) (mutation \(kind))")
      unlink(path)
    }
  }

  /// A multi-part capture with a part deleted, or a directory or FIFO in its place.
  @Test func damagedMultiPartCaptures() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("parts.mprof")
    try Captures.writeScript(to: path, version: 4, bigEndian: false, splitBytes: 600)
    let part = scratch.path("parts.m1")
    try FileManager.default.removeItem(atPath: part)
    Self.check(path, try Self.run(path, in: scratch), folder: scratch.url.path, what: "deleted part")
    try FileManager.default.createDirectory(atPath: part, withIntermediateDirectories: false)
    Self.check(path, try Self.run(path, in: scratch), folder: scratch.url.path, what: "directory part")
    try FileManager.default.removeItem(atPath: part)
    #expect(mkfifo(part, 0o600) == 0)
    Self.check(path, try Self.run(path, in: scratch), folder: scratch.url.path, what: "FIFO part")
  }

  /// Well-formed but adversarial captures: extreme sizes and pointers, double frees, reallocs
  /// of unknown blocks, thousands of snapshots, long names and deep stacks, every pool.
  @Test func adversarialWellFormedCaptures() throws {
    let scratch = ScratchFolder()
    var rng = SplitMix64(seed: Self.seed &+ 1)
    for n in 0..<max(Self.cases / 10, 4) {
      let path = scratch.path("a\(n).mprof")
      try Self.writeAdversarial(to: path, rng: &rng)
      Self.check(path, try Self.run(path, in: scratch), folder: scratch.url.path, what: "adversarial \(n)")
      unlink(path)
    }
  }

  /// Where the header's 32- and 64-bit offset and count fields sit (found by value).
  static func headerFieldOffsets(_ bytes: [UInt8], _ header: CaptureHeader) -> [Int] {
    let values =
      header.tableOffsets + [
        UInt64(header.nameTableEntries), UInt64(header.addressTableEntries), UInt64(header.callstackTableEntries),
        UInt64(header.numDataFiles),
      ]
    var result: [Int] = []
    let limit = min(Int(header.headerSize), bytes.count) - 4
    guard limit > 0 else { return [] }
    for at in 0..<limit {
      let word = (0..<4).reduce(UInt64(0)) { value, i in
        header.isBigEndian ? value << 8 | UInt64(bytes[at + i]) : value | UInt64(bytes[at + i]) << (8 * UInt64(i))
      }
      if word != 0 && values.contains(word) { result.append(at) }
    }
    return result
  }

  static func store(_ value: UInt64, at offset: Int, in bytes: inout [UInt8], bigEndian: Bool, width: Int = 4) {
    for i in 0..<width where offset + i < bytes.count {
      let shift = bigEndian ? 8 * (width - 1 - i) : 8 * i
      bytes[offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(shift))
    }
  }

  /// The views this session added on adversarial captures: the memory map (fit, linear,
  /// 1 byte a pixel, heat), an address at the top of the space, a query rule, and two of them
  /// compared (`report --base` in every compared view, `check`): exit 0, or 2 with one line;
  /// never a trap or a hang.
  @Test func newViewsOnAdversarialCaptures() throws {
    let scratch = ScratchFolder()
    var rng = SplitMix64(seed: Self.seed &+ 7)
    let a = scratch.path("a.mprof")
    let b = scratch.path("b.mprof")
    for round in 0..<3 {
      try Self.writeAdversarial(to: a, rng: &rng)
      try Self.writeAdversarial(to: b, rng: &rng)
      let commands = [
        "report \"$1\" --view memory --width 64 --height 40",
        "report \"$1\" --view memory --linear --scale 0 --width 64 --height 40 --format json",
        "report \"$1\" --view memory --heat --gap 1 --start 1",
        "report \"$1\" --view address --address 0xfffffffffffffffc",
        "report \"$1\" --view address --address 0",
        "report \"$1\" --rule leaks --mark-b 100 --mark-c end --view callgraph --depth 3",
        "report \"$1\" --base \"$1\" --view callgraph --format json",
        "report \"$1\" --base \"\(b)\" --view groups --normalize",
        "check \"$1\" --base \"\(b)\" --max-growth 1% --per-group",
        "report \"$1\" --base \"\(b)\" --view short-lived --min-short-lived 1 --normalize --format csv",
        "report \"$1\" --base \"\(b)\" --view sizes --growth-only --format json",
      ]
      for command in commands {
        let outcome = try Self.run(a, in: scratch, command: command)
        guard let (status, err) = outcome else { continue }
        // check exits 1 when memory grew: a verdict, not an error.
        if command.hasPrefix("check") && status == 1 { continue }
        #expect(
          status == 0 || (status == 2 && err.split(separator: "\n").count == 1), "round \(round): \(command): \(err)")
      }
    }
  }

  /// A capture made to hurt: pointers at 0 and the top of the space, sizes of 0 and 4 GiB,
  /// reallocs to anywhere, 10,000-frame callstacks, escape sequences in names and labels, NaN
  /// frame times.
  static func writeAdversarial(to path: String, rng: inout SplitMix64) throws {
    var c = MprofWriter.Configuration()
    c.version = UInt32(4 + rng.below(4))
    c.bigEndian = rng.below(2) == 0
    let w = try MprofWriter(path: path, configuration: c)
    let longName = String(repeating: "Ä", count: rng.below(20_000))
    var addresses: [Int32] = []
    for i in 0..<(1 + rng.below(200)) {
      addresses.append(
        w.address(
          pc: rng.next(), function: i == 0 ? longName : "f\(i)\u{1B}[0m", file: i % 3 == 0 ? "" : "x.cpp",
          line: Int32(truncatingIfNeeded: rng.next())))
    }
    var stacks: [Int32] = []
    for _ in 0..<(1 + rng.below(50)) {
      let depth = rng.below(5) == 0 ? 5_000 + rng.below(5_000) : rng.below(80)
      stacks.append(
        w.callstack(
          innermostFirst: (0..<depth).map { _ in addresses[rng.below(addresses.count)] }, truncated: rng.below(4) == 0
        ))
    }
    let tags = c.version >= 7 ? [w.tagSet(""), w.tagSet(";;;"), w.tagSet("A:B;C:\u{07};")] : []
    var live: [UInt64] = []
    for _ in 0..<(200 + rng.below(3_000)) {
      let candidates: [UInt64] = [0, 4, UInt64.max & ~3, rng.next() & ~3, live.randomElement(using: &rng) ?? 8]
      let pointer = candidates.randomElement(using: &rng) ?? 8
      switch rng.below(7) {
      case 0, 1, 2:
        let size: UInt32 = [0, 1, UInt32.max, UInt32(rng.below(1 << 20))].randomElement(using: &rng) ?? 1
        try w.malloc(
          pointer: pointer, size: size, callstack: stacks[rng.below(stacks.count)],
          tags: tags.randomElement(using: &rng) ?? -1,
          pool: MemoryPool.allCases.randomElement(using: &rng))
        live.append(pointer)
      case 3:
        try w.free(pointer: pointer)
      case 4:
        try w.realloc(
          old: pointer, new: rng.next() & ~3, size: UInt32(truncatingIfNeeded: rng.next()),
          callstack: stacks[rng.below(stacks.count)])
      case 5:
        for _ in 0..<rng.below(50) {
          try w.snapshot(
            [TokenSubtype.snapshot, .gcStart, .gcEnd, .loadMapStart, .loadMapEnd].randomElement(using: &rng)
              ?? .snapshot,
            label: "S\u{1B}]0;x\u{07}", stats: [("Used Physical", Int64.min), ("x", Int64.max)], levels: ["L"])
        }
      default:
        try w.frame(deltaTime: [Float.nan, .infinity, -1, 0.016].randomElement(using: &rng) ?? 0)
      }
    }
    try w.finish(endStats: [("Memory Profiling Overhead", -1)])
  }
}
