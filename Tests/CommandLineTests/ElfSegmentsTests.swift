import Foundation
import TestSupport
import Testing

@testable import mprof_tui

/// The program headers the recorder's symbolization reads from the modules a program mapped:
/// a real file's loadable segments, and nothing from a file that is not a whole ELF file.
@Suite struct ElfSegmentsTests {
  @Test func aRealFilesSegmentsMapOffsetsToAddresses() throws {
    let segments = try #require(ElfSegments(path: "/bin/sh"))
    #expect(!segments.segments.isEmpty)
    for segment in segments.segments {
      #expect(segments.virtualAddress(fileOffset: segment.fileOffset) == segment.virtualAddress)
      if segment.fileSize > 16 {
        #expect(segments.virtualAddress(fileOffset: segment.fileOffset + 16) == segment.virtualAddress + 16)
      }
    }
  }

  @Test func anythingElseIsNoSegments() throws {
    let scratch = ScratchFolder()
    var header = [UInt8](repeating: 0, count: 64)
    header[0...3] = [0x7F, 0x45, 0x4C, 0x46]
    header[4] = 2
    header[5] = 1
    // The program header table far past the file's end, then a count over the limit.
    header[32] = 0xFF
    header[33] = 0xFF
    header[54] = 56
    header[56] = 3
    let cases: [(String, [UInt8])] = [
      ("empty", []), ("text", Array("not an ELF file at all, just words".utf8)), ("cut", Array(header.prefix(40))),
      ("table past the end", header),
      ("too many headers", header.enumerated().map { $0.offset == 57 ? 0xFF : ($0.offset == 32 ? 64 : $0.element) }),
    ]
    for (name, bytes) in cases {
      let path = scratch.path(name)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      #expect(ElfSegments(path: path) == nil, "\(name)")
    }
    #expect(ElfSegments(path: scratch.path("missing")) == nil)
  }
}
