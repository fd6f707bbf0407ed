/// One entry of the v7 tags table: the tags that were active together for an allocation.
public struct TagSet: Sendable, Equatable {
  /// The string as stored, for example `Subsystem:Audio;Asset:Meshes/Props;`.
  public var raw: String
  /// The tags, split on `;` with empty pieces dropped.
  public var tags: [String]

  public init(raw: String) {
    self.raw = raw
    self.tags = raw.split(separator: ";").map(String.init)
  }

  /// Splits a tag into category (default `Uncategorized`) and path pieces, as the tag tree does.
  public static func hierarchy(of tag: String) -> (category: String, path: [String]) {
    if let colon = tag.firstIndex(of: ":") {
      let category = String(tag[..<colon])
      let rest = tag[tag.index(after: colon)...]
      return (category, rest.split(separator: "/").map(String.init))
    }
    return ("Uncategorized", tag.split(separator: "/").map(String.init))
  }

  /// The name of the synthetic tag for allocations without tags.
  public static let untagged = "Untagged"
}
