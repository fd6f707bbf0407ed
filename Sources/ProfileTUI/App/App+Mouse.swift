extension App {
  /// The tab bar's labels and the columns each takes: full titles when they all fit, else the
  /// visible tab's full title and the others' short ones, else digits for the others.
  func tabSpans() -> [(index: Int, label: String, range: Range<Int>)] {
    let titles = TabRegistry.titles
    let room = layout.width - Chrome.tabBarRight.count
    func spans(_ label: (Int) -> String) -> [(Int, String, Range<Int>)] {
      var x = 0
      return titles.indices.map { index in
        let text = " " + label(index) + " "
        defer { x += text.count + 1 }
        return (index, text, x..<x + text.count)
      }
    }
    let full = spans { "\($0 + 1) \(titles[$0].title)" }
    if (full.last?.2.upperBound ?? 0) <= room { return full }
    let short = spans { "\($0 + 1) " + ($0 == tabIndex ? titles[$0].title : titles[$0].shortTitle) }
    if (short.last?.2.upperBound ?? 0) <= room { return short }
    return spans { $0 == tabIndex ? "\($0 + 1) \(titles[$0].title)" : "\($0 + 1)" }
  }

  func handleMouse(_ event: MouseEvent) {
    guard overlay == nil else {
      if event.button == .press { overlay = nil }
      return
    }
    if event.y == layout.tabBarRow {
      if event.button == .press, let span = tabSpans().first(where: { $0.range.contains(event.x) }) {
        switchTab(to: span.index)
      }
      return
    }
    guard layout.body.contains(x: event.x, y: event.y) else { return }
    apply(tab.mouse(event, context: context(for: tabIndex)))
  }
}
