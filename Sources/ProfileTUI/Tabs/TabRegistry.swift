/// The one list of tab types, in tab-bar order (the digit of a tab is its position + 1).
enum TabRegistry {
  static let types: [any TabView.Type] = [
    CallgraphTab.self,
    ExclusiveTab.self,
    TimelineTab.self,
    HistoryTab.self,
    HistogramTab.self,
    MemoryTab.self,
    ShortLivedTab.self,
    DetailsTab.self,
  ]

  /// One slot per tab, in order.
  static func makeSlots(_ setup: TabSetup) -> [any AnyTabSlot] {
    types.map { makeSlot($0, setup) }
  }

  private static func makeSlot<T: TabView>(_ type: T.Type, _ setup: TabSetup) -> any AnyTabSlot {
    TabSlot(T(setup: setup))
  }

  static var titles: [(title: String, shortTitle: String)] { types.map { ($0.title, $0.shortTitle) } }

  /// The digit of each tab, then each tab's own bindings, in order.
  static var bindings: [KeyMap.Binding] {
    let digits = types.enumerated().map { index, type in
      KeyMap.Binding(
        [.character(Character(String(index + 1)))], .showTab(index), .global, help: "\(type.title) tab")
    }
    return digits + types.flatMap { $0.bindings }
  }
}

extension KeyMap {
  /// Every binding of the viewer: global keys and tab digits, lists, each tab's, the panels'.
  public static let standard: KeyMap = {
    let tabs = TabRegistry.bindings
    let digits = tabs.filter { $0.context == .global }
    let own = tabs.filter { $0.context != .global }
    return KeyMap(bindings: ShellBindings.global + digits + ShellBindings.list + own + ShellBindings.panels)
  }()
}
