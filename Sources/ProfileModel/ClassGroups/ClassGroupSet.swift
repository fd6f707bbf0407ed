import Foundation

/// The contents of a `ClassGroups.xml` (MemoryProfiler2's `SettableOptions`): the groups and
/// the settings stored beside them.
public struct ClassGroupSet: Sendable, Equatable {
  public var groups: [ClassGroup]
  public var memoryPoolFilterState: UInt32 = 15
  public var invertCallStacksInCallGraphView = false
  public var filterOutObjectVMFunctions = false
  public var trimAllocatorFunctions = true
  public var allocatorFunctions: [FunctionFilter] = FunctionFilter.defaults

  public init(groups: [ClassGroup]) {
    self.groups = groups
  }

  /// The load options these settings imply.
  public var loadOptions: LoadOptions {
    var options = LoadOptions()
    options.trimAllocatorFunctions = trimAllocatorFunctions
    options.allocatorFunctions = allocatorFunctions.isEmpty ? FunctionFilter.defaults : allocatorFunctions
    options.filterOutObjectVMFunctions = filterOutObjectVMFunctions
    return options
  }

  /// Groups in MemoryProfiler2's list order: by name, case-insensitively (stable).
  public var orderedGroups: [ClassGroup] {
    groups.enumerated().sorted { a, b in
      let order = a.element.name.lowercased().compare(b.element.name.lowercased())
      return order == .orderedSame ? a.offset < b.offset : order == .orderedAscending
    }.map(\.element)
  }

  // MARK: - Reading

