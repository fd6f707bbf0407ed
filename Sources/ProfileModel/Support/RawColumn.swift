/// A fixed-capacity column of trivial values owned by the stream parser during the token pass: writes go straight to
/// memory, with no copy-on-write or uniqueness checks.
///
/// Converted to an array, and freed, when the pass ends.
struct RawColumn<T: BitwiseCopyable> {
  private(set) var base: UnsafeMutablePointer<T>
  private(set) var capacity: Int

  /// Reserves `capacity` values; pages are only backed by memory once written.
  init(capacity: Int, initialValue: T? = nil) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
    if let initialValue { base.initialize(repeating: initialValue, count: self.capacity) }
  }

  @inline(__always) subscript(_ i: Int) -> T {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }

  /// Grows to at least `count` values, filling new ones with `value`.
  mutating func grow(to count: Int, filling value: T) {
    guard count > capacity else { return }
    let next = UnsafeMutablePointer<T>.allocate(capacity: count)
    next.update(from: base, count: capacity)
    (next + capacity).initialize(repeating: value, count: count - capacity)
    base.deallocate()
    base = next
    capacity = count
  }

  /// Frees the buffer without reading it (after a failed pass).
  func discard() { base.deallocate() }

  /// Hands the first `count` values to a `Column` without copying; this value must not be
  /// used again.
  func adopt(count: Int) -> Column<T> where T: Sendable { Column(adopting: base, count: count) }

  /// The first `count` values as an array; the column is freed and must not be used again.
  func finish(count: Int) -> [T] {
    let result = Array(UnsafeBufferPointer(start: base, count: count))
    base.deallocate()
    return result
  }
}
