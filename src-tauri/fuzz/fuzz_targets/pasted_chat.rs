//! Splitting a pasted chat into draft messages must never panic nor invent text, whatever the
//! seller pastes. The first byte picks whether a buyer and a shop name are known, so the paths
//! that recognise speakers by name are explored too.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (choice, bytes) = data.split_first().map_or((0, data), |(first, rest)| (*first, rest));
    let text = String::from_utf8_lossy(bytes);
    let buyer = (choice & 1 == 1).then_some("Marta");
    let me = (choice & 2 == 2).then_some("Taller Luna");
    mostrador_core::fuzzing::split_pasted_chat(&text, buyer, me);
});
