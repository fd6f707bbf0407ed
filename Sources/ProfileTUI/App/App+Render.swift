import ProfileModel

extension App {
  /// Draws the whole screen.
  public func render(into grid: inout CellGrid) {
    if grid.width != layout.width || grid.height != layout.height {
      layout = Layout(width: grid.width, height: grid.height)
    }
    guard grid.width >= Self.minimumSize.width && grid.height >= Self.minimumSize.height else {
      grid.put("Terminal too small: \(grid.width)×\(grid.height)", x: 0, y: 0, style: theme[.statusError])
      grid.put("needs \(Self.minimumSize.width)×\(Self.minimumSize.height); q quits", x: 0, y: 1)
      return
    }
    Chrome.drawTabBar(self, into: &grid)
    Chrome.drawFilterLine(self, into: &grid)
    switch tab {
    case .callgraph: CallgraphScreen.draw(self, into: &grid)
    case .exclusive: ExclusiveScreen.draw(self, into: &grid)
    }
    OverlayScreens.draw(self, into: &grid)
    Chrome.drawStatus(self, into: &grid)
    Chrome.drawFooter(self, into: &grid)
  }

  /// The smallest screen the views lay out on (80×24 is the target; smaller still works).
  public static let minimumSize = (width: 40, height: 10)

  /// A fresh frame at the current size.
  public func frame() -> CellGrid {
    var grid = CellGrid(width: layout.width, height: layout.height)
    render(into: &grid)
    return grid
  }

  /// The help screen's lines, generated from the key map.
  public var helpLines: [(text: String, isHeading: Bool)] {
    var lines: [(String, Bool)] = []
    for context in KeyContext.allCases {
      lines.append((context.rawValue, true))
      for binding in keyMap.bindings where binding.context == context {
        lines.append(("  " + TextFit.pad(binding.keys.map(\.label).joined(separator: " "), 24) + binding.action.summary, false))
      }
      lines.append(("", false))
    }
    lines.append(("Exclusive callstack pane", true))
    lines.append(("  " + TextFit.pad("↑ ↓ j k", 24) + "move between frames", false))
    lines.append(("  " + TextFit.pad("Enter", 24) + "show the frame in the Callgraph", false))
    lines.append(("  " + TextFit.pad("Esc h ←", 24) + "back to the list", false))
    lines.append(("", false))
    lines.append(("Prompts (\\ filter, / find)", true))
    lines.append(("  " + TextFit.pad("Ctrl-R", 24) + "toggle regular expression", false))
    lines.append(("  " + TextFit.pad("Ctrl-T", 24) + "toggle match case (find)", false))
    lines.append(("  " + TextFit.pad("Ctrl-U", 24) + "clear the text", false))
    lines.append(("  " + TextFit.pad("Enter / Esc", 24) + "keep / cancel", false))
    lines.append(("", false))
    lines.append(("Panels (c groups, m pools, t tags, [ ] snapshots)", true))
    lines.append(("  " + TextFit.pad("Space x", 24) + "toggle the row", false))
    lines.append(("  " + TextFit.pad("a / n", 24) + "check all / none (groups, pools)", false))
    lines.append(("  " + TextFit.pad("type, Ctrl-U, Ctrl-R", 24) + "tags: search, clear search, reset selection", false))
    lines.append(("  " + TextFit.pad("Enter / Esc", 24) + "close (changes apply at once)", false))
    lines.append(("", false))
    lines.append(("Mouse: click a tab or a row, double-click expands, the wheel scrolls.", false))
    return lines
  }
}
