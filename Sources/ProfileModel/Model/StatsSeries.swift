/// Every stats sample the capture carries, in stream order: the periodic stats tokens (one per
/// 1,024 memory operations in the engine) and, in v3, the positional stats of snapshot markers.
///
/// Names are kept in order of first appearance; a sample that lacks a name holds `nil` for it.
public struct StatsSeries: Sendable, Equatable {
  /// Stat names, first appearance first ("Used Physical", "Binned Used Current", …).
  public private(set) var names: [String] = []
  /// Stream index of each sample (the index of the token after which the values hold).
  public private(set) var streamIndex: [UInt32] = []
  /// `values[name][sample]`.
  public private(set) var values: [[Int64?]] = []

  public init() {}

  public var sampleCount: Int { streamIndex.count }

  /// The column of a stat, or `nil` when no sample names it.
  public func column(named name: String) -> Int? { names.firstIndex(of: name) }

  /// The last sample at or before `index`, or `nil` before the first sample.
  ///
  /// - Complexity: O(log samples).
  public func sample(atOrBefore index: UInt32) -> Int? {
    var lo = 0
    var hi = streamIndex.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if streamIndex[mid] <= index { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? nil : lo - 1
  }

  /// Adds a sample.
  ///
  /// - Complexity: O(names).
  mutating func append(_ stats: [StatValue], at index: UInt32) {
    let sample = streamIndex.count
    streamIndex.append(index)
    for n in values.indices { values[n].append(nil) }
    for stat in stats {
      let n: Int
      if let known = names.firstIndex(of: stat.name) {
        n = known
      } else {
        n = names.count
        names.append(stat.name)
        values.append([Int64?](repeating: nil, count: sample + 1))
      }
      values[n][sample] = stat.value
    }
  }
}
