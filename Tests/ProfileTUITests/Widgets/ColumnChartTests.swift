import Testing

@testable import ProfileTUI

/// Columns and stacked areas in eighths of a cell.
@Suite struct ColumnChartTests {
  static let lower = Style(foreground: .indexed(1))
  static let upper = Style(foreground: .indexed(2))

  @Test func columnsInEighths() {
    var grid = CellGrid(width: 3, height: 2)
    // Scale 16 over 2 rows: one eighth per unit.
    let tops = ColumnChart.draw(
      [16, 9, 3], scale: 16, x: 0, y: 0, rows: 2, into: &grid, style: Self.lower, glyphs: .unicode)
    #expect(grid.line(0).trimmingSuffix == "█▁" && grid.line(1) == "██▃")
    #expect(tops == [0, 0, 1])
  }

  @Test func brailleHasTwoSamplesPerCellAndFourLevelsPerRow() {
    var grid = CellGrid(width: 2, height: 2)
    // Scale 8 over 2 rows: one dot per unit. Column 0: left 8 (full), right 3; column 1: left
    // 0, right 1 (a dot for anything above zero).
    let tops = ColumnChart.drawBraille(
      [8, 3, 0, 1], scale: 8, x: 0, y: 0, rows: 2, into: &grid, style: Self.lower)
    // Bottom row: left full (dots 1 2 3 7), right 3 low dots (5 6 8) → 0x47 | 0xB0.
    #expect(grid.line(1) == "\u{28F7}\u{2880}")
    // Top row: left full only.
    #expect(grid.line(0).trimmingSuffix == "\u{2847}")
    #expect(tops == [0, 1])
  }

  @Test func aBoundaryCellShowsTheLowerLayerOnTheUpperOnesColour() {
    var grid = CellGrid(width: 1, height: 2)
    // Lower layer 5 eighths, upper 6 more: the bottom cell is 5/8 lower on upper's colour, the
    // top cell is 3/8 upper.
    let tops = ColumnChart.drawStacked(
      [[5], [6]], styles: [Self.lower, Self.upper], scale: 16, x: 0, y: 0, rows: 2, into: &grid, glyphs: .unicode)
    #expect(grid.line(1) == "▅" && grid.line(0) == "▃")
    #expect(grid[0, 1].style.foreground == .indexed(1) && grid[0, 1].style.background == .indexed(2))
    #expect(grid[0, 0].style.foreground == .indexed(2) && grid[0, 0].style.background == .standard)
    #expect(tops == [0])
  }

  @Test func withoutColoursACellShowsTheStacksHeight() {
    var grid = CellGrid(width: 1, height: 2)
    ColumnChart.drawStacked(
      [[5], [2]], styles: [.plain, .plain], scale: 16, x: 0, y: 0, rows: 2, into: &grid, glyphs: .unicode)
    // 7 eighths in all: one cell, drawn 7/8 high (not the lower layer's 5/8).
    #expect(grid.line(1) == "▇" && grid.line(0).trimmingSuffix.isEmpty)
  }
}

extension String {
  /// The line without its trailing blanks.
  fileprivate var trimmingSuffix: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
