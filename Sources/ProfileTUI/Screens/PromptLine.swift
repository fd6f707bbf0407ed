/// The prompt on the footer row: text filter or find, with its toggles (keys from the prompt's
/// binding table).
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
    // The selected last text shows reversed; otherwise the cursor is a reversed cell.
    let text = Array(prompt.text)
    if prompt.isSelected {
      x += grid.put(prompt.text, x: x, y: y, style: theme[.footerText].adding(.reverse))
    } else {
      x += grid.put(String(text[..<prompt.cursor]), x: x, y: y, style: theme[.footerText])
      let under = prompt.cursor < text.count ? String(text[prompt.cursor]) : " "
      x += grid.put(under, x: x, y: y, style: theme[.footerText].adding(.reverse))
      if prompt.cursor + 1 < text.count {
        x += grid.put(String(text[(prompt.cursor + 1)...]), x: x, y: y, style: theme[.footerText])
      }
    }
    func key(_ action: Action) -> String {
      app.keyMap.bindings.first { $0.context == ShellBindings.prompt && $0.action == action }?.keys.first?.label ?? ""
    }
    var hints = "  \(key(.toggleRegex)) regex"
    if prompt.purpose != .textFilter { hints += "  \(key(.toggleCase)) case: " + (prompt.caseSensitive ? "on" : "off") }
    hints += "  \(key(.submit)) " + (prompt.purpose == .textFilter ? "keep" : "find") + "  \(key(.cancel)) cancel "
    let width = CharacterWidth.of(hints)
    if x + 2 + width <= grid.width { grid.put(hints, x: grid.width - width, y: y, style: theme[.dim]) }
  }
}
