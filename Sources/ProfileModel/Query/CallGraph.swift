/// The Callgraph view's tree: two roots (truncated and full callstacks), children merged by
/// function, each node holding the size and count of every callstack through it.
public struct CallGraph: Sendable {
  public struct Node: Sendable, Equatable {
    /// Function id, or −1 for a root.
    public var function: Int32
    public var parent: Int32
    public var depth: Int32
    public var size: Int64
    public var count: Int64
    /// The callstack with the largest size through the node (its group colours the node), −1 for
    /// an empty root.
    public var dominantCallstack: Int32
    /// Children, sorted by the sort key, largest first.
    public var children: [Int32]
  }

  public static let truncatedRoot: Int32 = 0
  public static let fullRoot: Int32 = 1
  public static let rootTitles = ["Truncated callstacks", "Full callstacks"]

  public private(set) var nodes: [Node]
  /// Σ |size| and Σ |count| of the callstacks in the tree: the percentages' denominators (the
  /// roots' net figures when nothing is negative).
  public private(set) var gross: (size: Int64, count: Int64) = (0, 0)

  /// Builds the tree from the query's passing callstacks.
  ///
  /// - Parameters:
  ///   - inverted: walk from the allocation site outward (bottom-up) instead of from `main`.
  ///   - parentFunction: keep only callstacks through this function and start the tree there.
  ///   - cancel: polled every 1,024 callstacks.
  /// - Throws: `CancellationError` when `cancel` is cancelled.
  /// - Complexity: O(frames of the passing callstacks), then a sort of each node's children.
  public init(
    profile: Profile, query: ViewQuery, sort: FilterState.SortKey, inverted: Bool = false, parentFunction: Int32? = nil,
    cancel: CancelToken = .never
  ) throws {
    nodes = [
      Node(function: -1, parent: -1, depth: 0, size: 0, count: 0, dominantCallstack: -1, children: []),
      Node(function: -1, parent: -1, depth: 0, size: 0, count: 0, dominantCallstack: -1, children: []),
    ]
    var childOf = IntegerMap(capacity: 4096)
    var path: [Int32] = []
    var dominantSize = [Int64](repeating: 0, count: profile.callstacks.count)
    for (index, row) in query.passingRows.enumerated() {
      if index & 1023 == 0 { try cancel.check() }
      dominantSize[row.callstack] = row.size
      let frames = profile.callstacks.frames(of: row.callstack)
      path.removeAll(keepingCapacity: true)
      for address in frames { path.append(profile.functions.idOfAddress[Int(address)]) }
      if inverted { path.reverse() }
      if let parentFunction {
        guard let first = path.firstIndex(of: parentFunction) else { continue }
        path.removeFirst(first)
      }
      gross.size += abs(row.size)
      gross.count += abs(row.count)
      var node = profile.callstacks.isTruncated[row.callstack] ? Self.truncatedRoot : Self.fullRoot
      nodes[Int(node)].size += row.size
      nodes[Int(node)].count += row.count
      for function in path {
        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: function))
        let child = childOf.value(for: key) {
          let added = Int32(nodes.count)
          nodes.append(
            Node(
              function: function, parent: node, depth: nodes[Int(node)].depth + 1, size: 0, count: 0,
              dominantCallstack: -1, children: []))
          nodes[Int(node)].children.append(added)
          return added
        }
        nodes[Int(child)].size += row.size
        nodes[Int(child)].count += row.count
        let dominant = nodes[Int(child)].dominantCallstack
        if dominant < 0 || row.size.magnitude > dominantSize[Int(dominant)].magnitude {
          nodes[Int(child)].dominantCallstack = Int32(row.callstack)
        }
        node = child
      }
    }
    // Children sort by magnitude: in a diff the largest change comes first, whatever its sign.
    let figures = nodes.map { (abs($0.size), abs($0.count)) }
    for i in nodes.indices where nodes[i].children.count > 1 {
      nodes[i].children.sort { a, b in
        let x = (size: figures[Int(a)].0, count: figures[Int(a)].1)
        let y = (size: figures[Int(b)].0, count: figures[Int(b)].1)
        switch sort {
        case .size: return x.size != y.size ? x.size > y.size : (x.count != y.count ? x.count > y.count : a < b)
        case .count: return x.count != y.count ? x.count > y.count : (x.size != y.size ? x.size > y.size : a < b)
        }
      }
    }
  }

  /// The title of a node: the function name, or the root's title.
  public func title(_ node: Int32, in profile: Profile) -> String {
    let n = nodes[Int(node)]
    return n.function >= 0 ? profile.functions.names[Int(n.function)] : Self.rootTitles[Int(node)]
  }

  /// Nodes whose function name matches, in pre-order (roots, then depth first).
  public func find(_ matches: (String) -> Bool, in profile: Profile) -> [Int32] {
    var result: [Int32] = []
    var stack: [Int32] = [Self.fullRoot, Self.truncatedRoot]
    while let node = stack.popLast() {
      let n = nodes[Int(node)]
      if n.function >= 0 && matches(profile.functions.names[Int(n.function)]) { result.append(node) }
      stack.append(contentsOf: n.children.reversed())
    }
    return result
  }

  /// The nodes of `matches` that are not inside another node of `matches`, in their order.
  public func outermost(of matches: [Int32]) -> [Int32] {
    let set = Set(matches)
    return matches.filter { node in
      var ancestor = nodes[Int(node)].parent
      while ancestor >= 0 {
        if set.contains(ancestor) { return false }
        ancestor = nodes[Int(ancestor)].parent
      }
      return true
    }
  }

  /// Totals over `matches` without counting a match nested under another match twice.
  public func totals(of matches: [Int32]) -> (size: Int64, count: Int64) {
    outermost(of: matches).reduce((size: 0, count: 0)) { sum, node in
      (sum.size + nodes[Int(node)].size, sum.count + nodes[Int(node)].count)
    }
  }
}
