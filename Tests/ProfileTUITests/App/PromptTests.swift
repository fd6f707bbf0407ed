import Testing

@testable import ProfileTUI

/// Prompts edit as readline does (issue 10).
@Suite struct PromptTests {
  @Test func editsLikeReadline() {
    var p = Prompt(purpose: .find, text: "", isRegex: false, caseSensitive: false)
    for c in "alpha beta" { p.insert(c) }
    #expect(p.text == "alpha beta" && p.cursor == 10)
    _ = p.edit(.deleteWord)
    #expect(p.text == "alpha " && p.cursor == 6)
    _ = p.edit(.lineStart)
    p.insert(">")
    #expect(p.text == ">alpha " && p.cursor == 1)
    _ = p.edit(.cursorRight)
    _ = p.edit(.deleteForward)
    #expect(p.text == ">apha ")
    _ = p.edit(.deleteBackward)
    #expect(p.text == ">pha " && p.cursor == 1)
    _ = p.edit(.lineEnd)
    _ = p.edit(.cursorLeft)
    p.insert("!")
    #expect(p.text == ">pha! ")
    _ = p.edit(.clearText)
    #expect(p.text.isEmpty && p.cursor == 0)
  }

  @Test func theLastTextOpensSelected() {
    var p = Prompt(purpose: .find, text: "tick", isRegex: false, caseSensitive: false)
    #expect(p.isSelected && p.cursor == 4)
    p.insert("x")
    #expect(p.text == "x" && !p.isSelected)
    var q = Prompt(purpose: .find, text: "tick", isRegex: false, caseSensitive: false)
    _ = q.edit(.toggleRegex)
    #expect(q.isSelected && q.isRegex)
    _ = q.edit(.lineEnd)
    q.insert("s")
    #expect(q.text == "ticks")
    var r = Prompt(purpose: .find, text: "tick", isRegex: false, caseSensitive: false)
    _ = r.edit(.deleteBackward)
    #expect(r.text.isEmpty)
  }

  @Test func historyWalksBackAndForth() {
    var p = Prompt(purpose: .find, text: "", isRegex: false, caseSensitive: false, history: ["one", "two"])
    p.insert("x")
    _ = p.edit(.historyPrevious)
    #expect(p.text == "two")
    _ = p.edit(.historyPrevious)
    #expect(p.text == "one")
    _ = p.edit(.historyPrevious)
    #expect(p.text == "one")
    _ = p.edit(.historyNext)
    #expect(p.text == "two")
    _ = p.edit(.historyNext)
    #expect(p.text == "x")
  }

  @Test func theViewerKeepsAHistoryPerKind() throws {
    let h = try Harness()
    h.press("/").type("Tick").press("Enter", "/", "C-u").type("Main").press("Enter", "/", "Up")
    #expect(h.lines.last?.hasPrefix("Find: Main") == true)
    h.press("Up")
    #expect(h.lines.last?.hasPrefix("Find: Tick") == true)
    h.press("Esc", "\\", "Up")
    // The text filter has its own history (empty so far).
    #expect(h.lines.last?.hasPrefix("Filter:  ") == true)
  }
}
