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
    // Short titles without the name on the right (help stays in the footer) before bare digits.
    if (short.last?.2.upperBound ?? 0) <= layout.width { return short }
    return spans { $0 == tabIndex ? "\($0 + 1) \(titles[$0].title)" : "\($0 + 1)" }
  }

  func handleMouse(_ raw: MouseEvent) {
    // Two presses on one cell within a short time are a double click, whatever the terminal
    // reports (ncurses joins them only when both arrive in one read).
    var event = raw
    if raw.button == .press {
      let time = now()
      if let last = lastPress, last.x == raw.x, last.y == raw.y, time - last.time <= Self.doubleClickSeconds {
        event = MouseEvent(x: raw.x, y: raw.y, button: .doublePress)
        lastPress = nil
      } else {
        lastPress = (raw.x, raw.y, time)
      }
    }
    guard overlay == nil else {
      if event.button == .press { overlay = nil }
      return
    }
    if event.y == layout.filterRow {
      // A click on a field opens its panel or flips its toggle.
      let badge = computing.map { CharacterWidth.of(" Computing \($0)… ") } ?? 0
      if event.button == .press,
        let span = Chrome.filterLineSpans(self, width: layout.width - badge).first(where: { $0.range.contains(event.x) }
        ),
        let action = span.segment.action
      {
        perform(action)
      }
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
