import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct RunLoopTests {
  static let clipboardPath = NSTemporaryDirectory() + "mprof-tui-test-\(UUID().uuidString).csv"

  static func app(_ width: Int = 100, _ height: Int = 30) throws -> App {
    let (_, profile, assignment) = Captures.viewer
    return App(
      profile: profile, assignment: assignment, theme: Theme(depth: .xterm256, glyphs: .unicode), size: (width, height),
      clipboardPath: clipboardPath)
  }

  @Test func scriptedSessionEndsOnQuitWithAFramePerEvent() throws {
    let app = try Self.app()
    let backend = HeadlessBackend(
      width: 100, height: 30,
      script: [.key(.character("j")), .key(.enter), .key(.character("a")), .resize(width: 80, height: 24), .key(.character("q")), .key(.character("j"))])
    AppRunner.run(app, on: backend, synchronous: true)
    #expect(app.shouldQuit)
    // The first frame, then one per event up to q (the event after q is never read).
    #expect(backend.frames.count == 6)
    let last = try #require(backend.lastFrame)
    #expect(last.width == 80 && last.height == 24)
    #expect(last.line(1).contains("│ Lifetime │"))
    #expect(app.shared?.filter.kind == .lifetime)
  }

  @Test func endOfInputEndsTheLoop() throws {
    let app = try Self.app()
    let backend = HeadlessBackend(width: 100, height: 30, script: [.key(.character("2"))])
    AppRunner.run(app, on: backend, synchronous: true)
    #expect(!app.shouldQuit && app.tab is ExclusiveTab && backend.frames.count == 2)
  }

  @Test func effectsReachTheBackend() throws {
    let app = try Self.app()
    let backend = HeadlessBackend(
      width: 100, height: 30,
      script: [.key(.control("z")), .key(.character("/"))] + "FRunnableThreadPThread::_ThreadProc(void*)".map { .key(.character($0)) }
        + [.key(.enter), .key(.character("F")), .key(.character("y")), .key(.character("q"))])
    AppRunner.run(app, on: backend, synchronous: true)
    #expect(backend.suspendCount == 1)
    #expect(backend.controlSequences.count == 1 && backend.controlSequences[0].hasPrefix("\u{1B}]52;c;"))
    try? FileManager.default.removeItem(atPath: Self.clipboardPath)
  }

  @Test func asynchronousRecomputeCatchesUp() throws {
    let app = try Self.app()
    let backend = HeadlessBackend(width: 100, height: 30, script: [.key(.character("a")), .key(.character("s")), .key(.character("o"))])
    AppRunner.run(app, on: backend)
    // Input ended; the data may lag the last keys, but never shows inputs that were not asked for.
    #expect(app.filter.kind == .lifetime && app.filter.mode == .filterOut)
    #expect(app.tab(CallgraphTab.self)?.sort == .count)
    if let shared = app.shared { #expect([FilterState.AllocationKind.active, .lifetime].contains(shared.filter.kind)) }
  }
}

@Suite struct LoadingScreenTests {
  @Test func drawsStagePercentRateAndTimeLeft() {
    var grid = CellGrid(width: 80, height: 24)
    LoadingScreen.draw(
      name: "big.mprof", stage: .tokens, done: 50_000_000, total: 100_000_000, elapsed: 0.5, cancelling: false,
      theme: Theme(depth: .xterm256, glyphs: .unicode), into: &grid)
    let lines = grid.lines
    #expect(lines[10] == "        Loading big.mprof")
    #expect(lines[11] == "        " + String(repeating: "█", count: 32) + String(repeating: "░", count: 32))
    #expect(lines[12] == "        Parsing token stream ·  50% · 100 MB/s · 0 s left")
    #expect(lines[13] == "        q / Esc cancel")
  }

  @Test func loadsFailsAndCancels() throws {
    let theme = Theme(depth: .none, glyphs: .ascii)
    let ok = LoadingScreen.run(name: "x", theme: theme, on: HeadlessBackend(width: 80, height: 24)) { progress in
      _ = progress(.tokens, 1, 2)
      return 42
    }
    guard case .loaded(42) = ok else {
      Issue.record("expected a value, got \(ok)")
      return
    }
    let failed = LoadingScreen.run(name: "x", theme: theme, on: HeadlessBackend(width: 80, height: 24)) { _ -> Int in
      throw MprofError.truncated(path: "x.mprof", offset: 12, expected: "a header")
    }
    guard case .failed(let error) = failed else {
      Issue.record("expected a failure")
      return
    }
    #expect("\(error)".contains("x.mprof"))
    // q cancels: the loader sees `false` from its progress handler and stops.
    let cancelled = LoadingScreen.run(
      name: "x", theme: theme, on: HeadlessBackend(width: 80, height: 24, script: [.key(.character("q"))])
    ) { progress -> Int in
      while progress(.tokens, 1, 2) { usleep(1000) }
      throw MprofError.cancelled
    }
    guard case .cancelled = cancelled else {
      Issue.record("expected cancelled, got \(cancelled)")
      return
    }
  }
}

@Suite(.serialized) struct NcursesBackendTests {
  @Test func presentsCellsIntoTheVirtualScreen() {
    let backend = NcursesBackend(offscreen: "xterm-256color", width: 40, height: 6)
    defer { backend.shutdown() }
    #expect(backend.size.width == 40 && backend.size.height == 6)
    var grid = CellGrid(width: 40, height: 6)
    grid.box(x: 0, y: 0, width: 12, height: 3, glyphs: .unicode)
    grid.put("日本語 ok", x: 1, y: 4, style: Style(foreground: .indexed(196), attributes: .bold))
    grid.put("▾ Full callstacks", x: 14, y: 1, style: Style(foreground: .indexed(16), background: .indexed(152)))
    backend.present(grid)
    #expect(backend.text(row: 0) == "┌──────────┐")
    #expect(backend.text(row: 1) == "│          │  ▾ Full callstacks")
    #expect(backend.text(row: 4) == " 日本語 ok")
    // A second frame changes only what differs.
    grid.put("X", x: 2, y: 4)
    backend.present(grid)
    #expect(backend.text(row: 4) == "  X本語 ok")
    #expect(backend.nextEvent(timeoutMilliseconds: 0) == .event(.resize(width: 40, height: 6)))
    #expect(backend.nextEvent(timeoutMilliseconds: 0) == .endOfInput)
  }
}
