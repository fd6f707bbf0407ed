import Foundation
import Testing

@testable import ProfileModel

@Suite struct ClassGroupTests {
  static let ue3Path = Fixtures.folder.appendingPathComponent("classgroups/ue3-MemoryProfiler2.ClassGroups.xml").path

  @Test(.enabled(if: Fixtures.available, "../shared/fixtures is absent"))
  func ue3FileLoadsAndSavesWithoutLoss() throws {
    let set = try ClassGroupSet(contentsOf: Self.ue3Path)
    #expect(set.groups.count == 37)
    let ungrouped = try #require(set.groups.first { $0.name == "Ungrouped" })
    #expect(ungrouped.color.description == "Purple")
    #expect(
      ungrouped.patterns == [
        CallStackPattern(useRegexes: true, orderGroup: .catchAll, orderBias: 32767, framePatterns: ["."])
      ])
    #expect(set.groups.first { $0.name == "Anim" }?.color.description == "PeachPuff")
    #expect(
      set.groups.first { $0.name == "Nav" }?.patterns.map(\.framePatterns).contains([
        "^[PathNode] UObject::StaticAllocateObject"
      ]) == true)
    let scratch = ScratchFolder()
    try set.save(to: scratch.path("saved.xml"))
    let again = try ClassGroupSet(contentsOf: scratch.path("saved.xml"))
    #expect(again == set)
    #expect(again.groups.map(\.color.description) == set.groups.map(\.color.description))
  }

  @Test func builtInSetIsTheRepositoryFileAndParses() throws {
    let onDisk = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("ClassGroups.xml"))
    #expect(onDisk == ClassGroupsLocator.builtInXML)
    // Parsed directly, so an error surfaces here instead of the locator's empty fallback.
    let set = try ClassGroupSet(xmlData: ClassGroupsLocator.builtInXML, path: "<built-in>")
    #expect(set == ClassGroupsLocator.builtIn())
    #expect(set.groups.count > 20)
    #expect(set.groups.last?.name == "Ungrouped")
    #expect(set.groups.last?.patterns.first?.orderGroup == .catchAll)
  }

  @Test func coloursInEveryForm() {
    #expect(GroupColor(parsing: "PeachPuff") == GroupColor(red: 255, green: 218, blue: 185))
    #expect(GroupColor(parsing: "peachpuff")?.description == "PeachPuff")
    #expect(GroupColor(parsing: "10, 20, 30")?.description == "10, 20, 30")
    #expect(GroupColor(parsing: "#FF8000") == GroupColor(red: 255, green: 128, blue: 0))
    #expect(GroupColor(parsing: "128, 10, 20, 30")?.alpha == 128)
    #expect(GroupColor(parsing: "NotAColour") == nil)
    #expect(GroupColor(parsing: "300, 0, 0") == nil)
  }

  @Test func malformedFilesAreReported() {
    let bad: [(String, String)] = [
      ("<SettableOptions><ClassGroups>", "line 1, column 31: expected </ClassGroups> before the end of the file"),
      ("<Other/>", "expected the root element <SettableOptions>"),
      (
        #"<SettableOptions><ClassGroups><ClassGroup Name="A" Color="Nope"/></ClassGroups></SettableOptions>"#,
        "unknown colour"
      ),
      (
        #"<SettableOptions><ClassGroups><ClassGroup Name="A" bFilter="maybe"/></ClassGroups></SettableOptions>"#,
        "true or false"
      ),
      (
        #"<SettableOptions><ClassGroups><ClassGroup Name="A"><CallStackPatterns PatternOrderGroup="Odd"/></ClassGroup></ClassGroups></SettableOptions>"#,
        "PatternOrderGroup"
      ),
    ]
    for (text, expected) in bad {
      do {
        _ = try ClassGroupSet(xmlData: Data(text.utf8), path: "g.xml")
        Issue.record("accepted: \(text)")
      } catch let error as MprofError {
        #expect("\(error)".hasPrefix("g.xml: class groups: ") && "\(error)".contains(expected), "\(error)")
      } catch {
        #expect("\(error)".contains(expected), "\(error)")
      }
    }
  }

  @Test func literalRegexesMatchLikeRealOnes() throws {
    let names = [
      "UAnimSet::Foo", "xUAnimSet::", "FName::Init", "TArray<int>::Add", "a.b", "UTexture2D::Serialize(FArchive&)",
    ]
    for pattern in [
      "^UAnimSet::", "AnimSet", "::Init$", "^a\\.b$", "^[PathNode] x", "Serialize\\(FArchive&\\)", "T.rray",
    ] {
      let fast = try FrameMatcher.compile(pattern, regex: true, source: "test")
      let slow = try NSRegularExpression(pattern: pattern)
      var budget = LinearRegex.Budget()
      for name in names {
        let expected = slow.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        #expect(try fast.matches(name, budget: &budget) == expected, "\(pattern) on \(name)")
      }
    }
    #expect(throws: MprofError.self) { try FrameMatcher.compile("(unclosed", regex: true, source: "test") }
  }

  @Test func lookupOrderAndAtomicSave() throws {
    let scratch = ScratchFolder()
    let env = ["XDG_CONFIG_HOME": scratch.path("config"), "HOME": scratch.url.path]
    let (builtIn, source) = try ClassGroupsLocator.load(
      explicitPath: nil, currentDirectory: scratch.path("cwd"), environment: env)
    #expect(source == .builtIn && !builtIn.groups.isEmpty)
    var mine = ClassGroupSet(groups: [
      ClassGroup(name: "Mine", color: GroupColor(red: 1, green: 2, blue: 3), patterns: [])
    ])
    try mine.save(to: ClassGroupsLocator.userConfigPath(environment: env))
    let (fromConfig, configSource) = try ClassGroupsLocator.load(
      explicitPath: nil, currentDirectory: scratch.path("cwd"), environment: env)
    #expect(
      fromConfig.groups.map(\.name) == ["Mine"]
        && configSource == .file(scratch.path("config/mprof-tui/ClassGroups.xml")))
    mine.groups[0].name = "Local"
    try FileManager.default.createDirectory(atPath: scratch.path("cwd"), withIntermediateDirectories: true)
    try mine.save(to: scratch.path("cwd/ClassGroups.xml"))
    let (local, localSource) = try ClassGroupsLocator.load(
      explicitPath: nil, currentDirectory: scratch.path("cwd"), environment: env)
    #expect(local.groups.map(\.name) == ["Local"])
    #expect(localSource == .currentDirectory(scratch.path("cwd/ClassGroups.xml")))
    #expect(localSource.notice?.contains("cwd/ClassGroups.xml (found in the current folder") == true)
    #expect(throws: MprofError.self) { try ClassGroupsLocator.load(explicitPath: scratch.path("missing.xml")) }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path("cwd")).filter {
      $0.hasSuffix(".tmp")
    }
    #expect(leftovers.isEmpty)
  }

  /// First match wins, ties broken by ordinal, then group name order, then pattern order.
  @Test func assignmentOrderIsStable() throws {
    let scratch = ScratchFolder()
    let path = scratch.path("g.mprof")
    try Captures.writeScript(to: path, version: 7, bigEndian: false)
    let p = try ProfileLoader.load(path: path)
    func assign(_ groups: [ClassGroup]) throws -> [String] {
      let a = try GroupAssignment(profile: p, groups: ClassGroupSet(groups: groups))
      return (0..<p.callstacks.count).map { a.groupName(of: $0) }
    }
    let red = GroupColor(red: 255, green: 0, blue: 0)
    // Both groups match callstack 0 via "main"; "Alpha" sorts first.
    let tie = try assign([
      ClassGroup(name: "Beta", color: red, patterns: [CallStackPattern(framePatterns: ["^main$"])]),
      ClassGroup(name: "Alpha", color: red, patterns: [CallStackPattern(framePatterns: ["main"])]),
    ])
    #expect(tie == ["Alpha", "Alpha"])
    // A lower bias wins over name order; Specific wins over General.
    let biased = try assign([
      ClassGroup(name: "Alpha", color: red, patterns: [CallStackPattern(orderBias: 5, framePatterns: ["main"])]),
      ClassGroup(name: "Beta", color: red, patterns: [CallStackPattern(orderBias: 1, framePatterns: ["AllocThing"])]),
      ClassGroup(
        name: "Gamma", color: red,
        patterns: [CallStackPattern(orderGroup: .specific, orderBias: 9, framePatterns: ["Serialize"])]),
    ])
    #expect(biased == ["Beta", "Gamma"])
    // Multi-frame patterns need the frames in order, outermost first; plain mode is exact.
    let sequence = try assign([
      ClassGroup(name: "Seq", color: red, patterns: [CallStackPattern(framePatterns: ["^main$", "^Alloc"])]),
      ClassGroup(
        name: "Plain", color: red,
        patterns: [CallStackPattern(useRegexes: false, framePatterns: ["UTexture2D::Serialize(FArchive&)"])]),
      ClassGroup(
        name: "Backwards", color: red,
        patterns: [CallStackPattern(orderGroup: .specific, framePatterns: ["^Alloc", "^main$"])]),
    ])
    #expect(sequence == ["Seq", "Plain"])
    #expect(try assign([]) == ["Ungrouped", "Ungrouped"])
  }

  /// The assignment rule spelled out the slow way: patterns in (ordinal, group, pattern) order,
  /// the first whose elements match the callstack's functions in order wins.
  static func referenceAssignment(profile p: Profile, groups: [ClassGroup]) throws -> [String] {
    var ordered: [(ordinal: Int, group: String, matchers: [FrameMatcher])] = []
    for group in groups {
      for pattern in group.patterns where !pattern.framePatterns.isEmpty {
        let matchers = try pattern.framePatterns.map {
          try FrameMatcher.compile($0, regex: pattern.useRegexes, source: "test")
        }
        ordered.append((pattern.ordinal, group.name, matchers))
      }
    }
    let indices = ordered.indices.sorted {
      ordered[$0].ordinal != ordered[$1].ordinal ? ordered[$0].ordinal < ordered[$1].ordinal : $0 < $1
    }
    var budget = LinearRegex.Budget()
    return try (0..<p.callstacks.count).map { c in
      let names = p.callstacks.frames(of: c).map { p.functions.names[Int(p.functions.idOfAddress[Int($0)])] }
      if names.isEmpty { return ClassGroup.ungroupedName }
      for i in indices {
        var next = 0
        for name in names where try ordered[i].matchers[next].matches(name, budget: &budget) {
          next += 1
          if next == ordered[i].matchers.count { return ordered[i].group }
        }
      }
      return ClassGroup.ungroupedName
    }
  }

  @Test func assignmentAgreesWithTheReferenceRule() throws {
    let scratch = ScratchFolder()
    let p = try ProfileLoader.load(path: Captures.writeDemo(in: scratch, operations: 20_000, variants: 40))
    let red = GroupColor(red: 255, green: 0, blue: 0)
    // The default groups, plus sequences that must beat, or lose to, one-element patterns.
    var groups = ClassGroupsLocator.builtIn().orderedGroups
    groups.append(
      ClassGroup(
        name: "AAA Sequence", color: red,
        patterns: [
          CallStackPattern(orderGroup: .specific, framePatterns: ["^GuardedMain", "^FDispatch", "Serialize"]),
          CallStackPattern(orderGroup: .catchAll, orderBias: -1, framePatterns: ["Tick", "::"]),
        ]))
    groups.append(
      ClassGroup(
        name: "ZZZ Never", color: red,
        patterns: [CallStackPattern(orderGroup: .specific, framePatterns: ["^FDispatch", "^GuardedMain"])]))
    let set = ClassGroupSet(groups: groups)
    let fast = try GroupAssignment(profile: p, groups: set)
    let expected = try Self.referenceAssignment(profile: p, groups: fast.groups)
    #expect(p.callstacks.count > 500)
    #expect(Set(expected).count > 5)
    #expect(expected.contains("AAA Sequence"))
    #expect(!expected.contains("ZZZ Never"))
    let mismatches = (0..<p.callstacks.count).filter { fast.groupName(of: $0) != expected[$0] }
    #expect(mismatches.isEmpty, "first differing callstacks: \(mismatches.prefix(5))")
  }
}
