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

  /// Progress: the stage, bytes done and bytes in all. Return `false` to cancel.
  public typealias ProgressHandler = @Sendable (_ stage: Stage, _ done: UInt64, _ total: UInt64) -> Bool

  /// Opens the file and reads its header: the cheap checks, so a viewer can report a missing
  /// or foreign file before it takes the screen.
  ///
  /// - Throws: `MprofError` naming the file, the offset and what was expected.
  public static func checkHeader(path: String) throws -> CaptureHeader {
    try HeaderReader.read(try CaptureFile(path: path))
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
        guard let partFile = try? CaptureFile(path: partPath) else {
          throw MprofError.missingPart(path: partPath, part: part)
        }
        partSizes.append(partFile.size)
      }
    }
    let firstTable = header.tableOffsets.min() ?? file.size
    let tokenBytes = (firstTable > header.headerSize ? firstTable - header.headerSize : 0)
      + partSizes.dropFirst().reduce(0, +)
    let totalBytes = partSizes.reduce(0, +)
    let reader = TokenReader(file: file, startOffset: header.headerSize)
    let handler: (UInt64) -> Bool = { consumed in report(.tokens, consumed, totalBytes) }
    if header.isBigEndian {
      let parser = StreamParser<BigEndianOrder>(
        header: header, reader: reader, basePath: path, tables: tables, callstacks: callstacks, options: options,
        tokenBytes: tokenBytes)
      try parser.run(progress: handler)
      return finish(parser, path: path, partSizes: partSizes, report: report)
    } else {
      let parser = StreamParser<LittleEndianOrder>(
        header: header, reader: reader, basePath: path, tables: tables, callstacks: callstacks, options: options,
        tokenBytes: tokenBytes)
      try parser.run(progress: handler)
      return finish(parser, path: path, partSizes: partSizes, report: report)
    }
  }

  private static func finish<O>(
    _ p: StreamParser<O>, path: String, partSizes: [UInt64], report: ProgressHandler
  ) -> Profile {
    _ = report(.done, partSizes.reduce(0, +), partSizes.reduce(0, +))
    let (allocations, totals) = p.takeResults()
    let ranges: [ClosedRange<UInt64>?] = (0..<4).map { i in
      p.poolLow[i] <= p.poolHigh[i] ? p.poolLow[i]...p.poolHigh[i] : nil
    }
    return Profile(
      path: path, partSizes: partSizes, header: p.header, names: p.tables.names, metadata: p.tables.metadata,
      addresses: p.tables.addresses,
      functions: FunctionTable(addresses: p.tables.addresses, names: p.tables.names), callstacks: p.callstacks, tagSets: p.tables.tagSets, modules: p.tables.modules,
      allocations: allocations, snapshots: p.snapshots, frames: p.frames, slices: p.slices, totals: totals,
      tokenCounts: p.counts, diagnostics: p.diagnostics, poolRanges: ranges, options: p.options)
  }
}
