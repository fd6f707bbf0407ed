/// A loaded capture: the tables of the file and the columns built from one pass over its tokens.
///
/// Immutable and `Sendable`; every view is a pure query over it.
public struct Profile: Sendable {
  /// The path of the first file.
  public var path: String
  /// Sizes of every part, first file first.
  public var partSizes: [UInt64]
  public var header: CaptureHeader
  public var names: [String]
  public var metadata: [(key: String, value: String)]
  public var addresses: AddressTable
  /// Distinct functions; frames merge and match by function.
  public var functions: FunctionTable
  public var callstacks: CallstackTable
  public var tagSets: [TagSet]
  public var modules: [ModuleInfo]
  public var allocations: AllocationTable
  /// Named snapshots in stream order, then `End`.
  public var snapshots: [Snapshot]
  public var frames: FrameTable
  /// Timeline samples, one per 500,000 memory operations.
  public var slices: [MemorySlice]
  /// Every stats sample the file carries (periodic stats tokens; v3 marker stats).
  public var stats: StatsSeries
  public var totals: CallstackTotals
  public var tokenCounts: TokenCounts
  public var diagnostics: LoadDiagnostics
  /// Per pool: the lowest address and the highest end ever allocated (`nil` if never used).
  public var poolRanges: [ClosedRange<UInt64>?]
  /// The options the capture was read with.
  public var options: LoadOptions

  /// The final snapshot.
  public var end: Snapshot { snapshots[snapshots.count - 1] }

  /// The function name of an address: its symbol, or the hex program counter without symbols.
  public func functionName(address: Int) -> String {
    let index = Int(addresses.functionNameIndex[address])
    if index >= 0 && index < names.count { return names[index] }
    return "0x" + String(addresses.programCounter[address], radix: 16, uppercase: true)
  }

  /// The source file of an address, or "" when unknown.
  public func fileName(address: Int) -> String {
    let index = Int(addresses.fileNameIndex[address])
    return index >= 0 && index < names.count ? names[index] : ""
  }
}

extension Profile: CustomStringConvertible {
  public var description: String {
    "Profile(\(path), v\(header.version), \(tokenCounts.tokenCount) tokens, \(callstacks.count) callstacks)"
  }
}
