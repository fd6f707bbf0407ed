import Foundation

/// Where the shared fixtures live (../shared/fixtures from the package root), if present.
public enum Fixtures {
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()
  public static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
  public static var available: Bool { FileManager.default.fileExists(atPath: path("tiny.mprof")) }
  public static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// Every `NAME.mprof` that has a `NAME.truth.json` beside it.
  public static var names: [String] {
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    return files.filter { $0.hasSuffix(".truth.json") }.map { String($0.dropLast(".truth.json".count)) }.sorted()
  }
}
