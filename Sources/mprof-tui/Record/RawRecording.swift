import Foundation
import ProfileModel

/// What the preloaded recorder wrote (`Resources/shim.c`): each thread's chunks of events and
/// the stacks it numbered, the markers, and the program's module maps (at start, before each
/// dlclose, at exit).
///
/// Reading is two passes over the file, neither keeping the events: the first finds each
/// thread's chunks, makes its stacks distinct across threads and counts; `forEachEvent` then
/// merges the threads' events by their sequence numbers. Memory holds the distinct stacks and
/// one chunk a thread (64 KiB), whatever the number of events; the file is read, not mapped, so
/// it does not count in the converter's resident size either.
struct RawRecording {
  enum Kind: UInt32 {
    case malloc = 1
    case free = 2
    case realloc = 3
    /// Markers: `pointer` holds nanoseconds since the start, `size` the resident bytes.
    case frame = 4
    case snapshot = 5
    /// The process's resident bytes (`size`), sampled at the end of each full chunk.
    case resident = 7
  }

  /// Record kinds that are not events.
  private enum Record {
    static let stack: UInt32 = 6
    /// In a stack record's depth word: the stack was cut at the recorder's depth.
    static let stackCut = 0x8000_0000
    static let maps: UInt32 = 9
    static let chunk: UInt32 = 10
  }

  struct Event {
    var kind: Kind
    var pointer: UInt64
    var old: UInt64
    var size: UInt64
    /// An index into `stacks`; -1 for a free or a marker.
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

  /// One thread's part of the file: its chunks' byte ranges in order, and its stack numbers.
  private struct ThreadStream {
    var chunks: [Range<Int>] = []
    /// The thread's stack number → an index into `stacks`.
    var stacks: [Int] = []
  }

  /// Distinct callstacks, return addresses innermost first.
  private(set) var stacks: [[UInt64]] = []
  /// Whether each of `stacks` was cut at the recorder's depth (the program's went on).
  private(set) var cut: [Bool] = []
  private(set) var mappings: [Mapping] = []
  /// Allocation events (malloc, free, realloc) in the file.
  private(set) var allocationEvents = 0
  private let file: FileHandle
  private var threads: [ThreadStream] = []

  /// The most frames a stack record may hold (the recorder keeps at most 256).
  static let maxDepth = 4096
  /// The largest chunk read (the recorder writes at most 64 KiB and a record); a larger one
  /// ends the file.
  static let maxChunk = 1 << 24

