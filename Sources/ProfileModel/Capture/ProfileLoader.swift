import Foundation

/// Loads a capture: header, tables, callstack preparation, then the token pass.
public enum ProfileLoader {
  /// A stage of the load, for progress bars.
  public enum Stage: String, Sendable {
    case header = "Reading header"
    case tables = "Reading tables"
    case callstacks = "Preparing callstacks"
    case tokens = "Parsing token stream"
    case done = "Done"
  }

  /// Progress: the stage, bytes done and bytes in all.
  ///
  /// Return `false` to cancel.
  public typealias ProgressHandler = @Sendable (_ stage: Stage, _ done: UInt64, _ total: UInt64) -> Bool

  /// Opens the file and reads its header: the cheap checks, so a viewer can report a missing
  /// or foreign file before it takes the screen.
  ///
  /// - Throws: `MprofError` naming the file, the offset and what was expected.
  public static func checkHeader(path: String) throws -> CaptureHeader {
    try HeaderReader.read(try CaptureFile(path: path))
  }

  /// The files of the capture at `path`: itself, then its `.m1`, `.m2`, … parts as its header
  /// counts them.
  ///
  /// - Throws: `MprofError` when the header cannot be read.
  public static func partPaths(path: String) throws -> [String] {
    let header = try checkHeader(path: path)
    return [path] + (1..<max(Int(header.numDataFiles), 1)).map { CaptureFile.partPath(base: path, part: $0) }
  }

  /// Reads the capture at `path` (and its `.m1`, `.m2`, … parts).
  ///
  /// - Throws: `MprofError` naming the file, the offset and what was expected.
  /// - Complexity: one pass over the file; memory proportional to the number of allocations.
  public static func load(
    path: String, options: LoadOptions = LoadOptions(), progress: ProgressHandler? = nil
  ) throws -> Profile {
    let report = progress ?? { _, _, _ in true }
    let file = try CaptureFile(path: path)
    guard report(.header, 0, file.size) else { throw MprofError.cancelled }
    let header = try HeaderReader.read(file)
    guard report(.tables, 0, file.size) else { throw MprofError.cancelled }
    var tables = try TableReader.read(file, header: header)
    guard report(.callstacks, 0, file.size) else { throw MprofError.cancelled }
    var vmNames = Set<Int32>()
    if header.scriptCallstackTableOffset != nil {
      for (i, name) in tables.names.enumerated()
      where name == "UObject::CallFunction" || name == "UObject::ProcessEvent" || name.contains("UObject::exec") {
        vmNames.insert(Int32(i))
      }
    }
    let callstacks = try CallstackTrimmer(names: tables.names, addresses: tables.addresses, options: options)
      .build(tables.rawCallstacks, vmFunctionNames: vmNames)
    tables.rawCallstacks = []

    // Multi-part captures: every part must exist; their sizes bound the token stream.
    var partSizes = [file.size]
    if header.numDataFiles > 1 {
      for part in 1..<Int(header.numDataFiles) {
        let partPath = CaptureFile.partPath(base: path, part: part)
        guard FileManager.default.fileExists(atPath: partPath) else {
          throw MprofError.missingPart(path: partPath, part: part, of: Int(header.numDataFiles))
        }
        partSizes.append(try CaptureFile(path: partPath).size)
      }
    }
    let firstTable = header.tableOffsets.min() ?? file.size
    let tokenBytes =
      (firstTable > header.headerSize ? firstTable - header.headerSize : 0)
      + partSizes.dropFirst().reduce(0, +)
    let totalBytes = partSizes.reduce(0, +)
    let reader = TokenReader(file: file, startOffset: header.headerSize, streamEnd: firstTable)
    let handler: (UInt64) -> Bool = { consumed in report(.tokens, consumed, totalBytes) }
    // The most rows the stream could hold; untouched pages of a column cost no memory.
    let smallestAllocation: UInt64 = header.layout == .v2b ? 12 : (header.hasTags ? 20 : 16)
    let rowCapacity = Int(min(tokenBytes / smallestAllocation + 1, 1 << 31))
    let accounting = StreamAccounting(
      header: header, options: options, callstackCount: callstacks.count, rowCapacity: rowCapacity)
    if header.isBigEndian {
      let decoder = TokenDecoder<BigEndianOrder>(
        header: header, reader: reader, basePath: path, tables: tables, callstacks: callstacks, options: options,
        rowCapacity: rowCapacity)
      try StreamPipeline.run(decoder: decoder, accounting: accounting, progress: handler)
      return finish(decoder, accounting, path: path, partSizes: partSizes, report: report)
    } else {
      let decoder = TokenDecoder<LittleEndianOrder>(
        header: header, reader: reader, basePath: path, tables: tables, callstacks: callstacks, options: options,
        rowCapacity: rowCapacity)
      try StreamPipeline.run(decoder: decoder, accounting: accounting, progress: handler)
      return finish(decoder, accounting, path: path, partSizes: partSizes, report: report)
    }
  }

  private static func finish<O>(
    _ d: TokenDecoder<O>, _ a: StreamAccounting, path: String, partSizes: [UInt64], report: ProgressHandler
  ) -> Profile {
    _ = report(.done, partSizes.reduce(0, +), partSizes.reduce(0, +))
    var allocations = AllocationTable()
    d.takeColumns(into: &allocations)
    let totals = a.takeResults(into: &allocations, callstackCount: d.callstacks.count)
    var diagnostics = a.diagnostics
    diagnostics.globalReallocZeroPointer = d.foundGlobalReallocZeroPointer
    diagnostics.callstacksCutToFrameLimit = d.callstacks.cutToFrameLimit
    diagnostics.dataFiles = partSizes.count
    diagnostics.unusualCallstackTerminators = d.tables.unusualTerminators
    diagnostics.overlappingTables = d.tables.overlaps
    let ranges: [ClosedRange<UInt64>?] = (0..<4).map { i in
      a.poolLow[i] <= a.poolHigh[i] ? a.poolLow[i]...a.poolHigh[i] : nil
    }
    return Profile(
      path: path, partSizes: partSizes, header: d.header, names: d.tables.names, metadata: d.tables.metadata,
      addresses: d.tables.addresses,
      functions: FunctionTable(addresses: d.tables.addresses, names: d.tables.names), callstacks: d.callstacks,
      tagSets: d.tables.tagSets, modules: d.tables.modules,
      allocations: allocations, snapshots: a.snapshots, frames: a.frames, slices: a.slices, stats: a.statsSeries,
      totals: totals,
      tokenCounts: d.counts, diagnostics: diagnostics, poolRanges: ranges, options: d.options)
  }
}
