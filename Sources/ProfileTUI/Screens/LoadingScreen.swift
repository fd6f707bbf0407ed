import Foundation
import ProfileModel

/// The outcome of loading a capture behind a progress bar.
public enum LoadOutcome<Value: Sendable>: Sendable {
  case loaded(Value)
  case failed(Error)
  case cancelled
  /// A signal asked to quit while loading.
  case terminated(signal: Int32)
}

/// A progress bar while a capture loads: stage, percent, MB/s and time left; `q` or Esc cancels.
///
/// The load runs on a background thread; the loop only draws and reads keys.
public enum LoadingScreen {
  final class Progress<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stage = ProfileLoader.Stage.header
    private var done: UInt64 = 0
    private var total: UInt64 = 0
    private var cancelled = false
    private var outcome: Result<Value, Error>?
    let started = Date()

    func update(_ stage: ProfileLoader.Stage, _ done: UInt64, _ total: UInt64) -> Bool {
      lock.lock()
      defer { lock.unlock() }
      self.stage = stage
      self.done = done
      self.total = total
      return !cancelled
    }

    func cancel() {
      lock.lock()
      cancelled = true
      lock.unlock()
    }

    func finish(_ result: Result<Value, Error>) {
      lock.lock()
      outcome = result
      lock.unlock()
    }

    var snapshot: (stage: ProfileLoader.Stage, done: UInt64, total: UInt64, outcome: Result<Value, Error>?) {
      lock.lock()
      defer { lock.unlock() }
      return (stage, done, total, outcome)
    }
  }

  /// Runs `load` on a background thread and shows its progress until it ends.
  public static func run<Value: Sendable>(
    name: String, theme: Theme, on backend: TerminalBackend,
    load: @escaping @Sendable (@escaping ProfileLoader.ProgressHandler) throws -> Value
  ) -> LoadOutcome<Value> {
    let progress = Progress<Value>()
    let handler: ProfileLoader.ProgressHandler = { stage, done, total in progress.update(stage, done, total) }
    Thread.detachNewThread {
      progress.finish(Result { try load(handler) })
    }
    var cancelled = false
    while true {
      let state = progress.snapshot
      if let outcome = state.outcome {
        switch outcome {
        case .success(let value):
          return cancelled ? .cancelled : .loaded(value)
        case .failure(let error):
          if cancelled, case MprofError.cancelled = error { return .cancelled }
          return .failed(error)
        }
      }
      let size = backend.size
      var grid = CellGrid(width: size.width, height: size.height)
      draw(
        name: name, stage: state.stage, done: state.done, total: state.total,
        elapsed: Date().timeIntervalSince(progress.started), cancelling: cancelled, theme: theme, into: &grid)
      backend.present(grid)
      switch backend.nextEvent(timeoutMilliseconds: 100) {
      case .event(.key(.character("q"))), .event(.key(.escape)), .event(.key(.control("c"))):
        cancelled = true
        progress.cancel()
      case .terminate(let signal):
        progress.cancel()
        return .terminated(signal: signal)
      case .endOfInput:
        // No more input (a script ran out): keep waiting for the load.
        usleep(10_000)
      default:
        break
      }
    }
  }

  /// Draws the progress screen.
  static func draw(
    name: String, stage: ProfileLoader.Stage, done: UInt64, total: UInt64, elapsed: Double, cancelling: Bool,
    theme: Theme, into grid: inout CellGrid
  ) {
    let width = min(max(grid.width - 10, 10), 64)
    let x = max((grid.width - width) / 2, 0)
    let y = max(grid.height / 2 - 2, 0)
    grid.put("Loading \(name)", x: x, y: y, style: theme[.panelTitle], maxWidth: width)
    let fraction = total == 0 ? 0 : min(Double(done) / Double(total), 1)
    let filled = Int(fraction * Double(width))
    grid.fill(x: x, y: y + 1, width: filled, height: 1, scalar: theme.glyphs.barFull, style: theme[.progressFill])
    grid.fill(
      x: x + filled, y: y + 1, width: width - filled, height: 1, scalar: theme.glyphs.barEmpty,
      style: theme[.progressEmpty])
    let rate = elapsed > 0 ? Double(done) / elapsed / 1_000_000 : 0
    let left = fraction > 0.01 ? elapsed / fraction - elapsed : 0
    let dot = theme.glyphs.dot
    let line = String(
      format: "%@ \(dot) %3.0f%% \(dot) %.0f MB/s \(dot) %.0f s left", stage.rawValue, fraction * 100, rate, left)
    grid.put(line, x: x, y: y + 2, style: theme[.normal], maxWidth: width)
    grid.put(cancelling ? "Cancelling…" : "q / Esc cancel", x: x, y: y + 3, style: theme[.dim], maxWidth: width)
  }
}
