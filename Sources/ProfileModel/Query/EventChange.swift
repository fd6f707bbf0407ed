/// The largest change of a curve's live bytes at a single event: what the History readout
/// names under the cursor, with the block and callstack that made it.
public struct EventChange: Sendable, Equatable {
  /// What happened at the event to the counted blocks.
  public enum Kind: String, Sendable {
    case allocation = "allocated"
    case free = "freed"
    case realloc = "reallocated"
  }

  public var event: UInt32
  /// The net change of live bytes at the event (a realloc: new size − old size).
  public var bytes: Int64
  /// The net change of live blocks.
  public var blocks: Int64
  public var kind: Kind
  /// The allocation row that changed: the block made at the event, else the block freed.
  public var row: Int
  public var callstack: Int

  /// The event in `range` whose change is largest in magnitude (the earliest of equals), counting
  /// the rows a `LiveBytesSeries` with the same `query` and `callstacks` counts; `nil` when no
  /// counted block changes there.
  ///
  /// - Complexity: O(rows born up to the range's end) for the deaths, plus a dictionary of the
  ///   events in the range that change something.
  /// - Throws: `CancellationError`.
  public static func largest(
    in range: ClosedRange<UInt32>, profile: Profile, query: ViewQuery? = nil, callstacks: [Bool]? = nil,
    cancel: CancelToken = .never
  ) throws -> EventChange? {
    let a = profile.allocations
    let (keep, rowFilter) = LiveBytesSeries.counting(query: query, callstacks: callstacks)
    func counts(_ row: Int) -> Bool {
      if let keep, !keep[Int(a.callstack[row])] { return false }
      if let rowFilter { return rowFilter.keeps(row: row, in: profile) }
      return true
    }
    struct Step {
      var bytes: Int64 = 0
      var blocks: Int64 = 0
      var born: Int?
      var freed: Int?
    }
    var steps: [UInt32: Step] = [:]
    let end = profile.rowsBorn(atOrBefore: range.upperBound)
    for row in 0..<end {
      if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
      let birth = a.birth[row]
      let death = a.death[row]
      let bornHere = range.contains(birth)
      let diesHere = range.contains(death)
      guard bornHere || diesHere, counts(row) else { continue }
      let size = Int64(a.size[row])
      if bornHere {
        steps[birth, default: Step()].bytes += size
        steps[birth, default: Step()].blocks += 1
        steps[birth, default: Step()].born = steps[birth]?.born ?? row
      }
      if diesHere {
        steps[death, default: Step()].bytes -= size
        steps[death, default: Step()].blocks -= 1
        steps[death, default: Step()].freed = steps[death]?.freed ?? row
      }
    }
    var best: (event: UInt32, step: Step)?
    for (event, step) in steps where step.bytes != 0 || step.blocks != 0 {
      if let current = best {
        let (m, n) = (abs(step.bytes), abs(current.step.bytes))
        guard m > n || (m == n && event < current.event) else { continue }
      }
      best = (event, step)
    }
    guard let best, let row = best.step.born ?? best.step.freed else { return nil }
    let kind: Kind = best.step.born != nil ? (best.step.freed != nil ? .realloc : .allocation) : .free
    return EventChange(
      event: best.event, bytes: best.step.bytes, blocks: best.step.blocks, kind: kind, row: row,
      callstack: Int(a.callstack[row]))
  }
}
