/// Something the input loop does for the app outside the screen.
public enum AppEffect: Sendable, Equatable {
  /// Ctrl-Z: give the terminal back to the shell.
  case suspend
  /// Ctrl-L: repaint every cell.
  case repaint
  /// Send a control sequence to the terminal (OSC 52).
  case controlSequence(String)
}
