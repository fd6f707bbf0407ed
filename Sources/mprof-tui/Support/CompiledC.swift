import Foundation
import ProfileModel

/// A C program embedded in the binary as source, compiled with `cc` once into a folder: the
/// file is named by a hash of the source and the flags, so a changed one is compiled again, and
/// written beside, then renamed, so a half-written one is never run.
enum CompiledC {
  /// The compiled file for `source`, compiling it when it is not there yet.
  ///
  /// - Parameters:
  ///   - flags: cc's options; `libraries` go after the source.
  ///   - failure: what the error says when cc fails.
  /// - Throws: `MprofError.cannotOpen` when cc cannot compile it.
  static func path(
    source: [UInt8], name: String, flags: [String], libraries: [String] = [], folder: String, suffix: String = "",
    failure: String? = nil
  ) throws -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in source + Array((flags + libraries).joined(separator: " ").utf8) {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let output = folder + "/\(name)-\(String(hash, radix: 16))\(suffix)"
    if FileManager.default.isExecutableFile(atPath: output) { return output }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let sourcePath = folder + "/.\(name)-\(getpid()).c"
    let temporary = folder + "/.\(name)-\(getpid())\(suffix)"
    defer {
      try? FileManager.default.removeItem(atPath: sourcePath)
      try? FileManager.default.removeItem(atPath: temporary)
    }
    try Data(source).write(to: URL(fileURLWithPath: sourcePath))
    let compiler = Process()
    compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    // Libraries after the source, so a linker that drops unused ones keeps them.
    compiler.arguments = ["cc"] + flags + ["-o", temporary, sourcePath] + libraries
    compiler.standardOutput = FileHandle.nullDevice
    compiler.standardError = FileHandle.nullDevice
    try compiler.run()
    compiler.waitUntilExit()
    guard compiler.terminationStatus == 0, rename(temporary, output) == 0 else {
      throw MprofError.cannotOpen(path: output, reason: failure ?? "cc could not compile \(name) (install gcc)")
    }
    return output
  }
}
