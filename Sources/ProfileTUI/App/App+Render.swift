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
    tab.draw(into: &grid, context: context(for: tabIndex))
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

  /// The help screen's lines, generated from the key map: one section per context.
  public var helpLines: [(text: String, isHeading: Bool)] {
    var lines: [(String, Bool)] = []
    // The key column is as wide as its longest entry, so keys never run into their text.
    let keyWidth = min((keyMap.bindings.map { CharacterWidth.of($0.keyLabel) }.max() ?? 10) + 2, 32)
    for context in keyMap.contexts {
      lines.append((context.title, true))
      for binding in keyMap.bindings where binding.context == context {
        lines.append(("  " + TextFit.pad(binding.keyLabel, keyWidth) + binding.help, false))
      }
      lines.append(("", false))
    }
    lines.append(("Mouse: click a tab or a row, double-click expands, the wheel scrolls.", false))
    return lines
  }
}
