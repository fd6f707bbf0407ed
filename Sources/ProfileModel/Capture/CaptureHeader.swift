/// The header of a capture, in every layout from v2 to v7, with the fields the later layouts
/// dropped or added filled with neutral values.
public struct CaptureHeader: Sendable, Equatable {
  /// The layouts that share version number 2 cannot be told apart by the number alone.
  public enum Layout: String, Sendable {
    /// UE3 2008: pointer-sized (4-byte) pointers, no module table.
    case v2b
    /// UE3 2011: 64-bit pointers and a module table.
    case v2c
    /// Every later version; the number says which.
    case standard
  }

  public var version: UInt32
  public var layout: Layout
  public var isBigEndian: Bool
  /// The UE3 `EPlatformType` flags (v2 and v3); 0 for later versions.
  public var platformFlags: UInt32
  /// The platform name (v4 and later), or a name derived from the flags.
  public var platformName: String
  public var hasSymbols: Bool
  public var metadataOffset: UInt64
  public var metadataEntries: UInt64
  public var nameTableOffset: UInt64
  public var nameTableEntries: UInt64
  public var addressTableOffset: UInt64
  public var addressTableEntries: UInt64
  public var callstackTableOffset: UInt64
  public var callstackTableEntries: UInt64
  public var tagsTableOffset: UInt64
  public var tagsTableEntries: UInt64
  public var modulesOffset: UInt64
  public var moduleEntries: UInt64
  public var numDataFiles: UInt64
  /// UE3 script tables (v3); `nil` when the capture carries none.
  public var scriptCallstackTableOffset: UInt64?
  public var scriptNameTableOffset: UInt64?
  public var executableName: String
  /// The byte offset of the first token.
  public var headerSize: UInt64

  /// Width of a token's pointer word: 4 bytes in the 2008 layout, 8 everywhere else.
  public var pointerSize: Int { layout == .v2b ? 4 : 8 }

  /// Whether tokens of this capture carry a tags index (v7).
  public var hasTags: Bool { version >= 7 }

  /// The offsets of every table this version has, for bounds checks and progress.
  public var tableOffsets: [UInt64] {
    var result = [nameTableOffset, addressTableOffset, callstackTableOffset]
    if layout != .v2b { result.append(modulesOffset) }
    if version >= 6 { result.append(metadataOffset) }
    if version >= 7 { result.append(tagsTableOffset) }
    if let script = scriptCallstackTableOffset { result.append(script) }
    if let script = scriptNameTableOffset { result.append(script) }
    return result
  }

  static func platformName(flags: UInt32) -> String {
    let names: [(UInt32, String)] = [
      (0x1, "Windows"), (0x2, "WindowsServer"), (0x4, "Xbox360"), (0x8, "PS3"), (0x10, "Linux"),
      (0x20, "MacOSX"), (0x40, "WindowsConsole"), (0x80, "IPhone"), (0x200, "Android"),
    ]
    let matched = names.filter { flags & $0.0 != 0 }.map(\.1)
    return matched.isEmpty ? "Unknown" : matched.joined(separator: "|")
  }
}
