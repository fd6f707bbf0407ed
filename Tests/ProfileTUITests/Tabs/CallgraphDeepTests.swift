import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

/// Issue 10, deep callstacks at 80 columns: names stay on screen, chains fold, names scroll, and
/// the selected row is always shown whole.
@Suite struct CallgraphDeepTests {
  static let deep: (Profile, GroupAssignment) = {
    let scratch = ScratchFolder()
    let path = scratch.path("deep.mprof")
    do {
      try Captures.writeDeep(to: path)
      let profile = try ProfileLoader.load(path: path)
      return (profile, try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn()))
    } catch {
      preconditionFailure("the deep capture must load: \(error)")
    }
  }()

  static func harness(width: Int = 80, height: Int = 24) throws -> Harness {
    try Harness(width: width, height: height, capture: deep)
  }

  @Test func theDeepestNameIsReadableAt80Columns() throws {
    let h = try Self.harness()
    h.press("*")
    // The innermost row: Shallow() comes last (smaller), so one up from the bottom.
    h.press("G", "k")
    let lines = h.lines
    // A depth marker, then the name, not a page of indentation.
    let rowsEnd = try #require(lines.lastIndex { $0.contains("[60] · Innermost::") }, "\(h.screen.text)")
    #expect(lines[rowsEnd].hasSuffix("[60] · Innermost::AllocateThe…"))
    // Below the tree, the selected row in full with its file and line.
    #expect(lines[rowsEnd + 2].hasPrefix(" Innermost::AllocateTheDeepestBlock(unsigned long)  Deep/Level59.cpp:60"))
    // Indentation never takes more than a third of the name column.
    for line in lines[3..<rowsEnd] where line.count > 42 {
      let name = line.dropFirst(42)
      #expect(name.prefix { $0 == " " }.count <= 12, "\(line)")
    }
  }

  @Test func chainsFoldIntoOneRowAndUnfold() throws {
    let h = try Self.harness(width: 120, height: 40)
    h.press("z")
    #expect(h.callgraph.tree.foldsChains)
    #expect(h.status.contains("Folded: chains of single calls are one row"))
    h.press("*")
    // Level 0 has two children (the deep chain and Shallow): the chain below level 1 folds whole.
    let graph = try #require(h.graph)
    let rows = h.callgraph.tree.rows
    #expect(rows.count == 5)  // the two roots, level 0, the folded chain, Shallow()
    let chain = try #require(rows.first { graph.nodes[Int($0.node)].depth == 60 })
    #expect(graph.nodes[Int(chain.chainStart)].depth == 2)
    let index = try #require(rows.firstIndex(of: chain))
    h.callgraph.tree.cursor.selected = index
    h.callgraph.tree.syncSelectedPath(graph)
    // The detail lines show the whole chain, from Subsystem1 to the innermost function.
    let detail = h.lines[h.app.layout.body.maxY - 2] + h.lines[h.app.layout.body.maxY - 1]
    #expect(
      detail.hasPrefix(
        " Engine::Subsystem1::TTemplatedHandler<FSomethingLong1>::Dispatch(FContext&, int) › Engine::Subsystem2::"))
    h.press("z")
    #expect(h.callgraph.tree.rows.count == 63)
    // The selection stays on the same node.
    #expect(h.callgraph.tree.selectedNode == chain.node)
  }

  @Test func namesScrollSideways() throws {
    let h = try Self.harness()
    h.press("*", "j", "j", "j")
    let before = try #require(h.lines.first { $0.contains("Engine::Subsystem1::") })
    h.press(">", ">")
    #expect(h.lines[2].contains("← 16 columns"))
    let after = try #require(h.lines.first { $0.contains("m1::TTemplatedHandler") })
    #expect(after != before && !after.contains("Engine::Subsystem1"))
    h.press("<", "<")
    #expect(!h.lines[2].contains("columns"))
  }
}
