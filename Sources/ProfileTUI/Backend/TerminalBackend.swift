/// What a backend hands the input loop.
public enum BackendInput: Sendable, Equatable {
  case event(InputEvent)
  /// Nothing arrived within the timeout.
  case timeout
  /// Input is gone (a closed stdin, the end of a script).
  case endOfInput
  /// SIGTERM, SIGHUP, SIGQUIT or SIGINT: quit, restoring the terminal, then exit with 128 + the
  /// signal.
  case terminate(signal: Int32)
}

/// A place to show a `CellGrid` and read input from: the terminal through ncurses, or memory
/// (tests).
public protocol TerminalBackend: AnyObject {
  /// Columns and rows.
  var size: (width: Int, height: Int) { get }
  /// Puts the grid on screen (the backend writes only what changed).
  func present(_ grid: CellGrid)
  /// The next input, waiting at most `timeoutMilliseconds` (`nil`: until something arrives).
  func nextEvent(timeoutMilliseconds: Int?) -> BackendInput
  /// Gives the terminal back to the shell until the user resumes the job (Ctrl-Z).
  func suspend()
  /// Forgets what the screen shows, so the next `present` writes every cell (Ctrl-L).
  func repaintAll()
  /// Sends a control sequence straight to the terminal (OSC 52 clipboard).
  func writeControlSequence(_ text: String)
}
