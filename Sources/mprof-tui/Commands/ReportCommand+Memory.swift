import ArgumentParser
import Foundation
import ProfileModel

extension ReportCommand {
  /// The pools a memory map draws: the selected ones with `--filter-in`, the others with
  /// `--filter-out` (MemoryProfiler2's rule).
  static func mapPools(_ state: FilterState) -> UInt8 {
    state.mode == .filterIn ? state.poolMask : ~state.poolMask & MemoryPool.allMask
  }

  /// The memory map at the diff end, one character a pixel: a group's letter (lower case when
  /// live at the diff start too), `.` past the used space, `--heat` the ramp ` .:-=+*#%@`.
  func memoryMap(_ p: Profile, _ query: ViewQuery, _ state: FilterState) throws -> String {
    let pools = Self.mapPools(state)
    guard pools != 0 else {
      throw MprofError.notFound(what: "All memory pools are being filtered out. No data to display.")
    }
    var space = try AddressSpace(profile: p, poolMask: pools, gap: parseByteCount(gap) ?? AddressSpace.defaultGap)
    guard !space.regions.isEmpty else {
      throw MprofError.notFound(what: "The selected memory pools were never allocated to in this profiling run.")
    }
    if linear { space = space.linear }
    let layout = MemoryMapLayout(
      space: space, width: mapWidth, height: mapHeight, scale: scale.map { .powerOfTwo($0) } ?? .fit, rowsPerCell: 1)
    let at = state.diffEnd == .start ? 0 : p.streamIndex(state.diffEnd) ?? p.end.streamIndex
    let base = state.diffStart == .start ? nil : p.streamIndex(state.diffStart)
    // At most --height rows are printed (a chosen scale or many folded regions can make far more).
    let shownRows = min(layout.rowCount, mapHeight)
    let map = try MemoryMap(
      profile: p, query: query, layout: layout, poolMask: pools,
      request: MemoryMap.Request(at: at, base: base, firstRow: 0, rows: shownRows))
    let groups = query.assignment.groups
    let letters = query.assignment.letters
    let top = map.maximumHeat
    func character(_ i: Int, row: Int, column: Int) -> Character {
      if heat {
        guard map.heat[i] > 0 else { return layout.address(row: row, column: column) == nil ? "." : " " }
        let level = log(1 + Double(map.heat[i])) / log(1 + Double(max(top, 1)))
        let ramp = Array(" .:-=+*#%@")
        return ramp[min(max(1, Int((level * Double(ramp.count - 1)).rounded())), ramp.count - 1)]
      }
      let g = Int(map.group[i])
      guard g >= 0 else { return layout.address(row: row, column: column) == nil ? "." : " " }
      return map.old[i] ? Character(letters[g].lowercased()) : letters[g]
    }
    let span = space.span ?? 0..<0
    switch format {
    case .json:
      var rows: [JSONValue] = []
      for row in 0..<shownRows {
        if let separator = layout.separator(atRow: row) {
          rows.append(
            .object([
              ("row", .int(Int64(row))), ("gap_start", .string(SizeFormat.address(separator.gap.lowerBound))),
              ("gap_end", .string(SizeFormat.address(separator.gap.upperBound))),
              ("gap_bytes", .int(Int64(clamping: separator.gap.upperBound - separator.gap.lowerBound))),
            ]))
          continue
        }
        let pixels = (0..<layout.width).map { map.index(row: row, column: $0) }
        var fields: [(String, JSONValue)] = [
          ("row", .int(Int64(row))),
          ("address", layout.address(row: row, column: 0).map { .string(SizeFormat.address($0)) } ?? .null),
        ]
        if heat {
          fields.append(("heat", .array(pixels.map { .int(Int64(map.heat[$0])) })))
        } else {
          fields.append(("groups", .array(pixels.map { .int(Int64(map.group[$0])) })))
          fields.append(("bytes", .array(pixels.map { .int(map.bytes[$0]) })))
          if base != nil { fields.append(("live_at_base", .array(pixels.map { .bool(map.old[$0]) }))) }
        }
        rows.append(.object(fields))
      }
      return JSONValue.object([
        ("filter", filters.json(state, profile: p)), ("mode", .string(heat ? "heat" : "groups")),
        ("layout", .string(linear ? "linear" : "folded")), ("gap_bytes", .int(Int64(clamping: space.gap))),
        (
          "memory_space",
          .array([.string(SizeFormat.address(span.lowerBound)), .string(SizeFormat.address(span.upperBound))])
        ),
        ("space_bytes", .int(Int64(clamping: space.size))),
        ("bytes_per_pixel", .int(Int64(clamping: layout.bytesPerPixel))),
        ("width", .int(Int64(layout.width))), ("rows", .int(Int64(layout.rowCount))),
        ("rows_shown", .int(Int64(shownRows))),
        ("allocated_bytes", .int(map.liveBytes)), ("allocated_blocks", .int(map.liveBlocks)),
        ("new_bytes", base == nil ? .null : .int(map.newBytes)),
        ("groups", .array(groups.map { .string($0.name) })),
        (
          "separators",
          .array(
            layout.separators.map {
              .object([
                ("row", .int(Int64($0.firstRow))), ("gap_start", .string(SizeFormat.address($0.gap.lowerBound))),
                ("gap_end", .string(SizeFormat.address($0.gap.upperBound))),
              ])
            })
        ),
        ("pixels", .array(rows)),
      ]).text(pretty: false) + "\n"
    case .text, .csv:
      var out = FilterOptions.header(state, profile: p) + "\n"
      out +=
        "Bytes per pixel \(SizeFormat.size(Int64(clamping: layout.bytesPerPixel))) · Memory space "
        + "\(SizeFormat.address(span.lowerBound)) – \(SizeFormat.address(span.upperBound &- 1)) · Space size "
        + "\(SizeFormat.size(Int64(clamping: space.size))) · Allocated memory \(SizeFormat.size(map.liveBytes))"
      if base != nil { out += " (new since the base \(SizeFormat.size(map.newBytes)))" }
      out += "\n"
      for row in 0..<shownRows {
        if let separator = layout.separator(atRow: row) {
          out +=
            "               ... gap \(SizeFormat.size(Int64(clamping: separator.gap.upperBound - separator.gap.lowerBound))) ...\n"
          continue
        }
        let address = layout.address(row: row, column: 0).map(SizeFormat.address) ?? ""
        var line = address.padding(toLength: 15, withPad: " ", startingAt: 0)
        for column in 0..<layout.width {
          line.append(character(map.index(row: row, column: column), row: row, column: column))
        }
        while line.last == " " { line.removeLast() }
        out += line + "\n"
      }
      if shownRows < layout.rowCount {
        out +=
          "(the first \(shownRows) of \(SizeFormat.count(Int64(layout.rowCount))) rows: --height shows more, a larger "
          + "--scale fewer)\n"
      }
      if heat {
        out += "Heat: allocations per pixel, log scale \" .:-=+*#%@\" up to \(SizeFormat.count(Int64(top)))\n"
      } else {
        var used = Set<Int>()
        for g in map.group where g >= 0 { used.insert(Int(g)) }
        let legend = used.sorted().map { "\(letters[$0]) \(SafeText.terminal(groups[$0].name))" }
        out +=
          "Groups: " + legend.joined(separator: ", ") + (base != nil ? " (lower case: live at the base too)" : "")
          + "\n"
      }
      return out
    }
  }

