import ProfileModel

/// A text prompt on the bottom line (the text filter, a find), edited as readline does: a
/// cursor, words, history; it opens with the last text selected, so Enter repeats it and typing
/// replaces it.
public struct Prompt: Sendable, Equatable {
  public enum Purpose: Sendable, Equatable {
    case textFilter
    case find
    case findAll
  }

  public var purpose: Purpose
  public private(set) var text: String
  public var isRegex: Bool
  public var caseSensitive: Bool
  /// What the text filter was before the prompt opened (Esc restores it).
  public var previousText: String
  public var previousRegex: Bool
  /// The cursor, in characters from the start.
  public private(set) var cursor: Int
  /// The whole text is selected: typing replaces it, a movement keeps it.
  public private(set) var isSelected: Bool
  /// Earlier entries of this kind of prompt, oldest first (↑ ↓).
  public var history: [String] = []
  /// The history entry shown, counted from the newest (`nil`: the text being typed).
  private var historyPosition: Int?
  private var typed = ""

  public init(
    purpose: Purpose, text: String, isRegex: Bool, caseSensitive: Bool, previousText: String = "",
    previousRegex: Bool = false, history: [String] = []
  ) {
    self.purpose = purpose
    self.text = text
    self.isRegex = isRegex
    self.caseSensitive = caseSensitive
    self.previousText = previousText
    self.previousRegex = previousRegex
    self.history = history
    cursor = text.count
    isSelected = !text.isEmpty
  }

  /// Types one character at the cursor (replacing the selection).
  mutating func insert(_ character: Character) {
    if isSelected {
      text = ""
      cursor = 0
      isSelected = false
    }
    let index = text.index(text.startIndex, offsetBy: cursor)
    text.insert(character, at: index)
    cursor += 1
    historyPosition = nil
  }

  /// Edits the text with an action of the prompt's table; returns false for other actions.
  mutating func edit(_ action: Action) -> Bool {
    let wasSelected = isSelected
    isSelected = false
    switch action {
    case .deleteBackward:
      if wasSelected {
        text = ""
        cursor = 0
      } else if cursor > 0 {
        text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
        cursor -= 1
      }
    case .deleteForward:
      if wasSelected {
        text = ""
        cursor = 0
      } else if cursor < text.count {
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
      }
    case .deleteWord:
      // Back over spaces, then over the word (readline's Ctrl-W).
      var start = cursor
      let characters = Array(text)
      while start > 0 && characters[start - 1] == " " { start -= 1 }
      while start > 0 && characters[start - 1] != " " { start -= 1 }
      text = String(characters[..<start] + characters[cursor...])
      cursor = start
    case .clearText:
      text = ""
      cursor = 0
    case .cursorLeft: cursor = wasSelected ? 0 : max(cursor - 1, 0)
    case .cursorRight: cursor = min(cursor + 1, text.count)
    case .lineStart: cursor = 0
    case .lineEnd: cursor = text.count
    case .historyPrevious, .historyNext:
      guard !history.isEmpty else { return true }
      if historyPosition == nil { typed = text }
      var position =
        historyPosition.map { action == .historyPrevious ? $0 + 1 : $0 - 1 } ?? (action == .historyPrevious ? 0 : -1)
      position = min(position, history.count - 1)
      if position < 0 {
        historyPosition = nil
        text = typed
      } else {
        historyPosition = position
        text = history[history.count - 1 - position]
      }
      cursor = text.count
    case .toggleRegex:
      isRegex.toggle()
      isSelected = wasSelected
    case .toggleCase:
      caseSensitive.toggle()
      isSelected = wasSelected
    default:
      isSelected = wasSelected
      return false
    }
    return true
  }
}
