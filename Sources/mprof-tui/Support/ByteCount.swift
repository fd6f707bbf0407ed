import Foundation

/// A byte count with an optional binary suffix (`4096`, `64K`, `30M`, `1G`, `10MB`, `2GiB`),
/// or `nil` when the text is not one.
func parseByteCount(_ text: String) -> UInt64? {
  let units: [Character: UInt64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
  var trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
  for suffix in ["IB", "B"] where trimmed.hasSuffix(suffix) && trimmed.count > suffix.count {
    trimmed.removeLast(suffix.count)
    break
  }
  guard let last = trimmed.last else { return nil }
  let (digits, unit) = units[last].map { (trimmed.dropLast(), $0) } ?? (Substring(trimmed), 1)
  guard let value = UInt64(digits) else { return nil }
  let (product, overflow) = value.multipliedReportingOverflow(by: unit)
  return overflow ? nil : product
}
