//! A mail is whatever bytes an IMAP server hands over, so reading one must never panic: parse it,
//! decide whether a buyer sent it, look for an Etsy notice and derive its thread subject. The
//! invariants (quote start on a char boundary inside the text, no `\r` left) are asserted by
//! `read_mail` itself.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mostrador_channels::fuzzing::read_mail(data);
});
