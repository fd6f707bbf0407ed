/// One character cell of the screen.
public struct Cell: Sendable, Hashable {
  public var scalar: Unicode.Scalar
  public var style: Style
  /// The right half of a double-width character drawn in the cell to its left.
  public var isContinuation: Bool

  public init(scalar: Unicode.Scalar = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.scalar = scalar
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}