  /// Every block that ever covered `--address`, in stream order; or, for a range
  /// (`0xSTART-0xEND`, inclusive), every block live at the diff end in it, by address.
  func addressReport(_ p: Profile, _ query: ViewQuery, _ state: FilterState) throws -> String {
    guard let text = address else { throw ValidationError("--view address needs --address 0x…") }
    func hex(_ part: Substring) -> UInt64? {
      let trimmed = part.trimmingCharacters(in: .whitespaces).lowercased()
      return UInt64(trimmed.hasPrefix("0x") ? String(trimmed.dropFirst(2)) : trimmed, radix: 16)
    }
    let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard let value = hex(parts[0]), parts.count == 1 || hex(parts[1]).map({ $0 >= value }) == true else {
      throw ValidationError(
        "--address: \"\(SafeText.excerpt(text))\" is not a hexadecimal address or a range 0xSTART-0xEND")
    }
    let last = parts.count == 2 ? hex(parts[1]) : nil
    let at = state.diffEnd == .start ? 0 : p.streamIndex(state.diffEnd) ?? p.end.streamIndex
    let history =
      try last.map {
        try AddressHistory(
          profile: p, liveIn: [value..<($0 == .max ? .max : $0 + 1)], at: at, query: query,
          poolMask: Self.mapPools(state), assignment: query.assignment, limit: .max)
      }
      ?? AddressHistory(
        profile: p, address: value, at: at, query: query, poolMask: Self.mapPools(state), assignment: query.assignment)
    func how(_ end: AllocationEnd) -> String {
      switch end {
      case .live: return "live"
      case .freed: return "freed"
      case .reallocated: return "reallocated"
      case .replaced: return "replaced"
      }
    }
    var classifier = ContainerFrames.Classifier(profile: p)
    let names = history.entries.map {
      classifier.namingFunction(of: $0.callstack, showContainers: false) ?? "(no frames)"
    }
    switch format {
    case .json:
      return JSONValue.object([
        ("address", .string(SizeFormat.address(value))),
        ("last_address", last.map { .string(SizeFormat.address($0)) } ?? .null),
        ("filter", filters.json(state, profile: p)),
        ("selected", last == nil ? history.selected.map { .int(Int64($0)) } ?? .null : .null),
        (
          "blocks",
          .array(
            history.entries.enumerated().map { i, e in
              .object([
                ("start", .string(SizeFormat.address(e.address))), ("size", .int(Int64(e.size))),
                ("callstack", .int(Int64(e.callstack))), ("group", .string(query.assignment.groups[e.group].name)),
                ("birth_event", .int(Int64(e.birth))), ("birth_frame", .int(Int64(e.birthFrame))),
                ("death_event", e.death.map { .int(Int64($0)) } ?? .null),
                ("death_frame", e.deathFrame.map { .int(Int64($0)) } ?? .null), ("ended", .string(how(e.end))),
                ("function", .string(names[i])),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "start,size,callstack,group,birth_event,birth_frame,death_event,death_frame,ended,function\n"
      for (i, e) in history.entries.enumerated() {
        out +=
          [
            SizeFormat.address(e.address), "\(e.size)", "\(e.callstack)",
            SafeText.csvCell(query.assignment.groups[e.group].name),
            "\(e.birth)", "\(e.birthFrame)", e.death.map { "\($0)" } ?? "", e.deathFrame.map { "\($0)" } ?? "",
            how(e.end), SafeText.csvCell(names[i]),
          ].joined(separator: ",") + "\n"
      }
      return out
    case .text:
      var out =
        last.map {
          "Blocks live at \(p.label(state.diffEnd)) in \(SizeFormat.address(value)) – \(SizeFormat.address($0)) "
            + "(\(history.entries.count))\n"
        }
        ?? "Blocks that covered \(SizeFormat.address(value)) (\(history.entries.count)); > live at \(p.label(state.diffEnd))\n"
      out += "  Start                Size  Made (event/frame)   Ended (event/frame)  How          Group / function\n"
      for (i, e) in history.entries.enumerated() {
        let made = "\(e.birth)/\(e.birthFrame)"
        let ended = e.death.map { "\($0)/\(e.deathFrame ?? 0)" } ?? "-"
        out +=
          (last == nil && i == history.selected ? "> " : "  ")
          + SizeFormat.address(e.address).padding(toLength: 16, withPad: " ", startingAt: 0)
          + SizeFormat.size(Int64(e.size)).leftPadded(to: 10) + "  "
          + made.padding(toLength: 21, withPad: " ", startingAt: 0)
          + ended.padding(toLength: 21, withPad: " ", startingAt: 0)
          + how(e.end).padding(toLength: 13, withPad: " ", startingAt: 0)
          + SafeText.terminal(query.assignment.groups[e.group].name) + " / " + SafeText.terminal(names[i]) + "\n"
      }
      return out
    }
  }
}
