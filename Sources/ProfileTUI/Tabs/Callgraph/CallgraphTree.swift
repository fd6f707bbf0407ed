import ProfileModel

/// The Callgraph tab's tree state between frames: expanded nodes, selection and highlights,
/// all by path so they survive a rebuild of the tree after a filter change.
public struct CallgraphTree: Sendable {
  /// One visible row of the tree.
  public struct Row: Sendable, Equatable {
    /// The node the row stands for (the last of a folded chain).
    public var node: Int32
    public var depth: Int
    public var isExpanded: Bool
    public var hasChildren: Bool
    /// The first node of a folded chain (`node` itself when the row is one node).
    public var chainStart: Int32
  }

  public var expanded: Set<CallGraphPath> = [[CallGraph.truncatedRoot], [CallGraph.fullRoot]]
  public var highlighted: Set<CallGraphPath> = []
  public var selectedPath: CallGraphPath = [CallGraph.truncatedRoot]
  public var cursor = ListCursor()
  public private(set) var rows: [Row] = []
  /// Fold chains of single children that hold nothing of their own into one row (`A › B › C`),
  /// as perf and heaptrack do.
  public var foldsChains = false

  public init() {}

  /// Rebuilds the visible rows from the tree and the expanded paths, keeping the selected node
  /// (or its nearest surviving ancestor) selected.
  public mutating func rebuildRows(_ graph: CallGraph) {
    var result: [Row] = []
    // One path array, extended and shortened as the walk goes: no array per node.
    var path: CallGraphPath = []
    func visit(_ node: Int32) {
      let first = graph.nodes[Int(node)]
      var last = node
      var folded = 0
      if foldsChains && first.function >= 0 {
        // Down the chain while the only child holds exactly what its parent holds.
        while graph.nodes[Int(last)].children.count == 1 {
          let child = graph.nodes[Int(last)].children[0]
          let c = graph.nodes[Int(child)]
          guard c.size == first.size && c.count == first.count else { break }
          path.append(c.function)
          last = child
          folded += 1
        }
      }
      let n = graph.nodes[Int(last)]
      let open = !n.children.isEmpty && expanded.contains(path)
      result.append(
        Row(node: last, depth: Int(first.depth), isExpanded: open, hasChildren: !n.children.isEmpty, chainStart: node))
      if open {
        for child in n.children {
          path.append(graph.nodes[Int(child)].function)
          visit(child)
          path.removeLast()
        }
      }
      path.removeLast(folded)
    }
    for root in [CallGraph.truncatedRoot, CallGraph.fullRoot] {
      path = [root]
      visit(root)
    }
    rows = result
    var target = selectedPath
    while !target.isEmpty {
      if let node = graph.node(at: target),
        let index = result.firstIndex(where: {
          $0.node == node || ($0.chainStart != $0.node && Self.chain(of: $0, in: graph).contains(node))
        })
      {
        cursor.selected = index
        return
      }
      target.removeLast()
    }
    cursor.selected = 0
  }

  /// The nodes a row stands for, first to last.
  static func chain(of row: Row, in graph: CallGraph) -> [Int32] {
    var nodes = [row.node]
    var current = row.node
    while current != row.chainStart && current >= 0 {
      current = graph.nodes[Int(current)].parent
      nodes.append(current)
    }
    return nodes.reversed()
  }

  /// The selected node.
  public var selectedNode: Int32? { rows.indices.contains(cursor.selected) ? rows[cursor.selected].node : nil }

  /// Records the selection's path after the cursor moved.
  public mutating func syncSelectedPath(_ graph: CallGraph) {
    if let node = selectedNode { selectedPath = graph.path(of: node) }
  }

  /// Expands every ancestor of `path` so it is visible, and selects it.
  public mutating func reveal(_ path: CallGraphPath, in graph: CallGraph) {
    for length in 1..<max(path.count, 1) { expanded.insert(Array(path.prefix(length))) }
    selectedPath = path
    rebuildRows(graph)
  }

  /// Expands `node` and every node below it.
  public mutating func expandSubtree(_ node: Int32, in graph: CallGraph) {
    var stack: [(Int32, CallGraphPath)] = [(node, graph.path(of: node))]
    while let (current, path) = stack.popLast() {
      let children = graph.nodes[Int(current)].children
      if children.isEmpty { continue }
      expanded.insert(path)
      for child in children { stack.append((child, path + [graph.nodes[Int(child)].function])) }
    }
    rebuildRows(graph)
  }

  /// The highlighted nodes that are not inside another highlighted node, in pre-order.
  public func outermostHighlights(in figures: CallgraphFigures) -> [Int32] {
    let nodes = highlighted.compactMap { figures.graph.node(at: $0) }
      .sorted { figures.preorder[Int($0)] < figures.preorder[Int($1)] }
    return figures.graph.outermost(of: nodes)
  }
}
