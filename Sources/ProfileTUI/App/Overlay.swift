import ProfileModel

/// A text prompt on the bottom line: the text filter or the callgraph find.
public struct Prompt: Sendable, Equatable {
  public enum Purpose: Sendable, Equatable {
    case textFilter
    case find
    case findAll
  }

  public var purpose: Purpose
  public var text: String
  public var isRegex: Bool
  public var caseSensitive: Bool
  /// What the text filter was before the prompt opened (Esc restores it).
  public var previousText: String
  public var previousRegex: Bool

  public init(
    purpose: Purpose, text: String, isRegex: Bool, caseSensitive: Bool, previousText: String = "",
    previousRegex: Bool = false
  ) {
    self.purpose = purpose
    self.text = text
    self.isRegex = isRegex
    self.caseSensitive = caseSensitive
    self.previousText = previousText
    self.previousRegex = previousRegex
  }

  /// Edits the text with an action of the prompt's table; returns false for other actions.
  mutating func edit(_ action: Action) -> Bool {
    switch action {
    case .deleteBackward:
      if !text.isEmpty { text.removeLast() }
    case .clearText:
      text = ""
    case .toggleRegex:
      isRegex.toggle()
    case .toggleCase:
      caseSensitive.toggle()
    default:
      return false
    }
    return true
  }
}

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
