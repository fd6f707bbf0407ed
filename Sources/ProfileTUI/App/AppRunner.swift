import Foundation
import ProfileModel

/// The input loop: draw, wait for input or computed figures, update, repeat.
public enum AppRunner {
  /// How long a computation may take before the screen says "Computing…" and input is read
  /// while it runs.
  public static let frameMilliseconds = 16

  /// Runs until the user quits or input ends.
  ///
  /// - Parameter synchronous: finish every computation before reading the next event
  ///   (deterministic tests); otherwise a slow one runs while keys are read, and a newer
  ///   request cancels it.
  public static func run(_ app: App, on backend: TerminalBackend, synchronous: Bool = false) {
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
      if app.shouldQuit { return }
      switch backend.nextEvent(timeoutMilliseconds: app.computing != nil ? 50 : nil) {
      case .event(let event):
        app.handle(event)
        for effect in app.takeEffects() {
          switch effect {
          case .suspend: backend.suspend()
          case .repaint: backend.repaintAll()
          case .controlSequence(let text): backend.writeControlSequence(text)
          }
        }
      case .timeout:
        continue
      case .endOfInput, .terminate:
        return
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
