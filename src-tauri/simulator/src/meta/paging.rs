//! Cursor paging as the Graph API writes it: `paging.cursors.{before,after}` (opaque) and `next`,
//! the full address of the following page, absent on the last one.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

/// An opaque cursor around a position key.
pub(crate) fn encode_cursor(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("sim-cursor:{key}"))
}

pub(crate) fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?;
    String::from_utf8(bytes).ok()?.strip_prefix("sim-cursor:").map(str::to_owned)
}

/// Where the request was sent, so `next` points back at the same server.
pub(crate) struct PageLink<'a> {
    /// "http://127.0.0.1:PORT".
    pub base: &'a str,
    /// The request path as sent (version included).
    pub path: &'a str,
    pub query: Option<&'a str>,
}

impl PageLink<'_> {
    /// The same request with `after` set to the cursor (and `before` dropped).
    fn next(&self, after: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in form_urlencoded::parse(self.query.unwrap_or("").as_bytes()) {
            if key != "after" && key != "before" {
                query.append_pair(&key, &value);
            }
        }
        query.append_pair("after", after);
        format!("{}{}?{}", self.base, self.path, query.finish())
    }

    /// `{"cursors":{"before","after"}[,"next"]}` for a page whose first and last keys are given.
    pub fn paging(&self, first: Option<&str>, last: Option<&str>, more: bool) -> Value {
        let (Some(first), Some(last)) = (first, last) else { return json!({ "cursors": {} }) };
        let after = encode_cursor(last);
        let mut paging = json!({ "cursors": { "before": encode_cursor(first), "after": after } });
        if more {
            paging["next"] = json!(self.next(&after));
        }
        paging
    }
}

/// `limit` as asked, within what the endpoint allows.
pub(crate) fn limit(asked: Option<i64>, default: usize, max: usize) -> usize {
    asked.map_or(default, |n| n.clamp(1, max as i64) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_next_keeps_the_query() {
        let cursor = encode_cursor("1795000000:42");
        assert_eq!(decode_cursor(&cursor).as_deref(), Some("1795000000:42"));
        assert_eq!(decode_cursor("garbage!"), None);
        let link = PageLink {
            base: "http://127.0.0.1:9",
            path: "/v24.0/me/conversations",
            query: Some("platform=instagram&fields=id%2Cupdated_time&after=old&access_token=T"),
        };
        let paging = link.paging(Some("a"), Some("b"), true);
        let next = paging["next"].as_str().expect("next");
        assert!(next.starts_with("http://127.0.0.1:9/v24.0/me/conversations?platform=instagram&fields=id%2Cupdated_time&access_token=T&after="), "{next}");
        assert!(link.paging(Some("a"), Some("b"), false).get("next").is_none());
        assert_eq!(limit(Some(500), 25, 100), 100);
        assert_eq!(limit(None, 25, 100), 25);
    }
}
