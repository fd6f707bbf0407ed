import Foundation
import ProfileModel

/// The generated captures the benchmarks measure, made once into their work folder.
enum BenchCapture {
  /// `workDir/demo-OPERATIONS.mprof` (or `demo-OPERATIONS-VARIANTSv.mprof` for a wider tree).
  static func path(operations: Int, variants: Int = 6, workDir: String) throws -> String {
    try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
    let capture =
      variants == 6 ? "\(workDir)/demo-\(operations).mprof" : "\(workDir)/demo-\(operations)-\(variants)v.mprof"
    if !FileManager.default.fileExists(atPath: capture) {
      var configuration = DemoCapture.Configuration()
      configuration.operations = operations
      configuration.variantsPerChain = variants
      FileHandle.standardError.write(Data("generating \(capture) …\n".utf8))
      try DemoCapture.write(to: capture, configuration: configuration)
    }
    return capture
  }
}
