//! Id sequences that look like the real services' ids (large, not contiguous) and opaque tokens
//! derived from the seed, so a seed replays the same ids.

/// SplitMix64's finaliser: a cheap, well-mixed 64-bit hash.
pub(crate) fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// 32 lowercase hex characters (Mercado Libre message ids, token bodies).
pub(crate) fn hex32(seed: u64, serial: u64) -> String {
    let a = mix64(seed ^ serial.wrapping_mul(0xA24B_AED4_963E_E407));
    let b = mix64(a ^ serial);
    format!("{a:016x}{b:016x}")
}

/// URL-safe letters and digits, `len` of them (bot tokens, business connection ids).
pub(crate) fn alnum(seed: u64, serial: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    let mut state = mix64(seed ^ serial.rotate_left(17));
    (0..len)
        .map(|_| {
            state = mix64(state);
            ALPHABET[(state % ALPHABET.len() as u64) as usize] as char
        })
        .collect()
}

/// Next ids of each kind.
pub(crate) struct IdSeq {
    pub seed: u64,
    pub serial: u64,
    pub question: i64,
    pub order: i64,
    pub pack: i64,
    pub shipping: i64,
    pub buyer: i64,
    pub tg_user: i64,
    pub tg_message: i64,
    pub update: i64,
}

impl IdSeq {
    pub fn new(seed: u64) -> IdSeq {
        let spread = (mix64(seed) % 900_000) as i64;
        IdSeq {
            seed,
            serial: 0,
            question: 13_100_000_000 + spread * 7,
            order: 2_000_010_000_000 + spread * 11,
            pack: 2_000_004_000_000 + spread,
            shipping: 44_000_000_000 + spread * 3,
            buyer: 180_000_000 + spread,
            tg_user: 5_200_000_000 + spread * 5,
            tg_message: 1,
            update: 710_000_000 + spread,
        }
    }

    /// Strictly increasing with irregular gaps (1..=step).
    pub fn bump(&mut self, which: fn(&mut IdSeq) -> &mut i64, step: u64) -> i64 {
        self.serial += 1;
        let gap = 1 + (mix64(self.seed ^ self.serial) % step.max(1)) as i64;
        let slot = which(self);
        *slot += gap;
        *slot
    }

    pub fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }
}
