import ProfileModel

/// The screen as views draw it: a grid of cells, a value type that tests read directly.
public struct CellGrid: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(width, 0)
    self.height = max(height, 0)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : .blank }
    set { if x >= 0 && y >= 0 && x < width && y < height { cells[y * width + x] = newValue } }
  }

  /// Writes `text` from column `x` of row `y`, clipped to `maxWidth` columns and the grid.
  ///
  /// Control characters are drawn as `\xNN` (`SafeText.terminal`): no string of a capture can
  /// reach the terminal as a control sequence.
  ///
  /// - Returns: the columns used.
  @discardableResult
  public mutating func put(_ raw: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
    guard y >= 0 && y < height else { return 0 }
    let text = SafeText.terminal(raw)
    let limit = min(x + (maxWidth ?? width), width)
    var column = x
    for scalar in text.unicodeScalars {
      let w = CharacterWidth.of(scalar)
      if w == 0 { continue }
      if column + w > limit { break }
      if column >= 0 {
        let row = y * width
        // Never leave half of a wide character behind.
        if cells[row + column].isContinuation && column > 0 {
          cells[row + column - 1] = Cell(scalar: " ", style: cells[row + column - 1].style)
        }
        let end = column + w
        if end < width && cells[row + end].isContinuation {
          cells[row + end] = Cell(scalar: " ", style: cells[row + end].style)
        }
        cells[row + column] = Cell(scalar: scalar, style: style)
        if w == 2 { cells[row + column + 1] = Cell(scalar: " ", style: style, isContinuation: true) }
      }
      column += w
    }
    return max(column - x, 0)
  }

  /// Fills a rectangle with one character and style.
  public mutating func fill(
    x: Int, y: Int, width w: Int, height h: Int, scalar: Unicode.Scalar = " ", style: Style = .plain
  ) {
    let x0 = max(x, 0)
    let y0 = max(y, 0)
    let x1 = min(x + w, width)
    let y1 = min(y + h, height)
    guard x0 < x1 && y0 < y1 else { return }
    for row in y0..<y1 {
      for column in x0..<x1 { cells[row * width + column] = Cell(scalar: scalar, style: style) }
    }
  }

  /// Applies a style to a run of cells, keeping their characters.
  public mutating func restyle(x: Int, y: Int, width w: Int, _ change: (inout Style) -> Void) {
    guard y >= 0 && y < height else { return }
    for column in max(x, 0)..<max(min(x + w, width), max(x, 0)) { change(&cells[y * width + column].style) }
  }

  /// Draws a frame with the glyph set's box characters.
  public mutating func box(x: Int, y: Int, width w: Int, height h: Int, glyphs: Glyphs, style: Style = .plain) {
    guard w >= 2 && h >= 2 else { return }
    for column in x + 1..<x + w - 1 {
      self[column, y] = Cell(scalar: glyphs.horizontal, style: style)
      self[column, y + h - 1] = Cell(scalar: glyphs.horizontal, style: style)
    }
    for row in y + 1..<y + h - 1 {
      self[x, row] = Cell(scalar: glyphs.vertical, style: style)
      self[x + w - 1, row] = Cell(scalar: glyphs.vertical, style: style)
    }
    self[x, y] = Cell(scalar: glyphs.topLeft, style: style)
    self[x + w - 1, y] = Cell(scalar: glyphs.topRight, style: style)
    self[x, y + h - 1] = Cell(scalar: glyphs.bottomLeft, style: style)
    self[x + w - 1, y + h - 1] = Cell(scalar: glyphs.bottomRight, style: style)
  }

  /// One row as text: continuation cells skipped, trailing blanks trimmed.
  public func line(_ y: Int) -> String {
    guard y >= 0 && y < height else { return "" }
    var scalars = String.UnicodeScalarView()
    for x in 0..<width where !cells[y * width + x].isContinuation { scalars.append(cells[y * width + x].scalar) }
    var text = String(scalars)
    while text.last == " " { text.removeLast() }
    return text
  }

  /// Every row as text (see `line(_:)`).
  public var lines: [String] { (0..<height).map(line) }

  /// The text of the whole screen, one row per line.
  public var text: String { lines.joined(separator: "\n") }
}
