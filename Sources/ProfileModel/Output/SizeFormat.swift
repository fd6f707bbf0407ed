/// Formatting of sizes and counts, MemoryProfiler2's style with its sign bug fixed.
public enum SizeFormat {
  private static let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]

  /// `5.50 MB`, `-12.00 KB`, `512 bytes`: the sign is kept.
  public static func size(_ n: Int64) -> String {
    let sign = n < 0 ? "-" : ""
    var value = Double(n.magnitude)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(sign)\(n.magnitude) bytes" }
    return sign + grouped(value, decimals: 2) + " " + units[unit]
  }

  /// An address as `0x` and at least 12 lower-case hex digits (`0x7f0000012340`).
  public static func address(_ address: UInt64) -> String {
    let digits = String(address, radix: 16)
    return "0x" + String(repeating: "0", count: max(12 - digits.count, 0)) + digits
  }

  /// `1,234,567`.
  public static func count(_ n: Int64) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// `12.34` with a fixed number of decimals and thousands separators.
  public static func grouped(_ value: Double, decimals: Int) -> String {
    let scale = pow10(decimals)
    let rounded = (abs(value) * Double(scale)).rounded()
    let whole = Int64(rounded) / scale
    let fraction = Int64(rounded) % scale
    var text = count(whole)
    if decimals > 0 {
      let f = String(fraction)
      text += "." + String(repeating: "0", count: decimals - f.count) + f
    }
    return (value < 0 && rounded != 0 ? "-" : "") + text
  }

  /// `12.34%`.
  public static func percent(_ value: Double) -> String { grouped(value, decimals: 2) + "%" }

  private static func pow10(_ n: Int) -> Int64 {
    var r: Int64 = 1
    for _ in 0..<n { r *= 10 }
    return r
  }
}
