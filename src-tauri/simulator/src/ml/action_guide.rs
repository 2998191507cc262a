//! How a seller opens a post-sale conversation: only through the reasons of the action guide
//! ("motivos para comunicarse"). `GET /messages/action_guide/packs/<pack>?tag=post_sale` lists the
//! options the pack allows, `GET …/caps_available` how many sends each has left, and
//! `POST …/option` sends one: a fixed template (`template_id`, with `vars` for the delivery
//! promise) or, for SEND_INVOICE_LINK and OTHER, the seller's own text of up to 350 characters.
//! Shapes, texts and errors are the documented ones; which options a pack gets follows its
//! shipment's logistic type, as documented (variants for cross docking and drop off, the delivery
//! promise for Flex).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use super::packs::{SELLER_MAX_CHARS, blocked, post_seller_message, require_post_sale_tag};
use super::threads::Thread;
use crate::state::Shared;

/// The options in the order the documentation lists them.
const OPTION_IDS: &[&str] =
    &["REQUEST_VARIANTS", "REQUEST_BILLING_INFO", "SEND_INVOICE_LINK", "DELIVERY_PROMISE", "OTHER"];

/// The shipment's logistic type, fixed per shipment (the simulator spreads its shipments over
/// the kinds Mercado Envíos 2 has).
pub(crate) fn logistic_type(thread: &Thread) -> &'static str {
    ["cross_docking", "drop_off", "self_service", "fulfillment"][thread.shipping_id.rem_euclid(4) as usize]
}

/// The fixed text of a template option on a site; `None` where the site has no such template.
fn template_text(option: &str, site: &str) -> Option<String> {
    match option {
        "REQUEST_VARIANTS" => Some(if site == "MLB" {
            "Olá! Por favor, confirme as características que quer para o produto que você comprou, assim, podemos fazer o envio.".to_owned()
        } else {
            "Hola, por favor confirma las características que quieres del producto que compraste, así podemos concretar el envío.".to_owned()
        }),
        "REQUEST_BILLING_INFO" => {
            let fields: &[&str] = match site {
                "MLA" | "MPE" => &["Nombre y apellido", "DNI", "Domicilio", "Código postal"],
                "MLM" => &["Nombre y apellido", "RFC", "Domicilio", "Código postal"],
                "MCO" => &[
                    "Nombre y apellido",
                    "Tipo y número de documento",
                    "Email",
                    "Domicilio",
                    "Código postal",
                    "Código de municipio",
                    "Código de departamento",
                ],
                "MLU" => &["Nombre y apellido", "Cédula"],
                "MEC" => &["Nombre y apellido", "Tipo y número de documento", "Domicilio", "Código postal"],
                // No template is documented for Brazil or Chile.
                _ => return None,
            };
            let list: String = fields.iter().map(|field| format!("\n• {field}")).collect();
            Some(format!("Para adjuntarte la factura de tu compra necesito los siguientes datos:{list}"))
        }
        "DELIVERY_PROMISE" => Some(delivery_promise_text(site).to_owned()),
        _ => None,
    }
}

fn delivery_promise_text(site: &str) -> &'static str {
    if site == "MLB" {
        "Olá,Entregaremos sua compra %s entre %d e %d h."
    } else {
        "Hola,Entregaremos tu compra %s entre las %d y las %d hs."
    }
}

fn template_id(option: &str) -> String {
    format!("TEMPLATE___{option}___1")
}

/// Whether the pack offers the option at all (before its cap).
fn offered(option: &str, site: &str, thread: &Thread) -> bool {
    let logistic = logistic_type(thread);
    match option {
        "REQUEST_VARIANTS" => matches!(logistic, "cross_docking" | "drop_off"),
        "REQUEST_BILLING_INFO" => template_text(option, site).is_some(),
        "DELIVERY_PROMISE" => logistic == "self_service",
        _ => true,
    }
}

fn cap_available(option: &str, thread: &Thread) -> u32 {
    u32::from(!thread.used_options.iter().any(|used| used == option))
}

fn option_json(option: &str, thread: &Thread) -> Value {
    let enabled = thread.blocked.is_none();
    let common = |kind: &str, templates: Value, char_limit: Value| {
        json!({
            "id": option,
            "internal_description": format!("{option} reason for post-sale messaging"),
            "enabled": enabled,
            "type": kind,
            "templates": templates,
            "actionable": enabled,
            "char_limit": char_limit,
            "child_options": null,
            "cap_available": cap_available(option, thread),
        })
    };
    match option {
        "SEND_INVOICE_LINK" | "OTHER" => common("free_text", Value::Null, json!(SELLER_MAX_CHARS)),
        "DELIVERY_PROMISE" => {
            let id = template_id(option);
            let texts: serde_json::Map<String, Value> = ["mla", "mlb", "mlc", "mco", "mlu"]
                .iter()
                .map(|site| {
                    (site.to_string(), json!({ "html": delivery_promise_text(&site.to_ascii_uppercase()) }))
                })
                .collect();
            // Documented in upper case for this one option: clients read it case-blind.
            let mut option = common(
                "TEMPLATE",
                json!([{
                    "id": id,
                    "texts": texts,
                    "vars": [
                        { "id": format!("{id}___VAR___INIT"), "type": "NUMBER" },
                        { "id": format!("{id}___VAR___LIMIT"), "type": "NUMBER" },
                    ],
                }]),
                Value::Null,
            );
            option["child_options"] = json!([]);
            option
        }
        _ => common("template", json!([{ "id": template_id(option), "vars": null }]), Value::Null),
    }
}

