import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite(.serialized) struct NcursesBackendTests {
  @Test func presentsCellsIntoTheVirtualScreen() {
    let backend = NcursesBackend(offscreen: "xterm-256color", width: 40, height: 6)
    defer { backend.shutdown() }
    #expect(backend.size.width == 40 && backend.size.height == 6)
    var grid = CellGrid(width: 40, height: 6)
    grid.box(x: 0, y: 0, width: 12, height: 3, glyphs: .unicode)
    grid.put("日本語 ok", x: 1, y: 4, style: Style(foreground: .indexed(196), attributes: .bold))
    grid.put("▾ Full callstacks", x: 14, y: 1, style: Style(foreground: .indexed(16), background: .indexed(152)))
    backend.present(grid)
    #expect(backend.text(row: 0) == "┌──────────┐")
    #expect(backend.text(row: 1) == "│          │  ▾ Full callstacks")
    #expect(backend.text(row: 4) == " 日本語 ok")
    // A second frame changes only what differs.
    grid.put("X", x: 2, y: 4)
    backend.present(grid)
    #expect(backend.text(row: 4) == "  X本語 ok")
    #expect(backend.nextEvent(timeoutMilliseconds: 0) == .event(.resize(width: 40, height: 6)))
    #expect(backend.nextEvent(timeoutMilliseconds: 0) == .endOfInput)
  }
}
