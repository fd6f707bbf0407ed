import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct AppRunnerTests {
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
      script: [
        .key(.character("j")), .key(.enter), .key(.character("a")), .resize(width: 80, height: 24),
        .key(.character("q")), .key(.character("j")),
      ])
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
      script: [.key(.control("z")), .key(.character("/"))]
        + "FRunnableThreadPThread::_ThreadProc(void*)".map { .key(.character($0)) }
        + [.key(.enter), .key(.character("F")), .key(.enter), .key(.character("y")), .key(.character("q"))])
    AppRunner.run(app, on: backend, synchronous: true)
    #expect(backend.suspendCount == 1)
    #expect(backend.controlSequences.count == 1 && backend.controlSequences[0].hasPrefix("\u{1B}]52;c;"))
    try? FileManager.default.removeItem(atPath: Self.clipboardPath)
  }

  /// Keys typed ahead of a tab's first figures act on them: `2 j j H` at once opens the history
  /// of the third Exclusive row.
  @Test func keysTypedAheadOfATabsFirstFiguresActOnThem() throws {
    let app = try Self.app()
    let backend = HeadlessBackend(
      width: 100, height: 30,
      script: [.key(.character("2")), .key(.character("j")), .key(.character("j")), .key(.character("H"))])
    AppRunner.run(app, on: backend)
    let exclusive = try #require(app.tab(ExclusiveTab.self))
    let third = try #require(exclusive.figures?.rows[2].callstack)
    #expect(exclusive.cursor.selected == 2)
    #expect(app.tab is HistoryTab)
    #expect(app.tab(HistoryTab.self)?.selection?.source == .callstacks([third]))
  }

  @Test func asynchronousRecomputeCatchesUp() throws {
    let app = try Self.app()
    let backend = HeadlessBackend(
      width: 100, height: 30, script: [.key(.character("a")), .key(.character("s")), .key(.character("o"))])
    AppRunner.run(app, on: backend)
    // Input ended; the data may lag the last keys, but never shows inputs that were not asked for.
    #expect(app.filter.kind == .lifetime && app.filter.mode == .filterOut)
    #expect(app.tab(CallgraphTab.self)?.sort == .count)
    if let shared = app.shared { #expect([FilterState.AllocationKind.active, .lifetime].contains(shared.filter.kind)) }
  }

  /// A 10,000-character paste into the text filter: the keys already waiting are taken before
  /// anything is computed, so the filter is computed a few times, not 10,000.
  @Test func aPasteIsOneRecomputeNotOnePerKey() throws {
    let app = try Self.app()
    let paste = String(repeating: "Tick|", count: 2_000)
    let script: [InputEvent] = [.key(.character("\\"))] + paste.map { .key(.character($0)) } + [.key(.enter)]
    let backend = HeadlessBackend(width: 100, height: 30, script: script)
    AppRunner.run(app, on: backend)
    app.computeNow()
    #expect(app.filter.text == paste)
    #expect(app.sharedComputations <= 3)
    #expect(backend.frames.count <= 3)
  }
}
