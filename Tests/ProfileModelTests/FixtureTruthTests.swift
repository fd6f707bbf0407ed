import Foundation
import Testing

@testable import ProfileModel

/// Every fixture's dump agrees with its truth (checked against Epic's own parser) on every key.
@Suite struct FixtureTruthTests {
  static let skippedKeys: Set<String> = ["generator", "files", "bytes", "generate_seconds"]

  /// Compares `truth` with `ours` key by key; returns the differences.
  static func differences(_ truth: Any, _ ours: Any?, path: String, into out: inout [String]) {
    guard out.count < 20 else { return }
    switch truth {
    case let object as [String: Any]:
      guard let mine = ours as? [String: Any] else {
        out.append("\(path): expected an object")
        return
      }
      for (key, value) in object where !skippedKeys.contains(key) {
        guard mine.keys.contains(key) else {
          out.append("\(path).\(key): missing")
          continue
        }
        differences(value, mine[key], path: "\(path).\(key)", into: &out)
      }
    case let array as [Any]:
      guard let mine = ours as? [Any], mine.count == array.count else {
        out.append("\(path): expected \(array.count) elements, found \((ours as? [Any])?.count ?? -1)")
        return
      }
      for (i, (a, b)) in zip(array, mine).enumerated() { differences(a, b, path: "\(path)[\(i)]", into: &out) }
    case let number as NSNumber:
      guard let mine = ours as? NSNumber else {
        out.append("\(path): expected \(number), found \(String(describing: ours))")
        return
      }
      // Booleans compare as 0/1, numbers exactly (the f32 times print identically).
      if number.doubleValue != mine.doubleValue {
        out.append("\(path): expected \(number), found \(mine)")
      }
    case let text as String:
      if (ours as? String) != text {
        out.append("\(path): expected \(text.debugDescription), found \(String(describing: ours))")
      }
    default:
      if !(ours is NSNull) { out.append("\(path): expected null") }
    }
  }

  @Test(.enabled(if: Fixtures.available, "../shared/fixtures is absent"), arguments: Fixtures.names)
  func dumpAgreesWithTruth(name: String) throws {
    let truthData = try Data(contentsOf: Fixtures.folder.appendingPathComponent("\(name).truth.json"))
    let truth = try JSONSerialization.jsonObject(with: truthData)
    let profile = try ProfileLoader.load(path: Fixtures.path("\(name).mprof"))
    let ours = try JSONSerialization.jsonObject(with: Data(try ProfileDump.text(profile).utf8))
    var diffs: [String] = []
    Self.differences(truth, ours, path: name, into: &diffs)
    #expect(diffs.isEmpty, "\(diffs.joined(separator: "\n"))")
  }

  @Test(.enabled(if: Fixtures.available, "../shared/fixtures is absent"))
  func everyFixtureHasATruthFile() {
    #expect(Fixtures.names.count >= 7)
  }

  /// The comparison itself catches a wrong value (so a passing fixture test means something).
  @Test func comparisonDetectsDifferences() {
    var diffs: [String] = []
    Self.differences(["a": [1, 2], "b": "x", "generator": 1], ["a": [1, 3], "b": "x"], path: "t", into: &diffs)
    #expect(diffs == ["t.a[1]: expected 2, found 3"])
  }
}
