//! Fuzzes the Markdown/paragraph parser, the resolver and the anchor registry with arbitrary
//! version files: no input may panic, and every invariant of `acquis::invariants` must hold
//! (every anchor safe and leading back to its paragraph; the registry of a corpus accepting
//! it). The citation resolver joins through `acquis::invariants::citation_resolver_hook`.
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
