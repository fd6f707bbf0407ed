internal import CNcursesw

#if canImport(Glibc)
  import Glibc
#endif

/// Errors starting the terminal.
public enum TerminalError: Error, CustomStringConvertible {
  case notATerminal
  case unknownTerminal(String)

  public var description: String {
    switch self {
    case .notATerminal:
      return "the viewer needs a terminal on stdin and stdout; for scripts use `mprof-tui summary|report|dump FILE`"
    case .unknownTerminal(let term):
      return "cannot open the terminal (TERM=\(term)); try TERM=xterm-256color"
    }
  }
}

/// The ncursesw backend: the only code that talks to the terminal.
///
/// ncurses diffs its virtual screen against the physical one, so a frame costs only the bytes
/// that changed.
public final class NcursesBackend: TerminalBackend {
  private struct PairKey: Hashable {
    var foreground: Int16
    var background: Int16
  }

  private var screen: OpaquePointer?
  private var pairs: [PairKey: Int16] = [:]
  private var shown: CellGrid?
  private let colors: Int
  private var isOpen = true
  private let interactive: Bool
  /// The locale cannot show anything but ASCII: other characters are drawn as `?`, one column
  /// each, so no row shifts and no stale cell is left at its end.
  private var asciiOnly = false

  /// The colour depth the terminal offers.
  public let depth: ColorDepth

  /// Takes the fatal signals from the Swift runtime's backtracer for the whole program.
  ///
  /// A crash restores the terminal and ends with the signal, SIGQUIT quits as it does by
  /// default. Call first thing in `main`.
  public static func takeFatalSignals() { nc_take_fatal_signals() }

  /// Whether the locale is UTF-8 (box drawing and blocks can be shown).
  public static func localeIsUTF8() -> Bool {
    setlocale(LC_ALL, "")
    guard let codeset = nc_codeset() else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
  }

