import Foundation
import ProfileModel
import Testing

@testable import ProfileTUI

#if canImport(Glibc)
  import Glibc
#endif

/// The built binary in a private tmux server: keys in, `capture-pane` out.
final class TmuxSession {
  static var tmuxPath: String? {
    ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// `mprof-tui` next to the test bundle (`swift test` builds it: the test target depends on it).
  static var binary: String {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return ((exe as NSString).deletingLastPathComponent as NSString).appendingPathComponent("mprof-tui")
  }

  let socket = "e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
  let folder: String
  let tmux: String

  init(width: Int, height: Int, command: String) throws {
    tmux = try #require(Self.tmuxPath)
    folder = NSTemporaryDirectory() + "mprof-e2e-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = try run([
      "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "-e", "LANG=C.UTF-8", "-e",
      "TERM=tmux-256color",
      "-e", "XDG_CACHE_HOME=\(folder)/cache", "cd \(folder) && " + command + "; echo EXIT=$?; sleep 30",
    ])
  }

  deinit {
    _ = try? run(["kill-server"])
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Runs tmux on the private socket, with an empty signal mask (Swift Testing's worker threads
  /// block SIGWINCH, and children would inherit that) and output to a file (a pipe never ends
  /// while the forked server holds it).
  @discardableResult
  func run(_ arguments: [String]) throws -> String {
    let outPath = folder + "/spawn-\(UUID().uuidString)"
    defer { unlink(outPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX_TMPDIR"] = folder
    environment["TMUX"] = nil
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0)=\($1)") } + [nil]
    defer { for pointer in cArgs + cEnv { free(pointer) } }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, tmux, &actions, &attributes, cArgs, cEnv)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
  }

  func keys(_ keys: String...) throws { try run(["send-keys", "-t", "t"] + keys) }
  func literal(_ text: String) throws { try run(["send-keys", "-t", "t", "-l", text]) }

  func screen() throws -> [String] {
    try run(["capture-pane", "-p", "-t", "t"]).components(separatedBy: "\n")
  }

  /// Polls the screen until `predicate` holds; records the last screen when it never does.
  @discardableResult
  func waitFor(_ what: String, timeout: Double = 10, _ predicate: ([String]) -> Bool) throws -> [String] {
    let deadline = Date().addingTimeInterval(timeout)
    var last: [String] = []
    while Date() < deadline {
      last = try screen()
      if predicate(last) { return last }
      usleep(30_000)
    }
    Issue.record(Comment(rawValue: "timed out waiting for \(what); screen was:\n\(last.joined(separator: "\n"))"))
    return last
  }

  @discardableResult
  func waitFor(text: String, timeout: Double = 10) throws -> [String] {
    try waitFor(text, timeout: timeout) { $0.contains { $0.contains(text) } }
  }

  /// The pid of the program running in the pane (the shell's child).
  func programPid() throws -> pid_t? {
    let shell = try run(["display", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
    return children.split(separator: " ").first.flatMap { pid_t($0) }
  }
}

@Suite(.serialized, .enabled(if: TmuxSession.tmuxPath != nil, "needs tmux"))
struct EndToEndTests {
  @Test func browseFilterFindResizeAndQuit() throws {
    let session = try TmuxSession(width: 120, height: 40, command: "\(TmuxSession.binary) \(Captures.viewer.path)")
    // The whole first screen, not a frame caught while it is painted.
    var screen = try session.waitFor("the first screen") { lines in
      lines.contains { $0.contains("Full callstacks") } && lines.count > 38 && !lines[38].isEmpty
    }
    #expect(screen[0].hasPrefix(" 1 Callgraph   2 Excl   3 Time"))
    #expect(screen[38].hasPrefix(" viewer.mprof · v7 LE · 6,150 events · live 10.72 MB in 661"))
    // Expand the first child of the full root.
    try session.keys("Enter", "Enter")
    try session.waitFor(text: "▾ main")
    // Exclusive and back.
    try session.keys("2")
    screen = try session.waitFor(text: "innermost first")
    #expect(screen[2].contains("Group") && screen[2].contains("Function"))
    try session.keys("1")
    try session.waitFor(text: "Truncated callstacks")
    // Find all.
    try session.keys("/")
    try session.literal("tick")
    try session.keys("Enter")
    try session.waitFor(text: "Match 1 of")
    try session.keys("F", "Enter")
    try session.waitFor(text: "matches for tick")
    // Text filter, live.
    try session.keys("\\")
    try session.literal("tick")
    try session.keys("Enter")
    // The filter line shows the text at once; the status line's figures once the query is in.
    screen = try session.waitFor("the filtered figures") { lines in
      lines.contains { $0.contains("Text tick") } && lines.count > 38 && !lines[38].contains("live 10.72 MB")
    }
    #expect(!screen[38].contains("live 10.72 MB"))
    // Diff start: the first snapshot.
    try session.keys("[", "j", "Enter")
    try session.waitFor(text: "#0: ")
    // Resize to 80×24: the footer moves to the last row.
    try session.run(["resize-window", "-t", "t", "-x", "80", "-y", "24"])
    screen = try session.waitFor("the footer on row 23") { $0.count >= 24 && $0[23].hasPrefix("? Help") }
    // The whole screen is repainted, not only what ncurses believes changed.
    screen = try session.waitFor("the short tab bar on row 0") {
      $0[0].hasPrefix(" 1 Callgraph   2 Excl   3 Time   4 Hstry   5 Hist   6 Mem   7 Short   8 Det")
    }
    #expect(screen[1].hasPrefix(" #0: "))
    // The status row keeps the file summary (the message cleared on the next key).
    #expect(screen[22].hasPrefix(" viewer.mprof"))
    try session.keys("?")
    try session.waitFor(text: "Everywhere")
    try session.keys("Escape", "q")
    screen = try session.waitFor(text: "EXIT=0")
    // The terminal is back: the viewer's screen is gone.
    #expect(!screen.contains { $0.contains("1 Callgraph") })
  }

  @Test func badFileExits2WithTheReadersMessage() throws {
    let folder = NSTemporaryDirectory() + "mprof-e2e-bad-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let bad = folder + "/broken.mprof"
    // A valid header cut short: the failure comes from the token pass, after the screen was taken.
    let tiny = try Data(contentsOf: URL(fileURLWithPath: Captures.viewer.path))
    try tiny.prefix(tiny.count / 3).write(to: URL(fileURLWithPath: bad))
    let session = try TmuxSession(width: 100, height: 30, command: "\(TmuxSession.binary) \(bad)")
    let screen = try session.waitFor(text: "EXIT=2")
    #expect(screen.contains { $0.contains("mprof-tui: ") && $0.contains("broken.mprof") })
    #expect(!screen.contains { $0.contains("Loading broken.mprof") })
  }

  /// SIGTERM, SIGHUP and SIGQUIT: the terminal is restored (no viewer, no mouse reporting, a
  /// visible cursor) and the exit status is 128 + the signal; SIGQUIT never reaches the Swift
  /// runtime's interactive backtracer.
  @Test(arguments: [SIGTERM, SIGHUP, SIGQUIT])
  func signalsRestoreTheTerminalAndExitWith128PlusTheSignal(_ signal: Int32) throws {
    let session = try TmuxSession(width: 100, height: 30, command: "\(TmuxSession.binary) \(Captures.viewer.path)")
    try session.waitFor(text: "Full callstacks")
    let pid = try #require(try session.programPid())
    kill(pid, signal)
    let screen = try session.waitFor(text: "EXIT=")
    #expect(screen.contains { $0.contains("EXIT=\(128 + signal)") }, "\(screen)")
    #expect(!screen.contains { $0.contains("1 Callgraph") || $0.contains("Crash") || $0.contains("backtrace") })
    let modes = try session.run(["display", "-p", "-t", "t", "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"])
    #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0")
  }

  @Test func ctrlZSuspendsToTheShellAndFgResumes() throws {
    // Job control needs an interactive shell, as a user has.
    let session = try TmuxSession(width: 100, height: 30, command: "env PS1='$ ' bash --norc --noprofile -i")
    try session.waitFor(text: "$")
    try session.literal("\(TmuxSession.binary) \(Captures.viewer.path)")
    try session.keys("Enter")
    try session.waitFor(text: "Full callstacks")
    try session.keys("C-z")
    let stopped = try session.waitFor(text: "Stopped")
    #expect(!stopped.contains { $0.contains("1 Callgraph") })
    try session.literal("fg")
    try session.keys("Enter")
    let resumed = try session.waitFor("the viewer repainted") {
      $0[0].hasPrefix(" 1 Callgraph") && $0.contains { $0.contains("Full callstacks") }
    }
    #expect(resumed[28].hasPrefix(" viewer.mprof"))
    try session.keys("q")
    try session.literal("echo STATUS=$?")
    try session.keys("Enter")
    try session.waitFor(text: "STATUS=0")
  }

  @Test func noColorAndASCII() throws {
    let session = try TmuxSession(
      width: 100, height: 30, command: "NO_COLOR=1 \(TmuxSession.binary) --ascii \(Captures.viewer.path)")
    let screen = try session.waitFor(text: "Full callstacks")
    #expect(screen[1].hasPrefix(" Start -> End | Active |"))
    let styled = try session.run(["capture-pane", "-p", "-e", "-t", "t"])
    #expect(!styled.contains("38;5;") && !styled.contains("48;5;"))
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// Issue 10: at 80×24 on a deep capture (`deep.mprof` from the fixtures, else a generated
  /// 60-frame one), the deepest path is expanded and the innermost function's name is on screen.
  @Test func deepestCallstackIsReadableAt80x24() throws {
    let scratch = ScratchFolder()
    var path = Fixtures.path("deep.mprof")
    if !Fixtures.available {
      path = scratch.path("deep.mprof")
      try Captures.writeDeep(to: path)
    }
    let profile = try ProfileLoader.load(path: path)
    let assignment = try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn())
    // Where the deepest node sits once everything is expanded, and its function's name.
    let h = try Harness(width: 80, height: 24, capture: (profile, assignment))
    h.press("*")
    let graph = try #require(h.graph)
    let rows = h.callgraph.tree.rows
    let deepest = try #require(
      rows.indices.max { graph.nodes[Int(rows[$0].node)].depth < graph.nodes[Int(rows[$1].node)].depth })
    let name = graph.title(rows[deepest].node, in: profile)
    let steps = deepest - h.callgraph.tree.cursor.selected

    let session = try TmuxSession(width: 80, height: 24, command: "\(TmuxSession.binary) \(path)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("*")
    for _ in 0..<steps { try session.keys("j") }
    let screen = try session.waitFor("the innermost function's name") { lines in
      lines.contains { $0.contains(String(name.prefix(60))) }
    }
    // On its own row with a depth marker, and whole (as far as 80 columns go) below the tree.
    #expect(screen.contains { $0.contains("[\(graph.nodes[Int(rows[deepest].node)].depth)]") })
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// Issue 10: under LANG=C names outside ASCII are drawn one `?` a character, so rows keep
  /// their length and nothing stale is left at their ends.
  @Test func aCLocaleLeavesNoStaleCells() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("names.mprof")
    let w = try MprofWriter(path: path)
    let main = w.address(pc: 0x10, function: "main", file: "m.cpp", line: 1)
    let wide = w.address(pc: 0x20, function: "Ünïcödé::Fünctiön(日本語)", file: "ü.cpp", line: 2)
    try w.malloc(pointer: 0x1000, size: 4096, callstack: w.callstack(innermostFirst: [wide, main]))
    try w.finish()
    let session = try TmuxSession(
      width: 80, height: 24, command: "env LANG=C LC_ALL=C \(TmuxSession.binary) \(path)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("*")
    // Names are Latin-1 in a capture (§ names): each byte above ASCII is one `?` here.
    let screen = try session.waitFor(text: "::F")
    let row = try #require(screen.first { $0.contains("::F") })
    #expect(row.count <= 80 && row.contains("::F??ncti??n("), "\(row)")
    #expect(screen.allSatisfy { $0.count <= 80 && !$0.contains("·") && !$0.contains("…") })
    // The status and footer rows are whole, with ASCII separators.
    #expect(screen[22].hasPrefix(" names.mprof - v7 LE - 1 events - live 4.00 KB in 1"), "\(screen[22])")
    #expect(screen[23].hasPrefix("? Help"))
    try session.keys("q")
  }

  /// Tab 3 in the built viewer: the Details panes follow the diff, scroll, and change layout.
  @Test func detailsTab() throws {
    let session = try TmuxSession(width: 120, height: 40, command: "\(TmuxSession.binary) \(Captures.viewer.path)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("[", "j", "j", "j", "j", "Enter", "8")
    var screen = try session.waitFor(text: "Is Diff Result: True")
    #expect(screen[2].hasPrefix(" Start") && screen[2].contains(" Diff") && screen[2].contains(" End"))
    #expect(screen[3].contains("Description: LoadMap End 0"))
    try session.keys("v")
    screen = try session.waitFor("the stacked layout") { $0[2].hasPrefix(" Start") && !$0[2].contains(" End") }
    try session.keys("j")
    screen = try session.waitFor("a scrolled pane") { $0[2].hasPrefix(" Description:") }
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// Tab 5 in the built viewer: bars, a bar's callstacks, sizes.
  @Test func histogramTab() throws {
    let session = try TmuxSession(width: 120, height: 40, command: "\(TmuxSession.binary) \(Captures.viewer.path)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("5")
    try session.waitFor(text: "Bank   Group")
    try session.keys("j", "Enter")
    try session.waitFor(text: "Callstacks of ")
    try session.keys("Escape", "z")
    try session.waitFor(text: "Block size")
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// Tab 6 in the built viewer: the minimum, the sort, a row's callstack.
  @Test func shortLivedTab() throws {
    let session = try TmuxSession(width: 120, height: 40, command: "\(TmuxSession.binary) \(Captures.viewer.path)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("7")
    try session.waitFor(text: "at least 101")
    for _ in 0..<6 { try session.keys("-") }
    try session.waitFor(text: "at least 1 short-lived blocks")
    try session.keys(">")
    try session.waitFor(text: "Run Avg▼")
    try session.waitFor(text: "innermost first")
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// Tab 3 in the built viewer: the chart, the cursor on a snapshot, zoom and its reset.
  @Test func timelineTab() throws {
    let session = try TmuxSession(width: 100, height: 30, command: "\(TmuxSession.binary) \(Captures.viewer.path)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("3")
    // The whole chart, not a frame caught while it is painted.
    var screen = try session.waitFor("the chart") { lines in
      lines.contains { $0.contains("live bytes, all memory") } && lines.contains { $0.contains("0 bytes│") }
        && lines.contains { $0.hasPrefix("           0 ") }
    }
    let wholeAxis = try #require(screen.first { $0.hasPrefix("           0 ") })
    try session.keys("[")
    screen = try session.waitFor("the cursor on the previous marker") { lines in
      lines.contains { $0.hasPrefix("events") && $0.contains("Snapshot 2: Before") }
    }
    try session.keys("+", "+")
    screen = try session.waitFor("a zoomed axis") { lines in
      lines.contains { $0.hasPrefix("           ") && !$0.hasPrefix("           0 ") && $0.contains(",") }
    }
    try session.keys("0")
    try session.waitFor("the whole capture again") { $0.contains(wholeAxis) }
    try session.keys("x")
    try session.waitFor(text: "frame 0.0")
    // Mark A on the last snapshot: the Callgraph shows the change since then.
    try session.keys("[", "a")
    try session.waitFor(text: ": diff start of every tab")
    try session.keys("1")
    screen = try session.waitFor("the diff from Mark A") { lines in
      lines.contains { $0.hasPrefix(" Mark A @ event") && $0.contains("→ End") }
        && lines.contains { $0.contains("change +") }
    }
    // A query rule over the marks: Growth between Mark A and End, on the filter line.
    for _ in 0..<5 { try session.keys("r") }
    try session.waitFor("the Growth rule") { lines in
      lines.contains { $0.contains("Rule Growth (A*B*)") || $0.contains("Rule A*B*") }
        && lines.contains { $0.contains("A ≤ a ≤ B ≤ f") }
    }
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// Tab 4 in the built viewer: H from a Callgraph node and from an Exclusive row, Esc back.
  @Test func historyFromCallgraphAndExclusive() throws {
    let session = try TmuxSession(width: 100, height: 30, command: "\(TmuxSession.binary) \(Captures.viewer.path)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("j", "j", "H")
    // The whole chart with its readout, not the status line's message ahead of the figures.
    var screen = try session.waitFor("the history of the node") { lines in
      lines.contains { $0.hasPrefix("History of FRunnableThreadPThread::_ThreadProc(void*)") }
        && lines.contains { $0.hasPrefix("events") && $0.contains("blocks") }
    }
    #expect(screen.contains { $0.hasPrefix("events") && $0.contains("blocks") })
    try session.keys("Escape")
    try session.waitFor(text: "Back to Callgraph")
    try session.keys("2")
    try session.waitFor(text: "Size▼")
    try session.keys("H")
    screen = try session.waitFor("the history of the row") { lines in
      lines.contains { $0.hasPrefix("History of callstack ") && $0.contains("1 callstacks") }
    }
    #expect(screen.contains { $0.contains("1 callstacks") })
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// Tab 6 on a fixture: the map, the cursor, an address's history and a block's callstack, a
  /// row zoom and its undo, the heat map.
  @Test func memoryTabOnAFixture() throws {
    let fixture = Fixtures.path("medium.mprof")
    let session = try TmuxSession(width: 100, height: 30, command: "\(TmuxSession.binary) \(fixture)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("6")
    var screen = try session.waitFor("the map") { lines in
      lines.contains { $0.hasPrefix("Allocated memory 4.02 MB") } && lines.contains { $0.hasPrefix("0x7f2a00000000 ") }
        && lines.contains { $0.hasPrefix("0x7f2a00000000 · ") }
    }
    // Pixels: half blocks in colour, a group's letter without.
    #expect(screen.contains { $0.hasPrefix("0x7f2a") && $0.dropFirst(15).contains { $0 != " " } })
    try session.keys("l", "l", "l", "j")
    screen = try session.waitFor("the cursor moved") { lines in
      lines.contains { $0.hasPrefix("0x") && $0.contains(" · ") && !$0.hasPrefix("0x7f2a00000000 · ") }
    }
    try session.keys("Enter")
    screen = try session.waitFor("an address history") { lines in
      lines.contains { $0.contains("Block at") } && lines.contains { $0.contains("blocks covered 0x") }
    }
    try session.keys("Enter")
    try session.waitFor(text: "frames, innermost first")
    try session.keys("Escape", "Escape")
    try session.waitFor("the map alone") { lines in !lines.contains { $0.contains("Block at") } }
    try session.keys("v", "j", "j", "j", "Enter")
    try session.waitFor(text: "zoom 1")
    try session.keys("u")
    try session.waitFor("the whole space") { lines in !lines.contains { $0.contains("zoom 1") } }
    try session.keys("H")
    try session.waitFor(text: "allocations per pixel (log scale)")
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// `--base` in the built viewer: two generated builds, the Exclusive tab as A, B and B − A.
  @Test func compareTwoCaptures() throws {
    let scratch = ScratchFolder()
    let paths = try Captures.writeBuildPair(in: scratch, operations: 20_000)
    let session = try TmuxSession(
      width: 120, height: 30, command: "\(TmuxSession.binary) \(paths.b) --base \(paths.a)")
    try session.waitFor(text: "Full callstacks")
    try session.keys("2")
    let screen = try session.waitFor("the comparison") { lines in
      lines.contains { $0.hasPrefix(" vs a.mprof │") } && lines.contains { $0.contains("Δ% of A") }
        && lines.contains { $0.contains("Textures") && $0.contains("-") }
    }
    #expect(screen.contains { $0.contains("→") && $0.contains("Callstack") })
    try session.keys("q")
    try session.waitFor(text: "EXIT=0")
  }
}
