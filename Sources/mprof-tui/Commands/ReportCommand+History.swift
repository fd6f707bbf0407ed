import ArgumentParser
import Foundation
import ProfileModel

extension ReportCommand {
  /// The chosen callstacks, from `--callstacks`, `--function` or `--group` (exactly one).
  func historySelection(_ p: Profile, _ query: ViewQuery) throws -> HistorySelection {
    let given = [callstacks != nil, function != nil, group != nil].filter { $0 }.count
    guard given == 1 else {
      throw ValidationError("--view history needs one of --callstacks LIST, --function REGEX or --group NAME")
    }
    if let callstacks {
      var list: [Int] = []
      for word in callstacks.split(separator: ",", omittingEmptySubsequences: false) {
        let text = word.trimmingCharacters(in: .whitespaces)
        guard let index = Int(text), index >= 0, index < p.callstacks.count else {
          throw ValidationError(
            "--callstacks: \"\(SafeText.excerpt(text))\" is not a callstack index (0 to \(p.callstacks.count - 1))")
        }
        list.append(index)
      }
      return HistorySelection(source: .callstacks(list), title: "callstacks " + callstacks)
    }
    if let function {
      let search = try NameSearch(text: function, isRegex: true, caseSensitive: false)
      let matches = try search.functionMatches(in: p)
      let list = (0..<p.callstacks.count).filter { c in
        p.callstacks.frames(of: c).contains { matches[Int(p.functions.idOfAddress[Int($0)])] }
      }
      return HistorySelection(source: .callstacks(list), title: "functions matching /\(function)/")
    }
    let name = group ?? ""
    guard let index = query.assignment.groups.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
      let known = query.assignment.groups.map(\.name).joined(separator: ", ")
      throw ValidationError("--group: no class group \"\(SafeText.excerpt(name))\"; the groups are \(known)")
    }
    return HistorySelection(source: .group(index), title: query.assignment.groups[index].name)
  }

  /// A history: live bytes and blocks of the chosen callstacks over the diff range (or the whole
  /// capture), in buckets that keep their peaks.
  func history(_ p: Profile, _ query: ViewQuery, _ state: FilterState) throws -> String {
    let selection = try historySelection(p, query)
    let mask = try selection.callstackMask(profile: p, query: query)
    let chosen = mask.lazy.filter { $0 }.count
    let whole = LiveBytesSeries.wholeCapture(p)
    var range = whole
    if !self.whole {
      let a = p.streamIndex(state.diffStart) ?? 0
      let b = p.streamIndex(state.diffEnd) ?? 0
      range = (min(a, b)...max(max(a, b), min(a, b) + 1)).clamped(to: whole)
    }
    let series = try LiveBytesSeries(profile: p, range: range, buckets: buckets, query: query, callstacks: mask)
    let clock = FrameClock(frames: p.frames)
    switch format {
    case .json:
      return JSONValue.object([
        ("history_of", .string(selection.title)), ("callstacks", .int(Int64(chosen))),
        ("filter", filters.json(state, profile: p)), ("first_event", .int(Int64(range.lowerBound))),
        ("last_event", .int(Int64(range.upperBound))), ("initial_live_bytes", .int(series.initial)),
        ("initial_live_blocks", .int(series.initialCount)),
        (
          "buckets",
          .array(
            series.buckets.map { b in
              .object([
                ("first_event", .int(Int64(b.first))), ("last_event", .int(Int64(b.last))),
                ("frame", .double(clock.fractionalFrame(at: b.last))),
                ("seconds", .double(clock.seconds(at: b.last))), ("max_live_bytes", .int(b.maximum)),
                ("min_live_bytes", .int(b.minimum)), ("end_live_bytes", .int(b.final)),
                ("end_live_blocks", .int(b.finalCount)),
              ])
            })
        ),
      ]).text(pretty: true) + "\n"
    case .csv:
      var out = "first_event,last_event,frame,seconds,max_live_bytes,min_live_bytes,end_live_bytes,end_live_blocks\n"
      for b in series.buckets {
        out +=
          "\(b.first),\(b.last),\(String(format: "%.3f", clock.fractionalFrame(at: b.last))),"
          + "\(String(format: "%.3f", clock.seconds(at: b.last))),\(b.maximum),\(b.minimum),\(b.final),\(b.finalCount)\n"
      }
      return out
    case .text:
      var out =
        "History of \(shown(selection.title)): \(chosen) callstacks passing the filters, events "
        + "\(range.lowerBound)–\(range.upperBound) in \(series.buckets.count) buckets\n"
      out +=
        pad("Events", 22, right: true) + pad("Frame", 10, right: true) + pad("Peak live", 13, right: true)
        + pad("End live", 13, right: true) + pad("Blocks", 10, right: true) + "\n"
      for b in series.buckets {
        out +=
          pad("\(b.first)–\(b.last)", 22, right: true)
          + pad(String(format: "%.1f", clock.fractionalFrame(at: b.last)), 10, right: true)
          + pad(SizeFormat.size(b.maximum), 13, right: true) + pad(SizeFormat.size(b.final), 13, right: true)
          + pad(SizeFormat.count(b.finalCount), 10, right: true) + "\n"
      }
      return out
    }
  }
}
