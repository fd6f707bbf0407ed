import Foundation
import ProfileModel

/// The built-in demo capture, generated once into the user's cache folder.
enum DemoFile {
  /// `$XDG_CACHE_HOME/mprof-tui` (or `~/.cache/mprof-tui`).
  static var cacheFolder: String {
    let env = ProcessInfo.processInfo.environment
    let cache =
      env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSTemporaryDirectory()) + "/.cache")
    return cache + "/mprof-tui"
  }

  static func path() throws -> String {
    let folder = cacheFolder
    let path = folder + "/demo-v\(DemoCapture.version).mprof"
    if FileManager.default.fileExists(atPath: path) { return path }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // Write beside, then rename, so an interrupted run never leaves half a capture.
    let temporary = folder + "/.demo-\(getpid()).mprof"
    try DemoCapture.write(to: temporary)
    guard rename(temporary, path) == 0 else {
      throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    return path
  }
}
