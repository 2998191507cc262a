//! Request parameters the lenient way real APIs read them: query string, JSON body or
//! form-encoded body, numbers given as numbers or as strings.

use std::collections::HashMap;

use serde_json::Value;

#[derive(Debug, Default)]
pub(crate) struct Params(HashMap<String, Value>);

impl Params {
    /// Query first, then the body (JSON object or form), the body winning on clashes.
    pub fn parse(query: Option<&str>, body: &[u8]) -> Params {
        let mut map = HashMap::new();
        if let Some(query) = query {
            add_form(&mut map, query.as_bytes());
        }
        let trimmed = body.trim_ascii_start();
        if trimmed.starts_with(b"{") {
            if let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(trimmed) {
                map.extend(object);
            }
        } else if !trimmed.is_empty() {
            add_form(&mut map, trimmed);
        }
        Params(map)
    }

    pub fn from_query(query: &HashMap<String, String>) -> Params {
        Params(query.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect())
    }

    pub fn str(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            _ => None,
        }
    }

    pub fn i64(&self, key: &str) -> Option<i64> {
        match self.0.get(key)? {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }
}

fn add_form(map: &mut HashMap<String, Value>, bytes: &[u8]) {
    for (key, value) in form_urlencoded::parse(bytes) {
        map.insert(key.into_owned(), Value::String(value.into_owned()));
    }
}

/// A user id the way it is found in the wild: number or numeric string.
pub(crate) fn lenient_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_form_and_json_bodies_merge_leniently() {
        let params = Params::parse(Some("limit=5&offset=10"), b"grant_type=refresh_token&x=%C3%B1");
        assert_eq!(params.i64("limit"), Some(5));
        assert_eq!(params.str("grant_type").as_deref(), Some("refresh_token"));
        assert_eq!(params.str("x").as_deref(), Some("ñ"));
        let params = Params::parse(None, br#"{"chat_id":"42","text":"hola","n":7}"#);
        assert_eq!(params.i64("chat_id"), Some(42));
        assert_eq!(params.str("n").as_deref(), Some("7"));
    }
}
