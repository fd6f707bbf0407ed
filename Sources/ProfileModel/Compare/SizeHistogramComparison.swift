/// The allocation sizes of two builds side by side: per power-of-two size class, the blocks and
/// bytes each build's selection holds (`SizeHistogram`), and B − A.
///
/// Sizes need no matching of callstacks: a class is the same bytes in both builds.
public struct SizeHistogramComparison: Sendable, Equatable {
  /// One size class on both sides.
  public struct SizeClass: Sendable, Equatable {
    public var upperBound: Int64
    public var lowerBound: Int64
    public var countA: Int64
    public var countB: Int64
    public var sizeA: Int64
    public var sizeB: Int64
    public var deltaCount: Int64 { countB - countA }
    public var deltaSize: Int64 { sizeB - sizeA }

    /// `"1.00 KB – 2.00 KB"` style label, or the one size of a class of one.
    public func label(dash: String) -> String { SizeHistogram.label(lowerBound, upperBound, dash: dash) }
  }

  /// Classes from the smallest either side uses to the largest (empty ones between kept).
  public let classes: [SizeClass]

  /// - Parameters:
  ///   - growthOnly: only the classes whose count grew.
  ///   - normalize: B's counts and bytes scaled to A's totals of each (pprof's `-normalize`).
  public init(a: SizeHistogram, b: SizeHistogram, growthOnly: Bool = false, normalize: Bool = false) {
    var byUpper: [Int64: SizeClass] = [:]
    for c in a.classes {
      byUpper[c.upperBound] = SizeClass(
        upperBound: c.upperBound, lowerBound: c.lowerBound, countA: c.count, countB: 0, sizeA: c.size, sizeB: 0)
    }
    for c in b.classes {
      var merged =
        byUpper[c.upperBound]
        ?? SizeClass(upperBound: c.upperBound, lowerBound: c.lowerBound, countA: 0, countB: 0, sizeA: 0, sizeB: 0)
      merged.countB = c.count
      merged.sizeB = c.size
      byUpper[c.upperBound] = merged
    }
    var classes = byUpper.values.sorted { $0.upperBound < $1.upperBound }
    if normalize {
      let (countA, countB) = (classes.reduce(0) { $0 + $1.countA }, classes.reduce(0) { $0 + $1.countB })
      let (sizeA, sizeB) = (classes.reduce(0) { $0 + $1.sizeA }, classes.reduce(0) { $0 + $1.sizeB })
      for i in classes.indices {
        if countB != 0 {
          classes[i].countB = Int64((Double(classes[i].countB) * Double(countA) / Double(countB)).rounded())
        }
        if sizeB != 0 { classes[i].sizeB = Int64((Double(classes[i].sizeB) * Double(sizeA) / Double(sizeB)).rounded()) }
      }
    }
    if growthOnly {
      classes = classes.filter { $0.countB > $0.countA }
    }
    self.classes = classes
  }

  /// Each build's sizes under its own query; the shown capture's filter decides growth only and
  /// normalizing.
  ///
  /// - Complexity: `SizeHistogram`'s pass on each side.
  /// - Throws: `CancellationError`.
  public init(a: Profile, queryA: ViewQuery, b: Profile, queryB: ViewQuery, cancel: CancelToken = .never) throws {
    self.init(
      a: try SizeHistogram(profile: a, query: queryA, cancel: cancel),
      b: try SizeHistogram(profile: b, query: queryB, cancel: cancel), growthOnly: queryB.state.growthOnly,
      normalize: queryB.state.normalize)
  }
}
