//! A saved-answers file (JSON or CSV, the first byte says which) must never panic the import, and
//! whatever it accepts must write back to a file that reads the same.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (choice, bytes) = data.split_first().map_or((0, data), |(first, rest)| (*first, rest));
    let text = String::from_utf8_lossy(bytes);
    mostrador_core::fuzzing::read_answer_file(&text, choice & 1 == 1);
});
