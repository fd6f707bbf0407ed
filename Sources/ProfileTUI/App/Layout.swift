/// Where the parts of the screen go for a size. Works from 80×24 up; smaller terminals get a
/// clipped but consistent screen.
public struct Layout: Sendable, Equatable {
  public let width: Int
  public let height: Int

  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  public var tabBarRow: Int { 0 }
  public var filterRow: Int { 1 }
  public var bodyTop: Int { 2 }
  public var statusRow: Int { max(height - 2, 2) }
  public var footerRow: Int { max(height - 1, 3) }
  public var bodyHeight: Int { max(statusRow - bodyTop, 0) }

  /// Rows of the Callgraph's list (below its column header).
  public var callgraphRows: Int { max(bodyHeight - 1, 1) }

  /// Rows of the Exclusive list (below its header); the callstack pane takes the rest.
  public var exclusiveListRows: Int { max((bodyHeight - 2) * 3 / 5, 1) }
  public var exclusiveDetailTop: Int { bodyTop + 2 + exclusiveListRows }
  public var exclusiveDetailRows: Int { max(bodyHeight - 2 - exclusiveListRows, 1) }
}
