import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

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
