/// A token as `TokenDecoder` hands it to `StreamAccounting`: validated, in host byte order,
/// and, if it makes an allocation, with its row assigned and its birth columns written.
struct DecodedToken {
  enum Kind: UInt8 {
    /// A malloc of `pointer` (0: a null malloc, counted and ignored).
    case malloc
    /// A free of `pointer`.
    case free
    /// A realloc of `pointer` (0: none) to `newPointer` (0: none).
    case realloc
    /// A marker the accounting needs: `TokenChunk.markers[row]`.
    case marker
    /// A token that only advances the stream index: a marker nobody reads, a free or
    /// realloc(NULL, 0) of dlmalloc's global realloc-zero pointer.
    case noEffect
  }

  var pointer: UInt64
  var newPointer: UInt64
  var callstack: Int32
  /// The allocation row a malloc or realloc makes; for a marker, its index in the chunk's
  /// `markers`.
  var row: UInt32
  var size: UInt32
  var kind: Kind
  var pool: UInt8
}

/// A marker token with its trailer read and its names resolved.
struct DecodedMarker {
  var subtype: TokenSubtype
  var payload: UInt32
  /// The snapshot label (snapshot-type markers).
  var label = ""
  var stats: [StatValue] = []
  var levels: [Int32] = []
  var metrics: [Int64] = []
}

/// A run of decoded tokens, handed from the decoder to the accounting and back for reuse.
final class TokenChunk: @unchecked Sendable {
  let capacity: Int
  let tokens: UnsafeMutablePointer<DecodedToken>
  @exclusivity(unchecked) var count = 0
  @exclusivity(unchecked) var markers: [DecodedMarker] = []
  /// Bytes of the whole capture consumed once this chunk was decoded, for progress.
  @exclusivity(unchecked) var consumedBytes: UInt64 = 0
  /// The chunk ends with the end-of-stream marker.
  @exclusivity(unchecked) var reachedEnd = false
  /// Decoding stopped at a bad token after the first `count` tokens.
  @exclusivity(unchecked) var error: (any Error)?

  init(capacity: Int) {
    self.capacity = capacity
    tokens = .allocate(capacity: capacity)
  }

  deinit { tokens.deallocate() }

  /// Empties the chunk for the next run.
  func reset() {
    count = 0
    markers.removeAll(keepingCapacity: true)
    reachedEnd = false
    error = nil
  }
}
