import Foundation

/// A scratch folder removed at the end of the test.
public final class ScratchFolder: Sendable {
  public let url: URL

  public init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("mprof-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  deinit { try? FileManager.default.removeItem(at: url) }
}
