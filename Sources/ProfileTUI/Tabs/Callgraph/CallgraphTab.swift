import Foundation
import ProfileModel

/// Tab 1: the callstacks merged by function under two roots (truncated and full callstacks),
/// sortable, invertible, with find, find-all and a parent function.
final class CallgraphTab: TabView {
  static let title = "Callgraph"
  static let shortTitle = "Graph"
  static let context = KeyContext(id: "callgraph", title: "Callgraph")

  typealias Binding = KeyMap.Binding
  static let bindings: [Binding] = [
    Binding(
      [.enter, .character("l"), .right, .character("+")], .expand, context,
      help: "expand the node (again: into its first child)", footer: "Expand", priority: 1),
    Binding([.character("h"), .left], .collapse, context, help: "collapse, or go to the parent"),
    Binding(
      [.character("*")], .expandSubtree, context, help: "expand the whole subtree", footer: "ExpandAll", priority: 8),
    Binding([.character("-")], .collapseAll, context, help: "collapse everything"),
    Binding(
      [.character("s"), .function(6)], .toggleSort, context, help: "sort by size / count", footer: "Sort", priority: 6),
    Binding([.character("i")], .invert, context, help: "invert the tree (bottom-up)", footer: "Invert", priority: 4),
    Binding(
      [.character("p")], .setParent, context, help: "make the node the parent function", footer: "Parent", priority: 5),
    Binding([.character("P")], .resetParent, context, help: "reset the parent function"),
    Binding(
      [.character("/"), .function(3)], .find, context, help: "find (Ctrl-R regex, Ctrl-T match case)", footer: "Find",
      priority: 2),
    Binding([.character("n")], .findNext, context, help: "next match"),
    Binding([.character("N")], .findPrevious, context, help: "previous match"),
    Binding(
      [.character("F")], .findAll, context, help: "find all: highlight every match, with totals", footer: "FindAll",
      priority: 3),
    Binding([.character("u")], .unhighlight, context, help: "remove the highlights"),
    Binding(
      [.character("y")], .copyHighlighted, context, help: "copy highlighted rows (OSC 52 and a file)", footer: "Copy",
      priority: 9),
    Binding(
      [.character("z")], .foldChains, context, help: "fold chains of single calls into one row (A › B › C)",
      footer: "Fold", priority: 7),
    Binding([.character(">"), .character(".")], .scrollNameRight, context, help: "scroll the names left (their ends)"),
    Binding([.character("<"), .character(",")], .scrollNameLeft, context, help: "scroll the names back"),
    Binding(
      [.character("H")], .showHistory, context, help: "history of the node's callstacks (History tab)",
      footer: "History", priority: 7),
    Binding(
      [.character("d")], .toggleSplitByChange, context,
      help: "comparing builds: roots [+ more] and [− less] ↔ one tree"),
  ]

  let clipboardPath: String
  var tree = CallgraphTree()
  var sort: FilterState.SortKey = .size
  var inverted = false
  var parentFunction: Int32?
  /// Comparing two builds: split the tree by the stacks' change.
  var splitByChange = false
  /// The last find, and what to do once its matches are computed.
  var search: SearchSpec?
  var pendingFind: FindStep?
  /// A reveal asked for while the figures were behind; done when they arrive.
  var pendingReveal: CallGraphPath?
  private(set) var figures: CallgraphFigures?
  /// Columns of the name column scrolled away (`<` `>`).
  var nameOffset = 0
  /// The diff and sort the tree on screen was built for.
  private var shownDiff: [SnapshotRef] = []
  private var shownSort: FilterState.SortKey = .size

  /// What a find does when its matches arrive.
  enum FindStep: Equatable {
    case next, previous, all
  }

  init(setup: TabSetup) {
    clipboardPath = setup.clipboardPath
  }

  var request: CallgraphRequest {
    CallgraphRequest(
      sort: sort, inverted: inverted, parentFunction: parentFunction, search: search, splitByChange: splitByChange)
  }

