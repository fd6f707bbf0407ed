import Foundation
import ProfileModel
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 9: what a hostile capture, class-groups file or argument can do to the batch commands.
@Suite struct HostileInputTests {
  static func hostile() throws -> (String, ScratchFolder) {
    let scratch = ScratchFolder()
    let path = scratch.path("hostile.mprof")
    try Captures.writeHostile(to: path)
    return (path, scratch)
  }

  /// No control character but the line break reaches standard output or error.
  static func expectClean(_ text: String, _ what: String) {
    for scalar in text.unicodeScalars where scalar != "\n" {
      #expect(!SafeText.isControl(scalar), "\(what) holds U+\(String(scalar.value, radix: 16))")
    }
  }

  @Test func captureStringsNeverReachTheTerminalRaw() throws {
    let (path, scratch) = try Self.hostile()
    defer { withExtendedLifetime(scratch) {} }
    let runs: [[String]] = [
      ["summary", path], ["info", path], ["report", path], ["report", path, "--view", "callgraph"],
      ["report", path, "--view", "groups"], ["report", path, "--format", "csv"],
      ["report", path, "--view", "callgraph", "--format", "csv"], ["export-csv", path], ["dump", "--json", path],
      ["report", path, "--format", "json"], ["summary", path, "--format", "json"], ["info", path, "--format", "json"],
      ["report", path, "--start", "\u{1B}]52;c;eA==\u{07}"],
    ]
    for arguments in runs {
      let (_, out, err) = try CommandLineTests.run(arguments + ["--quiet"])
      Self.expectClean(out, "\(arguments) stdout")
      Self.expectClean(err, "\(arguments) stderr")
    }
    let (_, info, _) = try CommandLineTests.run(["info", path])
    #expect(info.contains("Platform:    Linux\\x1B[2J") && info.contains("Game\\x1B]0;owned\\x07"))
    // JSON keeps the exact strings, escaped.
    let (_, json, _) = try CommandLineTests.run(["dump", "--json", path])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let header = try #require(object["header"] as? [String: Any])
    #expect(header["executable"] as? String == "Game\u{1B}]0;owned\u{07}")
  }

