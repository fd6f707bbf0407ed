import Foundation

/// A point the diff pickers can name: the capture start, a named snapshot, or the end.
public enum SnapshotRef: Sendable, Hashable {
  case start
  /// Index into `Profile.snapshots` (named ones; the last entry is `End`).
  case snapshot(Int)
  case end
}

extension Profile {
  /// The snapshot a reference names, or `nil` for `.start`.
  public func snapshot(_ ref: SnapshotRef) -> Snapshot? {
    switch ref {
    case .start: return nil
    case .end: return end
    case .snapshot(let i): return snapshots.indices.contains(i) ? snapshots[i] : nil
    }
  }

  /// Resolves a user's word for a snapshot: `start`, `end`, an index into the named list
  /// (`0`, `#3`), or a description or its unique prefix (case-insensitive).
  public func resolveSnapshot(_ text: String) throws -> SnapshotRef {
    let word = text.trimmingCharacters(in: .whitespaces)
    let lower = word.lowercased()
    if lower == "start" { return .start }
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
    }
  }

  /// The short form of `label`: `Start`, `#5`, `End`.
  public func shortLabel(_ ref: SnapshotRef) -> String {
    if case .snapshot(let i) = ref { return "#\(i)" }
    return label(ref)
  }

  /// Every reference in picker order: Start, each named snapshot, End.
  public var snapshotRefs: [SnapshotRef] {
    [.start] + (0..<max(snapshots.count - 1, 0)).map { .snapshot($0) } + [.end]
  }
}
