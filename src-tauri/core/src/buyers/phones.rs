//! Phone numbers as people type them, read with libphonenumber's metadata (the `phonenumber`
//! crate) so the same line written three ways is recognised as one.
//!
//! Argentina needs care: a mobile is dialled `+54 9 351 …` from abroad, `0351 15-…` or `351 15 …`
//! at home, and often written without either marker (`351 555-1234`). The 10-digit national number
//! (area code + subscriber) is unique across fixed and mobile lines, so the matching key drops the
//! mobile `9`: every spelling of the line gets the same key.

use phonenumber::{Mode, country};

/// A phone number read with a default region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phone {
    /// Canonical E.164 (`+5493515551234`); Argentine mobiles keep their `9`.
    pub(crate) e164: String,
    /// What two spellings of the same line share (`+543515551234` for the number above).
    pub(crate) match_key: String,
}

/// The region a number without a country code is read in: the shop's country.
pub(crate) const DEFAULT_REGION: &str = "AR";

/// Reads `raw` (any common spelling) with `region` (ISO 3166 alpha-2) for numbers written without a
/// country code. `None` when it is not a valid number.
pub(crate) fn parse(raw: &str, region: &str) -> Option<Phone> {
    let raw = raw.trim();
    // "0054 …" and "00 54 …": the international call prefix most of Latin America dials.
    let digits_start = raw.trim_start_matches(|c: char| !c.is_ascii_digit() && c != '+');
    let international;
    let text = if let Some(rest) = digits_start.strip_prefix("00") {
        international = format!("+{}", rest.trim_start());
        international.as_str()
    } else {
        raw
    };
    let region: Option<country::Id> = region.parse().ok();
    let number = phonenumber::parse(region, text).ok()?;
    if !phonenumber::is_valid(&number) {
        return None;
    }
    let e164 = number.format().mode(Mode::E164).to_string();
    let match_key = match e164.strip_prefix("+549") {
        Some(national) if national.len() == 10 => format!("+54{national}"),
        _ => e164.clone(),
    };
    Some(Phone { e164, match_key })
}

/// The shop's country from its time zone (`America/Argentina/Cordoba` → AR), Argentina when unknown.
pub(crate) fn region_of_time_zone(time_zone: Option<&str>) -> &'static str {
    let Some(zone) = time_zone else { return DEFAULT_REGION };
    const ZONES: &[(&str, &str)] = &[
        ("America/Argentina/", "AR"),
        ("America/Buenos_Aires", "AR"),
        ("America/Cordoba", "AR"),
        ("America/Sao_Paulo", "BR"),
        ("America/Fortaleza", "BR"),
        ("America/Recife", "BR"),
        ("America/Bahia", "BR"),
        ("America/Belem", "BR"),
        ("America/Manaus", "BR"),
        ("America/Cuiaba", "BR"),
        ("America/Campo_Grande", "BR"),
        ("America/Porto_Velho", "BR"),
        ("America/Montevideo", "UY"),
        ("America/Santiago", "CL"),
        ("America/Asuncion", "PY"),
        ("America/Mexico_City", "MX"),
        ("America/Bogota", "CO"),
        ("America/Lima", "PE"),
        ("Europe/Madrid", "ES"),
    ];
    ZONES.iter().find(|(prefix, _)| zone.starts_with(prefix)).map_or(DEFAULT_REGION, |(_, region)| region)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> Option<String> {
        parse(raw, "AR").map(|p| p.match_key)
    }

    #[test]
    fn argentine_mobile_spellings_are_one_line() {
        let expected = Some("+543515551234".to_string());
        for raw in [
            "+54 9 351 555-1234",
            "+5493515551234",
            "0351 15-555-1234",
            "351 15 555-1234",
            "(0351) 15 5551234",
            "351 5551234",
            "+54 351 555 1234",
            "0054 9 351 555 1234",
        ] {
            assert_eq!(key(raw), expected, "{raw}");
        }
        assert_eq!(parse("0351 15-555-1234", "AR").unwrap().e164, "+5493515551234");
        assert_eq!(parse("+54 9 351 555-1234", "AR").unwrap().e164, "+5493515551234");
    }

    #[test]
    fn buenos_aires_mobiles_with_two_digit_area_code() {
        assert_eq!(key("011 15-4123-4567"), key("+54 9 11 4123-4567"));
        assert_eq!(parse("011 15-4123-4567", "AR").unwrap().e164, "+5491141234567");
    }

    #[test]
    fn other_countries_and_regions() {
        assert_eq!(key("+55 11 91234-5678").as_deref(), Some("+5511912345678"));
        assert_eq!(parse("(11) 91234-5678", "BR").unwrap().e164, "+5511912345678");
        assert_eq!(key("+1 (512) 555-0123"), key("+1 512 555 0123"));
        assert_ne!(key("+54 9 351 555-1234"), key("+54 9 351 555-1235"));
    }

    #[test]
    fn what_is_not_a_number_has_no_key() {
        assert_eq!(key(""), None);
        assert_eq!(key("no tengo"), None);
        assert_eq!(key("+12"), None);
    }

    #[test]
    fn region_follows_the_shop_time_zone() {
        assert_eq!(region_of_time_zone(Some("America/Argentina/Cordoba")), "AR");
        assert_eq!(region_of_time_zone(Some("America/Sao_Paulo")), "BR");
        assert_eq!(region_of_time_zone(Some("Asia/Tokyo")), "AR");
        assert_eq!(region_of_time_zone(None), "AR");
    }
}
