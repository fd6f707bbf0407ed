import Foundation

/// Whole-screen golden files: `Tests/<target>/Snapshots/NAME.txt`, compared as text.
///
/// With `RECORD_SNAPSHOTS=1` in the environment the files are (re)written instead, as swift-argument-parser records its
/// help snapshots.
public enum Snapshot {
  /// Whether this run records.
  public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

  /// Compares `text` with the golden file `name` next to `testFile`'s folder, or records it.
  ///
  /// - Returns: `nil` when they agree (or the file was recorded), else a description of the
  ///   first difference.
  public static func check(_ text: String, named name: String, testFile: String = #filePath) -> String? {
    var folder = URL(fileURLWithPath: testFile).deletingLastPathComponent()
    while folder.lastPathComponent != "ProfileTUITests" && folder.path != "/" { folder.deleteLastPathComponent() }
    let url = folder.appendingPathComponent("Snapshots/\(name).txt")
    let body = text + "\n"
    if recording {
      try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? Data(body.utf8).write(to: url)
      return nil
    }
    guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
      return "no golden file \(url.path); run with RECORD_SNAPSHOTS=1 to record it"
    }
    if stored == body { return nil }
    let want = stored.split(separator: "\n", omittingEmptySubsequences: false)
    let got = body.split(separator: "\n", omittingEmptySubsequences: false)
    for row in 0..<max(want.count, got.count) {
      let a = row < want.count ? String(want[row]) : "<none>"
      let b = row < got.count ? String(got[row]) : "<none>"
      if a != b { return "\(name) row \(row):\n  golden: \(a)\n  screen: \(b)" }
    }
    return "\(name) differs"
  }
}
