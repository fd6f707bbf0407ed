import Foundation

/// A point the diff pickers can name: the capture start, a named snapshot, the end, or any
/// event (a marker dropped on the Timeline, `--start event:N`).
public enum SnapshotRef: Sendable, Hashable {
  case start
  /// Index into `Profile.snapshots` (named ones; the last entry is `End`).
  case snapshot(Int)
  case end
  /// Just after the event with this stream index, named ("Mark A").
  case event(UInt32, name: String)
}

extension Profile {
  /// The snapshot a reference names, or `nil` for `.start`.
  public func snapshot(_ ref: SnapshotRef) -> Snapshot? {
    switch ref {
    case .start: return nil
    case .end: return end
    case .snapshot(let i): return snapshots.indices.contains(i) ? snapshots[i] : nil
    case .event(let index, let name): return snapshot(atEvent: min(index, end.streamIndex), name: name)
    }
  }

  /// A snapshot made up for any event: its frame and time from the frame markers, its stats from
  /// the last stats sample at or before it, its live bytes and blocks from the rows.
  ///
  /// - Complexity: O(rows born up to the event).
  func snapshot(atEvent index: UInt32, name: String) -> Snapshot {
    let clock = FrameClock(frames: frames)
    let rows = rowsBorn(atOrBefore: index)
    var size: Int64 = 0
    var count: Int64 = 0
    allocations.death.withUnsafeBufferPointer { death in
      allocations.size.withUnsafeBufferPointer { bytes in
        for row in 0..<rows where death[row] > index {
          size += Int64(bytes[row])
          count += 1
        }
      }
    }
    var statValues: [StatValue] = []
    if let sample = stats.sample(atOrBefore: index) {
      for (n, statName) in stats.names.enumerated() {
        if let value = stats.values[n][sample] { statValues.append(StatValue(name: statName, value: value)) }
      }
    }
    return Snapshot(
      description: "\(name) @ event \(index), frame \(clock.frame(at: index))", subtype: .snapshot, snapshotIndex: -1,
      streamIndex: index, frameNumber: clock.frame(at: index), currentTime: Float(clock.seconds(at: index)),
      elapsedTime: 0, allocationCount: count, allocationSize: size, allocationMaxSize: size, allocationRows: rows,
      stats: statValues, loadedLevels: [], metrics: [], isEnd: false)
  }

  /// Resolves a user's word for a snapshot: `start`, `end`, an index into the named list
  /// (`0`, `#3`), or a description or its unique prefix (case-insensitive).
  public func resolveSnapshot(_ text: String) throws -> SnapshotRef {
    let word = text.trimmingCharacters(in: .whitespaces)
    let lower = word.lowercased()
    if lower == "start" { return .start }
    if lower.hasPrefix("event:") {
      guard let index = UInt32(lower.dropFirst(6)), index <= end.streamIndex else {
        throw MprofError.notFound(
          what: "'\(word)': an event is event:N with N from 0 to \(end.streamIndex) (the capture's last event)")
      }
      return .event(index, name: "Event")
    }
    if lower == "end" { return .end }
    let digits = lower.hasPrefix("#") ? String(lower.dropFirst()) : lower
    if let n = Int(digits), n >= 0 {
      if n < snapshots.count - 1 { return .snapshot(n) }
      if n == snapshots.count - 1 { return .end }
      throw MprofError.notFound(
        what: "no snapshot #\(n): the capture has \(snapshots.count - 1) named snapshots (0–\(snapshots.count - 2))")
    }
    if let exact = snapshots.firstIndex(where: { $0.description.lowercased() == lower }) {
      return exact == snapshots.count - 1 ? .end : .snapshot(exact)
    }
    let matches = snapshots.indices.filter { snapshots[$0].description.lowercased().hasPrefix(lower) }
    if matches.count == 1 { return matches[0] == snapshots.count - 1 ? .end : .snapshot(matches[0]) }
    let known = snapshots.map(\.description).joined(separator: ", ")
    if matches.isEmpty { throw MprofError.notFound(what: "no snapshot named '\(word)'; known: Start, \(known)") }
    throw MprofError.notFound(what: "'\(word)' names \(matches.count) snapshots; be more specific")
  }

  /// The label of a reference as the pickers show it.
  public func label(_ ref: SnapshotRef) -> String {
    switch ref {
    case .start: return "Start"
    case .end: return "End"
    case .snapshot(let i): return snapshot(ref).map { "#\(i): \($0.description)" } ?? "#\(i)"
    case .event(let index, let name): return "\(name) @ event \(index), frame \(frames.frame(containing: index))"
    }
  }

  /// The short form of `label`: `Start`, `#5`, `End`.
  public func shortLabel(_ ref: SnapshotRef) -> String {
    if case .snapshot(let i) = ref { return "#\(i)" }
    if case .event(_, let name) = ref { return name }
    return label(ref)
  }

  /// Where a reference sits as a query-rule marker: its stream index, Start before every event
  /// (−1).
  public func markerPosition(_ ref: SnapshotRef) -> Int64 {
    if ref == .start { return -1 }
    return Int64(streamIndex(ref) ?? 0)
  }

  /// Every reference in picker order: Start, each named snapshot, End.
  public var snapshotRefs: [SnapshotRef] {
    [.start] + (0..<max(snapshots.count - 1, 0)).map { .snapshot($0) } + [.end]
  }
}