  /// Reads a raw file; a record cut short by the program's end ends its thread's events.
  ///
  /// - Throws: when the file cannot be read.
  init(path: String) throws {
    guard let file = FileHandle(forReadingAtPath: path) else {
      throw MprofError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    self.file = file
    let end = Int(lseek(file.fileDescriptor, 0, SEEK_END))
    var threadIndex: [UInt32: Int] = [:]
    var stackIndex: [[UInt64]: Int] = [:]
    var buffer: [UInt8] = []
    var offset = 0
    while offset + 8 <= end {
      guard Self.read(file, offset..<(offset + 8), into: &buffer) else { break }
      let kind = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt32.self) }
      let word = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self) }
      if kind == Record.maps {
        let count = Int(word)
        guard offset + 8 + count <= end, Self.read(file, (offset + 8)..<(offset + 8 + count), into: &buffer) else {
          break
        }
        // Every map is kept (one comes before each dlclose): an address takes the latest that
        // covers it.
        for mapping in Self.mappings(String(decoding: buffer, as: UTF8.self)) where !mappings.contains(mapping) {
          mappings.append(mapping)
        }
        offset += 8 + count
        continue
      }
      guard kind == Record.chunk, offset + 16 <= end, Self.read(file, (offset + 8)..<(offset + 16), into: &buffer)
      else { break }
      let declared = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self) }
      guard declared <= UInt64(Self.maxChunk) else { break }
      // A program killed while its chunk was written leaves part of it.
      let length = min(Int(declared), end - offset - 16)
      let chunk = (offset + 16)..<(offset + 16 + length)
      guard Self.read(file, chunk, into: &buffer) else { break }
      if threadIndex[word] == nil {
        threadIndex[word] = threads.count
        threads.append(ThreadStream())
      }
      let thread = threadIndex[word] ?? 0
      threads[thread].chunks.append(chunk)
      buffer.withUnsafeBytes { bytes in
        Self.walk(bytes) { at, kind, count in
          if kind == Record.stack {
            let depth = count & ~Record.stackCut
            var frames: [UInt64] = []
            frames.reserveCapacity(depth + 1)
            for i in 0..<depth { frames.append(bytes.loadUnaligned(fromByteOffset: at + 8 + 8 * i, as: UInt64.self)) }
            // The key tells a cut stack from a whole one with the same frames.
            let key = frames + [count & Record.stackCut != 0 ? 1 : 0]
            if stackIndex[key] == nil {
              stackIndex[key] = stacks.count
              stacks.append(frames)
              cut.append(count & Record.stackCut != 0)
            }
            threads[thread].stacks.append(stackIndex[key] ?? 0)
          } else if kind <= Kind.realloc.rawValue {
            allocationEvents += 1
          }
        }
      }
      offset = chunk.upperBound
    }
  }

  /// Reads `range` of the file into `buffer` (resized to it); false when the file is shorter.
  private static func read(_ file: FileHandle, _ range: Range<Int>, into buffer: inout [UInt8]) -> Bool {
    if buffer.count != range.count { buffer = [UInt8](repeating: 0, count: range.count) }
    if range.isEmpty { return true }
    var done = 0
    while done < range.count {
      let n = buffer.withUnsafeMutableBytes { bytes -> Int in
        guard let base = bytes.baseAddress else { return 0 }
        return pread(file.fileDescriptor, base + done, range.count - done, off_t(range.lowerBound + done))
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return false }
      done += n
    }
    return true
  }

  /// The size of the record of `kind` at `at` whose second word is `word`, or nil when the kind
  /// is unknown.
  private static func recordSize(kind: UInt32, word: Int) -> Int? {
    switch kind {
    case Kind.malloc.rawValue: return 32
    case Kind.free.rawValue, Kind.resident.rawValue: return 24
    case Kind.realloc.rawValue: return 40
    case Kind.frame.rawValue, Kind.snapshot.rawValue: return 32 + ((word + 7) & ~7)
    case Record.stack:
      let depth = word & ~Record.stackCut
      return depth <= maxDepth ? 8 + 8 * depth : nil
    default: return nil
    }
  }

  /// Calls `body(offset, kind, second word)` for each whole record of a chunk; an unknown or
  /// cut record ends it.
  private static func walk(_ bytes: UnsafeRawBufferPointer, _ body: (Int, UInt32, Int) throws -> Void) rethrows {
    var at = 0
    while at + 8 <= bytes.count {
      let kind = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
      let word = Int(bytes.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
      guard let size = recordSize(kind: kind, word: word), at + size <= bytes.count else { return }
      try body(at, kind, word)
      at += size
    }
  }

  /// Where one thread's merge stands: its chunk (read), the offset of its next event in it,
  /// that event's sequence number.
  private struct Cursor {
    /// The thread's chunks and stack numbers (`ThreadStream`), held here so the merge does not
    /// look them up per event.
    let chunks: [Range<Int>]
    let stacks: [Int]
    var chunk = 0
    var bytes: [UInt8] = []
    var at = 0
    var sequence: UInt64 = 0
  }

  /// Moves a cursor to its thread's next event, reading its next chunks as needed; false at
  /// the thread's end.
  private func settle(_ cursor: inout Cursor) -> Bool {
    let chunks = cursor.chunks
    while cursor.chunk < chunks.count {
      if cursor.bytes.isEmpty && !Self.read(file, chunks[cursor.chunk], into: &cursor.bytes) { return false }
      let found = cursor.bytes.withUnsafeBytes { bytes -> UInt64? in
        while cursor.at + 8 <= bytes.count {
          let kind = bytes.loadUnaligned(fromByteOffset: cursor.at, as: UInt32.self)
          let word = Int(bytes.loadUnaligned(fromByteOffset: cursor.at + 4, as: UInt32.self))
          guard let size = Self.recordSize(kind: kind, word: word), cursor.at + size <= bytes.count else { break }
          if kind != Record.stack { return bytes.loadUnaligned(fromByteOffset: cursor.at + 8, as: UInt64.self) }
          cursor.at += size
        }
        return nil
      }
      if let found {
        cursor.sequence = found
        return true
      }
      cursor.chunk += 1
      cursor.at = 0
      cursor.bytes = []
    }
    return false
  }

  /// The event at a settled cursor; moves it past.
  private func event(at cursor: inout Cursor) -> Event {
    let stacks = cursor.stacks
    let at = cursor.at
    return cursor.bytes.withUnsafeBytes { bytes in
      let kind = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
      let word = Int(bytes.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
      func u64(_ field: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: at + 8 * field, as: UInt64.self) }
      let stack = word < stacks.count ? stacks[word] : -1
      cursor.at += Self.recordSize(kind: kind, word: word) ?? bytes.count
      switch kind {
      case Kind.malloc.rawValue: return Event(kind: .malloc, pointer: u64(2), old: 0, size: u64(3), stack: stack)
      case Kind.free.rawValue: return Event(kind: .free, pointer: u64(2), old: 0, size: 0, stack: -1)
      case Kind.resident.rawValue: return Event(kind: .resident, pointer: 0, old: 0, size: u64(2), stack: -1)
      case Kind.realloc.rawValue:
        return Event(kind: .realloc, pointer: u64(2), old: u64(3), size: u64(4), stack: stack)
      default:
        let label =
          word > 0
          ? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(at + 32)..<(at + 32 + word)]), as: UTF8.self)
          : nil
        return Event(
          kind: kind == Kind.frame.rawValue ? .frame : .snapshot, pointer: u64(2), old: 0, size: u64(3), stack: -1,
          label: label)
      }
    }
  }

  /// The events of every thread in the order they happened (by sequence number).
  ///
  /// - Complexity: O(events × log threads); memory one chunk a thread.
  func forEachEvent(_ body: (Event) throws -> Void) rethrows {
    // A binary heap of cursors by sequence number.
    var heap: [Cursor] = []
    func siftDown(_ start: Int) {
      var i = start
      while true {
        let left = 2 * i + 1
        guard left < heap.count else { return }
        var least = left
        if left + 1 < heap.count && heap[left + 1].sequence < heap[left].sequence { least = left + 1 }
        guard heap[least].sequence < heap[i].sequence else { return }
        heap.swapAt(i, least)
        i = least
      }
    }
    for thread in threads {
      var cursor = Cursor(chunks: thread.chunks, stacks: thread.stacks)
      if settle(&cursor) { heap.append(cursor) }
    }
    for i in stride(from: heap.count / 2, through: 0, by: -1) { siftDown(i) }
    while !heap.isEmpty {
      try body(event(at: &heap[0]))
      if !settle(&heap[0]) {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
      }
      siftDown(0)
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
