import Foundation
import ProfileModel

/// The input loop: draw, wait for input or computed data, update, repeat.
public enum AppRunner {
  /// How long a recompute may take before the screen says "Computing…" and input is read
  /// while it runs.
  public static let frameMilliseconds = 16

  /// Runs until the user quits or input ends.
  ///
  /// - Parameter synchronous: wait for every recompute before reading the next event
  ///   (deterministic tests); otherwise a slow recompute runs while keys are read.
  public static func run(_ app: App, on backend: TerminalBackend, synchronous: Bool = false) {
    var job: ComputeJob?
    let size = backend.size
    app.handle(.resize(width: size.width, height: size.height))
    while true {
      if app.needsCompute && job?.inputs != app.inputs && (job == nil || synchronous) {
        job = ComputeJob(profile: app.profile, assignment: app.assignment, inputs: app.inputs, previous: app.data)
      }
      if let running = job {
        if let outcome = running.wait(milliseconds: synchronous ? nil : frameMilliseconds) {
          app.accept(outcome, for: running.inputs)
          job = nil
          if app.needsCompute { continue }
        }
      }
      app.isComputing = job != nil
      present(app, on: backend)
      if app.shouldQuit { return }
      switch backend.nextEvent(timeoutMilliseconds: job != nil ? 50 : nil) {
      case .event(let event):
        app.handle(event)
        for effect in app.takeEffects() {
          switch effect {
          case .suspend: backend.suspend()
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
