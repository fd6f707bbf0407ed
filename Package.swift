// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "mprof-tui",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "mprof-tui", targets: ["mprof-tui"]),
    .library(name: "ProfileModel", targets: ["ProfileModel"]),
  ],
  dependencies: [
    // Command-line parsing for the interactive viewer and the batch commands.
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
  ],
  targets: [
    // The reader, writer, columnar model, queries and class groups. No UI, no ncurses.
    .target(
      name: "ProfileModel",
      swiftSettings: [
        // The token pass mutates the parser's stored state millions of times; run-time
        // exclusivity checks on those class properties cost ~25% of a load. Compile-time
        // checks still apply.
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),
    // The command line: `mprof-tui [FILE]` and the batch commands.
    .executableTarget(
      name: "mprof-tui",
      dependencies: [
        "ProfileModel",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Unit tests of the model; they also run the built `mprof-tui` binary for the batch commands.
    .testTarget(
      name: "ProfileModelTests",
      dependencies: ["ProfileModel", "mprof-tui"]
    ),
  ]
)