  /// Opens the terminal on stdin/stdout.
  ///
  /// - Parameters:
  ///   - colors: `false` for monochrome (NO_COLOR, `--no-color`).
  ///   - mouse: report clicks and the wheel.
  /// - Throws: `TerminalError` when stdin or stdout is not a terminal or TERM is unknown.
  public init(colors wantColors: Bool, mouse: Bool) throws {
    guard isatty(0) != 0, isatty(1) != 0 else { throw TerminalError.notATerminal }
    setlocale(LC_ALL, "")
    if getenv("ESCDELAY") == nil { set_escdelay(25) }
    guard let screen = nc_newterm_stdio() else {
      throw TerminalError.unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "")
    }
    self.screen = screen
    interactive = true
    asciiOnly = !Self.localeIsUTF8()
    nc_install_fatal_handlers()
    nc_install_terminate_handlers()
    raw()
    noecho()
    nonl()
    keypad(nc_stdscr(), true)
    curs_set(0)
    if wantColors && has_colors() {
      start_color()
      use_default_colors()
      colors = Int(nc_colors())
    } else {
      colors = 0
    }
    depth = colors >= 256 ? .xterm256 : (colors >= 8 ? .ansi16 : .none)
    if mouse {
      var old: mmask_t = 0
      mousemask(NC_BUTTON1_PRESSED | NC_BUTTON1_DOUBLE_CLICKED | NC_BUTTON4_PRESSED | NC_BUTTON5_PRESSED, &old)
      mouseinterval(0)
    }
  }

  /// An off-screen terminal of a given type and size (tests; no TTY needed).
  public init(offscreen type: String, width: Int, height: Int) {
    setlocale(LC_ALL, "C.UTF-8")
    screen = nc_newterm_null(type)
    if let screen { set_term(screen) }
    interactive = false
    start_color()
    use_default_colors()
    colors = Int(nc_colors())
    depth = colors >= 256 ? .xterm256 : .ansi16
    resizeterm(Int32(height), Int32(width))
  }

  public var size: (width: Int, height: Int) { (Int(getmaxx(nc_stdscr())), Int(getmaxy(nc_stdscr()))) }

  /// Restores the terminal (safe to call twice).
  public func shutdown() {
    guard isOpen else { return }
    isOpen = false
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
  }

  deinit { shutdown() }

  private func colorNumber(_ color: TermColor) -> (Int16, Bool) {
    switch color {
    case .standard: return (-1, false)
    case .indexed(let n):
      if Int(n) < colors { return (Int16(n), false) }
      if n < 16 { return (Int16(n % 8), true) }
      return (-1, false)
    }
  }

  private func pair(for style: Style) -> (Int16, attr_t) {
    guard colors > 0 else { return (0, 0) }
    let (fg, brightFg) = colorNumber(style.foreground)
    let (bg, _) = colorNumber(style.background)
    let key = PairKey(foreground: fg, background: bg)
    let bold: attr_t = brightFg ? NC_A_BOLD : 0
    if fg == -1 && bg == -1 { return (0, bold) }
    if let known = pairs[key] { return (known, bold) }
    let next = pairs.count + 1
    guard next < min(Int(nc_color_pairs()), 32767) else { return (0, bold) }
    init_pair(Int16(next), fg, bg)
    pairs[key] = Int16(next)
    return (Int16(next), bold)
  }

  private func attributes(_ a: TextAttributes) -> attr_t {
    var result: attr_t = NC_A_NORMAL
    if a.contains(.bold) { result |= NC_A_BOLD }
    if a.contains(.reverse) { result |= NC_A_REVERSE }
    if a.contains(.underline) { result |= NC_A_UNDERLINE }
    if a.contains(.dim) { result |= NC_A_DIM }
    return result
  }

  public func present(_ grid: CellGrid) {
    let window = nc_stdscr()
    let previous = shown.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
    var cc = cchar_t()
    var text: [wchar_t] = [0, 0]
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        let cell = grid[x, y]
        if cell.isContinuation { continue }
        if let previous, previous[x, y] == cell { continue }
        let (pairNumber, extra) = pair(for: cell.style)
        let value = asciiOnly && cell.scalar.value > 0x7E ? UInt32(UInt8(ascii: "?")) : cell.scalar.value
        text[0] = wchar_t(bitPattern: value)
        setcchar(&cc, text, attributes(cell.style.attributes) | extra, pairNumber, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &cc)
      }
    }
    shown = grid
    wnoutrefresh(window)
    doupdate()
  }

  public func nextEvent(timeoutMilliseconds: Int?) -> BackendInput {
    let window = nc_stdscr()
    var waited = 0
    while true {
      let signal = nc_terminate_was_requested()
      if signal != 0 { return .terminate(signal: signal) }
      // Block in slices so SIGTERM is noticed even while idle.
      let slice = timeoutMilliseconds.map { min(max($0 - waited, 0), 250) } ?? 250
      wtimeout(window, Int32(slice))
      var ch: wint_t = 0
      let kind = wget_wch(window, &ch)
      if kind == ERR {
        if !interactive || isatty(0) == 0 { return .endOfInput }
        waited += slice
        if let timeoutMilliseconds, waited >= timeoutMilliseconds { return .timeout }
        continue
      }
      if kind == KEY_CODE_YES {
        if let event = decodeKeyCode(Int32(ch)) { return .event(event) }
        continue
      }
      if let event = decodeCharacter(UInt32(ch)) { return .event(event) }
    }
  }

  private func decodeKeyCode(_ code: Int32) -> InputEvent? {
    switch code {
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_HOME: return .key(.home)
    case KEY_END: return .key(.end)
    case KEY_ENTER: return .key(.enter)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_DC: return .key(.delete)
    case KEY_BTAB: return .key(.backTab)
    case KEY_RESIZE:
      // The terminal may have moved what it showed (a shrinking tmux pane keeps the bottom
      // rows): repaint everything rather than trust ncurses' idea of the screen.
      shown = nil
      clearok(nc_curscr(), true)
      return .resize(width: Int(nc_cols()), height: Int(nc_lines()))
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      let x = Int(event.x)
      let y = Int(event.y)
      if event.bstate & NC_BUTTON4_PRESSED != 0 { return .mouse(x: x, y: y, button: .wheelUp) }
      if event.bstate & NC_BUTTON5_PRESSED != 0 { return .mouse(x: x, y: y, button: .wheelDown) }
      if event.bstate & NC_BUTTON1_DOUBLE_CLICKED != 0 { return .mouse(x: x, y: y, button: .doublePress) }
      if event.bstate & (NC_BUTTON1_PRESSED | NC_BUTTON1_CLICKED) != 0 { return .mouse(x: x, y: y, button: .press) }
      return nil
    default:
      for n in 1...12 where code == nc_key_f(Int32(n)) { return .key(.function(n)) }
      return nil
    }
  }

  private func decodeCharacter(_ value: UInt32) -> InputEvent? {
    switch value {
    case 13, 10: return .key(.enter)
    case 27: return .key(.escape)
    case 9: return .key(.tab)
    case 8, 127: return .key(.backspace)
    case 1...26:
      guard let scalar = Unicode.Scalar(value + 96) else { return nil }
      return .key(.control(Character(scalar)))
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .key(.character(Character(scalar)))
    }
  }

  public func suspend() {
    endwin()
    nc_suspend_self()
    // Back from `fg`: repaint everything.
    shown = nil
    clearok(nc_stdscr(), true)
    wrefresh(nc_stdscr())
  }

  public func repaintAll() {
    shown = nil
    clearok(nc_curscr(), true)
  }

  public func writeControlSequence(_ text: String) {
    guard interactive else { return }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
  }

  /// The text of one row of ncurses' virtual screen (tests of the off-screen backend).
  public func text(row: Int) -> String {
    let window = nc_stdscr()
    var result = String.UnicodeScalarView()
    var x: Int32 = 0
    let width = getmaxx(window)
    while x < width {
      var cc = cchar_t()
      mvwin_wch(window, Int32(row), x, &cc)
      var chars: [wchar_t] = Array(repeating: 0, count: 8)
      var attrs: attr_t = 0
      var pairNumber: Int16 = 0
      getcchar(&cc, &chars, &attrs, &pairNumber, nil)
      let scalar = Unicode.Scalar(UInt32(bitPattern: chars[0])) ?? " "
      result.append(scalar)
      x += Int32(max(wcwidth(chars[0]), 1))
    }
    var text = String(result)
    while text.last == " " { text.removeLast() }
    return text
  }
}
