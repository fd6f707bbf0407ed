import Foundation

/// Runs the token pass on two cores: a thread decodes chunks of tokens (`TokenDecoder`) while the calling thread
/// replays the previous ones against the live set (`StreamAccounting`).
///
/// Chunks travel through a small ring, so memory stays bounded and the stream order is kept.
///
/// Errors and cancellation: a decoding error travels in its chunk, after the tokens before it;
/// the caller's thread always waits for the decoding thread before returning or throwing.
enum StreamPipeline {
  /// Tokens per chunk: large enough that hand-overs are rare, small enough to stay in cache.
  static let chunkCapacity = 4096
  /// Chunks in flight.
  static let chunkCount = 4
  /// Progress is reported every this many chunks (about 1 MB of a typical capture).
  static let chunksPerProgressReport = 16

  /// Decodes and replays the whole stream.
  ///
  /// - Parameter progress: called with the bytes consumed so far; return `false` to cancel.
  /// - Throws: the first decoding error, or `MprofError.cancelled`.
  static func run<Order>(
    decoder: TokenDecoder<Order>, accounting: StreamAccounting, progress: (UInt64) -> Bool
  ) throws {
    let ring = ChunkRing(chunks: (0..<chunkCount).map { _ in TokenChunk(capacity: chunkCapacity) })
    let finished = DispatchSemaphore(value: 0)
    let work = DecodingWork(decoder: decoder, ring: ring, finished: finished)
    let thread = Thread { work.run() }
    thread.name = "mprof token decoder"
    thread.start()
    defer {
      ring.cancel()
      finished.wait()
    }
    var chunksApplied = 0
    while true {
      let chunk = ring.takeFilled()
      accounting.apply(chunk)
      if let error = chunk.error { throw error }
      if chunk.reachedEnd { return }
      chunksApplied += 1
      if chunksApplied % chunksPerProgressReport == 0 && !progress(chunk.consumedBytes) {
        throw MprofError.cancelled
      }
      ring.recycle(chunk)
    }
  }

  /// The decoding thread's loop; it owns the decoder until it signals `finished`.
  private final class DecodingWork<Order: ByteOrderDecoding>: @unchecked Sendable {
    let decoder: TokenDecoder<Order>
    let ring: ChunkRing
    let finished: DispatchSemaphore

    init(decoder: TokenDecoder<Order>, ring: ChunkRing, finished: DispatchSemaphore) {
      self.decoder = decoder
      self.ring = ring
      self.finished = finished
    }

    func run() {
      defer { finished.signal() }
      while let chunk = ring.takeEmpty() {
        do { try decoder.decode(into: chunk) } catch { chunk.error = error }
        let last = chunk.error != nil || chunk.reachedEnd
        ring.publish(chunk)
        if last { return }
      }
    }
  }
}

/// The chunks between the two threads: empty ones for the decoder, filled ones (in stream
/// order) for the accounting.
final class ChunkRing: @unchecked Sendable {
  private let condition = NSCondition()
  private var empty: [TokenChunk]
  private var filled: [TokenChunk] = []
  private var filledStart = 0
  private var cancelled = false

  init(chunks: [TokenChunk]) { empty = chunks }

  /// An empty chunk to decode into; `nil` once cancelled.
  func takeEmpty() -> TokenChunk? {
    condition.lock()
    defer { condition.unlock() }
    while empty.isEmpty && !cancelled { condition.wait() }
    return cancelled ? nil : empty.removeLast()
  }

  /// Hands a decoded chunk to the accounting.
  func publish(_ chunk: TokenChunk) {
    condition.lock()
    filled.append(chunk)
    condition.broadcast()
    condition.unlock()
  }

  /// The next decoded chunk, waiting for it.
  func takeFilled() -> TokenChunk {
    condition.lock()
    defer { condition.unlock() }
    while filledStart == filled.count { condition.wait() }
    let chunk = filled[filledStart]
    filledStart += 1
    if filledStart == filled.count {
      filled.removeAll(keepingCapacity: true)
      filledStart = 0
    }
    return chunk
  }

  /// Returns a replayed chunk for reuse.
  func recycle(_ chunk: TokenChunk) {
    condition.lock()
    empty.append(chunk)
    condition.broadcast()
    condition.unlock()
  }

  /// Stops the decoder at its next hand-over.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}
