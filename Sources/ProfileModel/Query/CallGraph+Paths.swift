/// A node's identity that survives rebuilding the tree: its root, then the function ids on the way down.
///
/// Expansion, selection and highlights are kept as paths.
public typealias CallGraphPath = [Int32]

extension CallGraph {
  /// The path of a node (root index first).
  public func path(of node: Int32) -> CallGraphPath {
    var reversed: [Int32] = []
    var current = node
    while current >= 0 {
      let n = nodes[Int(current)]
      reversed.append(n.parent < 0 ? current : n.function)
      current = n.parent
    }
    return reversed.reversed()
  }

  /// The node at a path, or `nil` when the tree no longer has it.
  public func node(at path: CallGraphPath) -> Int32? {
    guard let root = path.first, root == Self.truncatedRoot || root == Self.fullRoot else { return nil }
    var current = root
    for function in path.dropFirst() {
      guard let next = nodes[Int(current)].children.first(where: { nodes[Int($0)].function == function }) else {
        return nil
      }
      current = next
    }
    return current
  }

  /// Every node's position in a pre-order walk (truncated root first, children in order).
  public func preorderPositions() -> [Int32] {
    var position = [Int32](repeating: 0, count: nodes.count)
    var next: Int32 = 0
    var stack: [Int32] = [Self.fullRoot, Self.truncatedRoot]
    while let node = stack.popLast() {
      position[Int(node)] = next
      next += 1
      stack.append(contentsOf: nodes[Int(node)].children.reversed())
    }
    return position
  }

  /// The path that shows callstack `callstack`'s frame `frame` (an index into its frames,
  /// outermost first) in a tree built with `inverted` and `parentFunction`, or `nil` when
  /// that tree does not hold the frame (it lies outside the parent function's part).
  public static func path(
    toFrame frame: Int, ofCallstack callstack: Int, in profile: Profile, inverted: Bool, parentFunction: Int32?
  ) -> CallGraphPath? {
    let frames = profile.callstacks.frames(of: callstack)
    guard frame >= 0 && frame < frames.count else { return nil }
    var functions = frames.map { profile.functions.idOfAddress[Int($0)] }
    var target = frame
    if inverted {
      functions.reverse()
      target = functions.count - 1 - frame
    }
    if let parentFunction {
      guard let first = functions.firstIndex(of: parentFunction), first <= target else { return nil }
      functions.removeFirst(first)
      target -= first
    }
    let root = profile.callstacks.isTruncated[callstack] ? truncatedRoot : fullRoot
    return [root] + functions[0...target]
  }
}
