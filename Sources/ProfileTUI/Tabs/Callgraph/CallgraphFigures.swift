import ProfileModel

/// What the Callgraph tab asks for besides the shared filter.
public struct CallgraphRequest: Sendable, Equatable {
  public var sort: FilterState.SortKey = .size
  /// Walk from the allocation site outward.
  public var inverted = false
  /// Keep only callstacks through this function and start the tree there.
  public var parentFunction: Int32?
  /// The find (`/`) whose matches the figures carry.
  public var search: SearchSpec?
  /// Comparing two builds: stacks that grew under `[+ more]`, those that shrank under `[− less]`.
  public var splitByChange = false
}

/// A find's text and options; equatable, so it can be part of a request.
public struct SearchSpec: Sendable, Equatable {
  public var text: String
  public var isRegex: Bool
  public var caseSensitive: Bool

  /// The compiled search.
  ///
  /// - Throws: `MprofError.badRegex` for an invalid expression.
  public func compile() throws -> NameSearch {
    try NameSearch(text: text, isRegex: isRegex, caseSensitive: caseSensitive)
  }
}

/// The Callgraph tab's figures: the merged tree, each node's pre-order position, and the
/// nodes matching the find.
public struct CallgraphFigures: Sendable {
  public let graph: CallGraph
  public let preorder: [Int32]
  /// Matching nodes in pre-order (empty without a find).
  public let matches: [Int32]

  /// - Complexity: the tree's build, O(frames of the passing callstacks); with a find, one
  ///   match per distinct function name and one walk of the tree.
  static func compute(_ request: CallgraphRequest, shared: SharedFigures, cancel: CancelToken) throws
    -> CallgraphFigures
  {
    let graph: CallGraph
    if let base = shared.base, let baseQuery = shared.baseQuery {
      // Another build: one tree by function name, B − A.
      graph = try CallGraph(
        comparing: base.profile, baseQuery: baseQuery, profile: shared.profile, query: shared.query, sort: request.sort,
        inverted: request.inverted, parentFunction: request.parentFunction, matching: base.matching,
        splitByChange: request.splitByChange, cancel: cancel)
    } else {
      graph = try CallGraph(
        profile: shared.profile, query: shared.query, sort: request.sort, inverted: request.inverted,
        parentFunction: request.parentFunction, cancel: cancel)
    }
    var matches: [Int32] = []
    if let spec = request.search {
      let search = try spec.compile()
      var verdicts = try search.functionMatches(in: shared.profile)
      // A compared base's own functions, past the shown capture's.
      var budget = LinearRegex.Budget()
      for name in graph.extraNames { verdicts.append(try search.matches(name, budget: &budget)) }
      try cancel.check()
      matches = graph.find({ _ in true }, in: shared.profile).filter { verdicts[Int(graph.nodes[Int($0)].function)] }
    }
    return CallgraphFigures(graph: graph, preorder: graph.preorderPositions(), matches: matches)
  }
}
