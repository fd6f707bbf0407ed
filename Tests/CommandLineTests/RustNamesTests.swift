import Testing

@testable import mprof_tui

/// Rust's legacy names as rustc's demangler shows them; every other name left alone.
@Suite struct RustNamesTests {
  @Test func legacyEscapesAndTheHashGo() {
    let cases: [(String, String)] = [
      (
        "alloc::raw_vec::RawVecInner$LT$A$GT$::with_capacity_in::h69d77a456a25e5c9",
        "alloc::raw_vec::RawVecInner<A>::with_capacity_in"
      ),
      ("alloc::vec::Vec$LT$T$C$A$GT$::push::hd35a02144b4512cd", "alloc::vec::Vec<T,A>::push"),
      ("std::rt::lang_start::_$u7b$$u7b$closure$u7d$$u7d$::h0123456789abcdef", "std::rt::lang_start::{{closure}}"),
      (
        "_$LT$u8$u20$as$u20$alloc..vec..spec_from_elem..SpecFromElem$GT$::from_elem::hffffffffffffffff",
        "<u8 as alloc::vec::spec_from_elem::SpecFromElem>::from_elem"
      ),
      (
        "core::ptr::drop_in_place$LT$$RF$mut$u20$$BP$const$u20$u8$GT$::h0000000000000000",
        "core::ptr::drop_in_place<&mut *const u8>"
      ),
      ("keep::Keeper::keep::h1234567890abcdef", "keep::Keeper::keep"),
    ]
    for (mangled, readable) in cases { #expect(RustNames.readable(mangled) == readable, "\(mangled)") }
  }

  @Test func otherNamesStayAsTheyAre() {
    for name in [
      "std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&)", "static MprofCommand.$main()",
      "main", "FEngineLoop::Tick()", "f::h123", "g::hxyz4567890abcdefg", "sort+0x6e8d",
    ] {
      #expect(RustNames.readable(name) == name, "\(name)")
    }
  }
}
