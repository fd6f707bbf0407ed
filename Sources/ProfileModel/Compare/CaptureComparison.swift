/// Two captures of different builds matched callstack by callstack: they share no addresses and
/// no indices, so a callstack is known by the function names from its root (after allocator
/// trimming), as heaptrack and pprof match them.
///
/// Callstacks of one capture with the same names (the same path through different lines) become
/// one matched stack; a stack only in B is new, one only in A is gone.
public struct CaptureComparison: Sendable {
  /// What makes two callstacks the same.
  public struct Options: Sendable, Equatable {
    /// Match on `file:line` too (off: a one-line edit would move every line).
    public var fileAndLine = false
    /// Drop parameter lists (`f(int)` and `f(float)` match): for overloads renamed by a build.
    public var stripParameters = false
    public init(fileAndLine: Bool = false, stripParameters: Bool = false) {
      self.fileAndLine = fileAndLine
      self.stripParameters = stripParameters
    }
  }

  /// One matched stack: the callstacks of each capture with its key.
  public struct Stack: Sendable {
    public var a: [Int]
    public var b: [Int]
    /// Only in B, or only in A.
    public var isNew: Bool { a.isEmpty }
    public var isGone: Bool { b.isEmpty }
  }

  /// How a stack compares.
  public enum Status: String, Sendable {
    case both, new, gone
  }

  /// One stack's figures on each side.
  public struct Row: Sendable, Equatable {
    public var stack: Int
    public var sizeA: Int64
    public var countA: Int64
    public var sizeB: Int64
    public var countB: Int64
    public var status: Status
    public var deltaSize: Int64 { sizeB - sizeA }
    public var deltaCount: Int64 { countB - countA }
  }

  public let options: Options
  public let stacks: [Stack]
  /// The stack of each callstack of A and of B.
  public let stackOfA: [Int32]
  public let stackOfB: [Int32]

  /// Stacks on both sides, only in B, only in A.
  public var matchedCount: Int { stacks.lazy.filter { !$0.isNew && !$0.isGone }.count }
  public var newCount: Int { stacks.lazy.filter(\.isNew).count }
  public var goneCount: Int { stacks.lazy.filter(\.isGone).count }

  /// - Complexity: O(frames of both captures' callstacks): each name interned once, each
  ///   callstack's key hashed once.
  /// - Throws: `CancellationError`.
  public init(a: Profile, b: Profile, options: Options = Options(), cancel: CancelToken = .never) throws {
    self.options = options
    var names: [String: Int32] = [:]
    var stackIndex: [[Int32]: Int32] = [:]
    var stacks: [Stack] = []
    func keys(_ p: Profile) throws -> [[Int32]] {
      // A name id per address, made once per address of the capture.
      var nameOfAddress = [Int32](repeating: -1, count: p.addresses.count)
      var result: [[Int32]] = []
      result.reserveCapacity(p.callstacks.count)
      for c in 0..<p.callstacks.count {
        if c & 1023 == 0 { try cancel.check() }
        var key: [Int32] = [p.callstacks.isTruncated[c] ? -1 : -2]
        for address in p.callstacks.frames(of: c) {
          let a = Int(address)
          if nameOfAddress[a] < 0 {
            var name = p.functions.names[Int(p.functions.idOfAddress[a])]
            if options.stripParameters, let paren = name.firstIndex(of: "(") { name = String(name[..<paren]) }
            if options.fileAndLine { name += "@\(p.fileName(address: a)):\(p.addresses.line[a])" }
            let next = Int32(names.count)
            nameOfAddress[a] = names[name, default: next]
            if nameOfAddress[a] == next { names[name] = next }
          }
          key.append(nameOfAddress[a])
        }
        result.append(key)
      }
      return result
    }
    func assign(_ keys: [[Int32]], isA: Bool) -> [Int32] {
      keys.enumerated().map { c, key in
        let s =
          stackIndex[key]
          ?? {
            let s = Int32(stacks.count)
            stackIndex[key] = s
            stacks.append(Stack(a: [], b: []))
            return s
          }()
        if isA { stacks[Int(s)].a.append(c) } else { stacks[Int(s)].b.append(c) }
        return s
      }
    }
    stackOfA = assign(try keys(a), isA: true)
    stackOfB = assign(try keys(b), isA: false)
    self.stacks = stacks
  }