  static func compute(_ request: CallgraphRequest, shared: SharedFigures, cancel: CancelToken) throws
    -> CallgraphFigures
  {
    try CallgraphFigures.compute(request, shared: shared, cancel: cancel)
  }

  func accept(_ new: CallgraphFigures, for request: CallgraphRequest, context: TabContext) -> TabOutcome {
    // A new diff or sort starts at the top (the first root that holds something).
    let diff = [context.filter.diffStart, context.filter.diffEnd]
    let startOver = figures != nil && (shownDiff != diff || shownSort != request.sort)
    shownDiff = diff
    shownSort = request.sort
    if figures == nil || startOver {
      tree.selectedPath = [
        new.graph.nodes[Int(CallGraph.truncatedRoot)].count == 0 ? CallGraph.fullRoot : CallGraph.truncatedRoot
      ]
      tree.cursor.top = 0
    }
    figures = new
    tree.rebuildRows(new.graph)
    clampCursor(context)
    if let wanted = pendingReveal {
      pendingReveal = nil
      guard let path = Self.held(wanted, in: new.graph) else {
        return .say("The Callgraph does not hold that frame under the current filters", isError: true)
      }
      tree.reveal(path, in: new.graph)
      clampCursor(context)
    }
    if let step = pendingFind, request.search == search {
      pendingFind = nil
      return step == .all ? findAll() : findStep(forward: step == .next)
    }
    return .handled
  }

  var keyContexts: [KeyContext] { [Self.context, .list] }

  var filterSegments: [String] { ["by " + sort.rawValue] + (splitByChange ? ["[+ more] / [− less]"] : []) }

  var rowCount: Int { tree.rows.count }

  func reset() {
    sort = .size
    inverted = false
    parentFunction = nil
    nameOffset = 0
    resetTreeState()
  }

  /// Rows of the tree on screen.
  func visibleRows(_ context: TabContext) -> Int { Self.split(context.area).list.visibleRows }

  func clampCursor(_ context: TabContext) {
    tree.cursor.clamp(count: tree.rows.count, height: visibleRows(context))
  }

  func perform(_ action: Action, context: TabContext) -> TabOutcome {
    defer { clampCursor(context) }
    switch action {
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
      _ = tree.cursor.apply(action, count: tree.rows.count, height: visibleRows(context))
      if let graph = figures?.graph { tree.syncSelectedPath(graph) }
      return .handled
    case .toggleSort:
      sort = sort == .size ? .count : .size
      return .say("Sorted by \(sort.rawValue.lowercased())", isError: false)
    case .invert:
      inverted.toggle()
      resetTreeState()
      return .say(
        inverted ? "Inverted: roots are allocation sites" : "Top-down: roots are the outermost frames", isError: false)
    case .resetParent:
      guard parentFunction != nil else { return .handled }
      parentFunction = nil
      resetTreeState()
      return .say("Parent reset", isError: false)
    case .find:
      return .prompt(findPrompt(.find))
    case .findNext, .findPrevious:
      guard search != nil else { return .prompt(findPrompt(.find)) }
      return findStep(forward: action == .findNext)
    case .findAll:
      // Always the prompt, the last term selected: Enter repeats it, typing replaces it.
      return .prompt(findPrompt(.findAll))
    case .unhighlight:
      tree.highlighted = []
      return .say("Highlights removed", isError: false)
    case .scrollNameRight:
      nameOffset += 8
      return .handled
    case .scrollNameLeft:
      nameOffset = max(nameOffset - 8, 0)
      return .handled
    case .foldChains:
      tree.foldsChains.toggle()
      if let graph = figures?.graph { tree.rebuildRows(graph) }
      return .say(
        tree.foldsChains
          ? "Folded: chains of single calls are one row (z unfolds)" : "Unfolded: one row per function", isError: false)
    default:
      break
    }
    guard let graph = figures?.graph else { return .handled }
    return performOnTree(action, graph: graph, context: context)
  }

