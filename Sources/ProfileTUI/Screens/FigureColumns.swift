import ProfileModel

/// The size, size %, count, count % columns every list starts with.
enum FigureColumns {
  static let width = 40

  static var header: String {
    TextFit.pad("Size", 11, right: true) + TextFit.pad("Size%", 9, right: true)
      + TextFit.pad("Count", 11, right: true) + TextFit.pad("Count%", 9, right: true)
  }

  /// The header when two builds are compared: the change B − A and its share of A's total.
  static var compareHeader: String {
    TextFit.pad("ΔSize", 11, right: true) + TextFit.pad("% of A", 9, right: true)
      + TextFit.pad("ΔCount", 11, right: true) + TextFit.pad("% of A", 9, right: true)
  }

  static func text(size: Int64, count: Int64, totalSize: Int64, totalCount: Int64) -> String {
    let sizePercent = totalSize == 0 ? 0 : Double(size) * 100 / Double(totalSize)
    let countPercent = totalCount == 0 ? 0 : Double(count) * 100 / Double(totalCount)
    return TextFit.pad(SizeFormat.size(size), 11, right: true)
      + TextFit.pad(SizeFormat.percent(sizePercent), 9, right: true)
      + TextFit.pad(SizeFormat.count(count), 11, right: true)
      + TextFit.pad(SizeFormat.percent(countPercent), 9, right: true)
  }
}
