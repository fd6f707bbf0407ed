import ProfileModel

/// What the Short-lived tab shows: one capture's callstacks, or two builds' matched stacks
/// side by side (`--base`).
enum ShortLivedFigures: Sendable {
  case single(ShortLived)
  case compared(ShortLivedComparison)
}
