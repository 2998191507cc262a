//! Opening a post-sale conversation: Mercado Libre lets the seller write first only through a
//! reason of its action guide (`/messages/action_guide/packs/<pack>`): fixed texts (ask for the
//! variants, the billing data, promise a Flex delivery between two hours) or the seller's own (send
//! the invoice link, other), each a limited number of times per purchase. Once the buyer writes,
//! replies go through the pack's messages as any other.

use mostrador_core::replies::{Delivered, OutboxItem, PostSaleReason, PostSaleReasonChoice};
use serde_json::{Value, json};

use super::{MercadoLibre, facts, packs};
use crate::sync::adapter::FindSent;
use crate::sync::context::Ctx;
use crate::{ChannelError, lenient};

fn guide_path(pack_id: &str) -> String {
    format!("messages/action_guide/packs/{pack_id}")
}

fn post_sale() -> [(&'static str, String); 1] {
    [("tag", "post_sale".to_owned())]
}

/// The reasons the pack offers now: enabled, actionable, with sends left, of a kind this app can
/// fill (a fixed text, optionally with hours, or the seller's own text).
pub(crate) async fn reasons(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    pack_id: &str,
) -> Result<Vec<PostSaleReason>, ChannelError> {
    let guide = ml.get(ctx, &guide_path(pack_id), &post_sale()).await?;
    let site = ml.site_id.clone();
    Ok(lenient::list(&guide, "options").iter().filter_map(|option| reason(option, &site)).collect())
}

fn reason(option: &Value, site: &str) -> Option<PostSaleReason> {
    let id = lenient::non_empty(option, "id")?.to_owned();
    let usable = option.get("enabled").and_then(Value::as_bool).unwrap_or(true)
        && option.get("actionable").and_then(Value::as_bool).unwrap_or(true);
    let left = lenient::int(option, "cap_available").unwrap_or(1).max(0) as u32;
    if !usable || left == 0 {
        return None;
    }
    let kind = lenient::text(option, "type").unwrap_or_default().to_ascii_lowercase();
    let char_limit = lenient::int(option, "char_limit")
        .map(|limit| limit.clamp(1, facts::POST_SALE_MAX_CHARS as i64) as u32);
    match kind.as_str() {
        "free_text" => Some(PostSaleReason {
            id,
            template_id: None,
            template_text: None,
            hour_vars: Vec::new(),
            char_limit: Some(char_limit.unwrap_or(facts::POST_SALE_MAX_CHARS as u32)),
            left,
        }),
        "template" => {
            let template = lenient::list(option, "templates").first()?.clone();
            let template_id = lenient::non_empty(&template, "id")?.to_owned();
            let vars: Vec<&Value> = lenient::list(&template, "vars").iter().collect();
            // Hours are the only variables documented (the delivery promise); a template asking
            // for anything else cannot be filled here.
            if vars
                .iter()
                .any(|var| !lenient::text(var, "type").is_some_and(|t| t.eq_ignore_ascii_case("number")))
            {
                return None;
            }
            let hour_vars: Vec<String> =
                vars.iter().filter_map(|var| lenient::non_empty(var, "id")).map(str::to_owned).collect();
            let sent_text = lenient::at(&template, &format!("texts/{}/html", site.to_ascii_lowercase()))
                .and_then(Value::as_str)
                .map(str::to_owned);
            let template_text = sent_text.or_else(|| facts::reason_text(&id, site).map(str::to_owned));
            Some(PostSaleReason {
                id,
                template_id: Some(template_id),
                template_text,
                hour_vars,
                char_limit: None,
                left,
            })
        }
        _ => None,
    }
}

/// Sends the reply that opens the conversation with its reason. Should the buyer have written
/// meanwhile, Mercado Libre takes no reason any more: the same text goes as a plain reply.
pub(crate) async fn send(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
    choice: &PostSaleReasonChoice,
) -> Result<Delivered, ChannelError> {
    let pack_id = packs::pack_id(item)?.to_owned();
    let mut body = json!({ "option_id": choice.option_id });
    match &choice.template_id {
        Some(template_id) => {
            body["template_id"] = json!(template_id);
            if !choice.vars.is_empty() {
                body["vars"] =
                    choice.vars.iter().map(|var| json!({ "id": var.id, "value": var.value })).collect();
            }
        }
        None => {
            if item.text.chars().count() > facts::POST_SALE_MAX_CHARS {
                return Err(ChannelError::TooLong { limit: facts::POST_SALE_MAX_CHARS as u32 });
            }
            body["text"] = json!(item.text);
        }
    }
    let path = format!("{}/option", guide_path(&pack_id));
    match ml.post(ctx, &path, &post_sale(), &body).await {
        Ok(response) => packs::delivered(&response, ctx.now()),
        Err(ChannelError::Rejected { status: 403, detail }) if detail.contains("use_message_api") => {
            packs::send(ml, ctx, item).await
        }
        Err(ChannelError::Rejected { status: 403, detail })
            if detail.contains("not allowed to execute the option") =>
        {
            Err(ChannelError::ReasonUsed(choice.option_id.clone()))
        }
        Err(ChannelError::Rejected { status: 403, detail })
            if detail.to_ascii_lowercase().contains("block") =>
        {
            // Read the pack again: its block is stored, and the composer stops offering to send.
            let pack = packs::fetch(ml, ctx, &pack_id).await?;
            Err(ChannelError::BlockedConversation(
                packs::blocked_reason(&pack.status).unwrap_or_else(|| "blocked".into()),
            ))
        }
        Err(e) => Err(e),
    }
}

/// Whether a reason's send whose outcome is unknown went out: the seller's message after it was
/// queued is in the pack, or the reason has no sends left.
pub(crate) async fn find_sent(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
    choice: &PostSaleReasonChoice,
) -> Result<FindSent, ChannelError> {
    if choice.template_id.is_none() {
        // The seller's own text reads back as it was written.
        return packs::find_sent(ml, ctx, item).await;
    }
    let pack_id = packs::pack_id(item)?.to_owned();
    let caps = ml.get(ctx, &format!("{}/caps_available", guide_path(&pack_id)), &post_sale()).await?;
    let spent = caps
        .as_array()
        .into_iter()
        .flatten()
        .find(|cap| lenient::text(cap, "option_id") == Some(choice.option_id.as_str()))
        .and_then(|cap| lenient::int(cap, "cap_available"))
        .is_some_and(|left| left == 0);
    if !spent {
        return Ok(FindSent::NotSent);
    }
    // Mercado Libre wrote the fixed text its own way: the seller's newest message since then is it.
    let pack = packs::fetch(ml, ctx, &pack_id).await?;
    let seller = ml.seller_id.clone();
    let message = pack.messages.iter().rev().find(|m| {
        lenient::id(m, "from/user_id").as_deref() == Some(seller.as_str())
            && packs::sent_at(m).is_none_or(|at| at >= item.created_at - facts::FIND_SENT_SKEW_SECS)
    });
    Ok(match message.and_then(|m| lenient::id(m, "id").map(|id| (m, id))) {
        Some((message, external_id)) => {
            let (status, moderation_reason) = packs::delivery_status(message);
            FindSent::Delivered(Delivered {
                external_id,
                sent_at: packs::sent_at(message).unwrap_or_else(|| ctx.now()),
                status,
                moderation_reason,
            })
        }
        // Spent, yet no message to show for it: the seller decides rather than risk a second one.
        None => FindSent::Unknowable,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reasons_as_the_guide_lists_them() {
        let guide = json!({"options": [
            {"id": "REQUEST_VARIANTS", "enabled": true, "type": "template", "actionable": true,
             "templates": [{"id": "TEMPLATE___REQUEST_VARIANTS___1", "vars": null}], "cap_available": 1},
            {"id": "REQUEST_BILLING_INFO", "enabled": true, "type": "template", "actionable": true,
             "templates": [{"id": "TEMPLATE___REQUEST_BILLING_INFO___1", "vars": null}], "cap_available": 0},
            {"id": "DELIVERY_PROMISE", "enabled": true, "type": "TEMPLATE", "actionable": true,
             "templates": [{"id": "T___DP", "texts": {"mla": {"html": "Hola,Entregaremos tu compra %s entre las %d y las %d hs."}},
                            "vars": [{"id": "T___DP___VAR___INIT", "type": "NUMBER"}, {"id": "T___DP___VAR___LIMIT", "type": "NUMBER"}]}],
             "cap_available": "1"},
            {"id": "OTHER", "enabled": true, "type": "free_text", "char_limit": 350, "cap_available": 1},
            {"id": "SEND_INVOICE_LINK", "enabled": false, "type": "free_text", "cap_available": 1},
            {"id": "SOMETHING_NEW", "enabled": true, "type": "survey", "cap_available": 1},
            {"id": "ASKS_A_DATE", "enabled": true, "type": "template", "cap_available": 1,
             "templates": [{"id": "T___D", "vars": [{"id": "T___D___VAR___DAY", "type": "DATE"}]}]}
        ]});
        let reasons: Vec<PostSaleReason> =
            lenient::list(&guide, "options").iter().filter_map(|o| reason(o, "MLA")).collect();
        let ids: Vec<&str> = reasons.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ["REQUEST_VARIANTS", "DELIVERY_PROMISE", "OTHER"],
            "no spent, disabled or unknown kinds"
        );
        assert!(reasons[0].template_text.as_deref().is_some_and(|t| t.contains("características")));
        assert_eq!(reasons[1].hour_vars, ["T___DP___VAR___INIT", "T___DP___VAR___LIMIT"]);
        assert!(reasons[1].template_text.as_deref().is_some_and(|t| t.contains("%d")));
        assert_eq!((reasons[2].template_id.as_deref(), reasons[2].char_limit), (None, Some(350)));
    }
}
