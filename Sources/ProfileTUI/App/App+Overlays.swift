import ProfileModel

extension App {
  /// Rows a panel shows at this size.
  var panelRows: Int { max(layout.bodyHeight - 4, 3) }

  func handleOverlayKey(_ key: Key) {
    guard let current = overlay else { return }
    switch current {
    case .help(var cursor):
      if key == .escape || key == .character("q") || key == .character("?") || key == .function(1) {
        overlay = nil
        return
      }
      if let action = keyMap.action(for: key, in: [.list]) {
        _ = cursor.apply(action, count: helpLines.count, height: panelRows)
      }
      overlay = .help(cursor)
    case .snapshotPicker(let target, var cursor):
      let refs = profile.snapshotRefs
      switch key {
      case .escape, .character("q"):
        overlay = nil
      case .enter:
        let ref = refs[min(cursor.selected, refs.count - 1)]
        if target == .start { inputs.filter.diffStart = ref } else { inputs.filter.diffEnd = ref }
        overlay = nil
      default:
        if let action = keyMap.action(for: key, in: [.list]) { _ = cursor.apply(action, count: refs.count, height: panelRows) }
        overlay = .snapshotPicker(target, cursor)
      }
    case .groups(var cursor):
      let count = assignment.groups.count + 2
      switch key {
      case .escape, .character("q"), .character("c"), .enter:
        overlay = nil
        return
      case .character(" "), .character("x"):
        toggleGroupRow(cursor.selected)
      case .character("a"): inputs.filter.checkedGroups = nil
      case .character("n"): inputs.filter.checkedGroups = []
      default:
        if let action = keyMap.action(for: key, in: [.list]) { _ = cursor.apply(action, count: count, height: panelRows) }
      }
      overlay = .groups(cursor)
    case .pools(var cursor):
      switch key {
      case .escape, .character("q"), .character("m"), .enter:
        overlay = nil
        return
      case .character(" "), .character("x"):
        if cursor.selected < MemoryPool.allCases.count {
          inputs.filter.poolMask ^= MemoryPool.allCases[cursor.selected].flag
        }
      case .character("a"): inputs.filter.poolMask = MemoryPool.allMask
      case .character("n"): inputs.filter.poolMask = 0
      default:
        if let action = keyMap.action(for: key, in: [.list]) {
          _ = cursor.apply(action, count: MemoryPool.allCases.count, height: panelRows)
        }
      }
      overlay = .pools(cursor)
    case .tags(var panel):
      handleTagsKey(key, &panel)
    case .prompt(var prompt):
      handlePromptKey(key, &prompt)
    }
  }

  /// Row 0 is All, row 1 None, then the groups in list order.
  func toggleGroupRow(_ row: Int) {
    switch row {
    case 0: inputs.filter.checkedGroups = nil
    case 1: inputs.filter.checkedGroups = []
    default:
      let name = assignment.groups[row - 2].name
      var checked = inputs.filter.checkedGroups ?? Set(assignment.groups.map(\.name))
      if checked.contains(name) { checked.remove(name) } else { checked.insert(name) }
      inputs.filter.checkedGroups = checked.count == assignment.groups.count ? nil : checked
    }
  }

  func handleTagsKey(_ key: Key, _ panel: inout TagsPanel) {
    let rows = panel.rows
    let node = rows.indices.contains(panel.cursor.selected) ? rows[panel.cursor.selected] : nil
    switch key {
    case .escape, .enter:
      overlay = nil
      return
    case .character(" "):
      if let node {
        if let tag = panel.tree.nodes[node].tag {
          if inputs.filter.tags.contains(tag) { inputs.filter.tags.remove(tag) } else { inputs.filter.tags.insert(tag) }
        } else if panel.expanded.contains(node) {
          panel.expanded.remove(node)
        } else {
          panel.expanded.insert(node)
        }
      }
    case .right:
      if let node { panel.expanded.insert(node) }
    case .left:
      if let node { panel.expanded.remove(node) }
    case .control("r"):
      inputs.filter.tags = []
    case .character(let c):
      panel.search.append(c)
      panel.cursor = ListCursor()
    case .backspace, .delete:
      if !panel.search.isEmpty { panel.search.removeLast() }
      panel.cursor = ListCursor()
    case .control("u"):
      panel.search = ""
      panel.cursor = ListCursor()
    case .up: _ = panel.cursor.apply(.moveUp, count: rows.count, height: panelRows - 1)
    case .down: _ = panel.cursor.apply(.moveDown, count: rows.count, height: panelRows - 1)
    case .pageUp: _ = panel.cursor.apply(.pageUp, count: rows.count, height: panelRows - 1)
    case .pageDown: _ = panel.cursor.apply(.pageDown, count: rows.count, height: panelRows - 1)
    case .home: _ = panel.cursor.apply(.top, count: rows.count, height: panelRows - 1)
    case .end: _ = panel.cursor.apply(.bottom, count: rows.count, height: panelRows - 1)
    default: break
    }
    panel.cursor.clamp(count: panel.rows.count, height: panelRows - 1)
    overlay = .tags(panel)
  }

  func handlePromptKey(_ key: Key, _ prompt: inout Prompt) {
    switch key {
    case .escape:
      if prompt.purpose == .textFilter {
        inputs.filter.text = prompt.previousText
        inputs.filter.textIsRegex = prompt.previousRegex
      }
      overlay = nil
      return
    case .enter:
      overlay = nil
      switch prompt.purpose {
      case .textFilter:
        break
      case .find:
        if setSearch(prompt) { findStep(forward: true) }
      case .findAll:
        if setSearch(prompt) { findAll() }
      }
      callgraph.cursor.clamp(count: callgraph.rows.count, height: layout.callgraphRows)
      return
    default:
      guard prompt.edit(key) else { return }
    }
    if prompt.purpose == .textFilter {
      // Applied as typed; the run loop recomputes off the input loop when it is slow.
      inputs.filter.text = prompt.text
      inputs.filter.textIsRegex = prompt.isRegex
    }
    overlay = .prompt(prompt)
  }
}
