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

  /// The demo and its next build (`demo --variant`), for comparisons: paths of A and B.
  public static func writeBuildPair(in scratch: ScratchFolder, operations: Int) throws -> (a: String, b: String) {
    var configuration = DemoCapture.Configuration()
    configuration.operations = operations
    try DemoCapture.write(to: scratch.path("a.mprof"), configuration: configuration)
    configuration.variant = true
    try DemoCapture.write(to: scratch.path("b.mprof"), configuration: configuration)
    return (scratch.path("a.mprof"), scratch.path("b.mprof"))
  }

  /// A hand-scripted capture with known figures: two callstacks (one truncated, one with an
  /// allocator frame to trim), a cross-callstack realloc, a free without a malloc, stats,
  /// snapshots and a level.
  public static func writeScript(to path: String, version: UInt32, bigEndian: Bool, splitBytes: UInt64? = nil) throws {
    var c = MprofWriter.Configuration()
    c.version = version
    c.bigEndian = bigEndian
    c.splitBytes = splitBytes
    let w = try MprofWriter(path: path, configuration: c)
    let main = w.address(pc: 0x1000, function: "main", file: "Main.cpp", line: 3)
    let a = w.address(pc: 0x1010, function: "AllocThing()", file: "Thing.cpp", line: 12)
    let b = w.address(pc: 0x1020, function: "UTexture2D::Serialize(FArchive&)", file: "Texture2D.cpp", line: 40)
    let mem = w.address(
      pc: 0x1030, function: "FMemory::Malloc(unsigned long, unsigned int)", file: "FMemory.inl", line: 1)
    let cs0 = w.callstack(innermostFirst: [mem, a, main])
    let cs1 = w.callstack(innermostFirst: [b, main], truncated: true)
    let tags = version >= 7 ? w.tagSet("Asset:Textures/World;") : -1
    w.addMetadata(key: "SelfFile", value: "/bin/Game")
    try w.malloc(pointer: 0x10_0000, size: 64, callstack: cs0)
    try w.stats([("Used Physical", 1000), ("Memory Profiling Overhead", 4096)])
    try w.malloc(pointer: 0x20_0000, size: 32, callstack: cs1)
    try w.snapshot(.snapshot, label: "One", stats: [("Used Physical", 1)], levels: ["/Game/Maps/X"])
    try w.realloc(old: 0x10_0000, new: 0x30_0000, size: 128, callstack: cs1, tags: tags)
    try w.free(pointer: 0x20_0000)
    try w.frame(deltaTime: 0.5)
    try w.snapshot(.loadMapStart, label: "/Game/Maps/X")
    try w.malloc(pointer: 0x40_0000, size: 10, callstack: cs0)
    try w.free(pointer: 0x90_0000)
    try w.finish(endStats: [("Memory Profiling Overhead", 8192)])
  }

  /// The terminal tricks a hostile capture tries: clipboard write (OSC 52), window title,
  /// clear screen, bell, carriage return and backspace, a C1 CSI, DEL.
  public static let controlSequences = [
    "\u{1B}]52;c;cHduZWQ=\u{07}", "\u{1B}]0;owned\u{07}", "\u{1B}[2J", "\u{07}", "\r", "\u{08}", "\u{9B}31m", "\u{7F}",
  ]

  /// A capture whose every string carries control sequences, CSV delimiters and a formula.
  public static func writeHostile(to path: String) throws {
    var c = MprofWriter.Configuration()
    c.platformName = "Linux\u{1B}[2J"
    c.executableName = "Game\u{1B}]0;owned\u{07}"
    let w = try MprofWriter(path: path, configuration: c)
    let evil = controlSequences.joined()
    let main = w.address(pc: 0x1000, function: "main\(evil)", file: "Main\r.cpp", line: 3)
    let formula = w.address(pc: 0x1010, function: "=HYPERLINK(\"http://x\",\"y\")", file: "a,b\"c\nd.cpp", line: 4)
    let plain = w.address(pc: 0x1020, function: "@SUM(1+1)", file: "-x.cpp", line: 5)
    let first = w.callstack(innermostFirst: [formula, main])
    let second = w.callstack(innermostFirst: [plain, main])
    let tags = w.tagSet("Subsystem:Audio\u{1B}[31m;")
    w.addMetadata(key: "SelfFile\u{07}", value: "/bin/\u{1B}]52;c;eA==\u{07}")
    try w.malloc(pointer: 0x10_0000, size: 64, callstack: first, tags: tags)
    try w.malloc(pointer: 0x20_0000, size: 32, callstack: second)
    try w.snapshot(.snapshot, label: "One\(evil)", levels: ["/Game/\u{1B}[2JMap"])
    try w.finish()
  }

  /// A capture with one deep chain (`depth` frames, long C++ names) and a shallow sibling: the
  /// innermost function is `Innermost::AllocateTheDeepestBlock(unsigned long)`.
  public static func writeDeep(to path: String, depth: Int = 60) throws {
    let w = try MprofWriter(path: path)
    var frames: [Int32] = []
    for level in 0..<depth {
      let name =
        level == depth - 1
        ? "Innermost::AllocateTheDeepestBlock(unsigned long)"
        : "Engine::Subsystem\(level)::TTemplatedHandler<FSomethingLong\(level)>::Dispatch(FContext&, int)"
      frames.append(
        w.address(
          pc: 0x1000 + UInt64(level) * 16, function: name, file: "Deep/Level\(level).cpp", line: Int32(level + 1)))
    }
    let deep = w.callstack(innermostFirst: frames.reversed())
    let shallow = w.callstack(innermostFirst: [
      w.address(pc: 0x9000, function: "Shallow()", file: "s.cpp", line: 1), frames[0],
    ])
    try w.malloc(pointer: 0x10_0000, size: 4096, callstack: deep)
    try w.malloc(pointer: 0x20_0000, size: 16, callstack: shallow)
    try w.finish()
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
