/// How many blocks of each size class the selection holds, and their bytes (heaptrack's Sizes
/// view): power-of-two classes `[2^(k−1) + 1, 2^k]` bytes, zero-byte blocks apart.
public struct SizeHistogram: Sendable, Equatable {
  /// One size class.
  public struct SizeClass: Sendable, Equatable {
    /// The largest size in the class (0 for zero-byte blocks).
    public var upperBound: Int64
    /// The smallest size in the class.
    public var lowerBound: Int64
    public var count: Int64
    public var size: Int64

    /// `"1.00 KB – 2.00 KB"` style label, or the one size of a class of one.
    public var label: String { label(dash: "–") }

    /// The label with another dash (`-` for ASCII screens).
    public func label(dash: String) -> String { SizeHistogram.label(lowerBound, upperBound, dash: dash) }
  }

  /// A class's label: `"1.00 KB – 2.00 KB"`, or the one size of a class of one.
  public static func label(_ lowerBound: Int64, _ upperBound: Int64, dash: String) -> String {
    lowerBound == upperBound
      ? SizeFormat.size(upperBound) : "\(SizeFormat.size(lowerBound)) \(dash) \(SizeFormat.size(upperBound))"
  }

  /// Classes from the smallest used to the largest used (empty classes between are kept, so the
  /// shape of the distribution shows).
  public let classes: [SizeClass]

  /// The class index of a block size: 0 for 0 bytes, k for `(2^(k−1), 2^k]`.
  public static func classIndex(of size: UInt32) -> Int {
    size == 0 ? 0 : (size == 1 ? 1 : 64 - (UInt64(size) - 1).leadingZeroBitCount + 1)
  }

  /// The blocks a filter selects, by size class: live at the end point (Active), or made
  /// between the points (Lifetime); a diff is end − start, signed; under a query rule, the
  /// rule's blocks.
  ///
  /// - Complexity: one pass over the allocation rows in the selected range.
  /// - Throws: `CancellationError` when `cancel` is cancelled.
  public init(profile: Profile, query: ViewQuery, cancel: CancelToken = .never) throws {
    let state = query.state
    var counts = [Int64](repeating: 0, count: 34)
    var sizes = [Int64](repeating: 0, count: 34)
    let passes = query.filter.passes
    let filter = query.filter
    func add(rowsFrom first: Int, to last: Int, liveAfter point: UInt32?, sign: Int64) throws {
      guard first < last else { return }
      for row in first..<last {
        if row & (CancelToken.stride - 1) == 0 { try cancel.check() }
        if let point = point, profile.allocations.death[row] <= point { continue }
        let callstack = Int(profile.allocations.callstack[row])
        guard passes[callstack] else { continue }
        let rowSign = sign * filter.sign(row: row, in: profile)
        guard rowSign != 0 else { continue }
        let size = profile.allocations.size[row]
        let k = Self.classIndex(of: size)
        counts[k] += rowSign
        sizes[k] += rowSign * Int64(size)
      }
    }
    func point(_ at: UInt32, sign: Int64) throws {
      if state.kind == .active {
        try add(rowsFrom: 0, to: profile.rowsBorn(atOrBefore: at), liveAfter: at, sign: sign)
      } else {
        try add(rowsFrom: 0, to: profile.rowsBorn(atOrBefore: at), liveAfter: nil, sign: sign)
      }
    }
    switch (profile.streamIndex(state.diffStart), profile.streamIndex(state.diffEnd)) {
    case _ where filter.rule != nil:
      // The rule picks the rows (and their signs) itself.
      try add(rowsFrom: 0, to: filter.ruleRowLimit(in: profile), liveAfter: nil, sign: 1)
    case (nil, nil): break
    case (let at?, nil), (nil, let at?): try point(at, sign: 1)
    case (let a?, let b?):
      if state.kind == .active {
        try point(b, sign: 1)
        try point(a, sign: -1)
      } else {
        let (low, high, sign): (UInt32, UInt32, Int64) = a <= b ? (a, b, 1) : (b, a, -1)
        try add(
          rowsFrom: profile.rowsBorn(atOrBefore: low), to: profile.rowsBorn(atOrBefore: high), liveAfter: nil,
          sign: sign)
      }
    }
    let first = counts.firstIndex { $0 != 0 } ?? 0
    let last = counts.lastIndex { $0 != 0 } ?? 0
    classes = (first...last).map { k in
      let upper: Int64 = k == 0 ? 0 : 1 << (k - 1)
      let lower: Int64 = k <= 1 ? upper : (1 << (k - 2)) + 1
      return SizeClass(upperBound: upper, lowerBound: lower, count: counts[k], size: sizes[k])
    }
  }
}
