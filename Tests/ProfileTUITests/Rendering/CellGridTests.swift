import Testing

@testable import ProfileTUI

@Suite struct CellGridTests {
  @Test func putClipsAndReportsColumns() {
    var g = CellGrid(width: 10, height: 2)
    #expect(g.put("hello", x: 1, y: 0) == 5)
    #expect(g.put("abcdefghijkl", x: 6, y: 1) == 4)
    #expect(g.lines == [" hello", "      abcd"])
    #expect(g.put("xyz", x: 0, y: 5) == 0)
    #expect(g.put("123456", x: 0, y: 0, maxWidth: 3) == 3)
    #expect(g.line(0) == "123llo")
  }

  @Test func wideCharactersTakeTwoColumns() {
    var g = CellGrid(width: 6, height: 1)
    #expect(g.put("日本x", x: 0, y: 0) == 5)
    #expect(g[1, 0].isContinuation && !g[2, 0].isContinuation)
    #expect(g.line(0) == "日本x")
    // Overwriting half of a wide character blanks the other half.
    g.put("ab", x: 1, y: 0)
    #expect(g.line(0) == " ab x" && !g[3, 0].isContinuation)
    var narrow = CellGrid(width: 3, height: 1)
    #expect(narrow.put("日本", x: 0, y: 0) == 2)  // the second does not fit in one column
  }

  @Test func boxesInBothGlyphSets() {
    var g = CellGrid(width: 5, height: 3)
    g.box(x: 0, y: 0, width: 5, height: 3, glyphs: .unicode)
    #expect(g.lines == ["┌───┐", "│   │", "└───┘"])
    g.box(x: 0, y: 0, width: 5, height: 3, glyphs: .ascii)
    #expect(g.lines == ["+---+", "|   |", "+---+"])
  }

  @Test func fillAndRestyleKeepBounds() {
    var g = CellGrid(width: 4, height: 2)
    g.fill(x: -2, y: 1, width: 10, height: 5, scalar: "#", style: Style(attributes: .bold))
    #expect(g.lines == ["", "####"])
    g.restyle(x: 2, y: 1, width: 9) { $0.attributes = .reverse }
    #expect(g[1, 1].style.attributes == .bold && g[3, 1].style.attributes == .reverse)
  }
}
