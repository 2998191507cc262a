//! Who is a buyer: a seller's mailbox mixes buyers with shops, banks, platforms and lists, and only
//! the buyers' mail becomes conversations. The seller's own marks always win over the guesses.

use super::mail::{Automatic, Mail};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Buyer,
    NotBuyer(NotBuyerReason),
}

/// Why a mail is not from a buyer, so the UI can say it and the seller can overrule it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotBuyerReason {
    /// The seller marked the address or its domain as not a buyer.
    SellerSaid,
    List,
    AutoReply,
    NoReplySender,
    /// Sent from one of the seller's own addresses.
    OwnAddress,
    /// A platform, bank or marketplace writing about the seller's account.
    ServiceNotice,
}

impl NotBuyerReason {
    /// Stable: stored and read by the UI.
    pub(crate) fn code(self) -> &'static str {
        match self {
            NotBuyerReason::SellerSaid => "seller_said",
            NotBuyerReason::List => "list",
            NotBuyerReason::AutoReply => "auto_reply",
            NotBuyerReason::NoReplySender => "no_reply_sender",
            NotBuyerReason::OwnAddress => "own_address",
            NotBuyerReason::ServiceNotice => "service_notice",
        }
    }
}

/// The seller's marks. Each entry is a full address ("ana@x.com") or a domain ("@x.com", which also
/// covers its subdomains), lowercase.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SenderRules {
    pub buyers: Vec<String>,
    pub not_buyers: Vec<String>,
}

/// Whether `mail` comes from a buyer. In order: the seller's buyer marks, their not-buyer marks,
/// the seller's own addresses, what the mail says about itself (list, auto-reply, no-reply), and
/// the well-known service senders. Etsy is not among those: its notices are read by `etsy_notice`.
pub(crate) fn verdict(mail: &Mail, own_addresses: &[String], rules: &SenderRules) -> Verdict {
    let from = mail.from.as_ref().map(|from| from.email.as_str()).unwrap_or_default();
    if !from.is_empty() {
        if rules.buyers.iter().any(|rule| matches_rule(from, rule)) {
            return Verdict::Buyer;
        }
        if rules.not_buyers.iter().any(|rule| matches_rule(from, rule)) {
            return Verdict::NotBuyer(NotBuyerReason::SellerSaid);
        }
        if own_addresses.iter().any(|own| own.trim().eq_ignore_ascii_case(from)) {
            return Verdict::NotBuyer(NotBuyerReason::OwnAddress);
        }
    }
    match mail.automatic {
        Some(Automatic::List) => return Verdict::NotBuyer(NotBuyerReason::List),
        Some(Automatic::AutoReply) => return Verdict::NotBuyer(NotBuyerReason::AutoReply),
        Some(Automatic::NoReplySender) => return Verdict::NotBuyer(NotBuyerReason::NoReplySender),
        None => {}
    }
    if is_service_sender(from) {
        return Verdict::NotBuyer(NotBuyerReason::ServiceNotice);
    }
    Verdict::Buyer
}

fn matches_rule(email: &str, rule: &str) -> bool {
    let rule = rule.trim().to_lowercase();
    match rule.strip_prefix('@') {
        Some(domain) => !domain.is_empty() && domain_of(email).is_some_and(|d| is_within(d, domain)),
        None => !rule.is_empty() && rule == email,
    }
}

fn domain_of(email: &str) -> Option<&str> {
    email.rsplit_once('@').map(|(_, domain)| domain).filter(|domain| !domain.is_empty())
}

/// `domain` is `parent` or one of its subdomains.
fn is_within(domain: &str, parent: &str) -> bool {
    domain == parent || domain.strip_suffix(parent).is_some_and(|rest| rest.ends_with('.'))
}

/// Services that write under one domain, and their subdomains.
const SERVICE_DOMAINS: &[&str] = &[
    "facebookmail.com",
    "facebook.com",
    "meta.com",
    "instagram.com",
    "whatsapp.com",
    "google.com",
    "apple.com",
    "linkedin.com",
    "microsoft.com",
    "tiktok.com",
    "shopify.com",
    "stripe.com",
];

/// Services that write from a domain per country ("mercadolibre.com.ar", "amazon.es", "paypal.de").
const SERVICE_BRANDS: &[&str] = &["mercadolibre", "mercadolivre", "mercadopago", "paypal", "amazon"];

fn is_service_sender(email: &str) -> bool {
    let Some(domain) = domain_of(email) else {
        return false;
    };
    SERVICE_DOMAINS.iter().any(|service| is_within(domain, service))
        || SERVICE_BRANDS.iter().any(|brand| is_brand_domain(domain, brand))
}

