import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct ListCursorTests {
  @Test func movesPagesAndClamps() {
    var c = ListCursor()
    let moved = c.apply(.moveDown, count: 100, height: 10)
    #expect(moved)
    #expect(c.selected == 1 && c.top == 0)
    _ = c.apply(.pageDown, count: 100, height: 10)
    #expect(c.selected == 10 && c.top == 9)
    _ = c.apply(.bottom, count: 100, height: 10)
    #expect(c.selected == 99 && c.top == 90)
    _ = c.apply(.top, count: 100, height: 10)
    #expect(c.selected == 0 && c.top == 0)
    _ = c.apply(.moveUp, count: 100, height: 10)
    #expect(c.selected == 0)
    let ignored = c.apply(.quit, count: 100, height: 10)
    #expect(!ignored)
    c.scroll(by: 3, count: 5, height: 10)
    #expect(c.selected == 3 && c.top == 0)
  }
}
