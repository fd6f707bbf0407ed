import Foundation
import Testing

@testable import ProfileModel

/// v2 (2008 and 2011 layouts) and v3 (with UE3 script callstacks), built by hand from the spec.
@Suite struct OldLayoutTests {
  /// Tables shared by the hand-built files: names, addresses with symbols, callstacks.
  static func tables(_ b: inout CaptureBytes, names: [String], addresses: [(UInt64, Int32, Int32)], stacks: [[Int32]])
    -> (names: UInt32, addresses: UInt32, stacks: UInt32)
  {
    let nameOffset = UInt32(b.count)
    for n in names { b.ansi(n) }
    let addressOffset = UInt32(b.count)
    for (pc, file, function) in addresses {
      b.u64(pc)
      b.i32(file)
      b.i32(function)
      b.i32(7)
    }
    let stackOffset = UInt32(b.count)
    for s in stacks {
      b.u32(0xC0FFEE)
      for f in s { b.i32(f) }
      b.i32(-1)
    }
    return (nameOffset, addressOffset, stackOffset)
  }

  @Test(arguments: [false, true])
  func version2WithModules(bigEndian: Bool) throws {
    // 2c: u64 pointers, 8 table fields, no trailers on markers.
    var b = CaptureBytes(bigEndian: bigEndian)
    b.u32(0xDA15_F7D8)
    b.u32(2)
    b.u32(0x4)  // Xbox360
    b.u32(1)
    let fields = b.count
    for _ in 0..<9 { b.u32(0) }
    b.ansi("Game", min: 255)
    #expect(b.count == 311)
    b.u64(0x1000)
    b.i32(0)
    b.u32(100)  // malloc
    b.u64(3)
    b.i32(2)
    b.u32(1)  // snapshot "Mark"
    b.u64(0x2000)
    b.i32(1)
    b.u32(50)  // malloc
    b.u64(0x1000 | 1)  // free
    b.u64(3)
    b.i32(5)
    b.u32(12345)  // legacy TotalUsed counter
    b.u64(3)
    b.i32(0)
    b.u32(0)  // end of stream
    let t = Self.tables(
      &b, names: ["Main.cpp", "Mark", "main", "Alloc"], addresses: [(0x10, 0, 2), (0x20, 0, 3)], stacks: [[1, 0], [0]])
    let modules = UInt32(b.count)
    for (i, v) in [t.names, 4, t.addresses, 2, t.stacks, 2, modules, 0, 1].enumerated() {
      b.patch32(at: fields + 4 * i, v)
    }
    let scratch = ScratchFolder()
    try b.write(to: scratch.path("v2c.mprof"))
    let p = try ProfileLoader.load(path: scratch.path("v2c.mprof"))
    #expect(p.header.layout == .v2c && p.header.platformName == "Xbox360" && p.header.executableName == "Game")
    #expect(p.snapshots.map(\.description) == ["Snapshot 0: Mark", "End"])
    #expect(p.totals.endActiveSize == [0, 50] && p.totals.lifetimeSize == [100, 50])
    #expect(p.callstacks.frames(of: 0).map { p.functionName(address: Int($0)) } == ["main", "Alloc"])
    #expect(p.tokenCounts.others[5] == 1)
  }

