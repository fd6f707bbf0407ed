import ProfileModel
import Synchronization

/// The used address space per (pools, gap), made once off the input loop: the pass over every
/// row is the one part of a memory map that does not change with the snapshot or the filter.
final class AddressSpaceCache: Sendable {
  private struct Key: Hashable {
    var poolMask: UInt8
    var gap: UInt64
  }
  private let spaces = Mutex<[Key: AddressSpace]>([:])

  /// The space of `poolMask`'s blocks, made the first time it is asked for.
  ///
  /// - Throws: `CancellationError`.
  func space(profile: Profile, poolMask: UInt8, gap: UInt64, cancel: CancelToken) throws -> AddressSpace {
    let key = Key(poolMask: poolMask, gap: gap)
    if let known = spaces.withLock({ $0[key] }) { return known }
    let made = try AddressSpace(profile: profile, poolMask: poolMask, gap: gap, cancel: cancel)
    spaces.withLock { $0[key] = made }
    return made
  }
}
