import Foundation
import ProfileModel

/// Captures the tests generate with the writer (seeded, so every run and every clone gets the
/// same bytes): the viewer's tests need nothing from ../shared.
public enum Captures {
  /// Writes a demo capture of `operations` memory operations (and `variants` callstacks per call
  /// chain) into `scratch`; returns its path.
  public static func writeDemo(
    in scratch: ScratchFolder, operations: Int, variants: Int = 6, seed: UInt64 = 2026, name: String = "demo.mprof"
  ) throws -> String {
    var configuration = DemoCapture.Configuration()
    configuration.operations = operations
    configuration.variantsPerChain = variants
    configuration.seed = seed
    let path = scratch.path(name)
    try DemoCapture.write(to: path, configuration: configuration)
    return path
  }

  /// The viewer tests' capture: a 6,000-operation demo with the built-in class groups, made and
  /// loaded once per test process.
  public static let viewer: (path: String, profile: Profile, assignment: GroupAssignment) = {
    let path = folder.path("viewer.mprof")
    do {
      _ = try writeDemo(in: folder, operations: 6_000, name: "viewer.mprof")
      let profile = try ProfileLoader.load(path: path)
      let assignment = try GroupAssignment(profile: profile, groups: ClassGroupsLocator.builtIn())
      return (path, profile, assignment)
    } catch {
      preconditionFailure("the writer's demo capture must load: \(error)")
    }
  }()

  /// Lives as long as the test process.
  private static let folder = ScratchFolder()
}
