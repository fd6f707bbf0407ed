import Foundation
import ProfileModel

extension ReportCommand {
  /// The Timeline: live bytes over the whole capture in buckets (peak, low and end value), with
  /// the frame and time at each bucket's end and every stats series the file carries.
  func timeline(_ p: Profile, _ query: ViewQuery, _ state: FilterState) throws -> String {
    let series = try LiveBytesSeries(
      profile: p, range: LiveBytesSeries.wholeCapture(p), buckets: buckets, query: filtered ? query : nil)
    let clock = FrameClock(frames: p.frames)
    let stats = p.stats
    func stat(_ name: Int, _ bucket: LiveBytesSeries.Bucket) -> Int64? {
      stats.sample(atOrBefore: bucket.last).flatMap { stats.values[name][$0] }
    }
    let scope = filtered ? "what passes the filters" : "all memory"
    switch format {
    case .json:
      var members: [(String, JSONValue)] = [("scope", .string(scope))]
      if filtered { members.append(("filter", filters.json(state, profile: p))) }
      members += [
        ("initial_live_bytes", .int(series.initial)),
        (
          "snapshots",
          .array(
            p.snapshots.map {
              .object([
                ("description", .string($0.description)), ("event", .int(Int64($0.streamIndex))),
                ("frame", .int(Int64($0.frameNumber))),
              ])
            })
        ),
        (
          "buckets",
          .array(
            series.buckets.map { b in
              .object(
                [
                  ("first_event", .int(Int64(b.first))), ("last_event", .int(Int64(b.last))),
                  ("frame", .double(clock.fractionalFrame(at: b.last))),
                  ("seconds", .double(clock.seconds(at: b.last))),
                  ("max_live_bytes", .int(b.maximum)), ("min_live_bytes", .int(b.minimum)),
                  ("end_live_bytes", .int(b.final)),
                  (
                    "stats",
                    .object(stats.names.indices.map { n in (stats.names[n], stat(n, b).map { .int($0) } ?? .null) })
                  ),
                ])
            })
        ),
      ]
      return JSONValue.object(members).text(pretty: true) + "\n"
    case .csv:
      var out =
        (["first_event", "last_event", "frame", "seconds", "max_live_bytes", "min_live_bytes", "end_live_bytes"]
        + stats.names.map(csvField)).joined(separator: ",") + "\n"
      for b in series.buckets {
        let fixed = [
          "\(b.first)", "\(b.last)", String(format: "%.3f", clock.fractionalFrame(at: b.last)),
          String(format: "%.3f", clock.seconds(at: b.last)), "\(b.maximum)", "\(b.minimum)", "\(b.final)",
        ]
        out += (fixed + stats.names.indices.map { stat($0, b).map(String.init) ?? "" }).joined(separator: ",") + "\n"
      }
      return out
    case .text:
      var out =
        "Timeline of \(scope), events 0–\(p.end.streamIndex) in \(series.buckets.count) buckets"
        + ", \(p.snapshots.count - 1) snapshots\n"
      let names = stats.names.map { shown($0) }
      out +=
        pad("Events", 22, right: true) + pad("Frame", 10, right: true) + pad("Seconds", 10, right: true)
        + pad("Peak live", 13, right: true) + pad("End live", 13, right: true)
        + names.map { "  " + $0 }.joined() + "\n"
      for b in series.buckets {
        out +=
          pad("\(b.first)–\(b.last)", 22, right: true)
          + pad(String(format: "%.1f", clock.fractionalFrame(at: b.last)), 10, right: true)
          + pad(String(format: "%.2f", clock.seconds(at: b.last)), 10, right: true)
          + pad(SizeFormat.size(b.maximum), 13, right: true) + pad(SizeFormat.size(b.final), 13, right: true)
          + names.indices.map { n in
            "  " + pad(stat(n, b).map(SizeFormat.size) ?? "–", names[n].count, right: true)
          }.joined() + "\n"
      }
      for s in p.snapshots {
        out += "  \(shown(s.description)) at event \(s.streamIndex), frame \(s.frameNumber)\n"
      }
      return out
    }
  }
}
