/// A one-column marker of where a list's visible rows sit in the whole list, in the column
/// right of the rows (lists leave that column free, so the mark covers no character).
enum ScrollMark {
  static func draw(top: Int, visible: Int, count: Int, x: Int, y: Int, theme: Theme, into grid: inout CellGrid) {
    guard count > visible, visible > 0 else { return }
    let position = y + min(visible - 1, top * visible / count)
    var cell = grid[x, position]
    cell.scalar = theme.glyphs.barFull
    cell.style = theme[.dim]
    grid[x, position] = cell
  }
}
