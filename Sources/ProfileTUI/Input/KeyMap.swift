/// Where a binding applies: everywhere, in lists, in a panel, a prompt, or a tab (tabs declare
/// their own contexts in their folders).
public struct KeyContext: Sendable, Hashable {
  public let id: String
  /// The heading of its part of the help screen.
  public let title: String

  public init(id: String, title: String) {
    self.id = id
    self.title = title
  }

  public static let global = KeyContext(id: "global", title: "Everywhere")
  public static let list = KeyContext(id: "list", title: "Lists")
}

/// The table from keys to actions.
///
/// Dispatch, the help screen and the footer read it.
public struct KeyMap: Sendable {
  /// Keys, the action they trigger where, its help line and footer label.
  public struct Binding: Sendable, Equatable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    /// The help screen's line.
    public var help: String
    /// The footer's word, `nil` to leave it out of the footer.
    public var footer: String?
    /// Footer priority: lower stays longer as the screen narrows.
    public var priority: Int
    /// Written in the help's key column instead of the keys (text typed into a prompt).
    public var keyText: String?

    public init(
      _ keys: [Key], _ action: Action, _ context: KeyContext, help: String, footer: String? = nil, priority: Int = 5,
      keyText: String? = nil
    ) {
      self.keys = keys
      self.action = action
      self.context = context
      self.help = help
      self.footer = footer
      self.priority = priority
      self.keyText = keyText
    }

    /// The key column of the help screen.
    public var keyLabel: String { keyText ?? keys.map(\.label).joined(separator: " ") }
  }

  public let bindings: [Binding]

  public init(bindings: [Binding]) { self.bindings = bindings }

  /// The action of `key` in a view with these contexts (most specific first).
  public func action(for key: Key, in contexts: [KeyContext]) -> Action? {
    binding(for: key, in: contexts)?.action
  }

  /// The binding `key` triggers in these contexts (most specific first).
  public func binding(for key: Key, in contexts: [KeyContext]) -> Binding? {
    for context in contexts {
      for binding in bindings where binding.context == context && binding.keys.contains(key) { return binding }
    }
    return nil
  }

  /// The contexts in table order, each once (the help screen's sections).
  public var contexts: [KeyContext] {
    var seen = Set<KeyContext>()
    return bindings.map(\.context).filter { seen.insert($0).inserted }
  }

  /// The footer hints for these contexts: (key, label, priority), in table order, each action once.
  public func footerHints(in contexts: [KeyContext]) -> [(key: String, label: String, priority: Int)] {
    var seen = Set<Action>()
    // A key a more specific context takes is not offered for what it does elsewhere.
    var taken = Set<Key>()
    var hints: [(String, String, Int)] = []
    for context in contexts {
      let own = bindings.filter { $0.context == context }
      for binding in own {
        guard let label = binding.footer, !binding.keys.allSatisfy(taken.contains),
          seen.insert(binding.action).inserted
        else { continue }
        hints.append((binding.keyText ?? binding.keys.first?.label ?? "", label, binding.priority))
      }
      for binding in own { taken.formUnion(binding.keys) }
    }
    return hints
  }
}
