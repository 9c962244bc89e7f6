//! Fuzzes the Markdown/paragraph parser, the resolver and the anchor registry with arbitrary
//! version files: no input may panic, and every invariant of `acquis::invariants` must hold
//! (every anchor safe and leading back to its paragraph; the registry of a corpus accepting
//! it; the reference resolver leading back; every citation the citation resolver links naming a
//! paragraph that exists and looking up to the same place). The text sits beside a fixed
//! document, `PC.DEC/9`, so that it can cite something real.
//!
//! Run (stable toolchain): `cargo fuzz run --sanitizer none version_file fuzz/seeds`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As a whole file (front matter included), and as the body under valid front matter.
    if let Err(broken) = acquis::invariants::check_file(text) {
        panic!("invariant broken by the file: {broken}");
    }
    if let Err(broken) = acquis::invariants::check_body(text) {
        panic!("invariant broken by the body: {broken}");
    }
});
