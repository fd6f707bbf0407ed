import Foundation
import ProfileModel

extension CallgraphTab {
  func findPrompt(_ purpose: Prompt.Purpose) -> Prompt { FindCycle.prompt(purpose, last: search) }

  /// A find prompt was submitted: the matches are computed with the figures, off the input
  /// loop, and the step runs when they arrive.
  func submit(_ prompt: Prompt, context: TabContext) -> TabOutcome {
    let spec: SearchSpec
    do {
      guard let checked = try FindCycle.search(from: prompt) else { return .handled }
      spec = checked
    } catch {
      return .say("\(error)", isError: true)
    }
    let step: FindStep = prompt.purpose == .findAll ? .all : .next
    if spec == search, figures != nil, !context.isComputing {
      return step == .all ? findAll() : findStep(forward: true)
    }
    search = spec
    pendingFind = step
    return .handled
  }

  /// `n` / `N`: the next match after (or before) the selection in pre-order, wrapping.
  func findStep(forward: Bool) -> TabOutcome {
    guard let figures, let search else { return .handled }
    let matches = figures.matches
    guard !matches.isEmpty else { return .say("Not found: \(search.text)", isError: true) }
    let here = tree.selectedNode.map { Int(figures.preorder[Int($0)]) } ?? -1
    // Matches are in pre-order, so their positions ascend.
    guard let step = FindCycle.step(matches.map { Int(figures.preorder[Int($0)]) }, from: here, forward: forward)
    else { return .handled }
    tree.reveal(figures.graph.path(of: matches[step.index]), in: figures.graph)
    return .say(FindCycle.message(step, count: matches.count, forward: forward, text: search.text), isError: false)
  }

  /// `F`: highlight every match, expand to each, and report totals without double counting.
  func findAll() -> TabOutcome {
    guard let figures, let search else { return .handled }
    let graph = figures.graph
    let matches = figures.matches
    tree.highlighted = []
    guard !matches.isEmpty else { return .say("Not found: \(search.text)", isError: true) }
    // Expand every ancestor of every match: mark them by node first (each once), then add
    // their paths, instead of one path per ancestor per match.
    var ancestors = Set<Int32>()
    for node in matches {
      tree.highlighted.insert(graph.path(of: node))
      var ancestor = graph.nodes[Int(node)].parent
      while ancestor >= 0 && ancestors.insert(ancestor).inserted { ancestor = graph.nodes[Int(ancestor)].parent }
    }
    for node in ancestors { tree.expanded.insert(graph.path(of: node)) }
    tree.selectedPath = graph.path(of: matches[0])
    tree.rebuildRows(graph)
    let totals = graph.totals(of: matches)
    return .say(
      "\(SizeFormat.count(Int64(matches.count))) \(matches.count == 1 ? "match" : "matches") for \(search.text): "
        + "\(SizeFormat.size(totals.size)) in \(SizeFormat.count(totals.count)) allocations (nested matches counted once)",
      isError: false)
  }

  /// `y`: the highlighted rows as `function,count,bytes` to the clipboard (OSC 52) and a file.
  func copyHighlighted(_ context: TabContext) -> TabOutcome {
    guard let figures else { return .handled }
    let graph = figures.graph
    let nodes = tree.outermostHighlights(in: figures)
    guard !nodes.isEmpty else { return .say("Nothing highlighted: F highlights every match of a find", isError: true) }
    var text = "function,count,bytes\n"
    for node in nodes {
      let n = graph.nodes[Int(node)]
      text += "\(SafeText.csvCell(graph.title(node, in: context.profile))),\(n.count),\(n.size)\n"
    }
    let osc52 = AppEffect.controlSequence("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}")
    let rows = "\(nodes.count) \(nodes.count == 1 ? "row" : "rows")"
    do {
      try FileManager.default.createDirectory(
        atPath: (clipboardPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: clipboardPath), options: .atomic)
      return .effect(osc52, message: "Copied \(rows) to the clipboard (OSC 52) and \(clipboardPath)", isError: false)
    } catch {
      return .effect(
        osc52,
        message:
          "Copied \(rows) to the clipboard (OSC 52); cannot write \(clipboardPath): \(error.localizedDescription)",
        isError: true)
    }
  }
}
