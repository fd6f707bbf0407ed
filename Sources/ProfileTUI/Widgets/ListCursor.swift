/// Selection and scroll position of a list that shows `height` of `count` rows.
public struct ListCursor: Sendable, Equatable {
  public var selected = 0
  public var top = 0

  public init(selected: Int = 0, top: Int = 0) {
    self.selected = selected
    self.top = top
  }

  /// Keeps the selection in range and on screen.
  public mutating func clamp(count: Int, height: Int) {
    selected = count == 0 ? 0 : min(max(selected, 0), count - 1)
    let h = max(height, 1)
    if selected < top { top = selected }
    if selected >= top + h { top = selected - h + 1 }
    top = max(min(top, max(count - h, 0)), 0)
  }

  /// Applies a movement action; returns whether it was one.
  public mutating func apply(_ action: Action, count: Int, height: Int) -> Bool {
    let page = max(height - 1, 1)
    switch action {
    case .moveUp: selected -= 1
    case .moveDown: selected += 1
    case .pageUp:
      selected -= page
      top -= page
    case .pageDown:
      selected += page
      top += page
    case .top: selected = 0
    case .bottom: selected = count - 1
    default: return false
    }
    clamp(count: count, height: height)
    return true
  }

  /// Scrolls by `rows` (mouse wheel), moving the selection with the view.
  public mutating func scroll(by rows: Int, count: Int, height: Int) {
    selected += rows
    top += rows
    clamp(count: count, height: height)
  }
}
