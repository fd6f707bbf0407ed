import Testing

@testable import ProfileModel

/// The live-pointer map against `Dictionary` on long random alloc/free/replace sequences: a
/// narrow key range forces long probe runs, wrap-around at the table's end, backward shifts
/// and several grows.
@Suite struct PointerMapTests {
  /// A small deterministic generator (xorshift), so failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
  }

  static func block(_ n: UInt64) -> LiveBlock {
    LiveBlock(
      row: UInt32(truncatingIfNeeded: n), size: UInt32(truncatingIfNeeded: n &* 7), callstack: Int32(n % 1000),
      pool: UInt8(n % 4))
  }

  @Test(arguments: [(UInt64(1), 4_000), (UInt64(99), 200_000)])
  func agreesWithDictionary(seed: UInt64, keyRange: Int) {
    var map = PointerMap(capacity: 4)
    defer { map.release() }
    var model: [UInt64: LiveBlock] = [:]
    var rng = Generator(state: seed)
    for step in 0..<300_000 {
      let key = (rng.next() % UInt64(keyRange) + 1) << 4
      if step % 3 == 0 {
        map.prefetch(key)
        #expect(map.remove(key) == model.removeValue(forKey: key))
      } else {
        let value = Self.block(UInt64(step))
        #expect(map.insert(key, value) == model.updateValue(value, forKey: key))
      }
    }
    #expect(map.count == model.count)
    for (key, value) in model { #expect(map.find(key) == value) }
    for key in stride(from: UInt64(16), through: UInt64(keyRange) << 4, by: 16) where model[key] == nil {
      #expect(map.find(key) == nil)
    }
  }

  @Test func emptiesCompletely() {
    var map = PointerMap(capacity: 1)
    defer { map.release() }
    let keys = (1...50_000).map { UInt64($0) &* 0x1000 }
    for (i, key) in keys.enumerated() { #expect(map.insert(key, Self.block(UInt64(i))) == nil) }
    for (i, key) in keys.enumerated().reversed() { #expect(map.remove(key) == Self.block(UInt64(i))) }
    #expect(map.count == 0)
    #expect(keys.allSatisfy { map.find($0) == nil })
  }
}
