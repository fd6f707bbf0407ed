import Foundation

/// Everything that can go wrong while reading a capture or its companion files.
///
/// Each case carries the file and, where it applies, the byte offset, so the message names exactly
/// where the input stopped making sense.
public enum MprofError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened or read.
  case cannotOpen(path: String, reason: String)
  /// The first four bytes are not the `.mprof` magic in either byte order.
  case badMagic(path: String, found: UInt32)
  /// The header names a version this reader does not know.
  case unsupportedVersion(path: String, version: UInt32)
  /// The file ended before a structure it announced was complete.
  case truncated(path: String, offset: UInt64, expected: String)
  /// A value is outside the range the format allows.
  case invalidValue(path: String, offset: UInt64, message: String)
  /// A multi-part capture names a part that does not exist.
  case missingPart(path: String, part: Int, of: Int)
  /// A class-groups file could not be parsed.
  case badClassGroups(path: String, message: String)
  /// A regular expression given by the user or a class-groups file is not valid.
  case badRegex(pattern: String, source: String, message: String)
  /// A regular expression used up its step budget (about a second of matching).
  case regexTooSlow(pattern: String, source: String)
  /// The user asked for something the capture does not hold (a snapshot name, say).
  case notFound(what: String)
  /// A query rule needs more time markers than are set (Insights' refusal).
  case missingMarkers(rule: String, available: Int, required: Int)
  /// Loading was cancelled by the caller.
  case cancelled

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): cannot open: \(reason)"
    case .badMagic(let path, let found):
      return "\(path): offset 0: expected the .mprof magic 0xDA15F7D8 (either byte order), found 0x"
        + String(found, radix: 16, uppercase: true)
    case .unsupportedVersion(let path, let version):
      return "\(path): offset 4: expected a format version from 2 to 7, found \(version)"
    case .truncated(let path, let offset, let expected):
      return "\(path): offset \(offset): file ends early, expected \(expected)"
    case .invalidValue(let path, let offset, let message):
      return "\(path): offset \(offset): \(message)"
    case .missingPart(let path, let part, let total):
      return "\(path): part \(part) is missing: the header announces \(total) data files (this file and "
        + "\(total - 1) numbered parts beside it)"
    case .badClassGroups(let path, let message):
      return "\(path): class groups: \(message)"
    case .badRegex(let pattern, let source, let message):
      return "\(source): invalid regular expression '\(SafeText.excerpt(pattern))': \(message)"
    case .regexTooSlow(let pattern, let source):
      return "\(source): the regular expression '\(SafeText.excerpt(pattern))' took too long "
        + "(more than \(LinearRegex.defaultSteps / 1_000_000) million steps) and was stopped"
    case .notFound(let what):
      return what
    case .missingMarkers(let rule, let available, let required):
      return "Only \(available) time markers available. Current rule (\(rule)) requires \(required) time markers!"
    case .cancelled:
      return "aborted by user"
    }
  }
}
