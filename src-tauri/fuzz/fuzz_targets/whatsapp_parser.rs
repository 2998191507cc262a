//! The WhatsApp export parser must never panic, whatever the bytes: a seller may drop any file.
//! The first byte picks the day/month override, so both readings of the dates are explored.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mostrador_core::whatsapp::{DateOrder, ParseOptions, parse_export};

fuzz_target!(|data: &[u8]| {
    let (choice, bytes) = data.split_first().map_or((0, data), |(first, rest)| (*first, rest));
    let date_order = match choice % 3 {
        0 => None,
        1 => Some(DateOrder::DayFirst),
        _ => Some(DateOrder::MonthFirst),
    };
    let options = ParseOptions { date_order, ..ParseOptions::default() };
    if let Ok(chat) = parse_export(bytes, &options) {
        // What comes out is consistent: every message and system line points at a real line.
        for message in &chat.messages {
            assert!(message.line >= 1 && message.line <= chat.line_count + 1);
        }
        assert!(chat.unreadable.len() as u32 <= chat.unreadable_count);
    }
});
