import Foundation

/// Where the parts of an ELF file sit in its virtual addresses: the loadable segments of its
/// program header table (64-bit, little-endian: the machines the recorder runs on).
///
/// A code address is symbolized by its virtual address in the file, not its file offset: the two
/// differ when a linker (lld, for instance) places a segment at another offset than its address.
struct ElfSegments: Equatable {
  /// One `PT_LOAD` segment.
  struct Segment: Equatable {
    var fileOffset: UInt64
    var fileSize: UInt64
    var virtualAddress: UInt64
  }

  let segments: [Segment]

  /// The most program headers read (a real file has a dozen or so).
  static let maxHeaders = 4096

  /// Reads the program headers of the file at `path`; `nil` when it is not a 64-bit
  /// little-endian ELF file or its headers are cut or out of bounds.
  init?(path: String) {
    guard let file = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? file.close() }
    guard let header = try? file.read(upToCount: 64), header.count == 64 else { return nil }
    func u16(_ data: Data, _ at: Int) -> UInt64 { UInt64(data[at]) | UInt64(data[at + 1]) << 8 }
    func u64(_ data: Data, _ at: Int) -> UInt64 {
      (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[at + $1]) << (8 * UInt64($1)) }
    }
    // "\x7fELF", ELFCLASS64, ELFDATA2LSB.
    guard header.starts(with: [0x7F, 0x45, 0x4C, 0x46]), header[4] == 2, header[5] == 1 else { return nil }
    let tableOffset = u64(header, 32)
    let entrySize = u16(header, 54)
    let count = u16(header, 56)
    guard entrySize >= 56, count <= UInt64(Self.maxHeaders), tableOffset < 1 << 40 else { return nil }
    let tableSize = Int(entrySize * count)
    guard (try? file.seek(toOffset: tableOffset)) != nil, let table = try? file.read(upToCount: tableSize),
      table.count == tableSize
    else { return nil }
    var segments: [Segment] = []
    for i in 0..<Int(count) {
      let at = i * Int(entrySize)
      // p_type PT_LOAD: p_offset at 8, p_vaddr at 16, p_filesz at 32.
      guard u64(table, at) & 0xFFFF_FFFF == 1 else { continue }
      segments.append(
        Segment(fileOffset: u64(table, at + 8), fileSize: u64(table, at + 32), virtualAddress: u64(table, at + 16)))
    }
    self.segments = segments
  }

  /// The virtual address of a position in the file, from the segment holding it; `nil` when
  /// none does.
  func virtualAddress(fileOffset: UInt64) -> UInt64? {
    segments.first { $0.fileOffset <= fileOffset && fileOffset - $0.fileOffset < max($0.fileSize, 1) }.map {
      $0.virtualAddress &+ (fileOffset - $0.fileOffset)
    }
  }
}
