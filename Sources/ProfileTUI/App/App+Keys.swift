import ProfileModel

extension App {
  /// The key contexts that apply now, most specific first.
  var activeContexts: [KeyContext] {
    switch tab {
    case .callgraph: return [.callgraph, .list, .global]
    case .exclusive: return exclusive.detailFocused ? [.list, .global] : [.exclusive, .list, .global]
    }
  }

  func handleKey(_ key: Key) {
    if overlay != nil {
      handleOverlayKey(key)
      return
    }
    if tab == .exclusive && exclusive.detailFocused {
      switch key {
      case .enter:
        jumpToCallgraphFromDetail()
        return
      case .escape, .left, .character("h"):
        exclusive.detailFocused = false
        return
      default: break
      }
    }
    if key == .escape {
      message = nil
      return
    }
    guard let action = keyMap.action(for: key, in: activeContexts) else {
      if case .character(let c) = key { say("\(c): no action here; ? lists the keys") }
      return
    }
    perform(action)
  }

  /// Carries out an action.
  public func perform(_ action: Action) {
    switch action {
    case .quit: shouldQuit = true
    case .help: overlay = .help(ListCursor())
    case .nextTab: switchTab(to: Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count) ?? .callgraph)
    case .previousTab:
      switchTab(to: Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count) ?? .callgraph)
    case .showCallgraph: switchTab(to: .callgraph)
    case .showExclusive: switchTab(to: .exclusive)
    case .suspend: effects.append(.suspend)
    case .pickDiffStart, .pickDiffEnd:
      let target: PickerTarget = action == .pickDiffStart ? .start : .end
      let current = target == .start ? inputs.filter.diffStart : inputs.filter.diffEnd
      let index = profile.snapshotRefs.firstIndex(of: current) ?? 0
      overlay = .snapshotPicker(target, ListCursor(selected: index))
    case .toggleAllocationKind:
      inputs.filter.kind = inputs.filter.kind == .active ? .lifetime : .active
    case .toggleSort:
      inputs.filter.sort = inputs.filter.sort == .size ? .count : .size
      inputs.exclusiveSort = inputs.filter.sort == .size ? .size : .count
      inputs.exclusiveAscending = false
    case .toggleFilterMode:
      inputs.filter.mode = inputs.filter.mode == .filterIn ? .filterOut : .filterIn
    case .classGroupsPanel: overlay = .groups(ListCursor())
    case .poolsPanel: overlay = .pools(ListCursor())
    case .tagsPanel: overlay = .tags(TagsPanel(tree: TagTree(profile: profile)))
    case .textFilter:
      overlay = .prompt(
        Prompt(
          purpose: .textFilter, text: inputs.filter.text, isRegex: inputs.filter.textIsRegex, caseSensitive: false,
          previousText: inputs.filter.text, previousRegex: inputs.filter.textIsRegex))
    case .clearFilters:
      inputs.filter = FilterState()
      inputs.filter.checkedGroups = App.defaultCheckedGroups(assignment)
      inputs.parentFunction = nil
      say("Filters reset")
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
      move(action)
    case .expand, .collapse, .expandSubtree, .collapseAll, .invert, .setParent, .resetParent, .find, .findNext,
      .findPrevious, .findAll, .unhighlight, .copyHighlighted:
      performCallgraph(action)
    case .nextSortColumn, .previousSortColumn:
      let order: [ExclusiveView.Column] = [.size, .count, .group, .function]
      let current = order.firstIndex(of: inputs.exclusiveSort) ?? 0
      let step = action == .nextSortColumn ? 1 : order.count - 1
      inputs.exclusiveSort = order[(current + step) % order.count]
      inputs.exclusiveAscending = inputs.exclusiveSort == .group || inputs.exclusiveSort == .function
    case .reverseSort: inputs.exclusiveAscending.toggle()
    case .toggleContainers: inputs.showContainers.toggle()
    case .focusDetail:
      if exclusive.selectedCallstack != nil { exclusive.detailFocused = true }
    }
  }

  /// The groups checked by default: those whose `bFilter` is set (`nil` when that is all).
  static func defaultCheckedGroups(_ assignment: GroupAssignment) -> Set<String>? {
    let checked = assignment.groups.filter(\.isFiltered).map(\.name)
    return checked.count == assignment.groups.count ? nil : Set(checked)
  }

  func switchTab(to newTab: Tab) {
    tab = newTab
    exclusive.detailFocused = false
  }

  func move(_ action: Action) {
    switch tab {
    case .callgraph:
      _ = callgraph.cursor.apply(action, count: callgraph.rows.count, height: layout.callgraphRows)
      if let graph = data?.callGraph { callgraph.syncSelectedPath(graph) }
    case .exclusive:
      if exclusive.detailFocused {
        let depth = exclusive.selectedCallstack.map { profile.callstacks.depth(of: $0) } ?? 0
        _ = exclusive.detailCursor.apply(action, count: depth, height: layout.exclusiveDetailRows)
      } else {
        _ = exclusive.cursor.apply(action, count: data?.exclusive.rows.count ?? 0, height: layout.exclusiveListRows)
        syncExclusiveSelection()
      }
    }
  }

  /// Enter on a frame of the callstack pane: show that frame's node in the Callgraph.
  func jumpToCallgraphFromDetail() {
    guard let callstack = exclusive.selectedCallstack, let graph = data?.callGraph else { return }
    let depth = profile.callstacks.depth(of: callstack)
    guard depth > 0 else { return }
    // The pane lists frames innermost first.
    let frame = depth - 1 - exclusive.detailCursor.selected
    guard
      let path = CallGraph.path(
        toFrame: frame, ofCallstack: callstack, in: profile, inverted: inputs.inverted,
        parentFunction: inputs.parentFunction)
    else {
      say("That frame is outside the parent function's part of the tree; P resets the parent", error: true)
      return
    }
    guard graph.node(at: path) != nil else {
      say("The Callgraph does not hold that frame under the current filters", error: true)
      return
    }
    callgraph.reveal(path, in: graph)
    callgraph.cursor.clamp(count: callgraph.rows.count, height: layout.callgraphRows)
    exclusive.detailFocused = false
    tab = .callgraph
  }
}
