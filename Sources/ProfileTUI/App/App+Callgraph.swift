import Foundation
import ProfileModel

extension App {
  func performCallgraph(_ action: Action) {
    guard let graph = data?.callGraph else { return }
    let selected = callgraph.selectedNode
    switch action {
    case .expand:
      guard let node = selected else { return }
      let path = graph.path(of: node)
      if graph.nodes[Int(node)].children.isEmpty { return }
      if callgraph.expanded.contains(path) {
        callgraph.cursor.selected += 1
        callgraph.syncSelectedPath(graph)
      } else {
        callgraph.expanded.insert(path)
        callgraph.rebuildRows(graph)
      }
    case .collapse:
      guard let node = selected else { return }
      let path = graph.path(of: node)
      if callgraph.expanded.contains(path) && !graph.nodes[Int(node)].children.isEmpty {
        callgraph.expanded.remove(path)
        callgraph.rebuildRows(graph)
      } else if path.count > 1 {
        callgraph.selectedPath = Array(path.dropLast())
        callgraph.rebuildRows(graph)
      }
    case .expandSubtree:
      guard let node = selected else { return }
      callgraph.expandSubtree(node, in: graph)
    case .collapseAll:
      let root = callgraph.selectedPath.first ?? CallGraph.truncatedRoot
      callgraph.expanded = [[CallGraph.truncatedRoot], [CallGraph.fullRoot]]
      callgraph.selectedPath = [root]
      callgraph.rebuildRows(graph)
    case .invert:
      inputs.inverted.toggle()
      resetTreeState()
      say(inputs.inverted ? "Inverted: roots are allocation sites" : "Top-down: roots are the outermost frames")
    case .setParent:
      guard let node = selected, graph.nodes[Int(node)].function >= 0 else {
        say("Select a function to make it the parent", error: true)
        return
      }
      let function = graph.nodes[Int(node)].function
      inputs.parentFunction = function
      resetTreeState()
      let root = callgraph.selectedPath.first ?? CallGraph.fullRoot
      callgraph.expanded.insert([root, function])
      say("Parent: \(profile.functions.names[Int(function)])")
    case .resetParent:
      guard inputs.parentFunction != nil else { return }
      inputs.parentFunction = nil
      resetTreeState()
      say("Parent reset")
    case .find:
      openFindPrompt(.find)
    case .findNext, .findPrevious:
      guard lastSearch != nil else {
        openFindPrompt(.find)
        return
      }
      findStep(forward: action == .findNext)
    case .findAll:
      guard lastSearch != nil else {
        openFindPrompt(.findAll)
        return
      }
      findAll()
    case .unhighlight:
      callgraph.highlighted = []
      say("Highlights removed")
    case .copyHighlighted:
      copyHighlighted()
    default:
      break
    }
    callgraph.cursor.clamp(count: callgraph.rows.count, height: layout.callgraphRows)
  }

  func resetTreeState() {
    let root = callgraph.selectedPath.first ?? CallGraph.truncatedRoot
    callgraph.expanded = [[CallGraph.truncatedRoot], [CallGraph.fullRoot]]
    callgraph.highlighted = []
    callgraph.selectedPath = [root]
  }

  func openFindPrompt(_ purpose: Prompt.Purpose) {
    overlay = .prompt(
      Prompt(
        purpose: purpose, text: lastSearch?.text ?? "", isRegex: lastSearch?.isRegex ?? false,
        caseSensitive: lastSearch?.caseSensitive ?? false, previousText: "", previousRegex: false))
  }

  /// Sets the search from a closed find prompt.
  func setSearch(_ prompt: Prompt) -> Bool {
    guard !prompt.text.isEmpty else { return false }
    do {
      let search = try NameSearch(text: prompt.text, isRegex: prompt.isRegex, caseSensitive: prompt.caseSensitive)
      lastSearch = search
      searchVerdicts = search.functionMatches(in: profile)
      return true
    } catch {
      say("\(error)", error: true)
      return false
    }
  }

  /// Every matching node, in pre-order.
  func searchMatches(in graph: CallGraph) -> [Int32] {
    guard let verdicts = searchVerdicts else { return [] }
    return graph.find({ _ in true }, in: profile).filter { verdicts[Int(graph.nodes[Int($0)].function)] }
  }

  /// `n` / `N`: the next match after (or before) the selection in pre-order, wrapping.
  func findStep(forward: Bool) {
    guard let data, let search = lastSearch else { return }
    let graph = data.callGraph
    let matches = searchMatches(in: graph)
    guard !matches.isEmpty else {
      say("Not found: \(search.text)", error: true)
      return
    }
    let here = callgraph.selectedNode.map { data.preorder[Int($0)] } ?? -1
    let target: Int32
    if forward {
      target = matches.first { data.preorder[Int($0)] > here } ?? matches[0]
    } else {
      target = matches.last { data.preorder[Int($0)] < here } ?? matches[matches.count - 1]
    }
    callgraph.reveal(graph.path(of: target), in: graph)
    let position = (matches.firstIndex(of: target) ?? 0) + 1
    say("Match \(position) of \(matches.count): \(search.text)")
  }

  /// `F`: highlight every match, expand to each, and report totals without double counting.
  func findAll() {
    guard let data, let search = lastSearch else { return }
    let graph = data.callGraph
    let matches = searchMatches(in: graph)
    callgraph.highlighted = []
    guard !matches.isEmpty else {
      say("Not found: \(search.text)", error: true)
      return
    }
    // Expand every ancestor of every match: mark them by node first (each once), then add
    // their paths, instead of one path per ancestor per match.
    var ancestors = Set<Int32>()
    for node in matches {
      callgraph.highlighted.insert(graph.path(of: node))
      var ancestor = graph.nodes[Int(node)].parent
      while ancestor >= 0 && ancestors.insert(ancestor).inserted { ancestor = graph.nodes[Int(ancestor)].parent }
    }
    for node in ancestors { callgraph.expanded.insert(graph.path(of: node)) }
    callgraph.selectedPath = graph.path(of: matches[0])
    callgraph.rebuildRows(graph)
    let totals = graph.totals(of: matches)
    say(
      "\(SizeFormat.count(Int64(matches.count))) matches for \(search.text): "
        + "\(SizeFormat.size(totals.size)) in \(SizeFormat.count(totals.count)) allocations (nested matches counted once)")
  }

  /// `y`: the highlighted rows as `function,count,bytes` to the clipboard (OSC 52) and a file.
  func copyHighlighted() {
    guard let data else { return }
    let graph = data.callGraph
    let nodes = callgraph.outermostHighlights(in: data)
    guard !nodes.isEmpty else {
      say("Nothing highlighted: F highlights every match of a find", error: true)
      return
    }
    var text = "function,count,bytes\n"
    for node in nodes {
      let n = graph.nodes[Int(node)]
      text += "\(Self.csvField(graph.title(node, in: profile))),\(n.count),\(n.size)\n"
    }
    effects.append(.controlSequence("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"))
    do {
      try FileManager.default.createDirectory(
        atPath: (clipboardPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: clipboardPath), options: .atomic)
      say("Copied \(nodes.count) \(nodes.count == 1 ? "row" : "rows") to the clipboard (OSC 52) and \(clipboardPath)")
    } catch {
      say("Copied \(nodes.count) \(nodes.count == 1 ? "row" : "rows") to the clipboard (OSC 52); cannot write \(clipboardPath): \(error.localizedDescription)", error: true)
    }
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
