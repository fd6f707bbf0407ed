import Foundation

/// Function, file and line for code addresses, from `llvm-symbolizer` run once over them all
/// after the program ended (never in the allocation hook).
struct Symbolizer {
  struct Symbol {
    var function: String
    var file: String
    var line: Int32
  }

  /// The first executable named `name` on the PATH.
  static func onPath(_ name: String) -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// `llvm-symbolizer` on the PATH (Debian's, or the Swift toolchain's beside `swift`).
  static var tool: String? { onPath("llvm-symbolizer") }

  /// Swift names demangled (`$s…` → `static MprofCommand.$main()`) with the toolchain's
  /// `swift-demangle`, all in one run; names it cannot read, or without the tool, stay as they are.
  static func demangleSwift(_ names: [String]) -> [String] {
    let mangled = names.indices.filter { names[$0].hasPrefix("$s") || names[$0].hasPrefix("_$s") }
    guard !mangled.isEmpty else { return names }
    guard let tool = onPath("swift-demangle") else { return names }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["--simplified"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return names }
    // Written on another thread while the output is read, so neither pipe fills up.
    let text = mangled.map { names[$0] }.joined(separator: "\n") + "\n"
    let writer = Thread {
      input.fileHandleForWriting.write(Data(text.utf8))
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    var result = names
    for (k, i) in mangled.enumerated() where k < lines.count && !lines[k].isEmpty { result[i] = String(lines[k]) }
    return result
  }

  /// Symbols of `queries` (a module's path and an address inside it, relative to its load
  /// address); `nil` for those the tool does not know, or all when there is no tool.
  static func symbolize(_ queries: [(path: String, address: UInt64)], scratch: String) -> [Symbol?] {
    guard let tool, !queries.isEmpty else { return queries.map { _ in nil } }
    let input = scratch + ".queries"
    defer { try? FileManager.default.removeItem(atPath: input) }
    let text = queries.map { "\"\($0.path)\" 0x\(String($0.address, radix: 16))" }.joined(separator: "\n") + "\n"
    guard (try? text.write(toFile: input, atomically: true, encoding: .utf8)) != nil,
      let stdin = FileHandle(forReadingAtPath: input)
    else { return queries.map { _ in nil } }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["--functions=linkage", "--demangle", "--no-inlines"]
    process.standardInput = stdin
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return queries.map { _ in nil } }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // Two lines a query (function, file:line:column), then a blank line.
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    var symbols: [Symbol?] = []
    var i = 0
    while symbols.count < queries.count && i + 1 < lines.count {
      if lines[i].isEmpty {
        i += 1
        continue
      }
      let function = String(lines[i])
      let location = lines[i + 1].split(separator: ":")
      let file = location.first.map(String.init) ?? "??"
      let line = location.count > 1 ? Int32(location[1]) ?? 0 : 0
      symbols.append(
        function == "??" ? nil : Symbol(function: function, file: file == "??" ? "" : file, line: line))
      i += 2
    }
    while symbols.count < queries.count { symbols.append(nil) }
    // Swift's names, which llvm-symbolizer leaves mangled, and Rust's legacy escapes.
    let named = symbols.indices.filter { symbols[$0] != nil }
    let demangled = demangleSwift(named.map { symbols[$0]?.function ?? "" })
    for (k, i) in named.enumerated() { symbols[i]?.function = RustNames.readable(demangled[k]) }
    return symbols
  }
}
