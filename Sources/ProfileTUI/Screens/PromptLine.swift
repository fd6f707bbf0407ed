/// The prompt on the footer row: text filter or find, with its toggles.
enum PromptLine {
  static func draw(_ prompt: Prompt, app: App, y: Int, into grid: inout CellGrid) {
    let theme = app.theme
    let label: String
    switch prompt.purpose {
    case .textFilter: label = prompt.isRegex ? "Filter (regex): " : "Filter: "
    case .find: label = prompt.isRegex ? "Find (regex): " : "Find: "
    case .findAll: label = prompt.isRegex ? "Find all (regex): " : "Find all: "
    }
    var x = grid.put(label, x: 0, y: y, style: theme[.footerKey])
    x += grid.put(prompt.text, x: x, y: y, style: theme[.footerText])
    grid.put("_", x: x, y: y, style: theme[.footerText].adding(.reverse))
    var hints = "  Ctrl-R regex"
    if prompt.purpose != .textFilter { hints += prompt.caseSensitive ? "  Ctrl-T case: on" : "  Ctrl-T case: off" }
    hints += "  Enter " + (prompt.purpose == .textFilter ? "keep" : "find") + "  Esc cancel "
    let width = CharacterWidth.of(hints)
    if x + 2 + width <= grid.width { grid.put(hints, x: grid.width - width, y: y, style: theme[.dim]) }
  }
}