  /// Each stack's figures from each side's per-callstack aggregates, counting only the
  /// callstacks that pass that side's filters; stacks with nothing on either side are left out.
  ///
  /// - Parameter normalize: B's figures scaled to A's total size (pprof's `-normalize`).
  /// - Complexity: O(callstacks of both) + O(stacks).
  public func rows(
    a: CallstackAggregates, passingA: [Bool], b: CallstackAggregates, passingB: [Bool], normalize: Bool = false
  ) -> [Row] {
    var sizeA = [Int64](repeating: 0, count: stacks.count)
    var countA = sizeA
    var sizeB = sizeA
    var countB = sizeA
    for c in a.size.indices where passingA[c] {
      sizeA[Int(stackOfA[c])] += a.size[c]
      countA[Int(stackOfA[c])] += a.count[c]
    }
    for c in b.size.indices where passingB[c] {
      sizeB[Int(stackOfB[c])] += b.size[c]
      countB[Int(stackOfB[c])] += b.count[c]
    }
    if normalize {
      let totalA = sizeA.reduce(0, +)
      let totalB = sizeB.reduce(0, +)
      if totalB != 0 {
        let factor = Double(totalA) / Double(totalB)
        for s in sizeB.indices { sizeB[s] = Int64((Double(sizeB[s]) * factor).rounded()) }
      }
    }
    var rows: [Row] = []
    for s in stacks.indices where sizeA[s] != 0 || sizeB[s] != 0 || countA[s] != 0 || countB[s] != 0 {
      let status: Status = stacks[s].isNew ? .new : (stacks[s].isGone ? .gone : .both)
      rows.append(
        Row(stack: s, sizeA: sizeA[s], countA: countA[s], sizeB: sizeB[s], countB: countB[s], status: status))
    }
    return rows
  }

  /// Which stacks grew (B's size above A's) under each side's filters: a compared graph split by
  /// change hangs them from `[+ more]`, the others from `[− less]`.
  ///
  /// - Complexity: O(callstacks of both) + O(stacks).
  public func grewStacks(a: ViewQuery, b: ViewQuery) -> [Bool] {
    grewStacks(rows(a: a.aggregates, passingA: a.filter.passes, b: b.aggregates, passingB: b.filter.passes))
  }

  /// Which stacks grew, from rows already made (`rows(a:passingA:b:passingB:)`).
  public func grewStacks(_ rows: [Row]) -> [Bool] {
    var grew = [Bool](repeating: false, count: stacks.count)
    for row in rows where row.deltaSize > 0 { grew[row.stack] = true }
    return grew
  }

  /// A's callstacks of the stacks B's marked callstacks belong to (those that pass A's filters):
  /// the same history in the base build.
  ///
  /// - Complexity: O(callstacks of both).
  public func callstacksOfA(matching maskB: [Bool], passingA: [Bool]) -> [Bool] {
    var stackChosen = [Bool](repeating: false, count: stacks.count)
    for (c, chosen) in maskB.enumerated() where chosen && stackOfB.indices.contains(c) {
      stackChosen[Int(stackOfB[c])] = true
    }
    return stackOfA.indices.map { c in stackChosen[Int(stackOfA[c])] && passingA.indices.contains(c) && passingA[c] }
  }

  /// A callstack that stands for a stack when it is shown (B's when it has one).
  public func representative(_ stack: Int) -> (inB: Bool, callstack: Int) {
    let s = stacks[stack]
    return s.b.first.map { (true, $0) } ?? (false, s.a.first ?? 0)
  }
}
