/// The keys every chart over the stream shares (cursor, markers, zoom, pan, axis unit), bound in
/// the chart's own context.
enum ChartBindings {
  typealias Binding = KeyMap.Binding

  static func bindings(_ context: KeyContext) -> [Binding] {
    [
      Binding([.left, .character("h")], .cursorLeft, context, help: "cursor one column left"),
      Binding([.right, .character("l")], .cursorRight, context, help: "cursor one column right"),
      Binding([.home, .character("g")], .lineStart, context, help: "cursor to the first column"),
      Binding([.end, .character("G")], .lineEnd, context, help: "cursor to the last column"),
      Binding(
        [.character("[")], .previousSnapshot, context, help: "cursor to the previous snapshot or marker",
        footer: "Prev", priority: 3),
      Binding(
        [.character("]")], .nextSnapshot, context, help: "cursor to the next snapshot or marker", footer: "Next",
        priority: 3),
      Binding(
        [.character("+"), .character("=")], .zoomIn, context, help: "zoom in around the cursor", footer: "Zoom",
        priority: 1),
      Binding([.character("-")], .zoomOut, context, help: "zoom out around the cursor"),
      Binding([.character("0")], .zoomReset, context, help: "everything again"),
      Binding([.character("<"), .character(","), .pageUp], .panLeft, context, help: "pan a quarter window left"),
      Binding([.character(">"), .character("."), .pageDown], .panRight, context, help: "pan a quarter window right"),
      Binding(
        [.character("s")], .toggleBraille, context,
        help: "braille (two samples a cell) ↔ block columns (curves without stacked stats)", footer: "Style",
        priority: 5),
      Binding(
        [.character("x")], .cycleTimeUnit, context, help: "x axis in events, frames or seconds", footer: "Units",
        priority: 4),
    ]
  }
}
