/// The bindings of everything that is not a tab: keys that work everywhere, list movement, the panels and the prompt.
///
/// Tabs bring their own tables (`TabView.bindings`).
enum ShellBindings {
  static let helpPanel = KeyContext(id: "help", title: "Help screen")
  static let pickerPanel = KeyContext(id: "picker", title: "Snapshot pickers ([ and ])")
  static let groupsPanel = KeyContext(id: "groups", title: "Class groups panel (c)")
  static let poolsPanel = KeyContext(id: "pools", title: "Memory pools panel (m)")
  static let tagsPanel = KeyContext(id: "tags", title: "Tags panel (t)")
  static let prompt = KeyContext(id: "prompt", title: "Prompts (\\ filter, / find)")

  typealias Binding = KeyMap.Binding

  /// Keys that work on every tab (a tab's own binding for the same key wins there).
  static let global: [Binding] = [
    Binding([.character("?"), .function(1)], .help, .global, help: "this help", footer: "Help", priority: 0),
    Binding(
      [.character("q"), .function(10), .control("c")], .quit, .global, help: "quit", footer: "Quit", priority: 0),
    Binding([.tab], .nextTab, .global, help: "next tab"),
    Binding([.backTab], .previousTab, .global, help: "previous tab"),
    Binding(
      [.character("[")], .pickDiffStart, .global, help: "pick the diff start (Start, a snapshot, End)", footer: "Start",
      priority: 7),
    Binding([.character("]")], .pickDiffEnd, .global, help: "pick the diff end", footer: "End", priority: 7),
    Binding(
      [.character("a")], .toggleAllocationKind, .global, help: "active / lifetime allocations", footer: "Act/Life",
      priority: 6),
    Binding([.character("o")], .toggleFilterMode, .global, help: "filter in / filter out"),
    Binding(
      [.character("r")], .cycleRule, .global,
      help: "next query rule over marks A-D (growth, leaks...)"),
    Binding(
      [.character("c")], .classGroupsPanel, .global, help: "class groups to filter", footer: "Groups", priority: 4),
    Binding(
      [.character("\\"), .function(4)], .textFilter, .global, help: "text filter (Ctrl-R in the prompt: regex)",
      footer: "Filter", priority: 3),
    Binding([.character("m")], .poolsPanel, .global, help: "memory pools to show"),
    Binding(
      [.character("^")], .toggleGrowthOnly, .global, help: "comparing: only the stacks that grew ↔ all"),
    Binding(
      [.character("%")], .toggleNormalize, .global, help: "comparing: this build scaled to the base's total"),
    Binding([.character("t")], .tagsPanel, .global, help: "tags to filter"),
    Binding([.character("R")], .clearFilters, .global, help: "reset every filter"),
    Binding([.escape], .dismissMessage, .global, help: "back to the tab a jump came from (else clear the message)"),
    Binding([.control("l")], .redraw, .global, help: "redraw the screen"),
    Binding([.control("z")], .suspend, .global, help: "suspend to the shell (fg resumes)"),
  ]

  /// Movement in any list, panel lists included.
  static let list: [Binding] = [
    Binding([.character("k"), .up], .moveUp, .list, help: "move up"),
    Binding([.character("j"), .down], .moveDown, .list, help: "move down"),
    Binding([.pageUp, .control("u"), .control("b")], .pageUp, .list, help: "page up"),
    Binding([.pageDown, .control("d"), .control("f"), .character(" ")], .pageDown, .list, help: "page down"),
    Binding([.character("g"), .home], .top, .list, help: "first row"),
    Binding([.character("G"), .end], .bottom, .list, help: "last row"),
  ]

  /// The arrows and paging keys alone (panels where letters are typed).
  static func arrows(_ context: KeyContext) -> [Binding] {
    [
      Binding([.up], .moveUp, context, help: "move up", footer: "↑↓", priority: 1),
      Binding([.down], .moveDown, context, help: "move down"),
      Binding([.pageUp], .pageUp, context, help: "page up"),
      Binding([.pageDown], .pageDown, context, help: "page down"),
      Binding([.home], .top, context, help: "first row"),
      Binding([.end], .bottom, context, help: "last row"),
    ]
  }

  /// Type-ahead in the pickers and the groups and pools panels.
  static func search(_ context: KeyContext) -> [Binding] {
    [
      Binding(
        [.character("/")], .startSearch, context, help: "type to jump to a row (Enter or Esc ends)", footer: "Find",
        priority: 2)
    ]
  }