fn pack_key(pack: &str, query: &HashMap<String, String>) -> MlResult<i64> {
    require_post_sale_tag(query)?;
    pack.parse().map_err(|_| MlError::not_found("pack not found"))
}

fn not_your_pack(key: i64) -> MlError {
    MlError::forbidden(format!("You are not allowed to access the information of the pack {key}"), Vec::new())
}

/// Each option the pack offers, as `show` renders it.
fn with_offered(
    sim: &Shared,
    pack: &str,
    query: &HashMap<String, String>,
    show: impl Fn(&str, &Thread) -> Value,
) -> MlResult<Vec<Value>> {
    let key = pack_key(pack, query)?;
    let world = sim.world();
    let thread = world.threads.get(key).ok_or_else(|| not_your_pack(key))?;
    Ok(OPTION_IDS
        .iter()
        .filter(|option| offered(option, sim.site.id, thread))
        .map(|option| show(option, thread))
        .collect())
}

pub(crate) async fn options(
    State(sim): State<Arc<Shared>>,
    Path(pack): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let options = with_offered(&sim, &pack, &query, option_json)?;
    Ok(Json(json!({ "options": options })))
}

pub(crate) async fn caps(
    State(sim): State<Arc<Shared>>,
    Path(pack): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let caps = with_offered(
        &sim,
        &pack,
        &query,
        |option, thread| json!({ "option_id": option, "cap_available": cap_available(option, thread) }),
    )?;
    Ok(Json(Value::Array(caps)))
}

pub(crate) async fn send(
    State(sim): State<Arc<Shared>>,
    Path(pack): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> MlResult<Response> {
    let key = pack_key(&pack, &query)?;
    let body: Value = serde_json::from_slice(&body).map_err(|_| MlError::bad_request("body must be JSON"))?;
    let option = body.get("option_id").and_then(Value::as_str).unwrap_or_default().to_owned();
    let site = sim.site.id;
    let now = sim.now();
    let mut world = sim.world();
    let thread = world.threads.get(key).ok_or_else(|| not_your_pack(key))?;
    if !OPTION_IDS.contains(&option.as_str()) || !offered(&option, site, thread) {
        return Err(MlError::not_found("The option selected is not valid"));
    }
    if let Some(substatus) = &thread.blocked {
        return Err(blocked(substatus));
    }
    if thread.messages.iter().any(|message| message.from != sim.app.seller_id) {
        // The buyer wrote: from now on the pack's messages resource is the way.
        return Err(MlError::forbidden(
            "This package has the conversation blocked, please check blocked messages",
            vec![
                json!({ "code": "blocked_by_conversation_use_message_api", "message": "use the messages resource" }),
            ],
        ));
    }
    if cap_available(&option, thread) == 0 {
        return Err(MlError::forbidden(
            format!("You are not allowed to execute the option {option} again"),
            Vec::new(),
        ));
    }
    let text = match option.as_str() {
        "SEND_INVOICE_LINK" | "OTHER" => {
            let text = body.get("text").and_then(Value::as_str).unwrap_or("").trim().to_owned();
            if text.is_empty() || text.chars().count() > SELLER_MAX_CHARS {
                return Err(MlError::new_code(
                    StatusCode::BAD_REQUEST,
                    "limit_exceeded",
                    "The text is invalid",
                ));
            }
            text
        }
        _ => {
            let sent_template = body.get("template_id").and_then(Value::as_str).unwrap_or_default();
            if sent_template != template_id(&option) {
                return Err(MlError::bad_request(format!("The template {sent_template} is invalid")));
            }
            let text = template_text(&option, site).unwrap_or_default();
            if option == "DELIVERY_PROMISE" { fill_delivery_promise(&text, body.get("vars"))? } else { text }
        }
    };
    let to = thread.counterpart();
    if let Some(thread) = world.threads.get_mut(key) {
        thread.used_options.push(option);
    }
    let rendered = post_seller_message(&sim, &mut world, key, to, text, now);
    Ok((StatusCode::CREATED, Json(rendered)).into_response())
}

/// The promise's hours (`INIT` and `LIMIT`, 0–23, the first before the second) into its text.
fn fill_delivery_promise(text: &str, vars: Option<&Value>) -> MlResult<String> {
    let value = |suffix: &str| {
        vars.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|var| var.get("id").and_then(Value::as_str).is_some_and(|id| id.ends_with(suffix)))
            .and_then(|var| var.get("value"))
            .and_then(|value| value.as_i64().or_else(|| value.as_str().and_then(|s| s.parse().ok())))
    };
    match (value("___VAR___INIT"), value("___VAR___LIMIT")) {
        (Some(from), Some(to)) if (0..24).contains(&from) && (0..=24).contains(&to) && from < to => Ok(text
            .replacen("%s", "hoy", 1)
            .replacen("%d", &from.to_string(), 1)
            .replacen("%d", &to.to_string(), 1)),
        _ => Err(MlError::bad_request("The promise of delivery is not valid")),
    }
}
