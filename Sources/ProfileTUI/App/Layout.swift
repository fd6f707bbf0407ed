/// The chrome rows around every tab and the body between them.
///
/// Tabs split the body themselves, and draw and hit-test with the same split.
public struct Layout: Sendable, Equatable {
  public let width: Int
  public let height: Int

  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  public var tabBarRow: Int { 0 }
  public var filterRow: Int { 1 }
  public var statusRow: Int { max(height - 2, 2) }
  public var footerRow: Int { max(height - 1, 3) }

  /// Where the tab (or a panel) draws.
  public var body: Rect { Rect(x: 0, y: 2, width: width, height: max(statusRow - 2, 0)) }
}
