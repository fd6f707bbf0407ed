/// `dump --json`: the contract in `fixtures/README.md`, plus a few extra keys.
public enum ProfileDump {
  /// Writes the dump as JSON text through `output`, one member (and one snapshot) at a time, so
  /// the memory it takes does not grow with the size of the output.
  ///
  /// - Complexity: one pass over the allocation rows per snapshot.
  public static func write(_ p: Profile, pretty: Bool, to output: (String) -> Void) throws {
    let members = try topLevel(p)
    let newline = pretty ? "\n" : ""
    let indent = pretty ? "  " : ""
    output("{")
    for (i, member) in members.enumerated() {
      output((i > 0 ? "," : "") + newline + indent)
      var key = ""
      JSONValue.writeString(member.key, into: &key)
      output(key + (pretty ? ": " : ":"))
      switch member.value {
      case .value(let value):
        output(value.text(pretty: pretty, indent: 1))
      case .snapshots:
        output("[")
        for index in p.snapshots.indices {
          output((index > 0 ? "," : "") + newline + indent + indent)
          output(try snapshotJSON(p, index).text(pretty: pretty, indent: 2))
        }
        output((p.snapshots.isEmpty ? "" : newline + indent) + "]")
      }
    }
    output(newline + "}")
  }

  /// The whole dump as one string (tests and small captures).
  public static func text(_ p: Profile, pretty: Bool = false) throws -> String {
    var out = ""
    try write(p, pretty: pretty) { out += $0 }
    return out
  }

  /// The top-level members other than the snapshots (what `info --format json` shows).
  public static func members(_ p: Profile) throws -> [(String, JSONValue)] {
    try topLevel(p).compactMap { member in
      if case .value(let value) = member.value { return (member.key, value) }
      return nil
    }
  }

  /// A top-level member: a value, or the snapshots, which are written one by one.
  private enum Member {
    case value(JSONValue)
    case snapshots
  }

  private static func snapshotJSON(_ p: Profile, _ i: Int) throws -> JSONValue {
    let s = p.snapshots[i]
    let active = try p.active(at: s.streamIndex)
    var lifetimeSize: Int64 = 0
    for row in 0..<s.allocationRows { lifetimeSize += Int64(p.allocations.size[row]) }
    return .object([
      ("ordinal", .int(Int64(i))), ("description", .string(s.description)),
      ("subtype", .string(s.subtype.enumName)), ("snapshot_index", .int(Int64(s.snapshotIndex))),
      ("stream_index", .int(Int64(s.streamIndex))), ("frame_number", .int(Int64(s.frameNumber))),
      ("current_time", .double(Double(s.currentTime))), ("elapsed_time", .double(Double(s.elapsedTime))),
      ("allocation_count", .int(s.allocationCount)), ("allocation_size", .int(s.allocationSize)),
      ("active_count", .int(active.totalCount)), ("active_size", .int(active.totalSize)),
      ("lifetime_count", .int(Int64(s.allocationRows))), ("lifetime_size", .int(lifetimeSize)),
      ("active_by_callstack", rowsJSON(active.rows())),
      (
        "loaded_levels",
        .array(s.loadedLevels.map { .string(p.names.indices.contains(Int($0)) ? p.names[Int($0)] : "") })
      ),
      ("stats", .object(s.stats.map { ($0.name, .int($0.value)) })),
    ])
  }