  private func performOnTree(_ action: Action, graph: CallGraph, context: TabContext) -> TabOutcome {
    let selected = tree.selectedNode
    switch action {
    case .showHistory:
      guard let node = selected else { return .handled }
      let path = graph.path(of: node)
      let source = HistorySelection.Source.callgraphNode(
        path: path, inverted: inverted, parentFunction: parentFunction,
        splitByChange: splitByChange && context.shared?.base != nil)
      return .reveal(.history(HistorySelection(source: source, title: graph.title(node, in: context.profile))))
    case .expand:
      guard let node = selected, !graph.nodes[Int(node)].children.isEmpty else { return .handled }
      let path = graph.path(of: node)
      if tree.expanded.contains(path) {
        tree.cursor.selected += 1
        tree.syncSelectedPath(graph)
      } else {
        tree.expanded.insert(path)
        tree.rebuildRows(graph)
      }
    case .collapse:
      guard let node = selected else { return .handled }
      let path = graph.path(of: node)
      if tree.expanded.contains(path) && !graph.nodes[Int(node)].children.isEmpty {
        tree.expanded.remove(path)
        tree.rebuildRows(graph)
      } else if path.count > 1 {
        tree.selectedPath = Array(path.dropLast())
        tree.rebuildRows(graph)
      }
    case .expandSubtree:
      guard let node = selected else { return .handled }
      tree.expandSubtree(node, in: graph)
    case .collapseAll:
      let root = tree.selectedPath.first ?? CallGraph.truncatedRoot
      tree.expanded = [[CallGraph.truncatedRoot], [CallGraph.fullRoot]]
      tree.selectedPath = [root]
      tree.rebuildRows(graph)
    case .setParent:
      guard let node = selected, graph.nodes[Int(node)].function >= 0 else {
        return .say("Select a function to make it the parent", isError: true)
      }
      let function = graph.nodes[Int(node)].function
      parentFunction = function
      resetTreeState()
      let root = tree.selectedPath.first ?? CallGraph.fullRoot
      tree.expanded.insert([root, function])
      return .say("Parent: \(graph.name(of: function, in: context.profile))", isError: false)
    case .copyHighlighted:
      return copyHighlighted(context)
    case .toggleSplitByChange:
      guard context.shared?.base != nil else {
        return .say("Only when comparing two builds (mprof-tui B.mprof --base A.mprof)", isError: false)
      }
      splitByChange.toggle()
      resetTreeState()
      return .say(
        splitByChange
          ? "Stacks that grew under [+ more], those that shrank under [− less] (d: one tree)"
          : "One tree of the change (d: split into [+ more] and [− less])", isError: false)
    default:
      return .unhandled
    }
    return .handled
  }

  /// `path` as the graph holds it: under its root, or (a tree split by change, where a stack's
  /// root is its growth, not its truncation) under the other one.
  static func held(_ path: CallGraphPath, in graph: CallGraph) -> CallGraphPath? {
    if graph.node(at: path) != nil { return path }
    guard let root = path.first else { return nil }
    let other = [root == CallGraph.fullRoot ? CallGraph.truncatedRoot : CallGraph.fullRoot] + path.dropFirst()
    return graph.node(at: other) != nil ? other : nil
  }

  func resetTreeState() {
    let root = tree.selectedPath.first ?? CallGraph.truncatedRoot
    tree.expanded = [[CallGraph.truncatedRoot], [CallGraph.fullRoot]]
    tree.highlighted = []
    tree.selectedPath = [root]
  }

  func reveal(_ target: Reveal, context: TabContext) -> TabOutcome? {
    guard case .frame(let callstack, let frame) = target else { return nil }
    guard
      let path = CallGraph.path(
        toFrame: frame, ofCallstack: callstack, in: context.profile, inverted: inverted,
        parentFunction: parentFunction)
    else {
      return .say("That frame is outside the parent function's part of the tree; P resets the parent", isError: true)
    }
    guard let graph = figures?.graph, !context.isComputing else {
      pendingReveal = path
      return .handled
    }
    guard let held = Self.held(path, in: graph) else {
      return .say("The Callgraph does not hold that frame under the current filters", isError: true)
    }
    tree.reveal(held, in: graph)
    clampCursor(context)
    return .handled
  }
}
