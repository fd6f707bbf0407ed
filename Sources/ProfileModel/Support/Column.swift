/// An immutable column of trivial values that owns its memory: the token pass hands its raw
/// buffers to the model without copying them into arrays.
public struct Column<Element: BitwiseCopyable & Sendable>: RandomAccessCollection, Sendable {
  final class Storage: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int
    init(base: UnsafeMutablePointer<Element>, count: Int) {
      self.base = base
      self.count = count
    }
    deinit { base.deallocate() }
  }

  private let storage: Storage

  /// Takes ownership of `base` (allocated with `UnsafeMutablePointer.allocate`), of which the
  /// first `count` values are initialised.
  init(adopting base: UnsafeMutablePointer<Element>, count: Int) {
    storage = Storage(base: base, count: count)
  }

  public init(_ values: [Element]) {
    let base = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(values.count, 1))
    values.withUnsafeBufferPointer {
      if let source = $0.baseAddress { base.initialize(from: source, count: values.count) }
    }
    storage = Storage(base: base, count: values.count)
  }

  public init() { self.init([]) }

  public var startIndex: Int { 0 }
  public var endIndex: Int { storage.count }

  @inline(__always) public subscript(position: Int) -> Element {
    precondition(position >= 0 && position < storage.count, "column index out of range")
    return storage.base[position]
  }

  /// Calls `body` with the values as a buffer.
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
    try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
  }
}

extension Column: Equatable where Element: Equatable {
  public static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}

extension Column: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Element...) { self.init(elements) }
}
