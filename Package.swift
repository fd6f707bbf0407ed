// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "mprof-tui",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "mprof-tui", targets: ["mprof-tui"]),
    .library(name: "ProfileModel", targets: ["ProfileModel"]),
    .library(name: "ProfileTUI", targets: ["ProfileTUI"]),
  ],
  dependencies: [
    // Command-line parsing for the interactive viewer and the batch commands.
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
  ],
  targets: [
    // A prefetch hint for the token pass (Swift has none).
    .target(name: "CPrefetch"),
    // The reader, writer, columnar model, queries and class groups. No UI, no ncurses.
    // The default class groups are the repository's ClassGroups.xml, embedded at build time
    // through the symlink Resources/ClassGroups.xml (no resource bundle to install).
    .target(
      name: "ProfileModel",
      dependencies: ["CPrefetch"],
      resources: [.embedInCode("Resources/ClassGroups.xml")]
    ),
    // ncursesw as a system library: a module map and a shim for the macros Swift cannot import.
    // No pkgConfig: SwiftPM would drop its -D flags with a warning; the shim sets them instead.
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    // The terminal front end: a screen of cells, views, key map, input loop; only the ncurses
    // backend imports CNcursesw.
    .target(name: "ProfileTUI", dependencies: ["ProfileModel", "CNcursesw"]),
    // The command line: `mprof-tui [FILE]` and the batch commands.
    // The allocation recorder `record` preloads is C, embedded as source (Resources/shim.c) and
    // compiled with cc into the cache folder on first use: built by SwiftPM it would link the
    // Swift runtime into every recorded program.
    .executableTarget(
      name: "mprof-tui",
      dependencies: [
        "ProfileModel",
        "ProfileTUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Resources/allocations.c is the program `bench-record` records; measure.c runs the
      // programs the benchmarks measure, so each one's peak memory is its own.
      resources: [
        .embedInCode("Resources/shim.c"), .embedInCode("Resources/allocations.c"),
        .embedInCode("Resources/measure.c"),
      ]
    ),
    // What the test targets share: where the fixtures are, scratch folders, generated captures.
    .target(name: "TestSupport", dependencies: ["ProfileModel"], path: "Tests/TestSupport"),
    // Unit tests of the model: bytes in, numbers out; the shared fixtures' truth.
    .testTarget(
      name: "ProfileModelTests",
      dependencies: ["ProfileModel", "TestSupport"]
    ),
    // Views rendered into the in-memory screen (whole screens against the recorded files in
    // Snapshots/), the off-screen ncurses backend, and end-to-end runs of the built binary in tmux.
    .testTarget(
      name: "ProfileTUITests",
      dependencies: ["ProfileTUI", "ProfileModel", "TestSupport", "mprof-tui"],
      exclude: ["Snapshots"]
    ),
    // The batch commands as a user runs them: the built binary, its output and exit status.
    .testTarget(
      name: "CommandLineTests",
      dependencies: ["ProfileModel", "TestSupport", "mprof-tui"]
    ),
  ]
)
