import Foundation
import ProfileModel
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The batch commands, run as a user runs them: the built binary, its output and exit status.
@Suite struct CommandLineTests {
  static var binary: String {
    // Tests run from the build folder, beside the executable.
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = exe.deletingLastPathComponent()
    while !folder.path.hasSuffix("/debug") && !folder.path.hasSuffix("/release") && folder.path != "/" {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("mprof-tui").path
  }

  /// Runs the binary; returns (status, stdout, stderr).
  static func run(_ arguments: [String], environment: [String: String] = [:], in folder: ScratchFolder? = nil) throws
    -> (Int32, String, String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let scratch = ScratchFolder()
    let out = scratch.path("out")
    let err = scratch.path("err")
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardInput = FileHandle.nullDevice
    // A folder of its own: the package root holds a ClassGroups.xml the binary would pick up.
    process.currentDirectoryURL = (folder ?? scratch).url
    try process.run()
    process.waitUntilExit()
    return (
      process.terminationStatus, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
      (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
    )
  }

  static func script() throws -> (String, ScratchFolder) {
    let scratch = ScratchFolder()
    let path = scratch.path("c.mprof")
    try Captures.writeScript(to: path, version: 7, bigEndian: false)
    return (path, scratch)
  }

  @Test func badInputExitsTwoWithOneLine() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("bad.mprof")
    try Data([0, 1, 2, 3, 4, 5, 6, 7]).write(to: URL(fileURLWithPath: path))
    for command in [["summary"], ["info"], ["dump", "--json"], ["report"], ["export-csv"]] {
      let (status, out, err) = try Self.run(command + [path])
      #expect(status == 2, "\(command)")
      #expect(out.isEmpty)
      #expect(
        err
          == "mprof-tui: \(path): offset 0: expected the .mprof magic 0xDA15F7D8 (either byte order), found 0x3020100\n"
      )
    }
    let (script, keep) = try Self.script()
    let (status, _, err) = try Self.run(["report", script, "--start", "nowhere"])
    #expect(status == 2 && err.contains("no snapshot named 'nowhere'"), "\(err)")
    withExtendedLifetime(keep) {}
  }

