import ProfileModel

extension App {
  /// The key contexts in force on the tab, most specific first.
  var activeContexts: [KeyContext] { tab.keyContexts + [.global] }

  func handleKey(_ key: Key) {
    // A message lasts until the next key (less, lazygit); errors of the current inputs stay.
    message = nil
    if overlay != nil {
      handleOverlayKey(key)
      return
    }
    guard let binding = keyMap.binding(for: key, in: activeContexts) else {
      say("\(key.label): no action here; ? lists the keys")
      return
    }
    if binding.context == .global {
      perform(binding.action)
    } else {
      // A key typed ahead of a tab's first figures (`2 j j H` at once) acts on those figures, not
      // on an empty tab: they are made now. Later keys act on what is on screen while a newer
      // computation runs.
      if !slots[tabIndex].hasShownFigures { computeNow() }
      apply(tab.perform(binding.action, context: context(for: tabIndex)))
    }
  }

  /// Carries out a global action (the shell's own: tabs, filter, panels).
  public func perform(_ action: Action) {
    switch action {
    case .quit: shouldQuit = true
    case .help: overlay = .help(ListCursor())
    case .nextTab: switchTab(to: (tabIndex + 1) % slots.count)
    case .previousTab: switchTab(to: (tabIndex + slots.count - 1) % slots.count)
    case .showTab(let index): if slots.indices.contains(index) { switchTab(to: index) }
    case .suspend: effects.append(.suspend)
    case .redraw: effects.append(.repaint)
    case .dismissMessage:
      // Esc after a jump into another tab goes back where it came from.
      if let back = returnTab {
        switchTab(to: back)
        say("Back to \(TabRegistry.titles[back].title)")
      } else {
        message = nil
      }
    case .pickDiffStart, .pickDiffEnd:
      let target: PickerTarget = action == .pickDiffStart ? .start : .end
      let current = target == .start ? filter.diffStart : filter.diffEnd
      let index = pickerRefs.firstIndex(of: current) ?? 0
      overlay = .snapshotPicker(target, ListCursor(selected: index))
    case .toggleAllocationKind:
      if let rule = filter.rule {
        return say("\(rule.title) chooses the allocations; r cycles the rules back to Active / Lifetime")
      }
      filter.kind = filter.kind == .active ? .lifetime : .active
    case .toggleGrowthOnly, .toggleNormalize:
      guard let base else { return say("Only when comparing two builds (mprof-tui B.mprof --base A.mprof)") }
      if action == .toggleGrowthOnly {
        filter.growthOnly.toggle()
        say(
          filter.growthOnly ? "Only the stacks that grew since \(base.name) (^: all)" : "Every stack (^: growth only)")
      } else {
        filter.normalize.toggle()
        say(
          filter.normalize
            ? "This build scaled to \(base.name)'s total (%: as measured)"
            : "As measured (%: scaled to the base's total)")
      }
    case .cycleRule:
      let rules = QueryRule.allCases
      let next = filter.rule.flatMap { rules.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
      filter.rule = next < rules.count ? rules[next] : nil
      guard let rule = filter.rule else {
        return say("No rule: \(filter.kind.rawValue) allocations between the diff points")
      }
      let set = filter.markerRefs.count
      guard set >= rule.markerCount else {
        // Insights' refusal; the views keep their figures until the markers are there.
        return say(
          MprofError.missingMarkers(rule: rule.title, available: set, required: rule.markerCount).description
            + " (C, D on the Timeline drop them)", error: true)
      }
      let markers = zip(QueryRule.Marker.allCases, filter.markerRefs).prefix(rule.markerCount).map {
        "\($0.letter) \(profile.shortLabel($1))"
      }
      say("\(rule.title): \(rule.formula)  [\(markers.joined(separator: ", "))]")
    case .toggleFilterMode:
      filter = filter.switching(to: filter.mode == .filterIn ? .filterOut : .filterIn, assignment: assignment)
      say(
        filter.mode == .filterOut
          ? "Filter Out: checked groups, selected pools and tags, and text matches are removed (c, m, t, \\ choose)"
          : "Filter In: only checked groups, selected pools and tags, and text matches are shown")
    case .classGroupsPanel: overlay = .groups(ListCursor())
    case .poolsPanel: overlay = .pools(ListCursor())
    case .tagsPanel: overlay = .tags(TagsPanel(tree: TagTree(profile: profile)))
    case .textFilter:
      promptOwner = nil
      overlay = .prompt(
        Prompt(
          purpose: .textFilter, text: filter.text, isRegex: filter.textIsRegex, caseSensitive: false,
          previousText: filter.text, previousRegex: filter.textIsRegex, history: promptHistory[.textFilter] ?? []))
    case .clearFilters:
      filter = FilterState.defaults(for: .filterIn, assignment: assignment)
      for slot in slots { slot.view.reset() }
      say("Filters reset")
    default:
      apply(tab.perform(action, context: context(for: tabIndex)))
    }
  }

  func switchTab(to index: Int) {
    tabIndex = index
    returnTab = nil
  }
}
