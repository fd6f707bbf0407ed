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

  /// Edits the text with a key; returns false for keys a prompt does not take.
  mutating func edit(_ key: Key) -> Bool {
    switch key {
    case .character(let c):
      text.append(c)
    case .backspace, .delete:
      if !text.isEmpty { text.removeLast() }
    case .control("u"):
      text = ""
    case .control("r"):
      isRegex.toggle()
    case .control("t"):
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

/// What is drawn over the tab: a panel or a prompt. Keys go to it first.
public enum Overlay: Sendable, Equatable {
  case help(ListCursor)
  case snapshotPicker(PickerTarget, ListCursor)
  case groups(ListCursor)
  case pools(ListCursor)
  case tags(TagsPanel)
  case prompt(Prompt)
}
