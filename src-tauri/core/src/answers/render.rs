//! Filling an answer for one paste: the values of its variables for a conversation and order, the
//! version the target channel should get, and each version's lint.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::template::{self, Lookup};
use super::{formats, library, lint};
use crate::answers::{
    AnswerChannel, MissingReason, RenderRequest, RenderedAnswer, SavedAnswer, VersionCheck,
};
use crate::pages::ConversationView;
use crate::vocabulary::{ChannelKind, ConversationKind, DeliveryMethod, Language, OrderStage, UnixSeconds};
use crate::{Error, Result};

/// The variables Mostrador knows (besides `cutoff.last_order_day:<deadline>`).
pub const VARIABLES: &[&str] = &[
    "buyer.first_name",
    "buyer.name",
    "product",
    "order.total",
    "order.items",
    "order.due_date",
    "pickup.place",
    "payment.alias",
    "shop.name",
    "shop.phone",
    "today",
    "cutoff.notice",
    "cutoff.next_ship_date",
];

/// Where an answer for this conversation is pasted.
pub(crate) fn channel_of(channel: ChannelKind, kind: ConversationKind) -> AnswerChannel {
    match (channel, kind) {
        (ChannelKind::MercadoLibre, ConversationKind::PreSaleQuestion) => AnswerChannel::MlPreSale,
        (ChannelKind::MercadoLibre, _) => AnswerChannel::MlPostSale,
        (ChannelKind::Etsy, _) => AnswerChannel::Etsy,
        (ChannelKind::Instagram | ChannelKind::Messenger, ConversationKind::Comment) => {
            AnswerChannel::PublicComment
        }
        (ChannelKind::Instagram, _) => AnswerChannel::Instagram,
        (ChannelKind::Messenger, _) => AnswerChannel::Messenger,
        (ChannelKind::WhatsApp, _) => AnswerChannel::WhatsApp,
        (ChannelKind::Telegram, _) => AnswerChannel::Telegram,
        (ChannelKind::Email, _) => AnswerChannel::Email,
        (ChannelKind::Other, _) => AnswerChannel::Other,
    }
}

/// Variable values, `None` where nothing gives one.
struct Values {
    known: HashMap<&'static str, Option<String>>,
    cutoff: HashMap<String, String>,
}

impl Values {
    fn lookup(&self, name: &str) -> Lookup {
        if let Some(value) = self.cutoff.get(name) {
            return Lookup::Value(value.clone());
        }
        if name.starts_with("cutoff.notice")
            || name.starts_with("cutoff.next_ship_date")
            || name.starts_with("cutoff.last_order_day:")
        {
            return Lookup::Missing(MissingReason::NoCutoff);
        }
        match self.known.get(name) {
            Some(Some(value)) => Lookup::Value(value.clone()),
            Some(None) => Lookup::Missing(MissingReason::Undefined),
            None => Lookup::Missing(MissingReason::Unknown),
        }
    }
}

pub(crate) fn render(
    tx: &Transaction<'_>,
    answer_id: i64,
    request: &RenderRequest,
    now: UnixSeconds,
) -> Result<RenderedAnswer> {
    let answer = library::get(tx, answer_id)?;
    let settings = crate::settings::load(tx)?;
    let view = request.conversation_id.map(|id| crate::pages::conversation::view(tx, id, now)).transpose()?;
    let language = request.language.or(answer.language).or(settings.language).unwrap_or(Language::Es);
    let channel = request
        .channel
        .or_else(|| view.as_ref().map(|v| channel_of(v.summary.channel, v.summary.kind)))
        .unwrap_or(AnswerChannel::Other);
    let facts = library::facts(tx)?;
    let values = values(tx, view.as_ref(), request.order_id, &settings, &facts, language, now)?;
    let sensitive: Vec<&str> =
        [facts.payment_alias.as_deref(), facts.shop_phone.as_deref()].into_iter().flatten().collect();
    let lookup = |name: &str| values.lookup(name);

    let check = |version: Option<AnswerChannel>, body: &str| {
        let filled = template::fill(body, &lookup, &request.fills);
        let lint = lint::lint(&filled.text, channel, &sensitive);
        (VersionCheck { version, language, text: filled.text.clone(), lint }, filled)
    };
    let mut checks: Vec<(VersionCheck, template::Filled)> =
        versions(&answer, language).into_iter().map(|(version, body)| check(version, body)).collect();

    let wanted = if request.general {
        None
    } else if request.version.is_some() {
        request.version
    } else {
        checks.iter().find(|(c, _)| c.version == Some(channel)).and_then(|(c, _)| c.version)
    };
    let chosen = checks.iter().position(|(c, _)| c.version == wanted).ok_or_else(|| Error::NotFound {
        what: format!(
            "the {} version of saved answer {answer_id}",
            wanted.map_or("general", AnswerChannel::as_str)
        ),
    })?;
    let (used, filled) = checks.remove(chosen);
    // The safe version the seller is offered: the channel's own, then one for the same marketplace,
    // then the general one, then any other that passes.
    let preference = |c: &VersionCheck| match c.version {
        Some(v) if v == channel => 0,
        Some(AnswerChannel::MlPreSale | AnswerChannel::MlPostSale) if is_ml(channel) => 1,
        None => 2,
        Some(_) => 3,
    };
    let safe_version = if blocks(&used) {
        checks.iter().map(|(c, _)| c).filter(|c| !blocks(c)).min_by_key(|c| preference(c)).cloned()
    } else {
        None
    };
    let mut all = vec![used.clone()];
    all.extend(checks.into_iter().map(|(c, _)| c));
    Ok(RenderedAnswer {
        answer_id,
        channel,
        language,
        version: used.version,
        text: used.text,
        prompts: filled.prompts,
        missing: filled.missing,
        lint: used.lint,
        versions: all,
        safe_version,
        attachments: answer.attachments,
    })
}