  @Test func csvIsRFC4180WithoutFormulas() throws {
    let (path, scratch) = try Self.hostile()
    defer { withExtendedLifetime(scratch) {} }
    let (_, csv, _) = try CommandLineTests.run(["report", path, "--format", "csv", "--quiet"])
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasSuffix(#","'=HYPERLINK(""http://x"",""y"")""#) }, "\(lines)")
    #expect(lines.contains { $0.hasSuffix(",'@SUM(1+1)") })
    let (_, exported, _) = try CommandLineTests.run(["export-csv", path, "--quiet"])
    // The frame cell holds a comma, a quote and a line break: quoted, quotes doubled, and it
    // starts with '=' so it gets a leading apostrophe.
    #expect(exported.contains(#"64,1,"main\x1B]52;c;cHduZWQ=\x07"#))
    #expect(exported.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\") @ a,b\"\"c\nd.cpp:4\","))
    #expect(SafeText.csvCell("-3") == "'-3" && SafeText.csvCell("a\"b") == "\"a\"\"b\"" && SafeText.csvCell("x") == "x")
  }

  @Test func numericOptionsAndUsageErrorsExitTwo() throws {
    let (path, scratch) = try Self.hostile()
    defer { withExtendedLifetime(scratch) {} }
    let cases: [([String], String)] = [
      (["summary", path, "--top=-1"], "--top must be 0 or more"),
      (["report", path, "--limit=-3"], "--limit must be 0 (all) or more"),
      (["report", path, "--depth=-1"], "--depth must be 0 or more"),
      (["report", path, "--min-percent", "nan"], "--min-percent must be a number from 0 to 100"),
      (["report", path, "--min-percent", "inf"], "--min-percent must be a number from 0 to 100"),
      (["report", path, "--no-such-option"], "Unknown option"),
      (
        ["demo", scratch.path("d.mprof"), "--version", "4", "--split-bytes", "1"], "--split-bytes must be at least 1024"
      ),
      (["demo", scratch.path("d.mprof"), "--split-bytes", "4096"], "--split-bytes needs --version 4"),
    ]
    for (arguments, message) in cases {
      let (status, out, err) = try CommandLineTests.run(arguments)
      #expect(status == 2, "\(arguments): \(status)")
      #expect(out.isEmpty && err.contains(message), "\(arguments): \(err)")
    }
    let (status, version, _) = try CommandLineTests.run(["--version"])
    #expect(status == 0 && !version.isEmpty)
  }

  @Test func aFIFOIsRefusedAtOnce() throws {
    let scratch = ScratchFolder()
    let fifo = scratch.path("capture.mprof")
    #expect(mkfifo(fifo, 0o600) == 0)
    let started = Date()
    let (status, _, err) = try CommandLineTests.run(["summary", fifo])
    #expect(status == 2 && err == "mprof-tui: \(fifo): cannot open: is a FIFO, not a capture file\n", "\(err)")
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test func classGroupsFromTheCurrentFolderAreNamedAndEntitiesRefused() throws {
    let scratch = ScratchFolder()
    let capture = scratch.path("c.mprof")
    try Captures.writeScript(to: capture, version: 7, bigEndian: false)
    let secret = scratch.path("secret")
    try Data("TOP-SECRET".utf8).write(to: URL(fileURLWithPath: secret))
    let xml =
      #"<!DOCTYPE x [<!ENTITY e SYSTEM "file://\#(secret)">]><SettableOptions><ClassGroups>"#
      + #"<ClassGroup Name="A"><CallStackPatterns UseRegexes="true"><StackFramePatterns>&e;("#
      + "</StackFramePatterns></CallStackPatterns></ClassGroup></ClassGroups></SettableOptions>"
    try Data(xml.utf8).write(to: URL(fileURLWithPath: scratch.path("ClassGroups.xml")))
    let (status, _, err) = try CommandLineTests.run(["summary", capture], in: scratch)
    #expect(status == 2 && err.contains("ClassGroups.xml: class groups: line 1, column 1: a DOCTYPE declaration"))
    #expect(!err.contains("TOP-SECRET"))
    // A good file there is used, and said so.
    try ClassGroupSet(groups: [ClassGroup(name: "Mine", color: GroupColor(red: 1, green: 2, blue: 3), patterns: [])])
      .save(to: scratch.path("ClassGroups.xml"))
    let (ok, out, notice) = try CommandLineTests.run(["summary", capture, "--quiet"], in: scratch)
    #expect(ok == 0 && out.contains("Ungrouped"))
    #expect(notice.contains("class groups from \(scratch.path("ClassGroups.xml")) (found in the current folder"))
  }

  @Test func slowRegexesAreLinearOrStopped() throws {
    let scratch = ScratchFolder()
    let capture = scratch.path("c.mprof")
    _ = try Captures.writeDemo(in: scratch, operations: 20_000, name: "c.mprof")
    let started = Date()
    for pattern in ["(.*a){20}", "(a+)+$", "((a|aa)+)+b"] {
      let (status, _, err) = try CommandLineTests.run(["report", capture, "--regex", pattern, "--quiet"])
      #expect(status == 0, "\(pattern): \(err)")
    }
    #expect(Date().timeIntervalSince(started) < 20)
    let (status, _, err) = try CommandLineTests.run(["report", capture, "--regex", "(a)\\1", "--quiet"])
    #expect(status == 2 && err.contains("the text filter: invalid regular expression '(a)\\1': back-references"))
  }

  /// 300 snapshots × 3,000 live callstacks: the dump's text is tens of MB, its memory is not.
  @Test func dumpMemoryDoesNotGrowWithItsOutput() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("wide.mprof")
    let w = try MprofWriter(path: path)
    let root = w.address(pc: 0x1000, function: "main", file: "m.cpp", line: 1)
    for i in 0..<3_000 {
      let site = w.address(pc: 0x2000 + UInt64(i) * 16, function: "f\(i)", file: "f.cpp", line: Int32(i))
      try w.malloc(
        pointer: 0x100_0000 + UInt64(i) * 64, size: 32, callstack: w.callstack(innermostFirst: [site, root]))
    }
    for s in 0..<300 { try w.snapshot(.snapshot, label: "S\(s)") }
    try w.finish()
    let (status, bytes, maxRSS) = try CommandLineTests.measure(["dump", "--json", path, "--quiet"])
    #expect(status == 0 && bytes > 30_000_000)
    #expect(maxRSS < 120 << 20, "peak RSS \(maxRSS >> 20) MB for \(bytes >> 20) MB of output")
  }

  /// One callstack of 1,000,000 frames: cut to the limit, named, and the call graph stays small.
  @Test func aHugeCallstackIsCutToTheFrameLimit() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("deep.mprof")
    let w = try MprofWriter(path: path)
    let frames = (0..<1_000_000).map {
      w.address(pc: 0x1000 + UInt64($0 % 500) * 16, function: "f\($0 % 500)", file: "f.cpp", line: 1)
    }
    try w.malloc(pointer: 0x10_0000, size: 64, callstack: w.callstack(innermostFirst: frames))
    try w.finish()
    let profile = try ProfileLoader.load(path: path)
    #expect(profile.callstacks.depth(of: 0) == CallstackTable.maxFrames && profile.callstacks.isTruncated[0])
    #expect(profile.diagnostics.messages.contains { $0.contains("1 callstacks had more than 4096 frames") })
    let (status, _, maxRSS) = try CommandLineTests.measure([
      "report", path, "--view", "callgraph", "--depth", "100000", "--quiet",
    ])
    #expect(status == 0 && maxRSS < 400 << 20, "peak RSS \(maxRSS >> 20) MB")
    // As JSON too: 4,096 levels of nested objects, built and written without recursion.
    let (jsonStatus, bytes, jsonRSS) = try CommandLineTests.measure([
      "report", path, "--view", "callgraph", "--depth", "100000", "--quiet", "--format", "json",
    ])
    #expect(jsonStatus == 0 && bytes > 4_096 * 20 && jsonRSS < 400 << 20, "peak RSS \(jsonRSS >> 20) MB")
  }

  /// SIGQUIT in a batch command quits as it does by default, without the Swift runtime's
  /// backtracer writing to the terminal.
  @Test func sigquitQuitsWithoutABacktrace() throws {
    let scratch = ScratchFolder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
    process.arguments = ["demo", scratch.path("big.mprof"), "--operations", "20000000"]
    let err = scratch.path("err")
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    usleep(300_000)
    kill(process.processIdentifier, SIGQUIT)
    process.waitUntilExit()
    #expect(
      process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGQUIT,
      "\(process.terminationReason.rawValue) \(process.terminationStatus)")
    let text = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
    #expect(!text.contains("Crash") && !text.contains("Backtrac"), "\(text)")
  }
}
