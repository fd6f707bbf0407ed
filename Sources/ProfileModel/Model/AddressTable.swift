/// The unique program counters of a capture with their symbols (columns indexed by address).
public struct AddressTable: Sendable {
  public internal(set) var programCounter: [UInt64] = []
  /// Name-table index of the source file, or -1 when the capture has no symbols.
  public internal(set) var fileNameIndex: [Int32] = []
  /// Name-table index of the function, or -1 when the capture has no symbols.
  public internal(set) var functionNameIndex: [Int32] = []
  public internal(set) var line: [Int32] = []

  public var count: Int { programCounter.count }

  mutating func append(pc: UInt64, file: Int32, function: Int32, line: Int32) {
    programCounter.append(pc)
    fileNameIndex.append(file)
    functionNameIndex.append(function)
    self.line.append(line)
  }
}