  @Test func version2With32BitPointers() throws {
    // 2b: 4-byte pointer words, 6 table fields, no modules.
    var b = CaptureBytes()
    b.u32(0xDA15_F7D8)
    b.u32(2)
    b.u32(0x8)  // PS3
    b.u32(1)
    let fields = b.count
    for _ in 0..<7 { b.u32(0) }
    b.ansi("", min: 255)
    #expect(b.count == 303)
    b.u32(0x1000)
    b.i32(0)
    b.u32(24)  // malloc
    b.u32(0x1000 | 2)
    b.u32(0x3000)
    b.i32(0)
    b.u32(48)  // realloc
    b.u32(0x4000)
    b.i32(0)
    b.u32(8)  // malloc
    b.u32(0x4000 | 1)  // free
    b.u32(3)
    b.i32(0)
    b.u32(0)  // end of stream
    let t = Self.tables(&b, names: ["f.cpp", "main"], addresses: [(0x10, 0, 1)], stacks: [[0]])
    for (i, v) in [t.names, 2, t.addresses, 1, t.stacks, 1, 1].enumerated() { b.patch32(at: fields + 4 * i, v) }
    let scratch = ScratchFolder()
    try b.write(to: scratch.path("v2b.mprof"))
    let p = try ProfileLoader.load(path: scratch.path("v2b.mprof"))
    #expect(p.header.layout == .v2b && p.header.pointerSize == 4)
    #expect(p.totals.endActiveSize == [48] && p.totals.lifetimeCount == [3])
    #expect(p.end.allocationCount == 5)
  }

  @Test func version3WithScriptCallstacks() throws {
    var b = CaptureBytes()
    b.u32(0xDA15_F7D8)
    b.u32(3)
    b.u32(0x1)
    b.u32(1)
    let fields = b.count
    for _ in 0..<11 { b.u32(0) }
    b.ansi("UDKGame", min: 255)
    #expect(b.count == 319)
    // malloc with a script callstack (index 0) and an object type (script name 3)
    b.u64(0x1000)
    b.i32(0)
    b.u32(100)
    b.u16(0x8000)
    b.i32(3)
    // malloc without script data
    b.u64(0x2000)
    b.i32(0)
    b.u32(10)
    b.u16(0x7FFF)
    // snapshot with v3 trailer: 2 positional stats, 0 levels, 1 metric
    b.u64(3)
    b.i32(25)
    b.u32(4)
    b.u8(2)
    b.i64(111)
    b.i64(222)
    b.u16(0)
    b.u8(1)
    b.i64(7)
    b.u64(3)
    b.i32(0)
    b.u32(0)
    b.u8(0)
    b.u16(0)
    b.u8(0)
    let t = Self.tables(
      &b,
      names: ["UObject.cpp", "main", "UObject::ProcessInternal(FFrame&, void*)", "UObject::StaticAllocateObject", ""],
      addresses: [(0x10, 0, 1), (0x20, 0, 2), (0x30, 0, 3)], stacks: [[2, 1, 0]])
    let scriptNames = UInt32(b.count)
    b.i32(4)
    for n in ["Engine", "Actor", "Tick", "Pawn"] { b.ansi(n) }
    let scriptStacks = UInt32(b.count)
    b.i32(1)
    b.i32(1)
    b.i32(1)
    b.i32(2)
    b.i32(0)  // Class Actor, Function Tick, Package Engine
    let modules = UInt32(b.count)
    for (i, v) in [t.names, 5, t.addresses, 3, t.stacks, 1, modules, 0, 1, scriptStacks, scriptNames].enumerated() {
      b.patch32(at: fields + 4 * i, v)
    }
    let scratch = ScratchFolder()
    try b.write(to: scratch.path("v3.mprof"))
    let p = try ProfileLoader.load(path: scratch.path("v3.mprof"))
    #expect(p.header.version == 3 && p.header.scriptCallstackTableOffset != nil)
    #expect(p.callstacks.count == 2)
    let virtual = p.callstacks.frames(of: 1).map { p.functionName(address: Int($0)) }
    #expect(virtual == ["main", "[Script] Engine.Actor:Tick", "[Pawn] UObject::StaticAllocateObject"])
    #expect(p.totals.endActiveSize == [10, 100])
    #expect(p.snapshots[0].description == "GC End 0")
    #expect(
      p.snapshots[0].stats == [StatValue(name: "TotalUsed", value: 111), StatValue(name: "TotalAllocated", value: 222)])
    #expect(p.snapshots[0].metrics == [7])
  }
}
