import ProfileModel

/// Which end of the diff a picker sets.
public enum PickerTarget: Sendable, Equatable {
  case start
  case end
}

/// The tag filter panel: a search line over the tag tree, checkboxes on tags.
public struct TagsPanel: Sendable, Equatable {
  public var tree: TagTree
  public var search = ""
  public var expanded: Set<Int>
  public var cursor = ListCursor()

  init(tree: TagTree) {
    self.tree = tree
    expanded = Set(tree.roots)
  }

  var rows: [Int] { tree.visibleRows(expanded: expanded, search: search) }
}

/// What is drawn over the tab: a panel or a prompt.
///
/// Keys go to it first.
public enum Overlay: Sendable, Equatable {
  case help(ListCursor)
  case snapshotPicker(PickerTarget, ListCursor)
  case groups(ListCursor)
  case pools(ListCursor)
  case tags(TagsPanel)
  case prompt(Prompt)

  /// The binding contexts in force while it is open, most specific first.
  var keyContexts: [KeyContext] {
    switch self {
    case .help: return [ShellBindings.helpPanel, .list]
    case .snapshotPicker: return [ShellBindings.pickerPanel, .list]
    case .groups: return [ShellBindings.groupsPanel, .list]
    case .pools: return [ShellBindings.poolsPanel, .list]
    case .tags: return [ShellBindings.tagsPanel]
    case .prompt: return [ShellBindings.prompt]
    }
  }
}
