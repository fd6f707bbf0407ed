/// The callstacks a history is of: a Callgraph node's, some callstacks (an Exclusive row), a
/// class group's, or all of them.
public struct HistorySelection: Sendable, Equatable {
  public enum Source: Sendable, Equatable {
    /// These callstacks.
    case callstacks([Int])
    /// The callstacks under a node of a call graph built with these options (`splitByChange`:
    /// two builds compared, the roots `[+ more]` and `[− less]`).
    case callgraphNode(path: CallGraphPath, inverted: Bool, parentFunction: Int32?, splitByChange: Bool = false)
    /// A class group's callstacks (an index into the assignment's groups).
    case group(Int)
    case all
  }

  public var source: Source
  /// What the chart is titled ("FEngineLoop::Tick()", "Callstack 102", "Textures").
  public var title: String

  public init(source: Source, title: String) {
    self.source = source
    self.title = title
  }

  /// The chosen callstacks that pass the query's filters (MemoryProfiler2 also keeps only those),
  /// as a mask over the callstacks.
  ///
  /// - Parameters:
  ///   - functionIDs: the profile's functions in the ids a node's path uses (a compared base's,
  ///     `CallGraph.functionIDs`); `nil`: its own.
  ///   - rootOf: the root each callstack hangs from in a graph split by change; `nil`: full or
  ///     truncated, as it is.
  /// - Complexity: a node walks the frames of the query's passing callstacks; the others
  ///   O(callstacks).
  /// - Throws: `CancellationError`.
  public func callstackMask(
    profile: Profile, query: ViewQuery, functionIDs: [Int32]? = nil, rootOf: ((Int) -> Int32)? = nil,
    cancel: CancelToken = .never
  ) throws -> [Bool] {
    let passes = query.filter.passes
    var mask = [Bool](repeating: false, count: profile.callstacks.count)
    switch source {
    case .all:
      return passes
    case .callstacks(let list):
      for c in list where mask.indices.contains(c) { mask[c] = passes[c] }
    case .group(let group):
      let groupOf = query.assignment.groupOfCallstack
      for c in mask.indices where Int(groupOf[c]) == group { mask[c] = passes[c] }
    case .callgraphNode(let path, let inverted, let parentFunction, _):
      guard let root = path.first else { return mask }
      let below = path.dropFirst()
      var functions: [Int32] = []
      for (index, row) in query.passingRows.enumerated() {
        if index & 1023 == 0 { try cancel.check() }
        let callstack = row.callstack
        let isTruncated = profile.callstacks.isTruncated[callstack]
        let hangsFrom = rootOf?(callstack) ?? (isTruncated ? CallGraph.truncatedRoot : CallGraph.fullRoot)
        guard hangsFrom == root else { continue }
        functions.removeAll(keepingCapacity: true)
        for address in profile.callstacks.frames(of: callstack) {
          let function = profile.functions.idOfAddress[Int(address)]
          functions.append(functionIDs.map { $0.indices.contains(Int(function)) ? $0[Int(function)] : -1 } ?? function)
        }
        if inverted { functions.reverse() }
        if let parentFunction {
          guard let first = functions.firstIndex(of: parentFunction) else { continue }
          functions.removeFirst(first)
        }
        if functions.count >= below.count && functions.prefix(below.count).elementsEqual(below) {
          mask[callstack] = passes[callstack]
        }
      }
    }
    return mask
  }
}
