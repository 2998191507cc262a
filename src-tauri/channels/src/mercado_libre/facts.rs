//! Mercado Libre facts the connector acts on (channels.md), kept as data.

/// Characters of a pre-sale answer (public on the listing, cannot be edited or deleted).
pub(crate) const ANSWER_MAX_CHARS: usize = 2000;
/// Characters of a seller's post-sale message.
pub(crate) const POST_SALE_MAX_CHARS: usize = 350;
/// `/questions/search` pages (the API's maximum is 100).
pub(crate) const QUESTIONS_PAGE: u32 = 100;
/// Offsets beyond this need `search_type=scan`; the first sync reads the newest ones only, plus
/// every unanswered question.
pub(crate) const QUESTIONS_MAX_OFFSET: u32 = 1000;
/// A question answered or removed on the website is caught when it is at most this old.
pub(crate) const QUESTIONS_RESCAN_SECS: i64 = 2 * 24 * 3600;
pub(crate) const ORDERS_PAGE: u32 = 50;
pub(crate) const PACK_MESSAGES_PAGE: u32 = 50;
/// Reputation, visits and claims move by the day: read again after this long.
pub(crate) const SELLER_METRICS_EVERY_SECS: i64 = 6 * 3600;
/// After a failed read of them (a missing permission, a server error), try again after this long.
pub(crate) const SELLER_METRICS_RETRY_SECS: i64 = 30 * 60;
/// `/post-purchase/v1/claims/search` page (only its total is read).
pub(crate) const CLAIMS_PAGE: u32 = 30;
/// A reply whose outcome is unknown counts as delivered if the thread has the same text from the
/// seller at most this long before the reply was queued (clocks differ).
pub(crate) const FIND_SENT_SKEW_SECS: i64 = 300;

/// Why a post-sale conversation takes no messages: ML's substatus, stored as the reason code the
/// UI translates, with its plain meaning.
pub(crate) const BLOCKED_SUBSTATUSES: &[(&str, &str)] = &[
    ("blocked_by_time", "30 days without messages; it reopens only if the buyer writes"),
    ("blocked_by_buyer", "the buyer blocked the conversation"),
    ("blocked_by_cancelled_order", "the order was cancelled"),
    ("blocked_by_mediation", "a mediation (claim) is open"),
    ("blocked_by_fulfillment", "Mercado Libre handles this shipment"),
    ("blocked_by_conversation_expired", "the conversation expired"),
    ("blocked_by_refund", "the purchase was refunded"),
];

/// The reason code for a blocked conversation: a known substatus as it is, anything else "blocked".
pub(crate) fn blocked_reason(substatus: Option<&str>) -> String {
    let substatus = substatus.unwrap_or_default().trim().to_ascii_lowercase();
    match BLOCKED_SUBSTATUSES.iter().find(|(code, _)| *code == substatus) {
        Some((code, _)) => (*code).to_owned(),
        None => "blocked".to_owned(),
    }
}

/// What moderation removed or rejected, as plain reason codes (keyword → code, first match wins).
/// The codes are the answers lint's rule names where one exists, so the UI says the same thing.
pub(crate) const MODERATION_REASONS: &[(&str, &str)] = &[
    ("phone", "phone"),
    ("telefon", "phone"),
    ("mail", "email"),
    ("address", "street_address"),
    ("direcci", "street_address"),
    ("endere", "street_address"),
    ("social", "social_network"),
    ("payment", "payment_link"),
    ("pago", "payment_link"),
    ("pagamento", "payment_link"),
    ("shortener", "shortener"),
    ("link", "url"),
    ("url", "url"),
    ("offensive", "offensive_language"),
    ("insult", "offensive_language"),
    ("off_platform", "off_platform"),
    ("outside", "off_platform"),
    ("external", "off_platform"),
];

pub(crate) fn moderation_reason(raw: &str) -> String {
    let lower = raw.trim().to_ascii_lowercase();
    MODERATION_REASONS
        .iter()
        .find(|(keyword, _)| lower.contains(keyword))
        .map(|(_, code)| (*code).to_owned())
        .unwrap_or_else(|| if lower.is_empty() { "other".to_owned() } else { lower })
}

/// Why a question cannot be answered any more (ML answers once, and only open questions).
pub(crate) fn question_closed_reason(status: &str, answered: bool) -> Option<&'static str> {
    match status {
        _ if answered => Some("question_answered"),
        "UNANSWERED" | "UNDER_REVIEW" | "" => None,
        "ANSWERED" => Some("question_answered"),
        "BANNED" => Some("question_banned"),
        "DELETED" => Some("question_deleted"),
        "CLOSED_UNANSWERED" | "DISABLED" => Some("question_closed"),
        _ => None,
    }
}

/// Order status → the inbox's stage and payment (channels.md's statuses). A paid order the buyer
/// received (tag `delivered`) is delivered: done, so it books no more capacity.
pub(crate) fn order_stage(
    status: &str,
    delivered: bool,
) -> (mostrador_core::vocabulary::OrderStage, mostrador_core::vocabulary::PaymentStatus) {
    use mostrador_core::vocabulary::{OrderStage as S, PaymentStatus as P};
    match status {
        "paid" if delivered => (S::Delivered, P::Paid),
        "paid" => (S::Paid, P::Paid),
        "partially_paid" => (S::Agreed, P::Partial),
        "partially_refunded" => (S::Paid, P::Partial),
        "pending_cancel" | "cancelled" | "invalid" => (S::Cancelled, P::Unpaid),
        // confirmed, payment_required, payment_in_process
        _ => (S::Agreed, P::Unpaid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons() {
        assert_eq!(blocked_reason(Some("blocked_by_time")), "blocked_by_time");
        assert_eq!(blocked_reason(Some("something_new")), "blocked");
        assert_eq!(moderation_reason("PHONE_NUMBER"), "phone");
        assert_eq!(moderation_reason("url_shortener"), "shortener");
        assert_eq!(moderation_reason("payment_link"), "payment_link");
        assert_eq!(moderation_reason("link"), "url");
        assert_eq!(moderation_reason("street_address"), "street_address");
        assert_eq!(moderation_reason(""), "other");
        assert_eq!(question_closed_reason("UNANSWERED", false), None);
        assert_eq!(question_closed_reason("BANNED", false), Some("question_banned"));
        use mostrador_core::vocabulary::OrderStage;
        assert_eq!(order_stage("paid", false).0, OrderStage::Paid);
        assert_eq!(order_stage("paid", true).0, OrderStage::Delivered);
        assert_eq!(order_stage("cancelled", true).0, OrderStage::Cancelled);
    }
}
