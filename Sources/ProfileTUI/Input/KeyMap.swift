/// Where a binding applies.
public enum KeyContext: String, Sendable, CaseIterable {
  case global = "Everywhere"
  case list = "Lists"
  case callgraph = "Callgraph"
  case exclusive = "Exclusive"
}

/// The table from keys to actions. Dispatch, the help screen and the footer read it.
public struct KeyMap: Sendable {
  public struct Binding: Sendable, Equatable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
  }

  public let bindings: [Binding]

  public static let standard = KeyMap(bindings: [
    Binding(keys: [.character("q"), .function(10), .control("c")], action: .quit, context: .global),
    Binding(keys: [.character("?"), .function(1)], action: .help, context: .global),
    Binding(keys: [.tab], action: .nextTab, context: .global),
    Binding(keys: [.backTab], action: .previousTab, context: .global),
    Binding(keys: [.character("1")], action: .showCallgraph, context: .global),
    Binding(keys: [.character("2")], action: .showExclusive, context: .global),
    Binding(keys: [.control("z")], action: .suspend, context: .global),
    Binding(keys: [.character("[")], action: .pickDiffStart, context: .global),
    Binding(keys: [.character("]")], action: .pickDiffEnd, context: .global),
    Binding(keys: [.character("a")], action: .toggleAllocationKind, context: .global),
    Binding(keys: [.character("s"), .function(6)], action: .toggleSort, context: .global),
    Binding(keys: [.character("o")], action: .toggleFilterMode, context: .global),
    Binding(keys: [.character("c")], action: .classGroupsPanel, context: .global),
    Binding(keys: [.character("\\"), .function(4)], action: .textFilter, context: .global),
    Binding(keys: [.character("m")], action: .poolsPanel, context: .global),
    Binding(keys: [.character("t")], action: .tagsPanel, context: .global),
    Binding(keys: [.character("R")], action: .clearFilters, context: .global),
    Binding(keys: [.character("k"), .up], action: .moveUp, context: .list),
    Binding(keys: [.character("j"), .down], action: .moveDown, context: .list),
    Binding(keys: [.pageUp, .control("u"), .control("b")], action: .pageUp, context: .list),
    Binding(keys: [.pageDown, .control("d"), .control("f"), .character(" ")], action: .pageDown, context: .list),
    Binding(keys: [.character("g"), .home], action: .top, context: .list),
    Binding(keys: [.character("G"), .end], action: .bottom, context: .list),
    Binding(keys: [.enter, .character("l"), .right, .character("+")], action: .expand, context: .callgraph),
    Binding(keys: [.character("h"), .left], action: .collapse, context: .callgraph),
    Binding(keys: [.character("*")], action: .expandSubtree, context: .callgraph),
    Binding(keys: [.character("-")], action: .collapseAll, context: .callgraph),
    Binding(keys: [.character("i")], action: .invert, context: .callgraph),
    Binding(keys: [.character("p")], action: .setParent, context: .callgraph),
    Binding(keys: [.character("P")], action: .resetParent, context: .callgraph),
    Binding(keys: [.character("/"), .function(3)], action: .find, context: .callgraph),
    Binding(keys: [.character("n")], action: .findNext, context: .callgraph),
    Binding(keys: [.character("N")], action: .findPrevious, context: .callgraph),
    Binding(keys: [.character("F")], action: .findAll, context: .callgraph),
    Binding(keys: [.character("u")], action: .unhighlight, context: .callgraph),
    Binding(keys: [.character("y")], action: .copyHighlighted, context: .callgraph),
    Binding(keys: [.character(">"), .character("."), .right], action: .nextSortColumn, context: .exclusive),
    Binding(keys: [.character("<"), .character(","), .left], action: .previousSortColumn, context: .exclusive),
    Binding(keys: [.character("I")], action: .reverseSort, context: .exclusive),
    Binding(keys: [.character("C")], action: .toggleContainers, context: .exclusive),
    Binding(keys: [.enter], action: .focusDetail, context: .exclusive),
  ])

  /// The action of `key` in a view with these contexts (most specific first).
  public func action(for key: Key, in contexts: [KeyContext]) -> Action? {
    for context in contexts {
      for binding in bindings where binding.context == context && binding.keys.contains(key) { return binding.action }
    }
    return nil
  }

  /// The keys bound to an action, as the help writes them ("q F10 Ctrl-C").
  public func keyLabels(_ action: Action) -> String {
    bindings.filter { $0.action == action }.flatMap(\.keys).map(\.label).joined(separator: " ")
  }

  /// The first key of an action, for the footer.
  public func firstKey(_ action: Action) -> Key? {
    bindings.first { $0.action == action }?.keys.first
  }
}
