/// Vertical bars, one per column, in eighths of a cell (`▁▂▃▄▅▆▇█`), or `#` and `.` in ASCII
/// (btop's and gnuplot's block charts).
enum ColumnChart {
  static let eighths: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// The height of `value` on a chart `rows` tall whose top is `scale`, in eighths of a row.
  static func eighthsHigh(_ value: Int64, scale: Int64, rows: Int) -> Int {
    guard value > 0, scale > 0 else { return 0 }
    let exact = Double(value) / Double(scale) * Double(rows * 8)
    return min(max(Int(exact.rounded()), 1), rows * 8)
  }

  /// The row (0 = top) a value's level falls in, for lines drawn over the bars.
  static func row(of value: Int64, scale: Int64, rows: Int) -> Int {
    let level = eighthsHigh(value, scale: scale, rows: rows)
    return max(rows - 1 - max(level - 1, 0) / 8, 0)
  }

  /// Draws `values` left to right from (`x`, `y`), `rows` tall.
  ///
  /// - Returns: per column, the first row (from the top) the bar does not reach, so markers can be
  ///   drawn above the bars without hiding them.
  @discardableResult
  static func draw(
    _ values: [Int64], scale: Int64, x: Int, y: Int, rows: Int, into grid: inout CellGrid, style: Style, glyphs: Glyphs
  ) -> [Int] {
    var tops = [Int]()
    tops.reserveCapacity(values.count)
    for (column, value) in values.enumerated() {
      let level = eighthsHigh(value, scale: scale, rows: rows)
      let full = level / 8
      let part = level % 8
      for r in 0..<full {
        grid.put(glyphs == .unicode ? "█" : "#", x: x + column, y: y + rows - 1 - r, style: style)
      }
      if part > 0 {
        let glyph = glyphs == .unicode ? String(eighths[part - 1]) : (part >= 4 ? "#" : ".")  // part is 1…8
        grid.put(glyph, x: x + column, y: y + rows - 1 - full, style: style)
      }
      tops.append(rows - full - (part > 0 ? 1 : 0))
    }
    return tops
  }

  /// Draws areas stacked from the bottom (`layers[0]` lowest), one column per index.
  ///
  /// A cell where one layer ends and the next begins shows the lower layer's eighth block in its
  /// colour on the upper layer's colour as background, so boundaries keep an eighth of a cell's
  /// resolution.
  ///
  /// - Returns: per column, the first row (from the top) the stack does not reach.
  @discardableResult
  static func drawStacked(
    _ layers: [[Int64]], styles: [Style], scale: Int64, x: Int, y: Int, rows: Int, into grid: inout CellGrid,
    glyphs: Glyphs
  ) -> [Int] {
    let columns = layers.map(\.count).max() ?? 0
    var tops = [Int]()
    tops.reserveCapacity(columns)
    for column in 0..<columns {
      // Cumulative tops in eighths of a row.
      var running: Int64 = 0
      let levels = layers.map { layer -> Int in
        running += column < layer.count ? max(layer[column], 0) : 0
        return eighthsHigh(running, scale: scale, rows: rows)
      }
      let total = levels.last ?? 0
      for r in 0..<((total + 7) / 8) {
        let bottom = r * 8
        // The lowest layer that reaches above this cell's bottom fills it from there.
        guard let k = levels.firstIndex(where: { $0 > bottom }) else { break }
        let cellY = y + rows - 1 - r
        if levels[k] >= bottom + 8 {
          grid.put(glyphs == .unicode ? "█" : "#", x: x + column, y: cellY, style: styles[k])
          continue
        }
        var part = levels[k] - bottom
        var style = styles[k]
        if let above = levels.indices.first(where: { $0 > k && levels[$0] > levels[k] }) {
          if styles[above].foreground == .standard {
            // No colour to tell the layers apart: the cell shows the stack's own height.
            part = min(total - bottom, 8)
          } else {
            style.background = styles[above].foreground
          }
        }
        let glyph = glyphs == .unicode ? String(eighths[part - 1]) : (part >= 4 ? "#" : ".")  // part is 1…8
        grid.put(glyph, x: x + column, y: cellY, style: style)
      }
      tops.append(rows - (total + 7) / 8)
    }
    return tops
  }

  /// Braille dot bits by dot row (0 = top) for the left and right dot columns of a cell.
  static let brailleLeft: [UInt32] = [0x01, 0x02, 0x04, 0x40]
  static let brailleRight: [UInt32] = [0x08, 0x10, 0x20, 0x80]

  /// The height of `value` in braille dots (four per row), at least one for anything above zero.
  static func dotsHigh(_ value: Int64, scale: Int64, rows: Int) -> Int {
    guard value > 0, scale > 0 else { return 0 }
    let exact = Double(value) / Double(scale) * Double(rows * 4)
    return min(max(Int(exact.rounded()), 1), rows * 4)
  }

  /// Draws two values per column in braille (btop's graphs): the left and right dot columns of
  /// each cell filled from the bottom to their values, so the chart has twice the horizontal
  /// resolution of `draw` and four levels per row.
  ///
  /// - Parameter values: `2 × columns` values, left to right.
  /// - Returns: per column, the first row (from the top) the dots do not reach.
  @discardableResult
  static func drawBraille(
    _ values: [Int64], scale: Int64, x: Int, y: Int, rows: Int, into grid: inout CellGrid, style: Style
  ) -> [Int] {
    let columns = values.count / 2
    var tops = [Int]()
    tops.reserveCapacity(columns)
    for column in 0..<columns {
      let left = dotsHigh(values[2 * column], scale: scale, rows: rows)
      let right = dotsHigh(values[2 * column + 1], scale: scale, rows: rows)
      let high = max(left, right)
      for r in 0..<((high + 3) / 4) {
        let bottom = r * 4
        var bits: UInt32 = 0
        for dot in 0..<4 {
          // Dot row 3 is the cell's bottom: level bottom + 1.
          let level = bottom + (4 - dot)
          if left >= level { bits |= brailleLeft[dot] }
          if right >= level { bits |= brailleRight[dot] }
        }
        guard bits != 0, let scalar = Unicode.Scalar(0x2800 + bits) else { continue }
        grid.put(String(scalar), x: x + column, y: y + rows - 1 - r, style: style)
      }
      tops.append(rows - (high + 3) / 4)
    }
    return tops
  }
}
