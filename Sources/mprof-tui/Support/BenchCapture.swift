import Foundation
import ProfileModel

/// The generated captures the benchmarks measure, made once into their work folder.
enum BenchCapture {
  /// `workDir/demo-vG-OPERATIONS.mprof` (or `demo-vG-OPERATIONS-VARIANTSv.mprof` for a wider
  /// tree), G the generator's version, so a capture of an older generator is not measured.
  ///
  /// - Parameter nextBuild: the demo's variant (`demo --variant`), to compare with.
  static func path(operations: Int, variants: Int = 6, nextBuild: Bool = false, workDir: String) throws -> String {
    try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
    let capture =
      "\(workDir)/demo-v\(DemoCapture.version)-\(operations)" + (variants == 6 ? "" : "-\(variants)v")
      + (nextBuild ? "-next" : "") + ".mprof"
    if !FileManager.default.fileExists(atPath: capture) {
      var configuration = DemoCapture.Configuration()
      configuration.operations = operations
      configuration.variantsPerChain = variants
      configuration.variant = nextBuild
      FileHandle.standardError.write(Data("generating \(capture) …\n".utf8))
      try DemoCapture.write(to: capture, configuration: configuration)
    }
    return capture
  }
}
