/// A list with a column header, virtual rows, a selection and a scroll mark.
///
/// Drawing and hit-testing use the same geometry.
struct ListView {
  /// The header row and the rows below it.
  let area: Rect

  /// Where the rows go.
  var rowsArea: Rect { area.droppingTop(1) }
  /// How many rows show at once.
  var visibleRows: Int { max(rowsArea.height, 1) }

  /// Draws the column header across the area.
  func drawHeader(_ text: String, theme: Theme, into grid: inout CellGrid) {
    guard area.height > 0 else { return }
    grid.fill(x: area.x, y: area.y, width: area.width, height: 1, style: theme[.columnHeader])
    grid.put(TextFit.clip(text, area.width, glyphs: theme.glyphs), x: area.x, y: area.y, style: theme[.columnHeader])
  }

  /// Draws the visible rows: `row(index, y, isSelected)` draws one; the scroll mark goes in the
  /// last column.
  func drawRows(
    count: Int, cursor: ListCursor, theme: Theme, into grid: inout CellGrid,
    row: (Int, Int, Bool, inout CellGrid) -> Void
  ) {
    let rows = rowsArea
    for i in 0..<rows.height {
      let index = cursor.top + i
      guard index < count else { break }
      row(index, rows.y + i, index == cursor.selected, &grid)
    }
    ScrollMark.draw(
      top: cursor.top, visible: rows.height, count: count, x: rows.maxX - 1, y: rows.y, theme: theme, into: &grid)
  }

  /// The list index at screen row `y`, if a row is there.
  func index(atY y: Int, cursor: ListCursor, count: Int) -> Int? {
    let rows = rowsArea
    guard y >= rows.y && y < rows.maxY else { return nil }
    let index = cursor.top + y - rows.y
    return index < count ? index : nil
  }
}