fn is_ml(channel: AnswerChannel) -> bool {
    matches!(channel, AnswerChannel::MlPreSale | AnswerChannel::MlPostSale)
}

/// Would the channel remove or cut it? (Findings only exist where the channel moderates or limits.)
fn blocks(check: &VersionCheck) -> bool {
    !check.lint.findings.is_empty()
}

/// The general version and the per-channel ones in `language` (a version in another language is
/// for another buyer).
fn versions(answer: &SavedAnswer, language: Language) -> Vec<(Option<AnswerChannel>, &str)> {
    let mut out = vec![(None, answer.body.as_str())];
    out.extend(
        answer.variants.iter().filter(|v| v.language == language).map(|v| (Some(v.channel), v.body.as_str())),
    );
    // A general version left empty is only a placeholder for per-channel ones.
    out.retain(|(_, body)| !body.trim().is_empty());
    out
}

fn values(
    tx: &Transaction<'_>,
    view: Option<&ConversationView>,
    order_id: Option<i64>,
    settings: &crate::settings::Settings,
    facts: &crate::answers::AnswerFacts,
    language: Language,
    now: UnixSeconds,
) -> Result<Values> {
    let today = crate::orders::today::shop_date(settings.time_zone.as_deref(), now)?;

    let order = match order_id {
        Some(id) => Some(crate::orders::order::view(tx, id)?),
        None => view.and_then(|v| {
            let open = |o: &&crate::orders::OrderView| {
                !matches!(o.stage, OrderStage::Delivered | OrderStage::Cancelled)
            };
            let here = |o: &&crate::orders::OrderView| o.conversation_id == Some(v.summary.conversation_id);
            v.orders
                .iter()
                .find(|o| here(o) && open(o))
                .or_else(|| v.orders.iter().find(here))
                .or_else(|| v.orders.iter().find(open))
                .cloned()
        }),
    };
    let product = match (view, &order) {
        (Some(v), _)
            if v.summary.kind == ConversationKind::PreSaleQuestion && v.summary.subject.is_some() =>
        {
            v.summary.subject.clone()
        }
        (_, Some(order)) if !order.items.is_empty() => Some(order.items[0].product.clone()),
        (Some(v), _) => v.summary.subject.clone(),
        _ => None,
    };
    let pickup = order
        .as_ref()
        .and_then(|o| o.delivery.as_ref())
        .filter(|d| matches!(d.method, DeliveryMethod::Pickup | DeliveryMethod::MeetingPoint))
        .and_then(|d| d.place.clone())
        .or_else(|| facts.pickup_place.clone());

    let mut known: HashMap<&'static str, Option<String>> = HashMap::new();
    known.insert("buyer.name", view.map(|v| v.buyer.name.clone()));
    known.insert("buyer.first_name", view.and_then(|v| formats::first_name(&v.buyer.name)));
    known.insert("product", product);
    known.insert("order.total", order.as_ref().map(|o| formats::money(language, &o.currency, o.total_minor)));
    known.insert(
        "order.items",
        order
            .as_ref()
            .map(|o| formats::list(language, &o.items.iter().map(formats::item).collect::<Vec<_>>())),
    );
    known.insert(
        "order.due_date",
        order.as_ref().and_then(|o| o.due_date.as_deref()).and_then(|d| formats::iso_date(language, d)),
    );
    known.insert("pickup.place", pickup);
    known.insert("payment.alias", facts.payment_alias.clone());
    known.insert("shop.name", settings.shop_name.clone());
    known.insert("shop.phone", facts.shop_phone.clone());
    known.insert("today", Some(formats::date(language, today)));
    for name in VARIABLES {
        known.entry(name).or_insert(None);
    }
    known.remove("cutoff.notice");
    known.remove("cutoff.next_ship_date");

    let cutoff = crate::cutoff::views::variables(tx, language, now)?.into_iter().collect();
    Ok(Values { known, cutoff })
}