  static let panels: [Binding] =
    search(pickerPanel) + [
      Binding([.character("n")], .findNext, pickerPanel, help: "next row matching the typed text"),
      Binding([.character("N")], .findPrevious, pickerPanel, help: "previous row matching the typed text"),
      Binding(
        [.character("x")], .toggleGCMarkers, pickerPanel, help: "hide / show GC markers", footer: "GC", priority: 3),
    ] + search(groupsPanel) + search(poolsPanel) + [
      Binding(
        [.escape, .character("q"), .character("?"), .function(1)], .closePanel, helpPanel, help: "close",
        footer: "Close", priority: 0),
      Binding([.enter], .choose, pickerPanel, help: "use the snapshot", footer: "Choose", priority: 0),
      Binding([.escape, .character("q")], .closePanel, pickerPanel, help: "cancel", footer: "Cancel", priority: 0),
      Binding(
        [.character(" "), .character("x")], .toggleRow, groupsPanel, help: "check / uncheck the group",
        footer: "Toggle", priority: 1),
      Binding([.character("a")], .checkAll, groupsPanel, help: "check every group", footer: "All", priority: 2),
      Binding(
        [.character("H")], .showHistory, groupsPanel, help: "history of the group's callstacks (All: of every one)",
        footer: "History", priority: 5),
      Binding([.character("n")], .checkNone, groupsPanel, help: "check no group", footer: "None", priority: 2),
      Binding(
        [.escape, .character("q"), .character("c"), .enter], .closePanel, groupsPanel,
        help: "close (changes apply at once)", footer: "Close", priority: 0),
      Binding(
        [.character(" "), .character("x")], .toggleRow, poolsPanel, help: "show / hide the pool", footer: "Toggle",
        priority: 1),
      Binding([.character("a")], .checkAll, poolsPanel, help: "every pool", footer: "All", priority: 2),
      Binding([.character("n")], .checkNone, poolsPanel, help: "no pool", footer: "None", priority: 2),
      Binding(
        [.escape, .character("q"), .character("m"), .enter], .closePanel, poolsPanel,
        help: "close (changes apply at once)", footer: "Close", priority: 0),
    ] + arrows(tagsPanel) + [
      Binding(
        [], .typeText, tagsPanel, help: "search the tags (typed text)", footer: "Search", priority: 1, keyText: "type"),
      Binding(
        [.character(" ")], .toggleRow, tagsPanel, help: "check / uncheck a tag, fold a folder", footer: "Toggle",
        priority: 1),
      Binding([.right], .expandRow, tagsPanel, help: "open the folder", footer: "Fold", priority: 3, keyText: "→ ←"),
      Binding([.left], .collapseRow, tagsPanel, help: "close the folder"),
      Binding(
        [.control("r")], .resetSelection, tagsPanel, help: "select no tag (every allocation)", footer: "Reset",
        priority: 2),
      Binding([.control("u")], .clearText, tagsPanel, help: "clear the search", footer: "Clear", priority: 3),
      Binding([.backspace, .delete], .deleteBackward, tagsPanel, help: "delete a character of the search"),
      Binding(
        [.escape, .enter], .closePanel, tagsPanel, help: "close (changes apply at once)", footer: "Close", priority: 0),
      Binding([], .typeText, prompt, help: "type (replaces the selected last text; Enter repeats it)", keyText: "type"),
      Binding([.control("r")], .toggleRegex, prompt, help: "toggle regular expression"),
      Binding([.control("t")], .toggleCase, prompt, help: "toggle match case (find)"),
      Binding([.left, .control("b")], .cursorLeft, prompt, help: "cursor left"),
      Binding([.right, .control("f")], .cursorRight, prompt, help: "cursor right"),
      Binding([.home, .control("a")], .lineStart, prompt, help: "start of the line"),
      Binding([.end, .control("e")], .lineEnd, prompt, help: "end of the line"),
      Binding([.control("w")], .deleteWord, prompt, help: "delete the word before the cursor"),
      Binding([.control("u")], .clearText, prompt, help: "clear the text"),
      Binding([.backspace], .deleteBackward, prompt, help: "delete the character before the cursor"),
      Binding([.delete, .control("d")], .deleteForward, prompt, help: "delete the character under the cursor"),
      Binding([.up], .historyPrevious, prompt, help: "earlier entry of this prompt"),
      Binding([.down], .historyNext, prompt, help: "later entry of this prompt"),
      Binding([.enter], .submit, prompt, help: "keep the filter / run the find"),
      Binding([.escape], .cancel, prompt, help: "cancel (the filter goes back to what it was)"),
    ]
}
