/// Everything a key can do. Keys map to actions through `KeyMap`; the help screen and the
/// footer are generated from the same table.
public enum Action: String, Sendable, CaseIterable {
  // Global
  case quit, help, nextTab, previousTab, showCallgraph, showExclusive, suspend
  // Filters
  case pickDiffStart, pickDiffEnd, toggleAllocationKind, toggleSort, toggleFilterMode, classGroupsPanel,
    textFilter, poolsPanel, tagsPanel, clearFilters
  // Movement
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  // Callgraph
  case expand, collapse, expandSubtree, collapseAll, invert, setParent, resetParent, find, findNext,
    findPrevious, findAll, unhighlight, copyHighlighted
  // Exclusive
  case nextSortColumn, previousSortColumn, reverseSort, toggleContainers, focusDetail

  /// One line for the help screen.
  public var summary: String {
    switch self {
    case .quit: return "quit (or close the open panel)"
    case .help: return "this help"
    case .nextTab: return "next tab"
    case .previousTab: return "previous tab"
    case .showCallgraph: return "Callgraph tab"
    case .showExclusive: return "Exclusive tab"
    case .suspend: return "suspend to the shell (fg resumes)"
    case .pickDiffStart: return "pick the diff start (Start, a snapshot, End)"
    case .pickDiffEnd: return "pick the diff end"
    case .toggleAllocationKind: return "active / lifetime allocations"
    case .toggleSort: return "sort by size / count"
    case .toggleFilterMode: return "filter in / filter out"
    case .classGroupsPanel: return "class groups to filter"
    case .textFilter: return "text filter (Ctrl-R in the prompt: regex)"
    case .poolsPanel: return "memory pools to show"
    case .tagsPanel: return "tags to filter"
    case .clearFilters: return "reset every filter"
    case .moveUp: return "move up"
    case .moveDown: return "move down"
    case .pageUp: return "page up"
    case .pageDown: return "page down"
    case .top: return "first row"
    case .bottom: return "last row"
    case .expand: return "expand the node"
    case .collapse: return "collapse, or go to the parent"
    case .expandSubtree: return "expand the whole subtree"
    case .collapseAll: return "collapse everything"
    case .invert: return "invert the tree (bottom-up)"
    case .setParent: return "make the node the parent function"
    case .resetParent: return "reset the parent function"
    case .find: return "find (Ctrl-R regex, Ctrl-T match case)"
    case .findNext: return "next match"
    case .findPrevious: return "previous match"
    case .findAll: return "find all: highlight every match, with totals"
    case .unhighlight: return "remove the highlights"
    case .copyHighlighted: return "copy highlighted rows (OSC 52 and a file)"
    case .nextSortColumn: return "sort by the next column"
    case .previousSortColumn: return "sort by the previous column"
    case .reverseSort: return "reverse the sort"
    case .toggleContainers: return "show / hide container frames in names"
    case .focusDetail: return "callstack pane (Enter on a frame: show in Callgraph)"
    }
  }

  /// A short word for the footer.
  public var footerLabel: String {
    switch self {
    case .quit: return "Quit"
    case .help: return "Help"
    case .pickDiffStart: return "Start"
    case .pickDiffEnd: return "End"
    case .toggleAllocationKind: return "Act/Life"
    case .toggleSort: return "Sort"
    case .toggleFilterMode: return "In/Out"
    case .classGroupsPanel: return "Groups"
    case .textFilter: return "Filter"
    case .poolsPanel: return "Pools"
    case .tagsPanel: return "Tags"
    case .find: return "Find"
    case .findAll: return "FindAll"
    case .invert: return "Invert"
    case .setParent: return "Parent"
    case .copyHighlighted: return "Copy"
    case .nextSortColumn: return "Column"
    case .reverseSort: return "Reverse"
    case .focusDetail: return "Stack"
    case .expandSubtree: return "ExpandAll"
    default: return rawValue
    }
  }
}
