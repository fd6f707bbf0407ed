import ArgumentParser
import Foundation
import ProfileModel

/// Options every command that reads a capture shares.
struct CaptureOptions: ParsableArguments {
  @Argument(help: "The .mprof capture (its .m1, .m2 … parts are found beside it). Omit it for the demo capture.")
  var file: String?

  @Option(
    name: .customLong("class-groups"),
    help: "Class-groups XML (default: ./ClassGroups.xml, then ~/.config/mprof-tui/ClassGroups.xml, then built-in).")
  var classGroups: String?

  @Flag(
    name: .customLong("no-trim"),
    help: "Keep allocator frames (FMemory::, operator new …) at the inner end of callstacks.")
  var noTrim = false

  @Flag(name: .customLong("quiet"), help: "No progress on stderr.")
  var quiet = false

  /// Loads the class groups and the capture, with progress on stderr when it is a terminal.
  func load() throws -> (Profile, ClassGroupSet) {
    let (groups, source) = try ClassGroupsLocator.load(explicitPath: classGroups)
    if let notice = source.notice { FileHandle.standardError.write(Data("mprof-tui: \(notice)\n".utf8)) }
    let profile = try loadCapture(at: try file ?? DemoFile.path(), groups: groups)
    return (profile, groups)
  }

  /// Loads another capture with the same options (`--base` of a comparison).
  func loadCapture(at path: String, groups: ClassGroupSet) throws -> Profile {
    var options = groups.loadOptions
    if noTrim { options.trimAllocatorFunctions = false }
    let progress = quiet ? nil : ProgressReporter.forStandardError(name: (path as NSString).lastPathComponent)
    defer { progress?.finish() }
    return try ProfileLoader.load(path: path, options: options, progress: progress?.handler)
  }
}

/// Runs a command body and turns any error into one line on stderr and exit status 2.
func runReportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch {
    // One line, whatever the capture or the class-groups file put in the message.
    FileHandle.standardError.write(Data("mprof-tui: \(SafeText.terminal("\(error)"))\n".utf8))
    throw ExitCode(2)
  }
}

/// Writes text to stdout in one piece; no control character but the line break reaches the
/// terminal, whatever a capture's strings hold.
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(SafeText.terminalKeepingNewlines(text).utf8))
}
