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
  /// The roots' titles when two builds' stacks are split by their change (chdig's layout).
  public static let splitRootTitles = ["[− less]", "[+ more]"]

  /// The two roots' titles.
  public private(set) var rootNames = CallGraph.rootTitles

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
    var builder = Builder(callstackCount: profile.callstacks.count)
    try builder.add(
      profile: profile, rows: query.passingRows, functionOf: { $0 }, sign: 1, inverted: inverted,
      parentFunction: parentFunction, cancel: cancel)
    nodes = builder.nodes
    gross = builder.gross
    sortChildren(by: sort)
  }

  /// Two builds compared (`--base`): one tree merged by function name, each node holding B − A.
  ///
  /// Functions take the shown capture's (B's) ids; a function only the base has gets an id past
  /// B's, named by `extraNames`. Percentages are of A's total (pprof's rule), so `gross` is A's
  /// |size| and |count|. Nodes only A reaches have no dominant callstack.
  ///
  /// - Complexity: O(frames of both captures' passing callstacks) + O(functions of A).
  ///
  /// - Parameters:
  ///   - matching: with the filter's growth-only or normalize set, which stacks grew and the
  ///     totals to scale by (`nil`: every callstack, unscaled).
  public init(
    comparing base: Profile, baseQuery: ViewQuery, profile: Profile, query: ViewQuery, sort: FilterState.SortKey,
    inverted: Bool = false, parentFunction: Int32? = nil, matching: CaptureComparison? = nil,
    splitByChange: Bool = false, cancel: CancelToken = .never
  ) throws {
    let (mapped, extra) = Self.functionIDs(of: base, in: profile)
    var rowsB = query.passingRows
    var rowsA = baseQuery.passingRows
    // Split: a stack that grew goes under `[+ more]` (the full root's place), one that shrank
    // under `[− less]`, both sides of it.
    var rootOfB: ((Int) -> Int32)?
    var rootOfA: ((Int) -> Int32)?
    if let matching, splitByChange || query.state.growthOnly || query.state.normalize {
      // One pass over the matched stacks serves the split, growth only and normalize.
      let stacks = matching.rows(
        a: baseQuery.aggregates, passingA: baseQuery.filter.passes, b: query.aggregates, passingB: query.filter.passes)
      let grew = matching.grewStacks(stacks)
      if splitByChange {
        rootOfB = { grew[Int(matching.stackOfB[$0])] ? Self.fullRoot : Self.truncatedRoot }
        rootOfA = { grew[Int(matching.stackOfA[$0])] ? Self.fullRoot : Self.truncatedRoot }
      }
      if query.state.growthOnly {
        rowsB = rowsB.filter { grew[Int(matching.stackOfB[$0.callstack])] }
        rowsA = rowsA.filter { grew[Int(matching.stackOfA[$0.callstack])] }
      }
      if query.state.normalize {
        let totalA = stacks.reduce(Int64(0)) { $0 + $1.sizeA }
        let totalB = stacks.reduce(Int64(0)) { $0 + $1.sizeB }
        if totalB != 0 {
          let factor = Double(totalA) / Double(totalB)
          rowsB = rowsB.map {
            CallstackRow(callstack: $0.callstack, size: Int64((Double($0.size) * factor).rounded()), count: $0.count)
          }
        }
      }
    }
    var builder = Builder(callstackCount: profile.callstacks.count)
    try builder.add(
      profile: profile, rows: rowsB, functionOf: { $0 }, sign: 1, inverted: inverted,
      parentFunction: parentFunction, rootOf: rootOfB, cancel: cancel)
    try builder.add(
      profile: base, rows: rowsA, functionOf: { mapped[Int($0)] }, sign: -1, inverted: inverted,
      parentFunction: parentFunction, rootOf: rootOfA, cancel: cancel)
    nodes = builder.nodes
    if rootOfB != nil { rootNames = Self.splitRootTitles }
    extraNames = extra
    gross = (abs(baseQuery.totals.size), abs(baseQuery.totals.count))
    sortChildren(by: sort)
  }

  /// The base's functions in the shown capture's ids, as a compared graph names them: a name the
  /// shown capture has takes its (first) id, a name only the base has an id past the shown
  /// capture's, in `extraNames` order.
  ///
  /// - Complexity: O(functions of both).
  public static func functionIDs(of base: Profile, in profile: Profile) -> (ids: [Int32], extraNames: [String]) {
    var idOfName: [String: Int32] = [:]
    for (id, name) in profile.functions.names.enumerated() where idOfName[name] == nil { idOfName[name] = Int32(id) }
    var extra: [String] = []
    let mapped: [Int32] = base.functions.names.map { name in
      if let id = idOfName[name] { return id }
      let id = Int32(profile.functions.count + extra.count)
      extra.append(name)
      idOfName[name] = id
      return id
    }
    return (mapped, extra)
  }

  /// Names of the functions past the shown capture's (a compared base's own functions).
  public private(set) var extraNames: [String] = []

  /// The tree as it grows: nodes, the child lookup, each callstack's size for the dominant one.
  private struct Builder {
    var nodes = [
      Node(function: -1, parent: -1, depth: 0, size: 0, count: 0, dominantCallstack: -1, children: []),
      Node(function: -1, parent: -1, depth: 0, size: 0, count: 0, dominantCallstack: -1, children: []),
    ]
    var childOf = IntegerMap(capacity: 4096)
    var gross: (size: Int64, count: Int64) = (0, 0)
    var dominantSize: [Int64]

    init(callstackCount: Int) { dominantSize = [Int64](repeating: 0, count: callstackCount) }

    /// Adds `rows` of `profile` (`sign` −1 subtracts a base); only rows added with sign 1 name a
    /// node's dominant callstack.
    mutating func add(
      profile: Profile, rows: [CallstackRow], functionOf: (Int32) -> Int32, sign: Int64, inverted: Bool,
      parentFunction: Int32?, rootOf: ((Int) -> Int32)? = nil, cancel: CancelToken
    ) throws {
      var path: [Int32] = []
      for (index, row) in rows.enumerated() {
        if index & 1023 == 0 { try cancel.check() }
        let size = sign * row.size
        let count = sign * row.count
        if sign > 0 { dominantSize[row.callstack] = row.size }
        path.removeAll(keepingCapacity: true)
        for address in profile.callstacks.frames(of: row.callstack) {
          path.append(functionOf(profile.functions.idOfAddress[Int(address)]))
        }
        if inverted { path.reverse() }
        if let parentFunction {
          guard let first = path.firstIndex(of: parentFunction) else { continue }
          path.removeFirst(first)
        }
        gross.size += abs(size)
        gross.count += abs(count)
        var node =
          rootOf?(row.callstack)
          ?? (profile.callstacks.isTruncated[row.callstack] ? CallGraph.truncatedRoot : CallGraph.fullRoot)
        nodes[Int(node)].size += size
        nodes[Int(node)].count += count
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
          nodes[Int(child)].size += size
          nodes[Int(child)].count += count
          if sign > 0 {
            let dominant = nodes[Int(child)].dominantCallstack
            if dominant < 0 || row.size.magnitude > dominantSize[Int(dominant)].magnitude {
              nodes[Int(child)].dominantCallstack = Int32(row.callstack)
            }
          }
          node = child
        }
      }
    }
  }

  /// Children sort by magnitude: in a diff the largest change comes first, whatever its sign.
  private mutating func sortChildren(by sort: FilterState.SortKey) {
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

  /// The name of a function id of this graph: the shown capture's, or a compared base's own.
  public func name(of function: Int32, in profile: Profile) -> String {
    let id = Int(function)
    if id < profile.functions.count { return profile.functions.names[id] }
    return extraNames.indices.contains(id - profile.functions.count) ? extraNames[id - profile.functions.count] : "?"
  }

  /// The title of a node: the function name, or the root's title.
  public func title(_ node: Int32, in profile: Profile) -> String {
    let n = nodes[Int(node)]
    return n.function >= 0 ? name(of: n.function, in: profile) : rootNames[Int(node)]
  }

  /// Nodes whose function name matches, in pre-order (roots, then depth first).
  public func find(_ matches: (String) -> Bool, in profile: Profile) -> [Int32] {
    var result: [Int32] = []
    var stack: [Int32] = [Self.fullRoot, Self.truncatedRoot]
    while let node = stack.popLast() {
      let n = nodes[Int(node)]
      if n.function >= 0 && matches(name(of: n.function, in: profile)) { result.append(node) }
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
