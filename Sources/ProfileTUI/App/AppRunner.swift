import Foundation
import ProfileModel

/// The input loop: draw, wait for input or computed figures, update, repeat.
public enum AppRunner {
  /// How long a computation may take before the screen says "Computing…" and input is read
  /// while it runs.
  public static let frameMilliseconds = 16

  /// Why the loop ended.
  public enum Ending: Sendable, Equatable {
    case quit
    case endOfInput
    /// A signal asked to quit; the program should exit with 128 + it.
    case signal(Int32)
  }

  /// Runs until the user quits, input ends or a signal asks to quit.
  ///
  /// - Parameter synchronous: finish every computation before reading the next event
  ///   (deterministic tests); otherwise a slow one runs while keys are read, and a newer
  ///   request cancels it.
  @discardableResult
  public static func run(_ app: App, on backend: TerminalBackend, synchronous: Bool = false) -> Ending {
    let size = backend.size
    app.handle(.resize(width: size.width, height: size.height))
    while true {
      if synchronous {
        app.computeNow()
      } else {
        // Shared figures first, then the visible tab's: each may finish within the frame.
        while app.startJobs(synchronous: false) && app.pollJobs(milliseconds: frameMilliseconds) {}
      }
      app.computing = app.runningWork
      present(app, on: backend)
      if app.shouldQuit { return .quit }
      switch backend.nextEvent(timeoutMilliseconds: app.computing != nil ? 50 : nil) {
      case .event(let event):
        handle(event, app, backend)
        // Keys already waiting (a paste, a held key) are taken before anything is computed or
        // drawn, so a 10,000-character paste costs one recompute, not 10,000.
        if !synchronous {
          drain: for _ in 0..<maxDrainedEvents {
            if app.shouldQuit { break }
            switch backend.nextEvent(timeoutMilliseconds: 0) {
            case .event(let next): handle(next, app, backend)
            case .timeout: break drain
            case .endOfInput: return .endOfInput
            case .terminate(let signal): return .signal(signal)
            }
          }
        }
      case .timeout:
        continue
      case .endOfInput:
        return .endOfInput
      case .terminate(let signal):
        return .signal(signal)
      }
    }
  }

  /// The most events taken in one go before the screen catches up.
  static let maxDrainedEvents = 100_000

  private static func handle(_ event: InputEvent, _ app: App, _ backend: TerminalBackend) {
    app.handle(event)
    for effect in app.takeEffects() {
      switch effect {
      case .suspend: backend.suspend()
      case .repaint: backend.repaintAll()
      case .controlSequence(let text): backend.writeControlSequence(text)
      }
    }
  }

  static func present(_ app: App, on backend: TerminalBackend) {
    let size = backend.size
    var grid = CellGrid(width: size.width, height: size.height)
    app.render(into: &grid)
    backend.present(grid)
  }
}
