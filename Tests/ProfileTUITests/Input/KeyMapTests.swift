import ProfileModel
import Testing

@testable import ProfileTUI

@Suite struct KeyMapTests {
  /// Every stack of contexts a key is looked up in: each tab context over lists and global
  /// keys, and each panel's or prompt's own stack.
  static var stacks: [[KeyContext]] {
    let tabContexts = TabRegistry.types.flatMap { $0.bindings.map(\.context) }
    var seen = Set<KeyContext>()
    // The Timeline and History are charts, not lists: their stacks have no list keys.
    let tabStacks = tabContexts.filter { seen.insert($0).inserted }.map {
      $0 == TimelineTab.context || $0 == HistoryTab.context ? [$0, .global] : [$0, .list, .global]
    }
    let overlays: [Overlay] = [
      .help(ListCursor()), .snapshotPicker(.start, ListCursor()), .groups(ListCursor()), .pools(ListCursor()),
      .tags(TagsPanel(tree: TagTree(profile: Captures.viewer.profile))),
      .prompt(Prompt(purpose: .find, text: "", isRegex: false, caseSensitive: false)),
    ]
    return tabStacks + overlays.map(\.keyContexts)
  }

  /// Where a more specific binding hides another on purpose: (key, winning context, hidden context).
  static let intendedShadows: Set<String> = [
    "Esc exclusive-pane global",  // Esc leaves the callstack pane before it clears a message
    "Esc histogram-bar global",  // Esc leaves a bar's callstacks
    "Esc memory-history global",  // Esc closes an address history, then leaves its callstack pane
    "Esc memory-pane global",
    "[ timeline global",  // [ and ] jump between snapshots; the timeline ignores the diff range
    "] timeline global",
    "a timeline global",  // a drops Mark A; the timeline ignores active / lifetime
    "[ history global",
    "] history global",
    "Space groups list",  // Space checks a group instead of paging
    "Space pools list",
  ]

  @Test func everyBindingHasHelpAndNoKeyIsBoundTwiceInAContext() {
    let map = KeyMap.standard
    for binding in map.bindings { #expect(!binding.help.isEmpty, "\(binding.action) has no help line") }
    for context in map.contexts {
      let keys = map.bindings.filter { $0.context == context }.flatMap(\.keys)
      #expect(Set(keys).count == keys.count, "a key is bound twice in \(context.id)")
    }
  }

  @Test func noBindingShadowsAnotherUnlessListed() {
    let map = KeyMap.standard
    var found = Set<String>()
    for stack in Self.stacks {
      let keys = Set(stack.flatMap { context in map.bindings.filter { $0.context == context }.flatMap(\.keys) })
      for key in keys {
        let holders = stack.filter { context in
          map.bindings.contains { $0.context == context && $0.keys.contains(key) }
        }
        guard holders.count > 1 else { continue }
        for hidden in holders.dropFirst() { found.insert("\(key.label) \(holders[0].id) \(hidden.id)") }
      }
    }
    #expect(found == Self.intendedShadows)
  }

  @Test func specificContextsWin() {
    let map = KeyMap.standard
    let callgraph = CallgraphTab.context
    let exclusive = ExclusiveTab.listContext
    #expect(map.action(for: .enter, in: [callgraph, .list, .global]) == .expand)
    #expect(map.action(for: .enter, in: [exclusive, .list, .global]) == .focusDetail)
    #expect(map.action(for: .right, in: [exclusive, .list, .global]) == .nextSortColumn)
    #expect(map.action(for: .character("q"), in: [callgraph, .list, .global]) == .quit)
    #expect(map.action(for: .character("n"), in: [exclusive, .list, .global]) == .findNext)
    #expect(map.action(for: .character("u"), in: [exclusive, .list, .global]) == nil)
    #expect(map.action(for: .character("2"), in: [callgraph, .list, .global]) == .showTab(1))
  }

  @Test func helpAndFooterComeFromTheTables() throws {
    let h = try Harness(width: 100, height: 30)
    let help = h.app.helpLines.map(\.text)
    // Every context is a section, panels and the prompt included.
    for context in KeyMap.standard.contexts { #expect(help.contains(context.title)) }
    #expect(help.contains { $0.contains("Ctrl-R") && $0.contains("toggle regular expression") })
    // A panel's footer is its table's labels.
    h.press("c")
    #expect(h.lines.last?.hasPrefix("/ Find  Space Toggle  a All  H History  n None  Esc Close") == true)
  }
}
