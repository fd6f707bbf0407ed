import Foundation
import TestSupport
import Testing

@testable import ProfileModel
@testable import mprof_tui

/// `mprof-tui record`: a small C program written for the test is recorded, and the capture read
/// back: exact operations of its known sites, leaked bytes, a callstack with function and line,
/// a thread's allocations, the fork child left out, the program's exit status kept.
@Suite struct RecordTests {
  static let program = """
    #include <stdlib.h>
    #include <string.h>
    #include <pthread.h>
    #include <unistd.h>
    #include <sys/wait.h>
    static void *blocks[100];
    void *leaky(size_t n) { return malloc(n); }
    void *worker(void *arg) {
      (void)arg;
      for (int i = 0; i < 50; i++) free(malloc(64));
      return NULL;
    }
    int main(void) {
      for (int i = 0; i < 100; i++) blocks[i] = leaky(32);
      for (int i = 0; i < 90; i++) free(blocks[i]);
      char *grow = malloc(16);
      for (int i = 0; i < 5; i++) grow = realloc(grow, 16 << (i + 1));
      free(grow);
      void *zeroed = calloc(4, 25);
      free(zeroed);
      pthread_t t;
      pthread_create(&t, NULL, worker, NULL);
      pthread_join(t, NULL);
      pid_t child = fork();
      if (child == 0) { for (int i = 0; i < 7; i++) blocks[i] = malloc(1000); _exit(0); }
      waitpid(child, NULL, 0);
      return 3;
    }
    """

  /// The callstack's function names, innermost first.
  static func names(_ p: Profile, _ callstack: Int) -> [String] {
    p.callstacks.frames(of: callstack).reversed().map { p.functions.names[Int(p.functions.idOfAddress[Int($0)])] }
  }

