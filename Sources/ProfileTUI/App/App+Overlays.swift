import ProfileModel

extension App {
  /// Rows a panel's list shows at this size.
  var panelRows: Int { max(layout.body.height - 4, 3) }

  func handleOverlayKey(_ key: Key) {
    guard let current = overlay else { return }
    if panelSearch?.typing == true, typeAhead(key, in: current) { return }
    let action = keyMap.action(for: key, in: current.keyContexts)
    if action == .startSearch {
      panelSearch = ("", true)
      return
    }
    switch current {
    case .help(var cursor):
      if action == .closePanel {
        overlay = nil
        return
      }
      // The help scrolls: ↓ shows the next line at once (no hidden cursor walks the page first).
      let height = max(layout.body.height - 2, 1)
      let lines = helpLines.count
      switch action {
      case .moveDown: cursor.top += 1
      case .moveUp: cursor.top -= 1
      case .pageDown: cursor.top += height - 1
      case .pageUp: cursor.top -= height - 1
      case .top: cursor.top = 0
      case .bottom: cursor.top = lines
      default: break
      }
      cursor.top = max(min(cursor.top, lines - height), 0)
      cursor.selected = cursor.top
      overlay = .help(cursor)
    case .snapshotPicker(let target, var cursor):
      let refs = pickerRefs
      switch action {
      case .closePanel:
        overlay = nil
      case .choose:
        let ref = refs[min(cursor.selected, refs.count - 1)]
        if target == .start { filter.diffStart = ref } else { filter.diffEnd = ref }
        overlay = nil
      case .toggleGCMarkers:
        let chosen = refs[min(cursor.selected, refs.count - 1)]
        pickerHidesGC.toggle()
        cursor.selected = pickerRefs.firstIndex(of: chosen) ?? pickerRefs.firstIndex { $0 == .end } ?? 0
        say(pickerHidesGC ? "GC markers hidden (x shows them)" : "GC markers shown")
        overlay = .snapshotPicker(target, cursor)
      case .findNext, .findPrevious:
        if let query = panelSearch?.query, !query.isEmpty {
          jump(to: query, in: current, from: cursor.selected, forward: action == .findNext, skippingCurrent: true)
        }
      case let action?:
        _ = cursor.apply(action, count: refs.count, height: panelRows)
        overlay = .snapshotPicker(target, cursor)
      case nil:
        break
      }
    case .groups(var cursor):
      switch action {
      case .closePanel:
        overlay = nil
        return
      case .toggleRow: toggleGroupRow(cursor.selected)
      case .showHistory:
        let row = cursor.selected
        if row == 0 || assignment.groups.indices.contains(row - 2) {
          overlay = nil
          apply(
            .reveal(
              .history(
                row == 0
                  ? HistorySelection(source: .all, title: "every callstack")
                  : HistorySelection(source: .group(row - 2), title: assignment.groups[row - 2].name))))
          return
        }
      case .checkAll: filter.checkedGroups = nil
      case .checkNone: filter.checkedGroups = []
      case let action?: _ = cursor.apply(action, count: assignment.groups.count + 2, height: panelRows)
      case nil: break
      }
      overlay = .groups(cursor)
    case .pools(var cursor):
      switch action {
      case .closePanel:
        overlay = nil
        return
      case .toggleRow:
        if cursor.selected < MemoryPool.allCases.count { filter.poolMask ^= MemoryPool.allCases[cursor.selected].flag }
      case .checkAll: filter.poolMask = MemoryPool.allMask
      case .checkNone: filter.poolMask = 0
      case let action?: _ = cursor.apply(action, count: MemoryPool.allCases.count, height: panelRows)
      case nil: break
      }
      overlay = .pools(cursor)
    case .tags(var panel):
      handleTagsKey(key, action, &panel)
    case .prompt(var prompt):
      handlePromptKey(key, action, &prompt)
    }
  }

  /// Row 0 is All, row 1 None, then the groups in list order.
  func toggleGroupRow(_ row: Int) {
    switch row {
    case 0: filter.checkedGroups = nil
    case 1: filter.checkedGroups = []
    default:
      guard assignment.groups.indices.contains(row - 2) else { return }
      let name = assignment.groups[row - 2].name
      var checked = filter.checkedGroups ?? Set(assignment.groups.map(\.name))
      if checked.contains(name) { checked.remove(name) } else { checked.insert(name) }
      filter.checkedGroups = checked.count == assignment.groups.count ? nil : checked
    }
  }

