/// A key as the views see it, whatever the backend.
public enum Key: Sendable, Hashable {
  case character(Character)
  /// Ctrl with a letter (`"c"` for Ctrl-C).
  case control(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, backspace, delete, tab, backTab
  case function(Int)
}

/// A mouse button action at a cell.
public enum MouseButton: Sendable, Hashable {
  case press
  case doublePress
  case wheelUp
  case wheelDown
}

/// What the input loop receives.
public enum InputEvent: Sendable, Hashable {
  case key(Key)
  case mouse(x: Int, y: Int, button: MouseButton)
  case resize(width: Int, height: Int)
}

extension Key {
  /// The key as the help and footer write it.
  public var label: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .control(let c): return "Ctrl-" + String(c).uppercased()
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Bksp"
    case .delete: return "Del"
    case .tab: return "Tab"
    case .backTab: return "S-Tab"
    case .function(let n): return "F\(n)"
    }
  }
}