  @Test func recordsACProgram() throws {
    let scratch = ScratchFolder()
    let binary = scratch.path("prog")
    try Self.compile(Self.program, named: "prog.c", in: scratch, ["-pthread", "-o", binary])
    let output = scratch.path("prog.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", binary])
    // The program's exit status is record's.
    #expect(status == 3, "\(message)")
    #expect(message.contains("allocation events of \(binary) to \(output)"))
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    let rows = (0..<a.count)
    func through(_ function: String) -> [Int] {
      rows.filter { Self.names(p, Int(a.callstack[$0])).contains(function) }
    }
    // leaky: 100 blocks of 32 bytes, 10 never freed.
    let leaky = through("leaky")
    #expect(leaky.count == 100 && leaky.allSatisfy { a.size[$0] == 32 })
    #expect(leaky.filter { a.death[$0] == AllocationTable.alive }.count == 10)
    // The allocation site with its line: `return malloc(n);` is line 7.
    let site = try #require(leaky.first)
    let frames = p.callstacks.frames(of: Int(a.callstack[site])).reversed()
    let leakyFrame = try #require(frames.first { p.functions.names[Int(p.functions.idOfAddress[Int($0)])] == "leaky" })
    #expect(p.addresses.line[Int(leakyFrame)] == 7)
    #expect(p.fileName(address: Int(leakyFrame)).hasSuffix("prog.c"))
    // The thread: 50 blocks of 64 bytes, all freed.
    let worker = through("worker")
    #expect(worker.count == 50 && worker.allSatisfy { a.size[$0] == 64 && a.death[$0] != AllocationTable.alive })
    // Five reallocs, each a new block replacing the last.
    let grown = rows.filter { a.reallocatedFrom[$0] >= 0 }
    #expect(grown.count == 5)
    #expect(grown.map { a.size[$0] } == [32, 64, 128, 256, 512])
    // calloc(4, 25): one block of 100 bytes, freed.
    #expect(rows.contains { a.size[$0] == 100 && a.death[$0] != AllocationTable.alive })
    // The fork child is not recorded.
    #expect(!rows.contains { a.size[$0] == 1000 })
    // The leaks are what the End snapshot holds of the program's sites.
    #expect(p.end.allocationSize >= 320)
  }

  /// The recorder is compiled from the source in the binary into the cache folder once, and
  /// links nothing but libc (no Swift runtime in the recorded program).
  @Test func theRecorderIsCompiledOnceIntoTheCache() throws {
    let scratch = ScratchFolder()
    let cache = scratch.path("cache")
    for run in 0..<2 {
      let (status, _, message) = try CommandLineTests.run(
        ["record", "-o", scratch.path("true\(run).mprof"), "--", "/bin/true"], environment: ["XDG_CACHE_HOME": cache])
      #expect(status == 0, "\(message)")
      _ = try ProfileLoader.load(path: scratch.path("true\(run).mprof"))
    }
    let cached = try FileManager.default.contentsOfDirectory(atPath: cache + "/mprof-tui").filter {
      $0.hasPrefix("libMprofShim-") && $0.hasSuffix(".so")
    }
    #expect(cached.count == 1)
    let ldd = Process()
    ldd.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    ldd.arguments = ["ldd", cache + "/mprof-tui/" + (cached.first ?? "")]
    let pipe = Pipe()
    ldd.standardOutput = pipe
    try ldd.run()
    let linked = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    ldd.waitUntilExit()
    #expect(linked.contains("libc.so") && !linked.contains("swift") && !linked.contains("libstdc++"))
  }

  /// A program killed by SIGKILL mid-run: the events written out so far make a capture the
  /// reader opens, symbolized from the module map saved at start; the status is 128 + 9.
  @Test func aKilledProgramLeavesWhatWasWritten() throws {
    let scratch = ScratchFolder()
    let binary = scratch.path("killed")
    let program = """
      #include <stdlib.h>
      #include <signal.h>
      #include <unistd.h>
      static void *kept[10000];
      void spin(void) { for (int i = 0; i < 10000; i++) kept[i] = malloc(24); }
      int main(void) { spin(); kill(getpid(), SIGKILL); return 0; }
      """
    try Self.compile(program, named: "killed.c", in: scratch, ["-o", binary])
    let output = scratch.path("killed.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", binary])
    #expect(status == 128 + 9, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    let spun = (0..<a.count).filter { Self.names(p, Int(a.callstack[$0])).contains("spin") }
    // Written out every 64 KiB: most of the 10,000 (only the last part dies in the thread's
    // buffer).
    #expect(spun.count > 5_000 && spun.count <= 10_000)
    #expect(spun.allSatisfy { a.size[$0] == 24 })
  }

  /// Frames and snapshots on a timer, a snapshot on SIGUSR2, each with the resident size as
  /// Used Physical.
  @Test func markersOnATimerAndOnASignal() throws {
    let scratch = ScratchFolder()
    let binary = scratch.path("markers")
    let program = """
      #include <stdlib.h>
      #include <signal.h>
      #include <time.h>
      #include <unistd.h>
      int main(void) {
        struct timespec pause = {0, 5000000};
        for (int i = 0; i < 30; i++) { free(malloc(100)); nanosleep(&pause, NULL); }
        kill(getpid(), SIGUSR2);
        nanosleep(&pause, NULL); nanosleep(&pause, NULL);
        return 0;
      }
      """
    try Self.compile(program, named: "markers.c", in: scratch, ["-o", binary])
    let output = scratch.path("markers.mprof")
    let (status, _, message) = try CommandLineTests.run([
      "record", "-o", output, "--frame-interval", "10ms", "--snapshot-every", "1s", "--snapshot-signal", "--",
      binary,
    ])
    #expect(status == 0, "\(message)")
    #expect(message.contains("kill -USR2"))
    #expect(message.contains("recorded 60 allocation events"))
    let p = try ProfileLoader.load(path: output)
    #expect(p.header.executableName == "markers")
    // 30 × 5 ms at 10 ms a frame: a dozen frames at least.
    #expect(p.frames.streamIndex.count >= 10)
    // The signal's snapshot (the timer's first would come at 1 s, after the end), then Exit.
    let named = p.snapshots.dropLast().map(\.description)
    #expect(named.contains { $0.contains("Snapshot 1 at ") } && named.contains { $0.contains("Exit") })
    let used = try #require(p.stats.column(named: "Used Physical"))
    #expect(p.stats.values[used].contains { ($0 ?? 0) > 0 })
    let (bad, _, why) = try CommandLineTests.run(["record", "--frame-interval", "soon", "--", "/bin/true"])
    #expect(bad != 0 && why.contains("--frame-interval must be a duration"))
  }

  /// A program names its own markers with MprofShim.h; without the recorder the call does
  /// nothing.
  @Test func aProgramNamesItsOwnSnapshots() throws {
    let scratch = ScratchFolder()
    let binary = scratch.path("named")
    let program = """
      #include <stdlib.h>
      #include "MprofShim.h"
      int main(void) {
        void *level = malloc(4096);
        MPROF_SNAPSHOT("level loaded");
        free(level);
        MPROF_SNAPSHOT("level unloaded");
        return 0;
      }
      """
    let include = Fixtures.packageRoot.appendingPathComponent("include").path
    try Self.compile(program, named: "named.c", in: scratch, ["-I", include, "-o", binary])
    // Alone: the weak symbol is absent and the program runs.
    let alone = Process()
    alone.executableURL = URL(fileURLWithPath: binary)
    try alone.run()
    alone.waitUntilExit()
    #expect(alone.terminationStatus == 0)
    let output = scratch.path("named.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", binary])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let named = p.snapshots.dropLast().map(\.description)
    #expect(named.count == 3)
    #expect(named[0].hasSuffix("level loaded") && named[1].hasSuffix("level unloaded") && named[2].hasSuffix("Exit"))
    // The level's block is live at the first snapshot, gone at the second.
    #expect(p.snapshots[0].allocationSize >= 4096)
    #expect(p.snapshots[1].allocationSize == p.snapshots[0].allocationSize - 4096)
  }

  /// Writes `source` to `name` in `scratch` and compiles it with `command` (the compiler and its
  /// options, the output among them; `cc -g -O0` by default), the source's path last.
  static func compile(
    _ source: String, named name: String, in scratch: ScratchFolder, _ arguments: [String],
    command: [String] = ["cc", "-g", "-O0"]
  ) throws {
    let path = scratch.path(name)
    try source.write(toFile: path, atomically: true, encoding: .utf8)
    let compiler = Process()
    compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    compiler.arguments = command + arguments + [path]
    compiler.standardOutput = FileHandle.nullDevice
    try compiler.run()
    compiler.waitUntilExit()
    try #require(compiler.terminationStatus == 0)
  }

  /// `--follow-fork`: the child's allocations go to a capture of its own (its `_exit` flushes).
  @Test func aForkedChildWithFollowFork() throws {
    let scratch = ScratchFolder()
    try Self.compile(Self.program, named: "prog.c", in: scratch, ["-pthread", "-o", scratch.path("prog")])
    let output = scratch.path("forked.mprof")
    let (status, _, message) = try CommandLineTests.run([
      "record", "-o", output, "--follow-fork", "--", scratch.path("prog"),
    ])
    #expect(status == 3, "\(message)")
    let children = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter {
      $0.hasPrefix("forked.") && $0.hasSuffix(".mprof") && $0 != "forked.mprof"
    }
    #expect(children.count == 1)
    let child = try ProfileLoader.load(path: scratch.path(try #require(children.first)))
    let a = child.allocations
    #expect(a.count == 7 && (0..<a.count).allSatisfy { a.size[$0] == 1000 })
    #expect(child.end.allocationSize == 7000)
    // The parent's capture holds none of them.
    let parent = try ProfileLoader.load(path: output)
    #expect(!(0..<parent.allocations.count).contains { parent.allocations.size[$0] == 1000 })
  }

  /// A program that runs another (fork, then exec): the child inherits the recorder's settings
  /// but never writes over the program's capture; with `--follow-fork` it gets its own, named
  /// after the program it ran.
  @Test func aProgramRunByTheProgram() throws {
    let scratch = ScratchFolder()
    let program = """
      #include <stdlib.h>
      #include <unistd.h>
      #include <sys/wait.h>
      static void *kept[8];
      int main(int argc, char **argv) {
        if (argc > 1) { for (int i = 0; i < 3; i++) kept[i] = malloc(456); return 0; }
        pid_t child = fork();
        if (child == 0) { execl(argv[0], argv[0], "child", (char *)NULL); _exit(1); }
        waitpid(child, NULL, 0);
        for (int i = 0; i < 5; i++) kept[i] = malloc(123);
        return 0;
      }
      """
    try Self.compile(program, named: "runs.c", in: scratch, ["-o", scratch.path("runs")])
    for follow in [false, true] {
      let output = scratch.path(follow ? "followed.mprof" : "alone.mprof")
      let (status, _, message) = try CommandLineTests.run(
        ["record", "-o", output] + (follow ? ["--follow-fork"] : []) + ["--", scratch.path("runs")])
      #expect(status == 0, "\(message)")
      let p = try ProfileLoader.load(path: output)
      let sizes = (0..<p.allocations.count).map { p.allocations.size[$0] }
      #expect(sizes.filter { $0 == 123 }.count == 5)
      #expect(!sizes.contains(456))
      let base = (output as NSString).deletingPathExtension + "."
      let children = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).map(scratch.path).filter {
        $0.hasPrefix(base) && $0.hasSuffix(".mprof") && $0 != output
      }
      #expect(children.count == (follow ? 1 : 0))
      if let child = children.first {
        let c = try ProfileLoader.load(path: child)
        #expect((0..<c.allocations.count).filter { c.allocations.size[$0] == 456 }.count == 3)
        #expect(message.contains("of \(scratch.path("runs")) to \(child)"))
      }
    }
  }

  /// Compiles `liballoc.so`, whose `allocate_in_library` mallocs 777 bytes, into the folder.
  static func compileLibrary(in scratch: ScratchFolder) throws {
    let library = """
      #include <stdlib.h>
      void *allocate_in_library(void) { return malloc(777); }
      """
    try compile(library, named: "lib.c", in: scratch, ["-shared", "-fPIC", "-o", scratch.path("liballoc.so")])
  }

  /// A library loaded with dlopen allocates, then is closed: its frames are still named (the
  /// module map is written before each dlclose).
  @Test func aDlopenedLibrary() throws {
    let scratch = ScratchFolder()
    try Self.compileLibrary(in: scratch)
    let program = """
      #include <dlfcn.h>
      #include <stdlib.h>
      int main(int argc, char **argv) {
        (void)argc;
        void *library = dlopen(argv[1], RTLD_NOW);
        if (!library) return 1;
        void *(*allocate)(void) = (void *(*)(void))dlsym(library, "allocate_in_library");
        void *block = allocate();
        dlclose(library);
        free(block);
        return 0;
      }
      """
    try Self.compile(program, named: "dl.c", in: scratch, ["-o", scratch.path("dl"), "-ldl"])
    let output = scratch.path("dl.mprof")
    let (status, _, message) = try CommandLineTests.run([
      "record", "-o", output, "--", scratch.path("dl"), scratch.path("liballoc.so"),
    ])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    let row = try #require((0..<a.count).first { a.size[$0] == 777 })
    #expect(Self.names(p, Int(a.callstack[row])).contains("allocate_in_library"))
  }

  /// A program that loads a library, allocates from it and is killed by SIGTERM: every event is
  /// written out first, the library's frames are named from the module map written after the
  /// dlopen, the status is 128 + 15.
  @Test func aKilledProgramsLibraryIsNamed() throws {
    let scratch = ScratchFolder()
    try Self.compileLibrary(in: scratch)
    let program = """
      #include <dlfcn.h>
      #include <signal.h>
      #include <stdlib.h>
      #include <unistd.h>
      static void *kept[5000];
      int main(int argc, char **argv) {
        (void)argc;
        void *library = dlopen(argv[1], RTLD_NOW);
        if (!library) return 1;
        void *(*allocate)(void) = (void *(*)(void))dlsym(library, "allocate_in_library");
        for (int i = 0; i < 5000; i++) kept[i] = allocate();
        kill(getpid(), SIGTERM);
        pause();
        return 0;
      }
      """
    try Self.compile(program, named: "dlkill.c", in: scratch, ["-o", scratch.path("dlkill"), "-ldl"])
    let output = scratch.path("dlkill.mprof")
    let (status, _, message) = try CommandLineTests.run([
      "record", "-o", output, "--", scratch.path("dlkill"), scratch.path("liballoc.so"),
    ])
    #expect(status == 128 + 15, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    let rows = (0..<a.count).filter { a.size[$0] == 777 }
    // All of them: SIGTERM writes out every thread's events before the program ends of it.
    #expect(rows.count == 5_000)
    #expect(rows.allSatisfy { Self.names(p, Int(a.callstack[$0])).contains("allocate_in_library") })
  }

  /// A program linked with lld, whose code segment sits at another virtual address than its
  /// file offset (0x620 in the file, 0x1620 in memory): frames are symbolized by their virtual
  /// address in the file, so the function and line are the allocation site's.
  @Test func aProgramLinkedWithLLD() throws {
    let scratch = ScratchFolder()
    let program = """
      #include <stdlib.h>
      static void *kept[100];
      __attribute__((noinline)) void *allocate_here(int i) { void *p = malloc(300 + i); __asm__ volatile("" : : "r"(p) : "memory"); return p; }
      int main(void) { for (int i = 0; i < 100; i++) kept[i] = allocate_here(i); return 0; }
      """
    try Self.compile(
      program, named: "lld.c", in: scratch, ["-fuse-ld=lld", "-o", scratch.path("lld")],
      command: ["clang", "-g", "-O1"])
    let segments = try #require(ElfSegments(path: scratch.path("lld")))
    // The premise: some loadable segment is not at its file offset.
    #expect(segments.segments.contains { $0.virtualAddress != $0.fileOffset })
    let output = scratch.path("lld.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", scratch.path("lld")])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    let rows = (0..<a.count).filter { (300..<400).contains(a.size[$0]) }
    #expect(rows.count == 100)
    for row in rows {
      let frames = p.callstacks.frames(of: Int(a.callstack[row])).reversed()
      let site = try #require(
        frames.first { p.functions.names[Int(p.functions.idOfAddress[Int($0)])] == "allocate_here" })
      #expect(p.addresses.line[Int(site)] == 3)
      #expect(Self.names(p, Int(a.callstack[row])).contains("main"))
    }
  }

  /// A Swift program: its frames are named demangled (`Keeper.keep(_:)`), not `$s…`.
  @Test func aSwiftProgramIsDemangled() throws {
    let scratch = ScratchFolder()
    let program = """
      final class Box { var bytes: [UInt8]; init(_ n: Int) { bytes = [UInt8](repeating: 1, count: n) } }
      struct Keeper {
        var boxes: [Box] = []
        @inline(never) mutating func keep(_ n: Int) { boxes.append(Box(n)) }
      }
      var keeper = Keeper()
      for i in 0..<20 { keeper.keep(1000 + i) }
      print(keeper.boxes.count)
      """
    try Self.compile(
      program, named: "keeper.swift", in: scratch, ["-o", scratch.path("keeper")], command: ["swiftc", "-g", "-Onone"])
    let output = scratch.path("keeper.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", scratch.path("keeper")])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    #expect(p.functions.names.contains { $0.contains("Keeper.keep(") })
    #expect(!p.functions.names.contains { $0.hasPrefix("$s") && $0.contains("Keeper") })
  }

  /// A Rust program: its frames are named as rustc's demangler shows them (`keep::Keeper::keep`,
  /// `alloc::vec::Vec<T,A>::push`), without the crate hash or `$LT$` escapes.
  @Test(.enabled(if: Symbolizer.onPath("rustc") != nil))
  func aRustProgramIsReadable() throws {
    let scratch = ScratchFolder()
    let program = """
      struct Keeper { boxes: Vec<Vec<u8>> }
      impl Keeper {
          #[inline(never)]
          fn keep(&mut self, n: usize) { self.boxes.push(vec![1u8; n]); }
      }
      fn main() {
          let mut k = Keeper { boxes: Vec::new() };
          for i in 0..20 { k.keep(1000 + i); }
          println!("{}", k.boxes.len());
      }
      """
    try Self.compile(
      program, named: "keep.rs", in: scratch, ["-o", scratch.path("keep")],
      command: ["rustc", "-g", "-C", "opt-level=0"])
    let output = scratch.path("keep.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", scratch.path("keep")])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    // The 20 vectors of 1,000 to 1,019 bytes, made under Keeper::keep.
    let kept = (0..<a.count).filter { (1000..<1020).contains(a.size[$0]) }
    #expect(kept.count == 20)
    #expect(kept.allSatisfy { Self.names(p, Int(a.callstack[$0])).contains("keep::Keeper::keep") })
    #expect(!p.functions.names.contains { $0.contains("$LT$") || $0.contains("$u20$") })
  }

  /// heaptrack_print's figures on the same C++ program: calls to allocation functions exactly,
  /// peak heap and leaked bytes to its rounding (heaptrack leaves out the leaks of library
  /// initializers, libstdc++'s exception pool, as known).
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/heaptrack")))
  func agreesWithHeaptrack() throws {
    let scratch = ScratchFolder()
    let program = """
      #include <vector>
      #include <string>
      #include <cstdlib>
      static std::vector<std::string*> kept;
      __attribute__((noinline)) void keep(int i) { kept.push_back(new std::string(100 + i, 'x')); }
      int main() {
        for (int i = 0; i < 50; i++) keep(i);
        for (int i = 0; i < 40; i++) delete kept[i];
        char *grown = (char *)malloc(10);
        for (int i = 0; i < 4; i++) grown = (char *)realloc(grown, 100 << i);
        void *leak = malloc(333);
        (void)leak;
        return 0;
      }
      """
    try Self.compile(
      program, named: "cpp.cpp", in: scratch, ["-o", scratch.path("cpp")], command: ["c++", "-g", "-O0"])
    // heaptrack's figures.
    func run(_ arguments: [String]) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = arguments
      process.currentDirectoryURL = scratch.url
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = FileHandle.nullDevice
      try process.run()
      let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return text
    }
    _ = try run(["heaptrack", "-o", scratch.path("ht"), scratch.path("cpp")])
    let data = try #require(
      try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).first { $0.hasPrefix("ht.") })
    let summary = try run(["heaptrack_print", "-p", "0", "-a", "0", "-T", "0", "-l", "0", scratch.path(data)])
    func figure(_ label: String) -> Double? {
      guard let line = summary.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return nil }
      let word = line.dropFirst(label.count).split(separator: " ").first.map(String.init) ?? ""
      let scale: [Character: Double] = ["B": 1, "K": 1e3, "M": 1e6, "G": 1e9]
      guard let last = word.last else { return nil }
      if let unit = scale[last] { return Double(word.dropLast()).map { $0 * unit } }
      return Double(word)
    }
    let calls = try #require(figure("calls to allocation functions: "))
    let peak = try #require(figure("peak heap memory consumption: "))
    let leaked = try #require(figure("total memory leaked: "))
    // Ours.
    let output = scratch.path("cpp.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", scratch.path("cpp")])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    #expect(Double(a.count) == calls)
    let series = try LiveBytesSeries(
      profile: p, range: LiveBytesSeries.wholeCapture(p), buckets: Int(p.end.streamIndex) + 1)
    let ourPeak = Double(series.buckets.map(\.maximum).max() ?? 0)
    #expect(abs(ourPeak - peak) <= 10, "peak \(ourPeak) against \(peak)")
    let initializers = (0..<a.count).filter {
      a.death[$0] == AllocationTable.alive
        && Self.names(p, Int(a.callstack[$0])).contains { $0.contains("call_init") || $0.contains("_dl_init") }
    }
    let ourLeaked = Double(p.end.allocationSize - initializers.map { Int64(a.size[$0]) }.reduce(0, +))
    #expect(abs(ourLeaked - leaked) <= 10, "leaked \(ourLeaked) against \(leaked)")
  }

  /// Blocks handed between threads come out in order.
  ///
  /// One thread allocates, another frees, and the freed memory comes back to the first. Each
  /// thread writes its events to the file in chunks of its own,
  /// so only the merge by sequence numbers puts every free after its malloc and every malloc of
  /// a reused address after the free before it.
  @Test func threadsHandingBlocksOnAreMergedInOrder() throws {
    let scratch = ScratchFolder()
    let program = """
      #include <pthread.h>
      #include <stdlib.h>
      #define ROUNDS 40000
      static void *slot;
      static int full;
      static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
      static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
      __attribute__((noinline)) void *produce(int i) { return malloc(48 + (i % 4) * 16); }
      static void *consumer(void *arg) {
        (void)arg;
        for (int i = 0; i < ROUNDS; i++) {
          pthread_mutex_lock(&lock);
          while (!full) pthread_cond_wait(&changed, &lock);
          void *p = slot;
          full = 0;
          pthread_cond_signal(&changed);
          pthread_mutex_unlock(&lock);
          free(p);
          void *q = malloc(100);
          __asm__ volatile("" : : "r"(q) : "memory");
          free(q);
        }
        return NULL;
      }
      int main(void) {
        pthread_t t;
        pthread_create(&t, NULL, consumer, NULL);
        for (int i = 0; i < ROUNDS; i++) {
          void *p = produce(i);
          pthread_mutex_lock(&lock);
          while (full) pthread_cond_wait(&changed, &lock);
          slot = p;
          full = 1;
          pthread_cond_signal(&changed);
          pthread_mutex_unlock(&lock);
        }
        pthread_join(t, NULL);
        return 0;
      }
      """
    try Self.compile(program, named: "handoff.c", in: scratch, ["-pthread", "-O1", "-o", scratch.path("handoff")])
    let output = scratch.path("handoff.mprof")
    let (status, _, message) = try CommandLineTests.run(["record", "-o", output, "--", scratch.path("handoff")])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    // Out of order, a free would come before its malloc, or a malloc onto a still-live address.
    #expect(p.diagnostics.freesWithoutMalloc == 0)
    #expect(p.diagnostics.mallocedTwice == 0)
    let a = p.allocations
    let produced = (0..<a.count).filter { Self.names(p, Int(a.callstack[$0])).contains("produce") }
    #expect(produced.count == 40_000)
    #expect(produced.allSatisfy { a.death[$0] != AllocationTable.alive && a.death[$0] > a.birth[$0] })
    let producedBytes = produced.reduce(0) { $0 + Int(a.size[$1]) }
    #expect(producedBytes == 10_000 * (48 + 64 + 80 + 96))
    #expect((0..<a.count).filter { a.size[$0] == 100 }.count == 40_000)
    // Without --frame-interval, the Timeline still has the process's size: a sample at the end of
    // each thread's full chunk (about 5 MB of events here, in 64 KiB chunks).
    let used = try #require(p.stats.column(named: "Used Physical"))
    #expect(p.stats.values[used].filter { ($0 ?? 0) > 0 }.count >= 20)
  }

  /// 1,000 blocks of 64 bytes, each made 41 calls deep (`deep` 41 times under `main`).
  static let deepProgram = """
    #include <stdlib.h>
    static void *kept[1000];
    __attribute__((noinline)) void *deep(int level, int i) {
      void *p = level > 0 ? deep(level - 1, i) : malloc(64);
      __asm__ volatile("" : : "r"(p) : "memory");
      return p;
    }
    int main(void) {
      for (int i = 0; i < 1000; i++) kept[i] = deep(40, i);
      return 0;
    }
    """

  /// Both unwinders give the same callstack of a known site, 41 calls deep.
  ///
  /// The capture names the unwinder used. Each distinct stack is written once by the recorder however often it
  /// allocates.
  @Test func bothUnwindersAgreeOnADeepStack() throws {
    let scratch = ScratchFolder()
    try Self.compile(Self.deepProgram, named: "deep.c", in: scratch, ["-O1", "-o", scratch.path("deep")])
    var stacks: [[String]] = []
    for unwinder in ["libunwind", "backtrace"] {
      let output = scratch.path("deep-\(unwinder).mprof")
      let (status, _, message) = try CommandLineTests.run([
        "record", "-o", output, "--unwinder", unwinder, "--", scratch.path("deep"),
      ])
      #expect(status == 0, "\(message)")
      let p = try ProfileLoader.load(path: output)
      #expect(p.metadata.contains { $0.key == "Unwinder" && $0.value == unwinder })
      let a = p.allocations
      let rows = (0..<a.count).filter { a.size[$0] == 64 }
      #expect(rows.count == 1000)
      // One callstack for all of them: main, then 41 frames of deep.
      #expect(Set(rows.map { a.callstack[$0] }).count == 1)
      let names = Self.names(p, Int(a.callstack[rows[0]]))
      #expect(names.filter { $0 == "deep" }.count == 41)
      #expect(names.contains("main"))
      stacks.append(names)
    }
    #expect(stacks.count == 2 && stacks[0] == stacks[1])
    // Cut at --depth 16: the innermost 16 frames, the callstack marked truncated (the Callgraph's
    // "Truncated callstacks"); the whole one above is not.
    let output = scratch.path("deep-cut.mprof")
    let (status, _, message) = try CommandLineTests.run([
      "record", "-o", output, "--depth", "16", "--", scratch.path("deep"),
    ])
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    let a = p.allocations
    let rows = (0..<a.count).filter { a.size[$0] == 64 }
    let callstack = Int(a.callstack[try #require(rows.first)])
    #expect(p.callstacks.isTruncated[callstack])
    #expect(Self.names(p, callstack) == [String](repeating: "deep", count: 16))
    let whole = try ProfileLoader.load(path: scratch.path("deep-libunwind.mprof"))
    let wholeRow = try #require((0..<whole.allocations.count).first { whole.allocations.size[$0] == 64 })
    #expect(!whole.callstacks.isTruncated[Int(whole.allocations.callstack[wholeRow])])
  }

  /// A libunwind the recorder cannot be linked with (here a file that is no library): `record`
  /// falls back to libc's unwinder and says so in the capture; asked for libunwind by name, it
  /// stops with one line instead.
  @Test func anUnusableLibunwindFallsBackToLibc() throws {
    let scratch = ScratchFolder()
    let fake = scratch.path("libunwind.so.8")
    try "not a library".write(toFile: fake, atomically: true, encoding: .utf8)
    let environment = ["MPROF_LIBUNWIND": fake, "XDG_CACHE_HOME": scratch.path("cache")]
    let output = scratch.path("true.mprof")
    let (status, _, message) = try CommandLineTests.run(
      ["record", "-o", output, "--", "/bin/true"], environment: environment)
    #expect(status == 0, "\(message)")
    let p = try ProfileLoader.load(path: output)
    #expect(p.metadata.contains { $0.key == "Unwinder" && $0.value == "backtrace" })
    let (asked, _, why) = try CommandLineTests.run(
      ["record", "-o", output, "--unwinder", "libunwind", "--", "/bin/true"], environment: environment)
    #expect(
      asked == 2 && why.split(separator: "\n").count == 1 && why.contains("could not compile the recorder with \(fake)")
    )
  }

  /// `--unwinder frame-pointers` on a program built with them: the program's frames as libunwind
  /// gives them, down to main (libc's own frames below have none to follow).
  @Test func framePointersOfAProgramBuiltWithThem() throws {
    let scratch = ScratchFolder()
    try Self.compile(
      Self.deepProgram, named: "fp.c", in: scratch, ["-O1", "-fno-omit-frame-pointer", "-o", scratch.path("fp")])
    var stacks: [[String]] = []
    for unwinder in ["frame-pointers", "libunwind"] {
      let output = scratch.path("fp-\(unwinder).mprof")
      let (status, _, message) = try CommandLineTests.run([
        "record", "-o", output, "--unwinder", unwinder, "--", scratch.path("fp"),
      ])
      #expect(status == 0, "\(message)")
      let p = try ProfileLoader.load(path: output)
      #expect(p.metadata.contains { $0.key == "Unwinder" && $0.value == unwinder })
      let a = p.allocations
      let rows = (0..<a.count).filter { a.size[$0] == 64 }
      #expect(rows.count == 1000 && Set(rows.map { a.callstack[$0] }).count == 1)
      let names = Self.names(p, Int(a.callstack[try #require(rows.first)]))
      // Innermost first: 41 frames of deep, then main.
      stacks.append(Array(names.prefix(42)))
    }
    #expect(stacks[0] == [String](repeating: "deep", count: 41) + ["main"])
    #expect(stacks[0] == stacks[1])
  }

  /// `bench-record` runs the benchmark program alone, under the recorder and through `record`,
  /// and reports each with its events a second.
  @Test func benchRecordReportsEachWayOfRunning() throws {
    let scratch = ScratchFolder()
    let (status, out, message) = try CommandLineTests.run([
      "bench-record", "--threads", "2", "--pairs", "2000", "--runs", "1", "--no-heaptrack", "--work-dir",
      scratch.path("bench"),
    ])
    #expect(status == 0, "\(message)")
    for row in [
      "the program alone", "under the recorder (libunwind)", "its conversion to .mprof", "mprof-tui record",
    ] {
      #expect(out.contains(row), "\(out)")
    }
    // 2 threads × 2,000 mallocs and as many frees, and the threads' own few.
    let events = try #require(
      out.split(separator: "(").dropFirst().first { $0.contains(" events)") }?.split(separator: " ").first)
    let count = try #require(Int(events.replacingOccurrences(of: ",", with: "")))
    #expect(count >= 8_000 && count < 8_050, "\(out)")
    #expect(out.contains("heaptrack: not installed"))
  }

  @Test func aMissingProgramIsOneLine() throws {
    let scratch = ScratchFolder()
    let (status, _, message) = try CommandLineTests.run([
      "record", "-o", scratch.path("x.mprof"), "--", scratch.path("no-such-program"),
    ])
    #expect(status == 2 && message.contains("no-such-program") && message.split(separator: "\n").count == 1)
    let (usage, _, why) = try CommandLineTests.run(["record"])
    #expect(usage != 0 && why.contains("give the program to record"))
  }
}