  func handleTagsKey(_ key: Key, _ action: Action?, _ panel: inout TagsPanel) {
    let rows = panel.rows
    let node = rows.indices.contains(panel.cursor.selected) ? rows[panel.cursor.selected] : nil
    switch action {
    case .closePanel:
      overlay = nil
      return
    case .toggleRow:
      if let node {
        if let tag = panel.tree.nodes[node].tag {
          if filter.tags.contains(tag) { filter.tags.remove(tag) } else { filter.tags.insert(tag) }
        } else if panel.expanded.contains(node) {
          panel.expanded.remove(node)
        } else {
          panel.expanded.insert(node)
        }
      }
    case .expandRow:
      if let node { panel.expanded.insert(node) }
    case .collapseRow:
      if let node { panel.expanded.remove(node) }
    case .resetSelection:
      filter.tags = []
    case .deleteBackward:
      if !panel.search.isEmpty { panel.search.removeLast() }
      panel.cursor = ListCursor()
    case .clearText:
      panel.search = ""
      panel.cursor = ListCursor()
    case let action?:
      _ = panel.cursor.apply(action, count: rows.count, height: panelRows - 1)
    case nil:
      if case .character(let c) = key {
        panel.search.append(c)
        panel.cursor = ListCursor()
      }
    }
    panel.cursor.clamp(count: panel.rows.count, height: panelRows - 1)
    overlay = .tags(panel)
  }

  func handlePromptKey(_ key: Key, _ action: Action?, _ prompt: inout Prompt) {
    switch action {
    case .cancel:
      if prompt.purpose == .textFilter {
        filter.text = prompt.previousText
        filter.textIsRegex = prompt.previousRegex
      }
      overlay = nil
      return
    case .submit:
      overlay = nil
      remember(prompt)
      if let owner = promptOwner, slots.indices.contains(owner) {
        apply(slots[owner].view.submit(prompt, context: context(for: owner)))
      }
      return
    case let action?:
      guard prompt.edit(action) else { return }
    case nil:
      guard case .character(let c) = key else { return }
      prompt.insert(c)
    }
    if prompt.purpose == .textFilter {
      // Applied as typed; the run loop recomputes off the input loop when it is slow.
      filter.text = prompt.text
      filter.textIsRegex = prompt.isRegex
    }
    overlay = .prompt(prompt)
  }

  /// Keeps a submitted text for ↑ in the next prompt of its kind (the newest last, no repeats).
  func remember(_ prompt: Prompt) {
    guard !prompt.text.isEmpty else { return }
    let kind = prompt.purpose == .textFilter ? Prompt.Purpose.textFilter : .find
    var list = promptHistory[kind, default: []].filter { $0 != prompt.text }
    list.append(prompt.text)
    promptHistory[kind] = Array(list.suffix(100))
  }

  /// The labels of a panel's rows, as the type-ahead matches them.
  func panelLabels(_ overlay: Overlay) -> [String] {
    switch overlay {
    case .snapshotPicker: return pickerRefs.map { profile.label($0) }
    case .groups: return ["All", "None"] + assignment.groups.map(\.name)
    case .pools: return MemoryPool.allCases.map(\.displayName)
    default: return []
    }
  }

  /// Handles a key while a panel's type-ahead takes keys; returns whether it took the key.
  ///
  /// Characters and Backspace edit the text and move to the first matching row; Esc and Enter
  /// end the typing (Enter in a picker also chooses).
  func typeAhead(_ key: Key, in current: Overlay) -> Bool {
    guard var search = panelSearch else { return false }
    switch key {
    case .character(let c):
      search.query.append(c)
    case .backspace, .delete:
      if !search.query.isEmpty { search.query.removeLast() }
    case .escape:
      // Typing ends; the text stays for n / N (another Esc closes the panel).
      search.typing = false
      panelSearch = search
      return true
    case .enter:
      search.typing = false
      panelSearch = search
      if case .snapshotPicker = current { return false }
      return true
    default:
      return false
    }
    panelSearch = search
    jump(
      to: search.query, in: current, from: Self.cursor(of: current)?.selected ?? 0, forward: true,
      skippingCurrent: false)
    return true
  }

  /// Moves a panel's cursor to the next (or previous) row whose label contains `query`,
  /// case-insensitively, wrapping.
  func jump(to query: String, in current: Overlay, from start: Int, forward: Bool, skippingCurrent: Bool) {
    let labels = panelLabels(current)
    guard !labels.isEmpty, !query.isEmpty else { return }
    let needle = query.lowercased()
    let order = (0..<labels.count).map { step -> Int in
      let offset = skippingCurrent ? step + 1 : step
      return forward ? (start + offset) % labels.count : ((start - offset) % labels.count + labels.count) % labels.count
    }
    guard let hit = order.first(where: { labels[$0].lowercased().contains(needle) }) else {
      say("No row matches '\(query)'", error: true)
      return
    }
    var cursor = Self.cursor(of: current) ?? ListCursor()
    cursor.selected = hit
    cursor.clamp(count: labels.count, height: panelRows)
    switch current {
    case .snapshotPicker(let target, _): overlay = .snapshotPicker(target, cursor)
    case .groups: overlay = .groups(cursor)
    case .pools: overlay = .pools(cursor)
    default: break
    }
  }

  static func cursor(of overlay: Overlay) -> ListCursor? {
    switch overlay {
    case .snapshotPicker(_, let cursor), .groups(let cursor), .pools(let cursor), .help(let cursor): return cursor
    default: return nil
    }
  }
}