  @Test func dumpAndReportFormats() throws {
    let (path, scratch) = try Self.script()
    defer { withExtendedLifetime(scratch) {} }
    let (status, out, _) = try Self.run(["dump", "--json", path])
    #expect(status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    #expect((object?["token_count"] as? Int) == 11)

    let (_, csv, _) = try Self.run([
      "report", path, "--view", "exclusive", "--format", "csv", "--class-groups",
      Fixtures.packageRoot.appendingPathComponent("ClassGroups.xml").path,
    ])
    #expect(
      csv.split(separator: "\n") == [
        "callstack,size,size_percent,count,count_percent,group,function",
        "1,128,92.75,1,50.00,Textures,UTexture2D::Serialize(FArchive&)",
        "0,10,7.25,1,50.00,Ungrouped,AllocThing()",
      ])
    let (_, diff, _) = try Self.run([
      "report", path, "--view", "exclusive", "--format", "csv", "--start", "0", "--end", "end",
    ])
    #expect(diff.contains("1,96,") && diff.contains("0,-54,"))
    let (_, tree, _) = try Self.run(["report", path, "--view", "callgraph", "--format", "csv"])
    #expect(tree.contains("2,10,1,Full callstacks > main > AllocThing()"))
    let (_, groups, _) = try Self.run(["report", path, "--view", "groups", "--format", "json"])
    #expect(groups.contains("\"group\": \"Textures\""))
    let (_, exported, _) = try Self.run(["export-csv", path])
    #expect(
      exported
        == "10,1,main @ Main.cpp:3,AllocThing() @ Thing.cpp:12,\n128,1,main @ Main.cpp:3,UTexture2D::Serialize(FArchive&) @ Texture2D.cpp:40,\n"
    )
    let (_, info, _) = try Self.run(["info", path])
    #expect(info.contains("LoadMap Start 0: /Game/Maps/X"))
  }

  @Test func noFileSummarisesTheDemo() throws {
    let scratch = ScratchFolder()
    let (status, out, _) = try Self.run(["summary", "--quiet"], environment: ["XDG_CACHE_HOME": scratch.path("cache")])
    #expect(status == 0)
    #expect(out.contains("demo-v2.mprof") && out.contains("Top callstacks"))
    #expect(FileManager.default.fileExists(atPath: scratch.path("cache/mprof-tui/demo-v2.mprof")))
  }

  @Test func viewerWithoutATerminalSaysSoAndExits2() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("ok.mprof")
    try Captures.writeScript(to: path, version: 7, bigEndian: false)
    let (status, out, err) = try Self.run([path])
    #expect(status == 2)
    #expect(out.isEmpty)
    #expect(err.contains("the viewer needs a terminal"))
  }

  @Test func viewerReportsABadFileBeforeTakingTheScreen() throws {
    let scratch = ScratchFolder()
    let bad = scratch.path("bad.mprof")
    try Data("not a capture at all, not at all".utf8).write(to: URL(fileURLWithPath: bad))
    let (status, _, err) = try Self.run([bad])
    #expect(status == 2)
    #expect(err.contains("bad.mprof") && err.contains("magic"))
  }

  /// Runs the binary with stdout to a file; returns (status, bytes written, peak RSS in bytes).
  ///
  /// The peak comes from GNU `time` (installed by `.ci/run`): a child spawned straight from
  /// this large test process would count the parent's pages in its own `ru_maxrss`.
  static func measure(_ arguments: [String]) throws -> (Int32, Int, Int) {
    let scratch = ScratchFolder()
    let out = scratch.path("out")
    let peak = scratch.path("peak")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ["/usr/bin/time", "-f", "%M", "-o", peak, binary] + arguments
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArgs { free(pointer) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return (-1, 0, 0) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
    let kilobytes = (try? String(contentsOfFile: peak, encoding: .utf8))?.split(separator: "\n").last.flatMap {
      Int($0)
    }
    return ((status >> 8) & 0xFF, size, (kilobytes ?? Int.max / 1024) * 1024)
  }

  /// One rule for the viewer and `report`: Filter In starts from the groups whose bFilter is set
  /// and every pool; Filter Out starts from nothing and removes what is chosen (pools included,
  /// as MemoryProfiler2 does).
  @Test func filterModesAndDefaultSelections() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("pools.mprof")
    let w = try MprofWriter(path: path)
    let main = w.callstack(innermostFirst: [w.address(pc: 0x10, function: "MainThing()", file: "a.cpp", line: 1)])
    let local = w.callstack(innermostFirst: [w.address(pc: 0x20, function: "LocalThing()", file: "b.cpp", line: 2)])
    try w.malloc(pointer: 0x1000, size: 100, callstack: main, pool: .main)
    try w.malloc(pointer: 0x2000, size: 200, callstack: local, pool: .local)
    try w.finish()
    let groups = scratch.path("groups.xml")
    try ClassGroupSet(groups: [
      ClassGroup(
        name: "Hidden", isFiltered: false, color: GroupColor(red: 1, green: 2, blue: 3),
        patterns: [CallStackPattern(framePatterns: ["LocalThing()"])]),
      ClassGroup(
        name: ClassGroup.ungroupedName, isFiltered: true, color: GroupColor(red: 1, green: 1, blue: 1), patterns: []),
    ]).save(to: groups)
    func functions(_ extra: [String]) throws -> [String] {
      let (status, out, err) = try Self.run(
        ["report", path, "--format", "csv", "--quiet", "--class-groups", groups] + extra)
      #expect(status == 0, "\(err)")
      return out.split(separator: "\n").dropFirst().map { String($0.split(separator: ",").last ?? "") }.sorted()
    }
    // Filter In: bFilter decides the default groups (Hidden is unchecked), every pool shows.
    #expect(try functions([]) == ["MainThing()"])
    #expect(try functions(["--groups", "Hidden,Ungrouped"]) == ["LocalThing()", "MainThing()"])
    #expect(try functions(["--groups", "Hidden,Ungrouped", "--pools", "local"]) == ["LocalThing()"])
    // Filter Out: nothing removed by default; a pool or a group chosen is removed.
    #expect(try functions(["--filter-out"]) == ["LocalThing()", "MainThing()"])
    #expect(try functions(["--filter-out", "--pools", "local"]) == ["MainThing()"])
    #expect(try functions(["--filter-out", "--groups", "Ungrouped"]) == ["LocalThing()"])
  }

  /// Issue 10, output for scripts: columns never touch, the call graph's text has a header and
  /// aligned columns, unknown tags are an error, JSON names its filters, info labels its counts.
  @Test func batchOutputForScripts() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 6_000, name: "d.mprof")
    let (_, summary, _) = try Self.run(["summary", path, "--quiet"])
    let (_, report, _) = try Self.run(["report", path, "--quiet"])
    // The group column (22 wide, after the figures) is always followed by a space.
    for line in report.split(separator: "\n").dropFirst(2) {
      let characters = Array(line)
      #expect(characters.count > 66 && characters[66] == " ", "\(line)")
    }
    let summaryLines = summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = try #require(summaryLines.firstIndex { $0.hasSuffix("Group                  Function") })
    for line in summaryLines[(header + 1)...].prefix(while: { !$0.isEmpty }) {
      #expect(Array(line).count > 72 && Array(line)[71] == " ", "\(line)")
    }
    let (_, tree, _) = try Self.run(["report", path, "--view", "callgraph", "--quiet", "--depth", "3"])
    let lines = tree.split(separator: "\n").map(String.init)
    #expect(lines[1] == "        Size    Size%      Count  Function (indented two columns a level)")
    #expect(lines[2].hasSuffix("  Full callstacks") && lines[3].hasSuffix("    main"))
    // Figures end at the same columns on every row.
    for line in lines.dropFirst(2) { #expect(Array(line)[11] != " " && Array(line)[20] == "%", "\(line)") }
    let (status, _, err) = try Self.run(["report", path, "--tags", "Audio", "--quiet"])
    #expect(status == 2 && err.contains("no tag named 'Audio'; known: ") && err.contains("Subsystem:Audio"))
    let (_, json, _) = try Self.run(
      [
        "report", path, "--format", "json", "--quiet", "--text", "Tick", "--start", "1", "--lifetime", "--tags",
        "Untagged",
      ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let filter = try #require(object["filter"] as? [String: Any])
    #expect(filter["text"] as? String == "Tick" && filter["regex"] as? Bool == false)
    #expect(filter["kind"] as? String == "lifetime" && filter["mode"] as? String == "filter-in")
    #expect((filter["start"] as? String)?.hasPrefix("#1: ") == true && filter["end"] as? String == "End")
    #expect(filter["tags"] as? [String] == ["Untagged"] && (filter["pools"] as? [String])?.count == 4)
    let (_, info, _) = try Self.run(["info", path, "--quiet"])
    #expect(info.contains("6,151 with the end-of-stream marker, as dump --json counts"))
  }

  /// `report --view details`: the Details panes as text, CSV and JSON.
  @Test func detailsReport() throws {
    let (path, scratch) = try Self.script()
    defer { withExtendedLifetime(scratch) {} }
    let (status, text, _) = try Self.run(["report", path, "--view", "details", "--start", "0", "--quiet"])
    #expect(status == 0)
    #expect(
      text.contains("\nStart\n  Description: Snapshot 0: One\n")
        && text.contains("\nDiff\n  Description: Snapshot 0: One → End"))
    #expect(text.contains("  Is Diff Result: True") && text.contains("  Loaded Levels: 1\n    /Game/Maps/X"))
    let (_, csv, _) = try Self.run(["report", path, "--view", "details", "--start", "0", "--format", "csv", "--quiet"])
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(lines[0] == "field,start,diff,end")
    #expect(lines.contains("Stream Index,3,7,10") && lines.contains("Allocation Size,96,42,138"))
    #expect(lines.contains("Loaded Level,/Game/Maps/X,unloaded,"))
    let (_, json, _) = try Self.run(["report", path, "--view", "details", "--format", "json", "--quiet"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["start"] is NSNull)
    let diff = try #require(object["diff"] as? [String: Any])
    #expect(diff["is_diff"] as? Bool == false && diff["description"] as? String == "End")
  }

  /// `report --view histogram` and `--view sizes` agree with the model and each other.
  @Test func histogramAndSizesReports() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 6_000, name: "d.mprof")
    let (status, json, _) = try Self.run(["report", path, "--view", "histogram", "--format", "json", "--quiet"])
    #expect(status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let banks = try #require(object["banks"] as? [[String: Any]])
    #expect(banks.map { $0["bank"] as? String } == ["main"])
    let bars = try #require(banks[0]["bars"] as? [[String: Any]])
    let total = bars.compactMap { $0["size"] as? Int }.reduce(0, +)
    #expect(banks[0]["size"] as? Int == total)
    let (_, csv, _) = try Self.run(["report", path, "--view", "sizes", "--format", "csv", "--quiet"])
    let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Int($0) } }
    #expect(rows.allSatisfy { $0.count == 4 && $0[0] <= $0[1] })
    #expect(rows.map { $0[3] }.reduce(0, +) == total)
  }

  /// `report --view timeline`: contiguous buckets over the whole capture, each keeping its peak,
  /// the stats series beside them, and `--filtered` counting only what passes.
  @Test func timelineReport() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 6_000, name: "d.mprof")
    let profile = try ProfileLoader.load(path: path)
    let (status, json, _) = try Self.run(["report", path, "--view", "timeline", "--buckets", "10", "--format", "json"])
    #expect(status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["scope"] as? String == "all memory")
    let buckets = try #require(object["buckets"] as? [[String: Any]])
    #expect(buckets.count == 10)
    #expect(buckets.first?["first_event"] as? Int == 0)
    #expect(buckets.last?["last_event"] as? Int == Int(profile.end.streamIndex))
    for (a, b) in zip(buckets, buckets.dropFirst()) {
      #expect((a["last_event"] as? Int).map { $0 + 1 } == b["first_event"] as? Int)
      #expect((a["max_live_bytes"] as? Int ?? 0) >= (a["end_live_bytes"] as? Int ?? .max))
    }
    #expect(buckets.last?["end_live_bytes"] as? Int == Int(profile.end.allocationSize))
    let stats = try #require(buckets.last?["stats"] as? [String: Any])
    #expect(stats["Used Physical"] is Int)
    let snapshots = try #require(object["snapshots"] as? [[String: Any]])
    #expect(snapshots.count == profile.snapshots.count)

    let (_, csv, _) = try Self.run(["report", path, "--view", "timeline", "--buckets", "4", "--format", "csv"])
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines[0].hasPrefix("first_event,last_event,frame,seconds,max_live_bytes,min_live_bytes,end_live_bytes,"))
    let peak = lines.dropFirst().compactMap { Int($0.split(separator: ",")[4]) }.max() ?? 0
    let (_, filtered, _) = try Self.run([
      "report", path, "--view", "timeline", "--buckets", "4", "--format", "csv", "--filtered", "--text", "Texture",
    ])
    let filteredPeak =
      filtered.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",")[4]) }
      .max() ?? 0
    #expect(filteredPeak > 0 && filteredPeak < peak)

    let (bad, _, message) = try Self.run(["report", path, "--view", "timeline", "--buckets", "0"])
    #expect(bad == 2 && message.contains("--buckets must be from 1"))
  }

  /// `report --view history`: a group's or a callstack's live bytes and blocks end where the
  /// groups and Exclusive reports say they are at the end; bad choices exit 2.
  @Test func historyReport() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 6_000, name: "d.mprof")
    func json(_ arguments: [String]) throws -> [String: Any] {
      let (status, text, message) = try Self.run(["report", path, "--quiet", "--format", "json"] + arguments)
      #expect(status == 0, "\(message)")
      return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
    let groups = try #require(try json(["--view", "groups"])["rows"] as? [[String: Any]])
    for row in groups.prefix(3) {
      let name = try #require(row["group"] as? String)
      let history = try json(["--view", "history", "--group", name, "--buckets", "7"])
      let buckets = try #require(history["buckets"] as? [[String: Any]])
      #expect(buckets.count == 7)
      #expect(buckets.last?["end_live_bytes"] as? Int == row["size"] as? Int, "\(name)")
      #expect(buckets.last?["end_live_blocks"] as? Int == row["count"] as? Int, "\(name)")
      #expect(history["callstacks"] as? Int == row["callstacks"] as? Int, "\(name)")
    }
    let top = try #require((try json(["--view", "exclusive", "--limit", "1"])["rows"] as? [[String: Any]])?.first)
    let callstack = try #require(top["callstack"] as? Int)
    let one = try json(["--view", "history", "--callstacks", "\(callstack)", "--whole"])
    let last = try #require((one["buckets"] as? [[String: Any]])?.last)
    #expect(last["end_live_bytes"] as? Int == top["size"] as? Int)

    for bad in [
      ["--callstacks", "1,x"], ["--group", "No Such Group"], [], ["--group", "Textures", "--function", "a"],
    ] {
      let (status, _, message) = try Self.run(["report", path, "--quiet", "--view", "history"] + bad)
      #expect(status == 2 && !message.isEmpty, "\(bad)")
    }
  }

  /// `--start event:N`: a diff bound at any event, the same as the snapshot at that event.
  @Test func diffBoundAtAnEvent() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 6_000, name: "d.mprof")
    let profile = try ProfileLoader.load(path: path)
    let event = profile.snapshots[1].streamIndex
    func totals(_ start: String) throws -> (Int?, Int?, String?) {
      let (status, text, message) = try Self.run(["report", path, "--quiet", "--format", "json", "--start", start])
      #expect(status == 0, "\(message)")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      let filter = object["filter"] as? [String: Any]
      return (object["total_size"] as? Int, object["total_count"] as? Int, filter?["start"] as? String)
    }
    let bySnapshot = try totals("1")
    let byEvent = try totals("event:\(event)")
    #expect(bySnapshot.0 == byEvent.0 && bySnapshot.1 == byEvent.1)
    #expect(byEvent.2 == "Event @ event \(event), frame \(profile.frames.frame(containing: event))")
    let (status, _, message) = try Self.run(["report", path, "--quiet", "--start", "event:99999999"])
    #expect(status == 2 && message.contains("event:N with N from 0 to"))
  }

  /// `--rule` with `--mark-a`…`--mark-d`: Insights' rules in the batch commands, the same figures
  /// as the model's, and Insights' refusal without the markers a rule reads.
  @Test func queryRulesInReports() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 6_000, name: "r.mprof")
    let profile = try ProfileLoader.load(path: path)
    let b = profile.snapshots[2].streamIndex
    func report(_ extra: [String]) throws -> [String: Any] {
      let (status, text, message) = try Self.run(["report", path, "--quiet", "--format", "json"] + extra)
      #expect(status == 0, "\(message)")
      return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
    let leaks = try report(["--rule", "leaks", "--mark-b", "\(b)", "--mark-c", "end"])
    let filter = try #require(leaks["filter"] as? [String: Any])
    #expect(filter["rule"] as? String == "leaks")
    #expect(
      filter["markers"] as? [String]
        == ["Start", "Mark B @ event \(b), frame \(profile.frames.frame(containing: b))", "End"])
    // The rows a leak is: born by B, never freed (C is the end); the report's groups default to
    // the Filter In selection, so compare against every callstack with the default groups.
    let assignment = try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn())
    var state = FilterState.defaults(for: .filterIn, assignment: assignment)
    state.rule = .leaks
    state.diffEnd = .event(b, name: "Mark B")
    state.markC = .end
    let query = try ViewQuery(profile: profile, assignment: assignment, filter: state)
    #expect(leaks["total_size"] as? Int == Int(query.totals.size))
    #expect(query.totals.size > 0)
    let a = profile.allocations
    let born = (0..<a.count).filter { a.birth[$0] <= b && a.death[$0] == AllocationTable.alive }
    #expect(Int64(born.count) >= query.totals.count)
    // Growth vs. Decline between two snapshots is the plain diff.
    let diff = try report(["--start", "1", "--end", "2"])
    let rule = try report(["--mark-a", "\(profile.snapshots[1].streamIndex)", "--end", "2", "--rule", "A*B*/*A*B"])
    #expect(diff["total_size"] as? Int == rule["total_size"] as? Int)
    let (status, _, message) = try Self.run(["report", path, "--quiet", "--rule", "specific-lifetime", "--mark-c", "2"])
    #expect(status == 2)
    #expect(message.contains("Only 3 time markers available. Current rule (Specific Lifetime (A*B C*D)) requires 4"))
    let (unknown, _, why) = try Self.run(["report", path, "--quiet", "--rule", "nope"])
    #expect(unknown == 2 && why.contains("no query rule named 'nope'; known: active, before"))
  }

  /// `--view memory` and `--view address`: the map in text and JSON, an address's blocks.
  @Test func memoryAndAddressReports() throws {
    let scratch = ScratchFolder()
    let path = try Captures.writeDemo(in: scratch, operations: 6_000, name: "m.mprof")
    let profile = try ProfileLoader.load(path: path)
    let (status, json, message) = try Self.run([
      "report", path, "--quiet", "--view", "memory", "--width", "32", "--height", "20", "--format", "json",
    ])
    #expect(status == 0, "\(message)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["width"] as? Int == 32)
    #expect((object["rows"] as? Int ?? 99) <= 20)
    // The demo's heap and its mapped blocks: one folded gap.
    #expect((object["separators"] as? [Any])?.count == 1)
    // Allocated memory: every block live at the end (zero-byte blocks count a byte).
    let a = profile.allocations
    let assignment = try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn())
    let passes = try ViewQuery(
      profile: profile, assignment: assignment, filter: FilterState.defaults(for: .filterIn, assignment: assignment)
    ).filter.passes
    let live = (0..<a.count).filter { a.death[$0] == AllocationTable.alive && passes[Int(a.callstack[$0])] }
    #expect(object["allocated_bytes"] as? Int == live.map { Int(max(a.size[$0], 1)) }.reduce(0, +))
    let pixels = try #require(object["pixels"] as? [[String: Any]])
    let bytes = pixels.compactMap { $0["bytes"] as? [Int] }.flatMap { $0 }.reduce(0, +)
    #expect(bytes == object["allocated_bytes"] as? Int)
    // Text: a row per pixel row, a letter per group, the gap folded.
    let (_, text, _) = try Self.run(["report", path, "--quiet", "--view", "memory", "--width", "32", "--height", "20"])
    #expect(text.contains("Bytes per pixel") && text.contains("... gap ") && text.contains("Groups: "))
    #expect(text.split(separator: "\n").contains { $0.hasPrefix("0x7f0000000000 ") })
    let (_, heat, _) = try Self.run(["report", path, "--quiet", "--view", "memory", "--heat", "--width", "32"])
    #expect(heat.contains("Heat: allocations per pixel"))
    // An address: every block that covered it, in stream order.
    let address = a.address[a.count / 2] + 1
    let (status2, list, message2) = try Self.run([
      "report", path, "--quiet", "--view", "address", "--address", String(format: "0x%llx", address), "--format",
      "json",
    ])
    #expect(status2 == 0, "\(message2)")
    let history = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [String: Any])
    let blocks = try #require(history["blocks"] as? [[String: Any]])
    let expected = (0..<a.count).filter {
      a.address[$0] <= address && address < a.address[$0] + UInt64(max(a.size[$0], 1)) && passes[Int(a.callstack[$0])]
    }
    #expect(blocks.map { $0["birth_event"] as? Int } == expected.map { Int(a.birth[$0]) })
    // A range: every block live at the end in it, by address.
    let (low, high) = (a.address[a.count / 3], a.address[a.count / 3] + 0xFFFF)
    let (status3, inRange, message3) = try Self.run([
      "report", path, "--quiet", "--view", "address", "--address", String(format: "0x%llx-0x%llx", low, high),
      "--format", "json",
    ])
    #expect(status3 == 0, "\(message3)")
    let range = try #require(try JSONSerialization.jsonObject(with: Data(inRange.utf8)) as? [String: Any])
    let liveIn = live.filter { a.address[$0] <= high && low < a.address[$0] + UInt64(max(a.size[$0], 1)) }
      .sorted { (a.address[$0], $0) < (a.address[$1], $1) }
    #expect(
      (range["blocks"] as? [[String: Any]])?.map { $0["start"] as? String }
        == liveIn.map { SizeFormat.address(a.address[$0]) })
    #expect(range["last_address"] as? String == SizeFormat.address(high))
    let (_, folded, _) = try Self.run([
      "report", path, "--quiet", "--view", "memory", "--width", "32", "--gap", "4K", "--format", "json",
    ])
    let fine = try #require(try JSONSerialization.jsonObject(with: Data(folded.utf8)) as? [String: Any])
    #expect(fine["gap_bytes"] as? Int == 4096)
    #expect(((fine["separators"] as? [Any])?.count ?? 0) > 1)
    let (badGap, _, gapWhy) = try Self.run(["report", path, "--quiet", "--view", "memory", "--gap", "lots"])
    #expect(badGap == 2 && gapWhy.contains("--gap must be a size like"))
    let (bad, _, why) = try Self.run(["report", path, "--quiet", "--view", "address", "--address", "zz"])
    #expect(bad == 2 && why.contains("is not a hexadecimal address"))
    let (backwards, _, backwardsWhy) = try Self.run([
      "report", path, "--quiet", "--view", "address", "--address", "0x2000-0x1000",
    ])
    #expect(backwards == 2 && backwardsWhy.contains("or a range 0xSTART-0xEND"))
    let (none, _, why2) = try Self.run([
      "report", path, "--quiet", "--view", "memory", "--filter-out", "--pools", "main",
    ])
    #expect(none == 2 && why2.contains("never allocated to") || why2.contains("filtered out"))
  }

  /// `report --base` and `check`: A, B and Δ from each side's own figures; the gate's exit codes
  /// at the limit's boundary.
  @Test func compareAndCheck() throws {
    let scratch = ScratchFolder()
    let a = scratch.path("a.mprof")
    let b = scratch.path("b.mprof")
    #expect(try Self.run(["demo", a, "--operations", "8000"]).0 == 0)
    #expect(try Self.run(["demo", b, "--operations", "8000", "--variant"]).0 == 0)
    func json(_ arguments: [String]) throws -> [String: Any] {
      let (status, text, message) = try Self.run(arguments + ["--quiet", "--format", "json"])
      #expect(status == 0, "\(message)")
      return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
    let compare = try json(["report", b, "--base", a])
    let totalA = try #require(compare["total_a"] as? Int)
    let totalB = try #require(compare["total_b"] as? Int)
    let plainA = try json(["report", a])
    let plainB = try json(["report", b])
    #expect(totalA == plainA["total_size"] as? Int && totalB == plainB["total_size"] as? Int)
    let rows = try #require(compare["rows"] as? [[String: Any]])
    #expect(rows.compactMap { $0["delta_size"] as? Int }.reduce(0, +) == totalB - totalA)
    #expect(compare["new_stacks"] as? Int == 1)
    // Groups: each side's groups computed on its own.
    let groups = try #require(try json(["report", b, "--base", a, "--view", "groups"])["groups"] as? [[String: Any]])
    func sizes(_ report: [String: Any]) -> [String: Int] {
      Dictionary(
        uniqueKeysWithValues: ((report["rows"] as? [[String: Any]]) ?? []).compactMap { row in
          (row["group"] as? String).map { ($0, row["size"] as? Int ?? 0) }
        })
    }
    let groupsA = sizes(try json(["report", a, "--view", "groups"]))
    let groupsB = sizes(try json(["report", b, "--view", "groups"]))
    #expect(!groups.isEmpty)
    for g in groups {
      let name = try #require(g["group"] as? String)
      #expect(g["size_a"] as? Int == groupsA[name] ?? 0, "\(name)")
      #expect(g["size_b"] as? Int == groupsB[name] ?? 0, "\(name)")
    }
    // The call graph of the change: the full root is the net change.
    let tree = try json(["report", b, "--base", a, "--view", "callgraph", "--depth", "3"])
    let roots = try #require(tree["roots"] as? [[String: Any]])
    #expect(roots.first?["size"] as? Int == totalB - totalA)
    // Short-lived: each side's blocks per stack are the sums of its own report's callstacks.
    let churn = try json(["report", b, "--base", a, "--view", "short-lived", "--min-short-lived", "1"])
    let churnRows = try #require(churn["rows"] as? [[String: Any]])
    func blocks(_ report: [String: Any]) -> [Int: Int] {
      Dictionary(
        uniqueKeysWithValues: ((report["rows"] as? [[String: Any]]) ?? []).compactMap { row in
          (row["callstack"] as? Int).map { ($0, (row["zero_frames"] as? Int ?? 0) + (row["one_frame"] as? Int ?? 0)) }
        })
    }
    let blocksA = blocks(try json(["report", a, "--view", "short-lived", "--min-short-lived", "1"]))
    let blocksB = blocks(try json(["report", b, "--view", "short-lived", "--min-short-lived", "1"]))
    #expect(!churnRows.isEmpty)
    #expect(churnRows.reduce(0) { $0 + ($1["blocks_a"] as? Int ?? 0) } == blocksA.values.reduce(0, +))
    #expect(churnRows.reduce(0) { $0 + ($1["blocks_b"] as? Int ?? 0) } == blocksB.values.reduce(0, +))
    for row in churnRows {
      let callstacksB = row["callstacks_b"] as? [Int] ?? []
      #expect(row["blocks_b"] as? Int == callstacksB.reduce(0) { $0 + (blocksB[$1] ?? 0) })
      #expect(row["delta_blocks"] as? Int == (row["blocks_b"] as? Int ?? 0) - (row["blocks_a"] as? Int ?? 0))
    }
    let (notCompared, _, notWhy) = try Self.run(["report", b, "--base", a, "--view", "timeline", "--quiet"])
    #expect(
      notCompared == 2
        && notWhy.contains("--base compares the exclusive, groups, callgraph, short-lived and sizes views"))
    // Sizes: each side's classes are its own report's.
    let sizes = try #require(
      try json(["report", b, "--base", a, "--view", "sizes"])["classes"] as? [[String: Any]])
    func classes(_ file: String) throws -> [Int: (count: Int, size: Int)] {
      let report = try json(["report", file, "--view", "sizes"])
      return Dictionary(
        uniqueKeysWithValues: ((report["classes"] as? [[String: Any]]) ?? []).compactMap { c in
          (c["max_size"] as? Int).map { ($0, (c["count"] as? Int ?? 0, c["size"] as? Int ?? 0)) }
        })
    }
    let (sizesA, sizesB) = (try classes(a), try classes(b))
    #expect(!sizes.isEmpty)
    for c in sizes {
      let upper = try #require(c["max_size"] as? Int)
      #expect(c["count_a"] as? Int == sizesA[upper]?.count ?? 0 && c["size_a"] as? Int == sizesA[upper]?.size ?? 0)
      #expect(c["count_b"] as? Int == sizesB[upper]?.count ?? 0 && c["size_b"] as? Int == sizesB[upper]?.size ?? 0)
    }
    // check: B is smaller than A (textures halved); A against B grew by exactly this much.
    let growth = totalA - totalB
    #expect(growth > 0)
    let (within, text, _) = try Self.run(["check", b, "--base", a, "--quiet"])
    #expect(within == 0 && text.contains("OK: within the limit"))
    let (atLimit, _, _) = try Self.run(["check", a, "--base", b, "--quiet", "--max-growth", "\(growth)"])
    #expect(atLimit == 0)
    let (over, failure, _) = try Self.run(["check", a, "--base", b, "--quiet", "--max-growth", "\(growth - 1)"])
    #expect(over == 1 && failure.contains("FAILED: grew past the limit") && failure.contains("Top growing callstacks"))
    #expect(failure.contains("Textures / "))
    let (percent, _, _) = try Self.run(["check", a, "--base", b, "--quiet", "--max-growth", "5%"])
    #expect(percent == 1)
    let (perGroup, listed, _) = try Self.run(["check", b, "--base", a, "--quiet", "--per-group"])
    #expect(perGroup == 1 && listed.contains("Materials & Shaders:"))
    let (bad, _, why) = try Self.run(["check", b, "--base", a, "--quiet", "--max-growth", "lots"])
    #expect(bad == 2 && why.contains("--max-growth must be"))
    let (diffAsked, _, diffWhy) = try Self.run(["check", b, "--base", a, "--quiet", "--start", "1"])
    #expect(diffAsked == 2 && diffWhy.contains("--start, --lifetime and --rule do not apply"))
    let (noBase, _, noBaseWhy) = try Self.run([b, "--base-end", "1"])
    #expect(noBase == 2 && noBaseWhy.contains("give --base A.mprof too"))
    let (missing, _, _) = try Self.run(["check", b, "--base", scratch.path("none.mprof"), "--quiet"])
    #expect(missing == 2)
  }
}
