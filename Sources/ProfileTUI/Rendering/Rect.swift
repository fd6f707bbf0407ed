/// A rectangle of cells: where a tab, a pane or a widget draws, and where its clicks land.
public struct Rect: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(width, 0)
    self.height = max(height, 0)
  }

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Whether the cell at (`column`, `row`) is inside.
  public func contains(x column: Int, y row: Int) -> Bool {
    column >= x && column < maxX && row >= y && row < maxY
  }

  /// The top `rows` rows, and the rest below.
  public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
    let taken = min(max(rows, 0), height)
    return (
      Rect(x: x, y: y, width: width, height: taken), Rect(x: x, y: y + taken, width: width, height: height - taken)
    )
  }

  /// The rectangle without `rows` rows at the top.
  public func droppingTop(_ rows: Int) -> Rect { splitTop(rows).rest }
}
