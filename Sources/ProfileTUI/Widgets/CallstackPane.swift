import ProfileModel

/// A callstack's frames, innermost first, with `file:line`: a title rule, then one row per frame.
///
/// Used wherever a tab shows the callstack of a selected row.
struct CallstackPane {
  /// The title rule and the frame rows below it.
  let area: Rect

  var framesArea: Rect { area.droppingTop(1) }
  var visibleRows: Int { max(framesArea.height, 1) }

  /// Frames of `callstack`, innermost first.
  static func frames(of callstack: Int, in profile: Profile) -> [Int32] {
    Array(profile.callstacks.frames(of: callstack).reversed())
  }

  /// Draws the pane; `summary` follows the frame count in the title.
  func draw(
    callstack: Int?, summary: String, profile: Profile, cursor: ListCursor, focused: Bool, theme: Theme,
    into grid: inout CellGrid
  ) {
    guard area.height > 0 else { return }
    grid.fill(x: area.x, y: area.y, width: area.width, height: 1, scalar: theme.glyphs.horizontal, style: theme[.dim])
    guard let callstack else { return }
    let frames = Self.frames(of: callstack, in: profile)
    var title = " Callstack \(callstack): \(frames.count) frames, innermost first"
    if profile.callstacks.isTruncated[callstack] { title += " (truncated)" }
    if !summary.isEmpty { title += " \(theme.glyphs.dot) " + summary }
    grid.put(title + " ", x: area.x + 1, y: area.y, style: theme[.panelTitle], maxWidth: area.width - 2)
    let rows = framesArea
    let functionWidth = max(rows.width * 3 / 5, 20)
    for i in 0..<rows.height {
      let index = cursor.top + i
      guard index < frames.count else { break }
      let y = rows.y + i
      let address = Int(frames[index])
      let selected = focused && index == cursor.selected
      let base = selected ? theme[.selection] : theme[.normal]
      grid.fill(x: rows.x, y: y, width: rows.width, height: 1, style: base)
      let name = profile.functions.names[Int(profile.functions.idOfAddress[address])]
      grid.put(
        TextFit.pad(" " + name, functionWidth - 1, ellipsis: theme.glyphs.ellipsis), x: rows.x, y: y, style: base)
      let file = profile.fileName(address: address)
      let line = profile.addresses.line[address]
      var location = file.isEmpty ? "" : (line > 0 ? "\(file):\(line)" : file)
      let room = rows.width - functionWidth - 1
      if CharacterWidth.of(location) > room && room > 4 {
        // Keep the file name and line: drop the start of the path.
        location = (theme.glyphs == .unicode ? "…" : "~") + String(location.suffix(room - 1))
      }
      grid.put(location, x: rows.x + functionWidth + 1, y: y, style: selected ? base : theme[.dim], maxWidth: room)
    }
  }

  /// The frame index (innermost first) at screen row `y`.
  func frameIndex(atY y: Int, cursor: ListCursor, count: Int) -> Int? {
    let rows = framesArea
    guard y >= rows.y && y < rows.maxY else { return nil }
    let index = cursor.top + y - rows.y
    return index < count ? index : nil
  }
}
