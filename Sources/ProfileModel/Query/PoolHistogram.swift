/// MemoryProfiler2's Histogram view (§3.5): per memory bank, one bar per class group with the
/// bytes and count of the callstacks that pass the filters, each bar's callstacks largest first.
///
/// Only the banks a capture uses are columns (MemoryProfiler2 always draws two, the second
/// empty on PC), `Ungrouped` is a bar of its own, and the axis is scaled to the data rather than
/// fixed at 512 MB.
public struct PoolHistogram: Sendable {
  /// A memory bank: Local (PS3 video memory) apart, everything else together (§1.4.2).
  public enum Bank: Int, Sendable, CaseIterable {
    case main = 0
    case local = 1

    public var title: String { self == .main ? "Main" : "Local" }

    /// The bank of a callstack's pool mask: Local alone → Local; anything else (mixed too) →
    /// Main.
    public static func of(poolMask: UInt8) -> Bank {
      poolMask == MemoryPool.local.flag ? .local : .main
    }
  }

  /// One bar: a class group in a bank.
  public struct Bar: Sendable, Equatable {
    public var bank: Bank
    public var groupIndex: Int
    public var group: String
    public var color: GroupColor
    public var size: Int64
    public var count: Int64
    /// The bar's callstacks with their figures, largest first (by magnitude).
    public var callstacks: [CallstackRow]
    /// Two builds compared: for each of `callstacks`, whether it indexes the base's callstacks
    /// (a stack gone from the shown build); empty for one capture.
    public var inBase: [Bool] = []
  }

  /// One column: a bank the capture uses, with every group's bar (empty ones too, in the
  /// groups' list order).
  public struct Column: Sendable, Equatable {
    public var bank: Bank
    public var bars: [Bar]
    public var size: Int64 { bars.reduce(0) { $0 + $1.size } }
    public var count: Int64 { bars.reduce(0) { $0 + $1.count } }
  }

  public let columns: [Column]

  /// - Complexity: O(passing callstacks), then a sort of each bar's callstacks.
  public init(profile: Profile, query: ViewQuery) {
    let groups = query.assignment.groups
    var banks = Set<Bank>()
    for c in 0..<profile.callstacks.count where profile.totals.poolMask[c] != 0 {
      banks.insert(Bank.of(poolMask: profile.totals.poolMask[c]))
    }
    if banks.isEmpty { banks = [.main] }
    var columns = Bank.allCases.filter(banks.contains).map { bank in
      Column(
        bank: bank,
        bars: groups.enumerated().map { g, group in
          Bar(bank: bank, groupIndex: g, group: group.name, color: group.color, size: 0, count: 0, callstacks: [])
        })
    }
    let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.bank, $0) })
    for row in query.passingRows {
      let bank = Bank.of(poolMask: profile.totals.poolMask[row.callstack])
      guard let column = position[bank] else { continue }
      let g = Int(query.assignment.groupOfCallstack[row.callstack])
      let bar = g >= 0 ? g : query.assignment.ungroupedIndex
      guard columns[column].bars.indices.contains(bar) else { continue }
      columns[column].bars[bar].size += row.size
      columns[column].bars[bar].count += row.count
      columns[column].bars[bar].callstacks.append(row)
    }
    for c in columns.indices {
      for b in columns[c].bars.indices {
        columns[c].bars[b].callstacks.sort {
          abs($0.size) != abs($1.size) ? abs($0.size) > abs($1.size) : $0.callstack < $1.callstack
        }
      }
    }
    self.columns = columns
  }

  /// Two builds compared: each bar is the shown build's minus the base's, each side's callstacks in
  /// its own groups and banks; a bar lists the matched stacks that land in it with their change
  /// (B's callstack standing for a stack, A's for one gone from B).
  ///
  /// - Complexity: O(callstacks of both), then a sort of each bar's stacks.
  public init(
    comparing base: Profile, baseQuery: ViewQuery, profile: Profile, query: ViewQuery, matching: CaptureComparison
  ) {
    let shown = PoolHistogram(profile: profile, query: query)
    let before = PoolHistogram(profile: base, query: baseQuery)
    let banks = Bank.allCases.filter { bank in
      shown.columns.contains { $0.bank == bank } || before.columns.contains { $0.bank == bank }
    }
    let groups = query.assignment.groups
    var columns = banks.map { bank in
      Column(
        bank: bank,
        bars: groups.enumerated().map { g, group in
          Bar(bank: bank, groupIndex: g, group: group.name, color: group.color, size: 0, count: 0, callstacks: [])
        })
    }
    let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.bank, $0) })
    let growthOnly = query.state.growthOnly
    let normalize = query.state.normalize
    let scale =
      normalize && shown.columns.reduce(0, { $0 + $1.size }) != 0
      ? Double(before.columns.reduce(0) { $0 + $1.size }) / Double(shown.columns.reduce(0) { $0 + $1.size }) : 1
    if !growthOnly {
      for (histogram, sign) in [(shown, Int64(1)), (before, Int64(-1))] {
        for column in histogram.columns {
          guard let c = position[column.bank] else { continue }
          for bar in column.bars where columns[c].bars.indices.contains(bar.groupIndex) {
            let size = sign > 0 ? Int64((Double(bar.size) * scale).rounded()) : bar.size
            columns[c].bars[bar.groupIndex].size += sign * size
            columns[c].bars[bar.groupIndex].count += sign * bar.count
          }
        }
      }
    }
    // Each stack's change, under the bar of the callstack that stands for it (growth only: the
    // bars are these stacks' sums).
    var lists = columns.map { $0.bars.map { _ in [(row: CallstackRow, inBase: Bool)]() } }
    let rows = matching.rows(
      a: baseQuery.aggregates, passingA: baseQuery.filter.passes, b: query.aggregates, passingB: query.filter.passes,
      normalize: normalize)
    for row in rows where (row.deltaSize != 0 || row.deltaCount != 0) && (!growthOnly || row.deltaSize > 0) {
      let (inB, callstack) = matching.representative(row.stack)
      let side = inB ? profile : base
      let assignment = inB ? query.assignment : baseQuery.assignment
      guard let c = position[Bank.of(poolMask: side.totals.poolMask[callstack])] else { continue }
      let g = Int(assignment.groupOfCallstack[callstack])
      let bar = g >= 0 ? g : assignment.ungroupedIndex
      guard lists[c].indices.contains(bar) else { continue }
      lists[c][bar].append((CallstackRow(callstack: callstack, size: row.deltaSize, count: row.deltaCount), !inB))
      if growthOnly {
        columns[c].bars[bar].size += row.deltaSize
        columns[c].bars[bar].count += row.deltaCount
      }
    }
    for c in columns.indices {
      for b in columns[c].bars.indices {
        let sorted = lists[c][b].sorted {
          abs($0.row.size) != abs($1.row.size)
            ? abs($0.row.size) > abs($1.row.size) : $0.row.callstack < $1.row.callstack
        }
        columns[c].bars[b].callstacks = sorted.map(\.row)
        columns[c].bars[b].inBase = sorted.map(\.inBase)
      }
    }
    self.columns = columns
  }

  /// The largest bar's magnitude: the axis every bar is drawn against.
  public var scale: Int64 { columns.flatMap(\.bars).map { abs($0.size) }.max() ?? 0 }
}
