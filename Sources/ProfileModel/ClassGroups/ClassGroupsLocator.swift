import Foundation

/// Finds the class groups to use: `--class-groups PATH`, then `./ClassGroups.xml`, then
/// `$XDG_CONFIG_HOME/mprof-tui/ClassGroups.xml` (`~/.config/…`), then the built-in default.
public enum ClassGroupsLocator {
  /// Where the groups came from.
  public enum Source: Sendable, Equatable {
    case file(String)
    /// `./ClassGroups.xml`, picked up without being asked for: callers say so, so the user knows
    /// which file decided the groups.
    case currentDirectory(String)
    case builtIn

    /// A line for stderr or the status line when the groups came from the current folder.
    public var notice: String? {
      guard case .currentDirectory(let path) = self else { return nil }
      return
        "class groups from \(SafeText.terminal(path)) (found in the current folder; --class-groups chooses another)"
    }
  }

  /// The built-in default set: the repository's `ClassGroups.xml`, embedded at build time.
  public static func builtIn() -> ClassGroupSet { builtInSet }

  /// The embedded `ClassGroups.xml`, byte for byte.
  public static var builtInXML: Data { Data(PackageResources.ClassGroups_xml) }

  /// Parsed once; a test checks that it parses, so the empty fallback is never reached.
  private static let builtInSet: ClassGroupSet =
    (try? ClassGroupSet(xmlData: builtInXML, path: "<built-in>")) ?? ClassGroupSet(groups: [])

  /// The user's config location for saved groups.
  public static func userConfigPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    let base =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
    return base + "/mprof-tui/ClassGroups.xml"
  }

  /// Loads the first set found in the lookup order.
  ///
  /// - Throws: when `explicitPath` is given and cannot be read, or a found file is malformed.
  public static func load(
    explicitPath: String?, currentDirectory: String = FileManager.default.currentDirectoryPath,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> (groups: ClassGroupSet, source: Source) {
    if let explicitPath { return (try ClassGroupSet(contentsOf: explicitPath), .file(explicitPath)) }
    let local = currentDirectory + "/ClassGroups.xml"
    if FileManager.default.fileExists(atPath: local) {
      return (try ClassGroupSet(contentsOf: local), .currentDirectory(local))
    }
    let config = userConfigPath(environment: environment)
    if FileManager.default.fileExists(atPath: config) { return (try ClassGroupSet(contentsOf: config), .file(config)) }
    return (builtIn(), .builtIn)
  }
}
