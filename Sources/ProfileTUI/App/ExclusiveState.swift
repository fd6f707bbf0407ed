/// What the Exclusive tab remembers: the list's cursor, the callstack pane's cursor and focus.
public struct ExclusiveState: Sendable, Equatable {
  public var cursor = ListCursor()
  public var detailCursor = ListCursor()
  public var detailFocused = false
  /// The callstack of the selected row, kept across recomputes.
  public var selectedCallstack: Int?

  public init() {}
}
