import Foundation
import ProfileModel

/// What the preloaded recorder wrote (`Resources/shim.c`): the allocation events in the
/// order they happened, each with its callstack's return addresses (innermost first), the
/// markers, and the program's module maps (at start, before each dlclose, at exit).
struct RawRecording {
  enum Kind: UInt32 {
    case malloc = 1
    case free = 2
    case realloc = 3
    /// Markers: `pointer` holds nanoseconds since the start, `size` the resident bytes.
    case frame = 4
    case snapshot = 5
  }

  struct Event {
    var kind: Kind
    var pointer: UInt64
    var old: UInt64
    var size: UInt64
    /// Indices into `stacks`.
    var stack: Int
    /// A snapshot's label, when the program named it (`mprof_snapshot`).
    var label: String? = nil
  }

  /// One mapping of `/proc/self/maps` that backs code.
  struct Mapping: Equatable {
    var range: Range<UInt64>
    var offset: UInt64
    var path: String
  }

  var events: [Event] = []
  /// Distinct callstacks, return addresses innermost first.
  var stacks: [[UInt64]] = []
  var mappings: [Mapping] = []

  /// Reads a raw file; a record cut short by the program's end ends the events.
  ///
  /// - Throws: when the file cannot be read.
  init(path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var stackIndex: [[UInt64]: Int] = [:]
    var offset = 0
    func u32(_ at: Int) -> UInt32 { data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) } }
    func u64(_ at: Int) -> UInt64 { data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self) } }
    while offset + 8 <= data.count {
      let kind = u32(offset)
      let count = Int(u32(offset + 4))
      offset += 8
      if kind == 9 {
        guard offset + count <= data.count else { break }
        // Every map is kept (one comes before each dlclose): an address takes the latest that
        // covers it.
        let text = String(decoding: data[offset..<(offset + count)], as: UTF8.self)
        for mapping in Self.mappings(text) where !mappings.contains(where: { $0 == mapping }) {
          mappings.append(mapping)
        }
        offset += count
        continue
      }
      guard let kind = Kind(rawValue: kind), count <= 4096, offset + 24 + 8 * count <= data.count else { break }
      if kind == .snapshot || kind == .frame {
        // A marker: a label of `count` bytes padded to 8 instead of frames.
        let padded = (count + 7) & ~7
        guard offset + 24 + padded <= data.count else { break }
        let label =
          count > 0 ? String(decoding: data[(offset + 24)..<(offset + 24 + count)], as: UTF8.self) : nil
        events.append(
          Event(kind: kind, pointer: u64(offset), old: 0, size: u64(offset + 16), stack: -1, label: label))
        offset += 24 + padded
        continue
      }
      let pointer = u64(offset)
      let old = u64(offset + 8)
      let size = u64(offset + 16)
      offset += 24
      var frames: [UInt64] = []
      frames.reserveCapacity(count)
      for i in 0..<count { frames.append(u64(offset + 8 * i)) }
      offset += 8 * count
      let stack =
        stackIndex[frames]
        ?? {
          stacks.append(frames)
          stackIndex[frames] = stacks.count - 1
          return stacks.count - 1
        }()
      events.append(Event(kind: kind, pointer: pointer, old: old, size: size, stack: stack))
    }
  }

  /// The file-backed mappings of a `/proc/PID/maps` text.
  static func mappings(_ text: String) -> [Mapping] {
    var result: [Mapping] = []
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 6, fields[5].hasPrefix("/") else { continue }
      let bounds = fields[0].split(separator: "-")
      guard bounds.count == 2, let lo = UInt64(bounds[0], radix: 16), let hi = UInt64(bounds[1], radix: 16),
        let offset = UInt64(fields[2], radix: 16)
      else { continue }
      result.append(Mapping(range: lo..<hi, offset: offset, path: fields[5...].joined(separator: " ")))
    }
    return result
  }

  /// The mapping holding `address`: the latest written that covers it.
  ///
  /// - Complexity: O(mappings); symbolizing asks once per distinct address.
  func mapping(of address: UInt64) -> Mapping? {
    mappings.last { $0.range.contains(address) }
  }
}
