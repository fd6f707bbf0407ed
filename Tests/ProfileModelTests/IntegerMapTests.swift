import Testing

@testable import ProfileModel

/// The call graph's child index against `Dictionary`: keys 0 and `UInt64.max - 1` included,
/// clustered keys, and many grows from a small start.
@Suite struct IntegerMapTests {
  @Test func agreesWithDictionary() {
    var map = IntegerMap(capacity: 1)
    var model: [UInt64: Int32] = [:]
    var rng = PointerMapTests.Generator(state: 7)
    var keys: [UInt64] = [0, 1, UInt64.max - 1, 1 << 32]
    for _ in 0..<30_000 { keys.append(rng.next() % 5_000 << 32 | rng.next() % 50) }
    for (i, key) in keys.enumerated() {
      let value = map.value(for: key) { Int32(i) }
      if model[key] == nil { model[key] = Int32(i) }
      #expect(value == model[key])
    }
    #expect(map.count == model.count)
    for (key, value) in model { #expect(map.value(for: key) == value) }
    #expect(map.value(for: 12_345 << 32 | 999) == nil)
  }
}
