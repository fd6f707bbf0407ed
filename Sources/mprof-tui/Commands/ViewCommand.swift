import ArgumentParser
import Foundation
import ProfileModel
import ProfileTUI

/// `mprof-tui [FILE]`: the interactive viewer.
struct ViewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "view",
    abstract: "Browse a capture in the terminal (the default command; the demo capture without FILE).")

  @OptionGroup var capture: CaptureOptions

  @Flag(
    name: .customLong("no-color"), help: "Monochrome: bold and reverse instead of colours (also when NO_COLOR is set).")
  var noColor = false

  @Flag(
    name: .customLong("ascii"),
    help: "ASCII frames and markers instead of Unicode (automatic when the locale is not UTF-8).")
  var ascii = false

  @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (text selection).")
  var noMouse = false

  @Option(help: "Compare with this capture of another build (A): the views show A, B and B − A.")
  var base: String?
  @Option(
    name: .customLong("base-start"),
    help: "The base's diff start (a snapshot index or description, or an event:N); default: the shown one's by name.")
  var baseStart: String?
  @Option(
    name: .customLong("base-end"),
    help: "The base's diff end (default: the shown one's by name; End when the base has no snapshot of that name).")
  var baseEnd: String?

  @Flag(
    name: .customLong("color-blind"),
    help: "Growth and decline (and negative figures) in orange and blue instead of red and green.")
  var colorBlind = false

  func run() throws {
    // Everything that can fail without a terminal fails before the screen is taken.
    var groups = ClassGroupSet(groups: [])
    var notice: String?
    var path = ""
    try runReportingErrors {
      let found = try ClassGroupsLocator.load(explicitPath: capture.classGroups)
      groups = found.groups
      notice = found.source.notice
      path = try capture.file ?? DemoFile.path()
      _ = try ProfileLoader.checkHeader(path: path)
      if let base { _ = try ProfileLoader.checkHeader(path: base) }
      if base == nil && (baseStart != nil || baseEnd != nil) {
        throw ValidationError("--base-start and --base-end choose the base's snapshots; give --base A.mprof too")
      }
    }
    var options = groups.loadOptions
    if capture.noTrim { options.trimAllocatorFunctions = false }

    let environment = ProcessInfo.processInfo.environment
    let monochrome = noColor || !(environment["NO_COLOR"] ?? "").isEmpty
    let backend: NcursesBackend
    do {
      backend = try NcursesBackend(colors: !monochrome, mouse: !noMouse)
    } catch {
      FileHandle.standardError.write(Data("mprof-tui: \(error)\n".utf8))
      throw ExitCode(2)
    }
    let glyphs: Glyphs = ascii || !NcursesBackend.localeIsUTF8() ? .ascii : .unicode
    let theme = Theme(depth: monochrome ? .none : backend.depth, glyphs: glyphs, colorBlindSafe: colorBlind)
    let name = (path as NSString).lastPathComponent
    let loadPath = path
    let loadOptions = options
    let groupSet = groups
    let basePath = base
    let (baseStartText, baseEndText) = (baseStart, baseEnd)
    let outcome = LoadingScreen.run(name: name, theme: theme, on: backend) { progress in
      let profile = try ProfileLoader.load(path: loadPath, options: loadOptions, progress: progress)
      let assignment = try GroupAssignment(profile: profile, groups: groupSet)
      // The base after the capture, with the same options; its callstacks matched to this one's.
      let base = try basePath.map { path in
        let other = try ProfileLoader.load(path: path, options: loadOptions, progress: progress)
        return try BaseCapture(
          profile: other, assignment: try GroupAssignment(profile: other, groups: groupSet),
          name: (path as NSString).lastPathComponent, matching: profile,
          start: try baseStartText.map { try other.resolveSnapshot($0) },
          end: try baseEndText.map { try other.resolveSnapshot($0) })
      }
      return LoadedCapture(profile: profile, assignment: assignment, base: base)
    }
    switch outcome {
    case .cancelled:
      backend.shutdown()
      FileHandle.standardError.write(Data("mprof-tui: loading \(name) cancelled\n".utf8))
      throw ExitCode(1)
    case .failed(let error):
      backend.shutdown()
      FileHandle.standardError.write(Data("mprof-tui: \(SafeText.terminal("\(error)"))\n".utf8))
      throw ExitCode(2)
    case .terminated(let signal):
      backend.shutdown()
      throw ExitCode(128 + signal)
    case .loaded(let loaded):
      let size = backend.size
      let app = App(
        profile: loaded.profile, assignment: loaded.assignment, theme: theme, size: (size.width, size.height),
        clipboardPath: DemoFile.cacheFolder + "/highlighted.csv", base: loaded.base)
      if let notice { app.announce(notice) }
      let ending = AppRunner.run(app, on: backend)
      backend.shutdown()
      if case .signal(let signal) = ending { throw ExitCode(128 + signal) }
    }
  }
}

/// What the loading thread hands the viewer.
struct LoadedCapture: Sendable {
  let profile: Profile
  let assignment: GroupAssignment
  let base: BaseCapture?
}
