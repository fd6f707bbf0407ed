import Foundation

/// The capture's tags as the tag filter shows them (§1.4.3): `Untagged`, then categories → path pieces → leaves,
/// children sorted by name.
///
/// Only nodes where a tag ends can be checked.
public struct TagTree: Sendable, Equatable {
  public struct Node: Sendable, Equatable {
    public var name: String
    /// The full tag when a tag ends at this node (its checkbox selects it).
    public var tag: String?
    public var depth: Int
    public var children: [Int]
  }

  public private(set) var nodes: [Node] = []
  public private(set) var roots: [Int] = []

  /// Builds the tree of every tag in the capture's tag sets.
  public init(profile: Profile) {
    var all = Set<String>()
    for set in profile.tagSets { all.formUnion(set.tags) }
    self.init(tags: all)
  }

  /// Builds the tree of `tags` (plus `Untagged`).
  public init<S: Sequence>(tags: S) where S.Element == String {
    var childByName: [Int: [String: Int]] = [-1: [:]]
    func child(_ parent: Int, _ name: String, depth: Int) -> Int {
      if let known = childByName[parent]?[name] { return known }
      nodes.append(Node(name: name, tag: nil, depth: depth, children: []))
      let index = nodes.count - 1
      childByName[parent, default: [:]][name] = index
      if parent >= 0 { nodes[parent].children.append(index) } else { roots.append(index) }
      return index
    }
    let untagged = child(-1, TagSet.untagged, depth: 0)
    nodes[untagged].tag = TagSet.untagged
    for tag in Set(tags).sorted() {
      let (category, path) = TagSet.hierarchy(of: tag)
      var node = child(-1, category, depth: 0)
      for (i, piece) in path.enumerated() { node = child(node, piece, depth: i + 1) }
      nodes[node].tag = tag
    }
    let names = nodes.map(\.name)
    let order: (Int, Int) -> Bool = { a, b in
      names[a].lowercased() != names[b].lowercased() ? names[a].lowercased() < names[b].lowercased() : a < b
    }
    for i in nodes.indices { nodes[i].children.sort(by: order) }
    let rest = roots.dropFirst().sorted(by: order)
    roots = [untagged] + rest
  }

  /// Whether every space-separated term of `search` is in the node's full tag (case-insensitive).
  public func matches(_ node: Int, search: String) -> Bool {
    guard let tag = nodes[node].tag else { return false }
    let lower = tag.lowercased()
    return search.lowercased().split(separator: " ").allSatisfy { lower.contains($0) }
  }

  /// The rows to show: with an empty search, the expanded part of the tree; otherwise every
  /// matching tag with its ancestors.
  public func visibleRows(expanded: Set<Int>, search: String) -> [Int] {
    let searching = !search.trimmingCharacters(in: .whitespaces).isEmpty
    var keep = [Bool](repeating: !searching, count: nodes.count)
    if searching {
      func mark(_ node: Int) -> Bool {
        var any = matches(node, search: search)
        for c in nodes[node].children where mark(c) { any = true }
        keep[node] = any
        return any
      }
      for r in roots { _ = mark(r) }
    }
    var result: [Int] = []
    var stack = Array(roots.reversed())
    while let node = stack.popLast() {
      guard keep[node] else { continue }
      result.append(node)
      if searching || expanded.contains(node) { stack.append(contentsOf: nodes[node].children.reversed()) }
    }
    return result
  }
}
