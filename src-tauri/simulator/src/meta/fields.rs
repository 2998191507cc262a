//! The Graph API's `fields` parameter: `participants,messages.limit(20){id,from,message}`.
//! Answers keep only what was asked for (and `id`); without `fields` they carry everything,
//! which is lenient where Meta would send a few defaults.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: String,
    /// `.limit(n)`.
    pub limit: Option<usize>,
    /// `{…}`: the fields of an edge's items or of an object.
    pub sub: Option<Vec<Field>>,
}

/// What a request asked for: None when it did not say.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields(Option<Vec<Field>>);

impl Fields {
    pub fn parse(text: Option<&str>) -> Fields {
        Fields(
            text.filter(|text| !text.trim().is_empty()).map(|text| parse_list(&mut text.chars().peekable())),
        )
    }

    /// Asked for explicitly.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Asked for, or everything was.
    pub fn wants(&self, name: &str) -> bool {
        self.0.is_none() || self.has(name)
    }

    pub fn get(&self, name: &str) -> Option<&Field> {
        self.0.as_ref()?.iter().find(|field| field.name == name)
    }

    /// Keeps the asked-for keys (and `id`) of an object, recursively into edges and objects.
    pub fn filter(&self, value: &mut Value) {
        if let Some(fields) = &self.0 {
            filter_object(value, fields);
        }
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn parse_list(chars: &mut Chars) -> Vec<Field> {
    let mut fields = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        match chars.peek() {
            None => break,
            Some('}') => {
                chars.next();
                break;
            }
            Some(_) => fields.push(parse_field(chars)),
        }
    }
    fields
}

fn parse_field(chars: &mut Chars) -> Field {
    let mut field = Field { name: ident(chars), limit: None, sub: None };
    loop {
        match chars.peek() {
            Some('.') => {
                chars.next();
                let modifier = ident(chars);
                let mut argument = String::new();
                if chars.peek() == Some(&'(') {
                    chars.next();
                    for c in chars.by_ref() {
                        if c == ')' {
                            break;
                        }
                        argument.push(c);
                    }
                }
                if modifier == "limit" {
                    field.limit = argument.trim().parse().ok();
                }
            }
            Some('{') => {
                chars.next();
                field.sub = Some(parse_list(chars));
            }
            _ => break,
        }
    }
    field
}

fn ident(chars: &mut Chars) -> String {
    let mut name = String::new();
    while let Some(c) = chars.peek().copied().filter(|c| c.is_alphanumeric() || *c == '_') {
        name.push(c);
        chars.next();
    }
    name
}

fn filter_object(value: &mut Value, fields: &[Field]) {
    let Value::Object(object) = value else { return };
    object.retain(|key, _| key == "id" || fields.iter().any(|field| &field.name == key));
    for field in fields {
        let (Some(sub), Some(inner)) = (&field.sub, object.get_mut(&field.name)) else { continue };
        match inner.get_mut("data").and_then(Value::as_array_mut) {
            Some(items) => items.iter_mut().for_each(|item| filter_object(item, sub)),
            None => filter_object(inner, sub),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_fields_with_modifiers_filter_answers() {
        let fields = Fields::parse(Some(
            "participants,messages.limit(20){id,created_time,from,message,reactions{reaction}}",
        ));
        let messages = fields.get("messages").expect("messages");
        assert_eq!(messages.limit, Some(20));
        assert_eq!(messages.sub.as_ref().map(Vec::len), Some(5));
        assert!(fields.has("participants") && !fields.has("updated_time"));
        let mut answer = json!({
            "id": "c1",
            "updated_time": "x",
            "participants": { "data": [] },
            "messages": { "data": [{ "id": "m1", "message": "hola", "to": {}, "reactions": { "data": [{ "reaction": "love", "users": [] }] } }], "paging": {} },
        });
        fields.filter(&mut answer);
        assert_eq!(
            answer,
            json!({
                "id": "c1",
                "participants": { "data": [] },
                "messages": { "data": [{ "id": "m1", "message": "hola", "reactions": { "data": [{ "reaction": "love" }] } }], "paging": {} },
            })
        );
        let everything = Fields::parse(None);
        assert!(everything.wants("anything") && !everything.has("anything"));
        assert_eq!(Fields::parse(Some("a{b}.limit(3),c")).get("a").and_then(|a| a.limit), Some(3));
    }
}
