//! Lenient reading of channel JSON: the vendors' own pages disagree on field types (a user id as a
//! string or a number), and optional fields go missing. Everything here returns `None` rather
//! than failing, and the connectors decide what is required.

use serde_json::Value;

/// `v[key]` through a `/`-separated path ("from/id").
pub(crate) fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('/').try_fold(v, |v, key| v.get(key)).filter(|v| !v.is_null())
}

/// An id written as a string or a number ("123", 123, 1.23e5 is not an id).
pub(crate) fn id(v: &Value, path: &str) -> Option<String> {
    match at(v, path)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => n.as_i64().map(|n| n.to_string()).or_else(|| n.as_u64().map(|n| n.to_string())),
        _ => None,
    }
}

pub(crate) fn text<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    at(v, path)?.as_str()
}

/// A non-empty string.
pub(crate) fn non_empty<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    text(v, path).map(str::trim).filter(|s| !s.is_empty())
}

/// An integer written as a number or a numeric string.
pub(crate) fn int(v: &Value, path: &str) -> Option<i64> {
    match at(v, path)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A decimal number (prices), as a number or a numeric string.
pub(crate) fn float(v: &Value, path: &str) -> Option<f64> {
    match at(v, path)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(crate) fn boolean(v: &Value, path: &str) -> Option<bool> {
    match at(v, path)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The array at `path`, or an empty slice.
pub(crate) fn list<'a>(v: &'a Value, path: &str) -> &'a [Value] {
    at(v, path).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// A time as ISO 8601 with an offset ("2026-11-20T10:15:30.000-04:00") or unix seconds.
pub(crate) fn time(v: &Value, path: &str) -> Option<i64> {
    match at(v, path)? {
        Value::String(s) => parse_time(s),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

pub(crate) fn parse_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    // Some answers carry no offset at all; those are UTC.
    s.parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| jiff::tz::TimeZone::UTC.to_timestamp(dt).ok())
        .map(|ts| ts.as_second())
}

/// Unix seconds as ML writes dates in filters: `2026-11-20T10:15:30.000-00:00`.
pub(crate) fn ml_date(unix: i64) -> String {
    let ts = jiff::Timestamp::from_second(unix).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    format!("{}", ts.strftime("%Y-%m-%dT%H:%M:%S.000-00:00"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_as_strings_or_numbers() {
        let v = json!({"a": 12, "b": " 34 ", "c": "", "d": null, "from": {"id": 7}});
        assert_eq!(id(&v, "a").as_deref(), Some("12"));
        assert_eq!(id(&v, "b").as_deref(), Some("34"));
        assert_eq!(id(&v, "c"), None);
        assert_eq!(id(&v, "d"), None);
        assert_eq!(id(&v, "missing"), None);
        assert_eq!(id(&v, "from/id").as_deref(), Some("7"));
    }

    #[test]
    fn times_with_offsets() {
        assert_eq!(parse_time("2026-11-20T10:15:30.000-04:00"), Some(1_795_184_130));
        assert_eq!(parse_time("2026-11-20T14:15:30Z"), Some(1_795_184_130));
        assert_eq!(parse_time("2026-11-20T14:15:30"), Some(1_795_184_130));
        assert_eq!(time(&json!({"t": 5}), "t"), Some(5));
        assert_eq!(ml_date(1_795_184_130), "2026-11-20T14:15:30.000-00:00");
    }

    #[test]
    fn numbers_leniently() {
        let v = json!({"p": "12.5", "q": 3, "r": "x"});
        assert_eq!(float(&v, "p"), Some(12.5));
        assert_eq!(int(&v, "q"), Some(3));
        assert_eq!(int(&v, "r"), None);
    }
}
