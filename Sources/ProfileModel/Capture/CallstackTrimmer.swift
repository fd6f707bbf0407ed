import Foundation

/// Turns the stored callstacks into the shown ones: reversed to outermost-first, allocator frames trimmed from the
/// inner end (§9.1 step 5), UnrealScript VM frames optionally removed.
///
/// Each filter is evaluated once per distinct function name.
struct CallstackTrimmer {
  let names: [String]
  let addresses: AddressTable
  let options: LoadOptions
  private let regexes: [FrameMatcher?]

  init(names: [String], addresses: AddressTable, options: LoadOptions) throws {
    self.names = names
    self.addresses = addresses
    self.options = options
    regexes = try options.allocatorFunctions.map { filter in
      guard filter.mode == .regex else { return nil }
      return try FrameMatcher.compile(filter.pattern, regex: true, source: "allocator function filter")
    }
  }

  /// Whether a function is an allocator frame; regexes spend from `budget`.
  func isAllocator(_ name: String, budget: inout LinearRegex.Budget) throws -> Bool {
    for (i, filter) in options.allocatorFunctions.enumerated() {
      switch filter.mode {
      case .subString: if name.contains(filter.pattern) { return true }
      case .startsWith: if name.hasPrefix(filter.pattern) { return true }
      case .endsWith: if name.hasSuffix(filter.pattern) { return true }
      case .regex:
        if let regex = regexes[i], try regex.matches(name, budget: &budget) { return true }
      }
    }
    return false
  }

  /// Builds the callstack table from raw (innermost-first) stacks.
  func build(_ raw: [(frames: [Int32], truncated: Bool)], vmFunctionNames: Set<Int32>) throws -> CallstackTable {
    var table = CallstackTable()
    table.frames.reserveCapacity(raw.reduce(0) { $0 + $1.frames.count })
    var allocatorByName = [Int8](repeating: -1, count: names.count)
    var budget = LinearRegex.Budget()
    func allocator(_ address: Int32) throws -> Bool {
      let nameIndex = Int(addresses.functionNameIndex[Int(address)])
      guard nameIndex >= 0 else { return false }
      if allocatorByName[nameIndex] < 0 {
        allocatorByName[nameIndex] = try isAllocator(names[nameIndex], budget: &budget) ? 1 : 0
      }
      return allocatorByName[nameIndex] == 1
    }
    for (index, stack) in raw.enumerated() {
      // Stored innermost first; walk from the inner end and cut after the allocator run.
      var innerCut = 0
      if options.trimAllocatorFunctions && !options.allocatorFunctions.isEmpty {
        var found = false
        for (position, address) in stack.frames.enumerated() {
          if try allocator(address) {
            found = true
          } else if found {
            innerCut = position
            break
          }
        }
      }
      var kept = stack.frames[innerCut...].reversed().map { $0 }
      if options.filterOutObjectVMFunctions {
        kept.removeAll { address in
          let nameIndex = addresses.functionNameIndex[Int(address)]
          guard nameIndex >= 0 else { return false }
          if vmFunctionNames.contains(nameIndex) { return true }
          let name = names[Int(nameIndex)]
          return name.contains("::exec") && name.contains("FFrame&, void*")
        }
      }
      var truncated = stack.truncated
      if kept.count > CallstackTable.maxFrames {
        kept.removeFirst(kept.count - CallstackTable.maxFrames)
        truncated = true
        table.cutToFrameLimit += 1
      }
      table.append(frames: kept, truncated: truncated, original: Int32(index))
    }
    table.fileCallstackCount = raw.count
    return table
  }
}