/// `brand` followed only by a country or generic ending of one or two short labels: "paypal.com",
/// "e.paypal.com", "amazon.com.br", "amazon.co.uk"; not "paypal.example.com" or "notpaypal.com".
fn is_brand_domain(domain: &str, brand: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.iter().enumerate().any(|(index, label)| {
        let ending = &labels[index + 1..];
        *label == brand
            && (1..=2).contains(&ending.len())
            && ending
                .iter()
                .all(|part| (2..=3).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphabetic()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::mail::parse;
    use super::*;

    fn mail_from(from: &str, extra_headers: &str) -> Mail {
        parse(format!("From: {from}\r\n{extra_headers}Subject: Consulta\r\n\r\nHola\r\n").as_bytes())
    }

    fn rules(buyers: &[&str], not_buyers: &[&str]) -> SenderRules {
        SenderRules {
            buyers: buyers.iter().map(|s| s.to_string()).collect(),
            not_buyers: not_buyers.iter().map(|s| s.to_string()).collect(),
        }
    }

    const OWN: &[&str] = &["taller@example.com"];

    fn verdict_of(mail: &Mail, rules: &SenderRules) -> Verdict {
        let own: Vec<String> = OWN.iter().map(|s| s.to_string()).collect();
        verdict(mail, &own, rules)
    }

    #[test]
    fn a_person_writing_is_a_buyer() {
        let mail = mail_from("Ana <ana@gmail.com>", "");
        assert_eq!(verdict_of(&mail, &SenderRules::default()), Verdict::Buyer);
    }

    #[test]
    fn the_sellers_buyer_mark_beats_everything() {
        let list_from_service = mail_from("noreply@mercadolibre.com.ar", "List-Id: <x.mercadolibre.com>\r\n");
        let marked = rules(&["noreply@mercadolibre.com.ar"], &["@mercadolibre.com.ar"]);
        assert_eq!(verdict_of(&list_from_service, &marked), Verdict::Buyer);
        let own = mail_from("Taller@Example.com", "");
        assert_eq!(verdict_of(&own, &rules(&["@example.com"], &[])), Verdict::Buyer);
    }

    #[test]
    fn the_sellers_not_buyer_mark_beats_the_guesses() {
        let mail = mail_from("Ana <ANA@gmail.com>", "");
        assert_eq!(
            verdict_of(&mail, &rules(&[], &["ana@gmail.com"])),
            Verdict::NotBuyer(NotBuyerReason::SellerSaid)
        );
        let supplier = mail_from("ventas@mail.proveedor.example", "");
        assert_eq!(
            verdict_of(&supplier, &rules(&[], &["@proveedor.example"])),
            Verdict::NotBuyer(NotBuyerReason::SellerSaid)
        );
        // A domain mark is a whole domain, not a suffix of letters.
        let other = mail_from("ana@notproveedor.example", "");
        assert_eq!(verdict_of(&other, &rules(&[], &["@proveedor.example"])), Verdict::Buyer);
        // A not-buyer mark on the own address is still the seller's word.
        let own = mail_from("taller@example.com", "");
        assert_eq!(
            verdict_of(&own, &rules(&[], &["@example.com"])),
            Verdict::NotBuyer(NotBuyerReason::SellerSaid)
        );
    }

    #[test]
    fn mail_from_the_sellers_own_address_is_not_a_buyer() {
        let mail = mail_from("Taller <TALLER@example.com>", "List-Id: <x>\r\n");
        assert_eq!(verdict_of(&mail, &SenderRules::default()), Verdict::NotBuyer(NotBuyerReason::OwnAddress));
    }

    #[test]
    fn automatic_mail_is_not_a_buyer() {
        for (from, headers, reason) in [
            ("ana@gmail.com", "List-Unsubscribe: <mailto:u@x>\r\n", NotBuyerReason::List),
            ("ana@gmail.com", "Auto-Submitted: auto-replied\r\n", NotBuyerReason::AutoReply),
            ("no-reply@tienda.example", "", NotBuyerReason::NoReplySender),
            // What the mail says about itself comes before the service list.
            ("noreply@paypal.com", "", NotBuyerReason::NoReplySender),
        ] {
            let mail = mail_from(from, headers);
            assert_eq!(verdict_of(&mail, &SenderRules::default()), Verdict::NotBuyer(reason), "{from}");
        }
    }

    #[test]
    fn well_known_services_are_not_buyers() {
        for from in [
            "avisos@mercadolibre.com.ar",
            "info@mercadolibre.com",
            "info@mercadolivre.com.br",
            "ayuda@mercadopago.com.mx",
            "service@paypal.com",
            "service@intl.paypal.com",
            "service@paypal.es",
            "security@facebookmail.com",
            "security@mail.instagram.com",
            "alerts@accounts.google.com",
            "ID@apple.com",
            "ship-confirm@amazon.com.br",
            "ventas@amazon.co.uk",
            "messages@linkedin.com",
        ] {
            let mail = mail_from(from, "");
            assert_eq!(
                verdict_of(&mail, &SenderRules::default()),
                Verdict::NotBuyer(NotBuyerReason::ServiceNotice),
                "{from}"
            );
        }
    }

    #[test]
    fn look_alike_domains_and_etsy_are_not_service_notices() {
        for from in [
            "ana@paypal.example.com",
            "ana@notpaypal.com",
            "ana@google.com.evil.example",
            "ana@amazonas.com.br",
            "transactions@etsy.com",
            "ana@gmail.com",
        ] {
            let mail = mail_from(from, "");
            assert_eq!(verdict_of(&mail, &SenderRules::default()), Verdict::Buyer, "{from}");
        }
    }

    #[test]
    fn reason_codes_are_distinct_snake_case() {
        let reasons = [
            NotBuyerReason::SellerSaid,
            NotBuyerReason::List,
            NotBuyerReason::AutoReply,
            NotBuyerReason::NoReplySender,
            NotBuyerReason::OwnAddress,
            NotBuyerReason::ServiceNotice,
        ];
        let codes: Vec<&str> = reasons.iter().map(|reason| reason.code()).collect();
        assert_eq!(
            codes,
            ["seller_said", "list", "auto_reply", "no_reply_sender", "own_address", "service_notice"]
        );
    }
}