  /// Parses a file in either form: UTF-16 with a BOM (UE3) or UTF-8 (UE4).
  ///
  /// - Throws: `MprofError.badClassGroups` with the line and column of what is wrong.
  public init(xmlData data: Data, path: String) throws {
    let root: XMLReader.Element
    do {
      root = try XMLReader.read([UInt8](data))
    } catch let error as XMLReader.ReadError {
      throw MprofError.badClassGroups(path: path, message: error.message)
    }
    guard root.name == "SettableOptions" else {
      throw MprofError.badClassGroups(
        path: path, message: "expected the root element <SettableOptions>, found <\(SafeText.excerpt(root.name))>")
    }
    var groups: [ClassGroup] = []
    for wrapper in root.elements(named: "ClassGroups") {
      for element in wrapper.elements(named: "ClassGroup") {
        groups.append(try Self.group(element, path: path))
      }
    }
    self.init(groups: groups)
    if let text = root.elements(named: "MemoryPoolFilterState").first?.text {
      guard let value = UInt32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw MprofError.badClassGroups(
          path: path, message: "MemoryPoolFilterState must be a whole number, found '\(SafeText.excerpt(text))'")
      }
      memoryPoolFilterState = value
    }
    invertCallStacksInCallGraphView = try Self.bool(root, "InvertCallStacksInCallGraphView", path) ?? false
    filterOutObjectVMFunctions = try Self.bool(root, "FilterOutObjectVMFunctions", path) ?? false
    trimAllocatorFunctions = try Self.bool(root, "TrimAllocatorFunctions", path) ?? true
    if let wrapper = root.elements(named: "AllocatorFunctions").first {
      var filters: [FunctionFilter] = []
      for element in wrapper.elements(named: "FCallStackFunctionFilter") {
        let pattern = element.attribute("FilterPattern") ?? ""
        let modeText = element.attribute("FilterMode") ?? "SubString"
        guard let mode = FunctionFilterMode(rawValue: modeText) else {
          throw MprofError.badClassGroups(path: path, message: "unknown FilterMode '\(SafeText.excerpt(modeText))'")
        }
        filters.append(FunctionFilter(pattern: pattern, mode: mode))
      }
      // MemoryProfiler2's ApplyDefaults fills an empty list with its six filters.
      allocatorFunctions = filters.isEmpty ? FunctionFilter.defaults : filters
    }
  }

  /// Reads a file from disk (a regular file, at most `XMLReader.maxBytes`).
  public init(contentsOf path: String) throws {
    let bytes = try SafeFile.read(path, limit: XMLReader.maxBytes, what: "class-groups")
    try self.init(xmlData: Data(bytes), path: path)
  }

  private static func bool(_ root: XMLReader.Element, _ name: String, _ path: String) throws -> Bool? {
    guard let text = root.elements(named: name).first?.text else { return nil }
    return try parseBool(text, what: name, path: path)
  }

  private static func parseBool(_ text: String, what: String, path: String) throws -> Bool {
    switch text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
    case "true", "1": return true
    case "false", "0": return false
    default:
      throw MprofError.badClassGroups(
        path: path, message: "\(what) must be true or false, found '\(SafeText.excerpt(text))'")
    }
  }

  private static func group(_ element: XMLReader.Element, path: String) throws -> ClassGroup {
    let name = element.attribute("Name") ?? "<Unknown>"
    let shown = SafeText.excerpt(name)
    let filtered =
      try element.attribute("bFilter").map { try parseBool($0, what: "bFilter of group \(shown)", path: path) } ?? false
    var color = GroupColor(red: 0, green: 0, blue: 0, name: "Black")
    if let text = element.attribute("Color") {
      guard let parsed = GroupColor(parsing: text) else {
        throw MprofError.badClassGroups(
          path: path,
          message:
            "group \(shown): unknown colour '\(SafeText.excerpt(text))' (use a .NET colour name, 'R, G, B' or '#RRGGBB')"
        )
      }
      color = parsed
    }
    var patterns: [CallStackPattern] = []
    for patternElement in element.elements(named: "CallStackPatterns") {
      let useRegexes =
        try patternElement.attribute("UseRegexes").map {
          try parseBool($0, what: "UseRegexes in group \(shown)", path: path)
        } ?? false
      let tierText = patternElement.attribute("PatternOrderGroup") ?? "General"
      guard let tier = PatternOrderGroup(rawValue: tierText) else {
        throw MprofError.badClassGroups(
          path: path, message: "group \(shown): unknown PatternOrderGroup '\(SafeText.excerpt(tierText))'")
      }
      let biasText = patternElement.attribute("OrderBias") ?? "0"
      guard let bias = Int16(biasText.trimmingCharacters(in: .whitespaces)) else {
        throw MprofError.badClassGroups(
          path: path, message: "group \(shown): OrderBias must be −32768…32767, found '\(SafeText.excerpt(biasText))'")
      }
      let frames = patternElement.elements(named: "StackFramePatterns").map(\.text)
      patterns.append(
        CallStackPattern(useRegexes: useRegexes, orderGroup: tier, orderBias: bias, framePatterns: frames))
    }
    return ClassGroup(name: name, isFiltered: filtered, color: color, patterns: patterns)
  }

  // MARK: - Writing

  /// The XML text, tab-indented UTF-8 as the UE4 tool writes it.
  public func xmlText() -> String {
    var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<SettableOptions>\n\t<ClassGroups>\n"
    for group in groups {
      out +=
        "\t\t<ClassGroup Name=\"\(escape(group.name))\" bFilter=\"\(group.isFiltered)\" Color=\"\(escape(group.color.description))\">\n"
      for pattern in group.patterns {
        out +=
          "\t\t\t<CallStackPatterns UseRegexes=\"\(pattern.useRegexes)\" PatternOrderGroup=\"\(pattern.orderGroup.rawValue)\" OrderBias=\"\(pattern.orderBias)\">\n"
        for frame in pattern.framePatterns {
          out += "\t\t\t\t<StackFramePatterns>\(escape(frame))</StackFramePatterns>\n"
        }
        out += "\t\t\t</CallStackPatterns>\n"
      }
      out += "\t\t</ClassGroup>\n"
    }
    out += "\t</ClassGroups>\n"
    out += "\t<MemoryPoolFilterState>\(memoryPoolFilterState)</MemoryPoolFilterState>\n"
    out += "\t<InvertCallStacksInCallGraphView>\(invertCallStacksInCallGraphView)</InvertCallStacksInCallGraphView>\n"
    out += "\t<FilterOutObjectVMFunctions>\(filterOutObjectVMFunctions)</FilterOutObjectVMFunctions>\n"
    out += "\t<TrimAllocatorFunctions>\(trimAllocatorFunctions)</TrimAllocatorFunctions>\n"
    out += "\t<AllocatorFunctions>\n"
    for filter in allocatorFunctions {
      out +=
        "\t\t<FCallStackFunctionFilter FilterPattern=\"\(escape(filter.pattern))\" FilterMode=\"\(filter.mode.rawValue)\" />\n"
    }
    out += "\t</AllocatorFunctions>\n</SettableOptions>\n"
    return out
  }

  /// Writes the file atomically: a temporary file in the same folder, then a rename.
  public func save(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
      try Data(xmlText().utf8).write(to: temporary)
      if rename(temporary.path, path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw MprofError.cannotOpen(path: path, reason: "cannot replace the file: \(reason)")
      }
    } catch let error as MprofError {
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw MprofError.cannotOpen(path: path, reason: error.localizedDescription)
    }
  }

  private func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }
}