  private static func topLevel(_ p: Profile) throws -> [(key: String, value: Member)] {
    let h = p.header
    var header: [(String, JSONValue)] = [
      ("version", .int(Int64(h.version))), ("big_endian", .bool(h.isBigEndian)),
      ("num_data_files", .int(Int64(h.numDataFiles))), ("name_table_entries", .int(Int64(h.nameTableEntries))),
      ("callstack_address_table_entries", .int(Int64(h.addressTableEntries))),
      ("callstack_table_entries", .int(Int64(h.callstackTableEntries))),
      ("tags_table_entries", .int(Int64(h.tagsTableEntries))), ("metadata_entries", .int(Int64(h.metadataEntries))),
      ("module_entries", .int(Int64(h.moduleEntries))),
    ]
    if h.version >= 6 { header.append(("metadata_table_offset", .int(Int64(h.metadataOffset)))) }
    header += [
      ("name_table_offset", .int(Int64(h.nameTableOffset))),
      ("callstack_address_table_offset", .int(Int64(h.addressTableOffset))),
      ("callstack_table_offset", .int(Int64(h.callstackTableOffset))),
    ]
    if h.version >= 7 { header.append(("tags_table_offset", .int(Int64(h.tagsTableOffset)))) }
    header += [
      ("modules_offset", .int(Int64(h.modulesOffset))), ("end_offset", .int(Int64(p.partSizes.first ?? 0))),
      ("platform", .string(h.platformName)), ("executable", .string(h.executableName)),
      ("has_symbols", .bool(h.hasSymbols)), ("layout", .string(h.layout.rawValue)),
    ]

    let counts = p.tokenCounts
    let byType: [(String, JSONValue)] = counts.byTypeName.map { ($0.0, .int(Int64($0.1))) }
    let t = p.totals
    var endActive = CallstackAggregates(callstackCount: p.callstacks.count)
    endActive.size = t.endActiveSize
    endActive.count = t.endActiveCount
    var lifetime = CallstackAggregates(callstackCount: p.callstacks.count)
    lifetime.size = t.lifetimeSize
    lifetime.count = t.lifetimeCount
    let maxRows = (0..<p.callstacks.count).filter { t.lifetimeCount[$0] > 0 }.sorted {
      t.maxSize[$0] != t.maxSize[$1] ? t.maxSize[$0] > t.maxSize[$1] : $0 < $1
    }
    let end: [(String, JSONValue)] = [
      ("active_count", .int(endActive.totalCount)), ("active_size", .int(endActive.totalSize)),
      ("active_by_callstack", rowsJSON(endActive.rows())),
      ("lifetime_by_callstack", rowsJSON(lifetime.rows())),
      (
        "callstack_max_size",
        .array(
          maxRows.map { c in
            .object([
              ("callstack", .int(Int64(c))), ("max_size", .int(t.maxSize[c])), ("latest_size", .int(t.latestSize[c])),
            ])
          })
      ),
      ("complete_lifecycles", .int(Int64(p.diagnostics.completeLifecycles))),
      ("incomplete_lifecycles", .int(endActive.totalCount)),
      ("cross_callstack_reallocs", .int(Int64(p.diagnostics.crossCallstackReallocs))),
      ("naive_active_by_origin_callstack", rowsJSON(activeByOrigin(p).rows())),
    ]

    let pools: [(String, JSONValue)] = MemoryPool.allCases.map { pool in
      var callstacks = 0
      var count: Int64 = 0
      var size: Int64 = 0
      for c in 0..<p.callstacks.count where t.poolMask[c] & pool.flag != 0 {
        callstacks += 1
        count += t.endActiveCount[c]
        size += t.endActiveSize[c]
      }
      return (
        pool.enumName,
        .object([("callstacks", .int(Int64(callstacks))), ("active_count", .int(count)), ("active_size", .int(size))])
      )
    }

    return [
      ("file", .value(.string(p.path))),
      ("header", .value(.object(header))),
      ("memory_ops", .value(.int(Int64(counts.memoryOperations)))),
      // Every token including the end-of-stream marker, as the truth files count them.
      ("token_count", .value(.int(Int64(counts.tokenCount + (counts.others[0] ?? 0))))),
      ("tokens_by_type", .value(.object(byType))),
      ("callstack_count", .value(.int(Int64(p.callstacks.count)))),
      ("callstack_address_count", .value(.int(Int64(p.addresses.count)))),
      ("truncated_callstacks", .value(.int(Int64(p.callstacks.isTruncated.filter { $0 }.count)))),
      ("frames", .value(.int(Int64(p.frames.count)))),
      ("frame_markers", .value(.int(Int64(counts.others[TokenSubtype.frameTime.rawValue] ?? 0)))),
      ("snapshots", .snapshots),
      ("end", .value(.object(end))),
      ("pools", .value(.object(pools))),
      ("tags", .value(.array(p.tagSets.map { .string($0.raw) }))),
      ("metadata", .value(.object(p.metadata.map { ($0.key, .string($0.value)) }))),
      ("diagnostics", .value(.array(p.diagnostics.messages.map { .string($0) }))),
    ]
  }

  static func rowsJSON(_ rows: [CallstackRow]) -> JSONValue {
    .array(
      rows.map {
        .object([("callstack", .int(Int64($0.callstack))), ("count", .int($0.count)), ("size", .int($0.size))])
      })
  }

  /// Live blocks at the end attributed to the callstack that first allocated them, following
  /// each realloc back to the original malloc.
  static func activeByOrigin(_ p: Profile) -> CallstackAggregates {
    var result = CallstackAggregates(callstackCount: p.callstacks.count)
    let a = p.allocations
    var origin = [Int32](repeating: 0, count: a.count)
    for row in 0..<a.count {
      let from = Int(a.reallocatedFrom[row])
      origin[row] = from >= 0 ? origin[from] : a.callstack[row]
      if a.death[row] == AllocationTable.alive {
        result.size[Int(origin[row])] += Int64(a.size[row])
        result.count[Int(origin[row])] += 1
      }
    }
    return result
  }
}
