/// Pixels in terminal cells: two per cell with half blocks (`▀`, foreground the upper pixel,
/// background the lower one: ratatui's half-block grid), or one per cell as a character.
struct PixelGrid {
  /// One pixel: nothing, a colour, or (one pixel per cell) a character in a style.
  enum Pixel: Equatable {
    case empty
    case color(TermColor)
    case glyph(Character, Style)
  }

  /// Pixel rows per cell: 2 (half blocks) or 1.
  let rowsPerCell: Int

  /// Draws `rows` pixel rows of `width` pixels from (`x`, `y`), `pixel(row, column)` giving each.
  func draw(
    width: Int, rows: Int, x: Int, y: Int, into grid: inout CellGrid, pixel: (Int, Int) -> Pixel
  ) {
    let cells = (rows + rowsPerCell - 1) / rowsPerCell
    for cellRow in 0..<cells {
      for column in 0..<width {
        if rowsPerCell == 1 {
          grid.put(
            String(Self.character(pixel(cellRow, column))), x: x + column, y: y + cellRow,
            style: style(
              of: pixel(cellRow, column)))
          continue
        }
        let upper = pixel(2 * cellRow, column)
        let lower = 2 * cellRow + 1 < rows ? pixel(2 * cellRow + 1, column) : .empty
        let (text, style) = Self.halfBlock(upper: upper, lower: lower)
        grid.put(text, x: x + column, y: y + cellRow, style: style)
      }
    }
  }

  /// A cell of two pixels: `▀` on the lower one's colour, `▄` when only the lower is set.
  static func halfBlock(upper: Pixel, lower: Pixel) -> (String, Style) {
    switch (color(upper), color(lower)) {
    case (nil, nil): return (" ", .plain)
    case (let top?, nil): return ("▀", Style(foreground: top))
    case (nil, let bottom?): return ("▄", Style(foreground: bottom))
    case (let top?, let bottom?):
      return top == bottom ? ("█", Style(foreground: top)) : ("▀", Style(foreground: top, background: bottom))
    }
  }

  static func color(_ pixel: Pixel) -> TermColor? {
    switch pixel {
    case .color(let c): return c
    case .glyph(_, let style): return style.foreground == .standard ? nil : style.foreground
    case .empty: return nil
    }
  }

  static func character(_ pixel: Pixel) -> Character {
    if case .glyph(let c, _) = pixel { return c }
    if case .color = pixel { return "#" }
    return " "
  }

  func style(of pixel: Pixel) -> Style {
    switch pixel {
    case .glyph(_, let style): return style
    case .color(let c): return Style(foreground: c)
    case .empty: return .plain
    }
  }

  /// The cell row and whether the pixel is its upper half.
  func cell(ofRow row: Int) -> (row: Int, upper: Bool) {
    (row / rowsPerCell, rowsPerCell == 1 || row % 2 == 0)
  }
}
