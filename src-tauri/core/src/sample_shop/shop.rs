//! The workbench both the everyday generator and the hand-written scenes use: buyer identities
//! per channel, deals, attachments, turning a dialogue into a thread and its order.

use std::collections::BTreeMap;

use crate::conversations::AttachmentInput;
use crate::ingest::BuyerIdentityInput;
use crate::orders::Delivery;
use crate::vocabulary::{ConversationKind, DeliveryMethod, OrderStage, PaymentStatus, UnixSeconds};

use super::accounts::{AccountKey, WORKSHOP};
use super::catalog::{self, Product};
use super::deal::{Currency, Deal, Lang};
use super::dialogue::{Dialogue, Hand, Line, Media, Qty, Sale, Step, Vars, Who, capitalise, render};
use super::people::{Crowd, Locale, Person};
use super::plan::{PlannedOrder, ShopPlan, Thread, attachment, item};
use super::random::Rng;
use super::shop_time::{self, DAY, HOUR};
use super::timing::{self, Pace, State};

const GIFT_NAMES: &[&str] = &[
    "Abu Nelly",
    "Tía Marta",
    "Profe Sil",
    "Mamá Gra",
    "Tincho",
    "Abuelo Tito",
    "Juli y Fede",
    "Nona Pocha",
];
const BUSINESSES_ES: &[&str] = &[
    "Estudio Ceibo",
    "Almacén Nativo",
    "Tierra Adentro",
    "La Mesa Larga",
    "Alameda",
    "Olivo & Sal",
    "Cardón",
];
const BUSINESSES_PT: &[&str] = &["Casa Mandacaru", "Ateliê Ipê", "Empório Jabuticaba"];
const BUSINESSES_EN: &[&str] = &["Fern & Fig", "Little Clay House", "Green Room Plants", "Harbor & Home"];

pub(super) struct ShopBuilder {
    pub rng: Rng,
    pub crowd: Crowd,
    pub now: UnixSeconds,
    pub plan: ShopPlan,
    /// Channel user ids already given to a person (by full name), so one person keeps one id.
    user_ids: BTreeMap<(AccountKey, String), String>,
}

/// What came of rendering one dialogue into a thread.
pub(super) struct Segment {
    pub messages: Vec<usize>,
    pub times: Vec<UnixSeconds>,
    pub complete: bool,
}

impl ShopBuilder {
    pub(super) fn new(now: UnixSeconds, seed: u64) -> ShopBuilder {
        ShopBuilder {
            rng: Rng::new(seed),
            crowd: Crowd::new(),
            now,
            plan: ShopPlan::default(),
            user_ids: BTreeMap::new(),
        }
    }

    pub(super) fn ago(&self, hours: i64, minutes: i64) -> UnixSeconds {
        self.now - hours * HOUR - minutes * 60
    }

    fn user_id(
        &mut self,
        account: AccountKey,
        person: &Person,
        mint: impl FnOnce(&mut Rng) -> String,
    ) -> String {
        let key = (account, person.full_name());
        if let Some(id) = self.user_ids.get(&key) {
            return id.clone();
        }
        let id = mint(&mut self.rng);
        self.user_ids.insert(key, id.clone());
        id
    }

    /// How the buyer appears on `account`. Mercado Libre question askers are only a nickname;
    /// a WhatsApp contact the seller never saved is only a number.
    pub(super) fn identity(
        &mut self,
        account: AccountKey,
        person: &Person,
        nickname_only: bool,
    ) -> BuyerIdentityInput {
        match account {
            AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr => {
                let id = self.user_id(account, person, |rng| format!("{}{}", rng.range(1, 2), rng.digits(8)));
                BuyerIdentityInput {
                    external_id: id,
                    display_name: if nickname_only { person.ml_nickname.clone() } else { person.full_name() },
                    handle: Some(person.ml_nickname.clone()),
                    phone: None,
                    email: None,
                }
            }
            AccountKey::Instagram => {
                let id = self.user_id(account, person, |rng| format!("17{}", rng.digits(15)));
                BuyerIdentityInput {
                    external_id: id,
                    display_name: person.full_name(),
                    handle: Some(person.instagram.clone()),
                    phone: None,
                    email: None,
                }
            }
            AccountKey::WhatsApp => {
                let saved = match self.rng.below(10) {
                    0 | 1 => person.phone.clone(),
                    2 => format!("{} ({})", person.first, person.city.name),
                    _ => person.full_name(),
                };
                BuyerIdentityInput {
                    external_id: person.phone_e164.clone(),
                    display_name: saved,
                    handle: None,
                    phone: Some(person.phone.clone()),
                    email: None,
                }
            }
            AccountKey::Etsy => BuyerIdentityInput {
                external_id: person.etsy_user.clone(),
                display_name: person.full_name(),
                handle: Some(person.etsy_user.clone()),
                phone: None,
                email: None,
            },
            AccountKey::Email => BuyerIdentityInput {
                external_id: person.email.clone(),
                display_name: person.full_name(),
                handle: None,
                phone: None,
                email: Some(person.email.clone()),
            },
        }
    }

    pub(super) fn deal(
        &mut self,
        currency: Currency,
        product: &'static Product,
        person: &Person,
        qty: Qty,
    ) -> Deal {
        let colours = product.colours;
        let first = self.rng.below(colours.len());
        let second = (first + 1 + self.rng.below(colours.len() - 1)) % colours.len();
        let quantity = match qty {
            Qty::One => 1,
            Qty::Few => self.rng.range(2, 4) as u32,
            Qty::Many => self.rng.pick(&[12, 15, 18, 20, 24, 30, 36, 40]),
        };
        let list = currency.list_price(product);
        let unit_minor = if quantity >= 12 { catalog::wholesale(list) } else { list };
        let shipping_quote_minor = match currency {
            Currency::Ars if person.city.name == "Córdoba" => 420_000,
            Currency::Ars => self.rng.range(65, 98) * 10_000,
            Currency::Brl => 0,
            Currency::Usd => self.rng.range(18, 25) * 100,
        };
        let tracking = match currency {
            Currency::Ars => format!("CP{}AR", self.rng.digits(9)),
            _ => format!("RR{}AR", self.rng.digits(9)),
        };
        let business = match person.locale {
            Locale::Brazil => self.rng.pick(BUSINESSES_PT),
            Locale::English => self.rng.pick(BUSINESSES_EN),
            _ => self.rng.pick(BUSINESSES_ES),
        };
        Deal {
            product,
            colour: colours[first],
            other_colour: colours[second],
            quantity,
            currency,
            unit_minor,
            shipping_minor: 0,
            shipping_quote_minor,
            due: self.now,
            tracking,
            gift_name: self.rng.pick(GIFT_NAMES),
            business,
        }
    }

    /// A file as the channel names it (a WhatsApp export names photos `IMG-YYYYMMDD-WA0012.jpg`).
    pub(super) fn media(&mut self, account: AccountKey, media: Media, at: UnixSeconds) -> AttachmentInput {
        let (y, m, d) = shop_time::civil(at);
        let n = self.rng.range(1, 180);
        let kb = self.rng.range(90, 2400) * 1024;
        match (account, media) {
            (AccountKey::WhatsApp, Media::Audio) => {
                attachment(&format!("PTT-{y:04}{m:02}{d:02}-WA{n:04}.opus"), "audio/ogg", kb / 8)
            }
            (AccountKey::WhatsApp, Media::Photo | Media::Receipt) => {
                attachment(&format!("IMG-{y:04}{m:02}{d:02}-WA{n:04}.jpg"), "image/jpeg", kb)
            }
            (_, Media::Receipt) => attachment(
                &format!("Comprobante_transferencia_{}.pdf", self.rng.digits(10)),
                "application/pdf",
                kb / 4,
            ),
            (_, Media::Pdf) => {
                attachment("Catalogo-mayorista-Barro-Serrano.pdf", "application/pdf", 3_400_000)
            }
            (_, Media::Invoice) => attachment(
                &format!("Factura-B-0003-0000{}.pdf", self.rng.digits(4)),
                "application/pdf",
                48_000,
            ),
            (_, Media::Audio) => attachment("audio.m4a", "audio/mp4", kb / 8),
            (AccountKey::Instagram, Media::Photo) => {
                attachment(&format!("ig_{}.jpg", self.rng.hex(12)), "image/jpeg", kb)
            }
            (_, Media::Photo) => {
                attachment(&format!("IMG_{}.jpeg", self.rng.range(1000, 9999)), "image/jpeg", kb)
            }
        }
    }

    /// Adds rendered lines at the given times; returns the new messages' indices.
    pub(super) fn append(
        &mut self,
        thread: &mut Thread,
        lines: &[Line],
        times: &[UnixSeconds],
    ) -> Vec<usize> {
        let mut indices = Vec::with_capacity(lines.len());
        for (line, &at) in lines.iter().zip(times) {
            let index = match line.who {
                Who::Buyer => thread.buyer_says(at, &line.text),
                Who::Seller => thread.seller_says(at, &line.text),
            };
            if let Some(media) = line.media {
                let file = self.media(thread.account, media, at);
                thread.attach(index, file);
            }
            indices.push(index);
        }
        indices
    }

    /// Writes `steps` into `thread` as far as `state` allows, filling the deal's words in `lang`.
    /// The deal's due date is set from when the talk started.
    pub(super) fn converse(
        &mut self,
        thread: &mut Thread,
        steps: &[Step],
        deal: &mut Deal,
        person: &Person,
        lang: Lang,
        state: State,
    ) -> Segment {
        let pace = pace_of(thread.account, thread.conversation.kind);
        let shape = render(steps, &Vars::default());
        let keep = timing::lines_kept(&shape, state, &mut self.rng);
        let times = timing::place(&shape[..keep], pace, state, self.now, &mut self.rng);
        let start = times.first().copied().unwrap_or(self.now);
        deal.due = shop_time::day_start(start) + i64::from(deal.lead_days()) * DAY * 7 / 5 + 12 * HOUR;
        let lines = render(steps, &deal.vars(lang, person));
        let messages = self.append(thread, &lines[..keep], &times);
        Segment { messages, times, complete: keep == shape.len() }
    }

    /// The order a finished (or half-finished) dialogue leaves behind, if any. `handed_over` says
    /// the messages kept already tell that the piece arrived or was collected.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn order_for(
        &mut self,
        dialogue: &Dialogue,
        deal: &Deal,
        person: &Person,
        lang: Lang,
        segment: &Segment,
        total_lines: usize,
        marketplace: bool,
        handed_over: bool,
    ) -> Option<PlannedOrder> {
        let kept = segment.messages.len();
        // A marketplace sale exists whatever was said; elsewhere a talk cut short is not an order yet.
        if kept == 0 || (!marketplace && kept * 10 < total_lines * 4) {
            return None;
        }
        let last = *segment.times.last()?;
        let age = self.now - last;
        let (hand, deposit) = match dialogue.sale {
            Sale::None => return None,
            Sale::Order { hand, deposit, .. } => (hand, deposit),
            Sale::Cancelled { .. } | Sale::Inquiry { .. } => (Hand::Ship, false),
        };
        let stage = match dialogue.sale {
            Sale::Inquiry { .. } => OrderStage::Inquiry,
            Sale::Cancelled { .. } if segment.complete => OrderStage::Cancelled,
            _ if handed_over && hand == Hand::Pickup => OrderStage::PickedUp,
            _ if handed_over => OrderStage::Delivered,
            _ if !segment.complete && !marketplace => {
                if kept * 10 < total_lines * 7 {
                    OrderStage::Inquiry
                } else {
                    OrderStage::Agreed
                }
            }
            _ => self.stage_by_age(age, hand, marketplace),
        };
        let payment_status = match stage {
            OrderStage::Inquiry | OrderStage::Agreed | OrderStage::Cancelled => {
                if deposit && stage == OrderStage::Agreed {
                    PaymentStatus::Partial
                } else {
                    PaymentStatus::Unpaid
                }
            }
            OrderStage::InProduction | OrderStage::Ready if deposit => PaymentStatus::Partial,
            OrderStage::InProduction | OrderStage::Ready if hand != Hand::Ship && !marketplace => {
                if self.rng.chance(50) { PaymentStatus::Paid } else { PaymentStatus::Unpaid }
            }
            _ => PaymentStatus::Paid,
        };
        let due_date = match stage {
            OrderStage::Cancelled => None,
            OrderStage::Inquiry if self.rng.chance(50) => None,
            OrderStage::Shipped | OrderStage::PickedUp | OrderStage::Delivered => {
                Some(shop_time::iso_date(deal.due.min(last)))
            }
            _ => Some(shop_time::iso_date(deal.due)),
        };
        let mut items = vec![self.item(deal)];
        if hand == Hand::Ship && deal.shipping_minor > 0 {
            let carrier = if deal.currency == Currency::Usd {
                "Envío internacional"
            } else {
                "Envío Correo Argentino"
            };
            items.push(item(carrier, None, 1, deal.shipping_minor));
        }
        let vars = deal.vars(lang, person);
        let agreed_at = segment.times[(kept / 2).min(kept - 1)];
        Some(PlannedOrder {
            stage,
            currency: deal.currency.code(),
            items,
            due_date,
            delivery: Some(delivery(hand, person)),
            payment_status,
            notes: vars.fill(dialogue.note),
            messages: segment.messages.clone(),
            created_at: agreed_at,
        })
    }

    pub(super) fn item(&self, deal: &Deal) -> crate::orders::OrderItem {
        let variant = if deal.quantity >= 12 {
            format!("Surtido: {} y {}", deal.colour.es, deal.other_colour.es)
        } else {
            capitalise(deal.colour.es)
        };
        item(&deal.item_name(), Some(&variant), deal.quantity, deal.unit_minor)
    }

    fn stage_by_age(&mut self, age: i64, hand: Hand, marketplace: bool) -> OrderStage {
        let days = age / DAY;
        match (days, hand) {
            (0, _) if marketplace => OrderStage::Paid,
            (0, _) => self.rng.pick(&[OrderStage::Paid, OrderStage::InProduction, OrderStage::Agreed]),
            (1..=3, Hand::Ship) => {
                self.rng.pick(&[OrderStage::InProduction, OrderStage::Ready, OrderStage::Shipped])
            }
            (1..=3, _) => self.rng.pick(&[OrderStage::InProduction, OrderStage::Ready]),
            (4..=9, Hand::Ship) => OrderStage::Shipped,
            (4..=9, Hand::Pickup) => self.rng.pick(&[OrderStage::Ready, OrderStage::PickedUp]),
            (_, Hand::Pickup) => OrderStage::PickedUp,
            _ => OrderStage::Delivered,
        }
    }

    /// Finishes a thread's bookkeeping for its state and stores it.
    pub(super) fn file(&mut self, mut thread: Thread, state: State) {
        match state {
            State::NeedsReply { .. } => thread.finish.read = self.rng.chance(15),
            State::Snoozed { until, .. } => {
                thread.finish.status = Some((crate::vocabulary::ConversationStatus::Snoozed, Some(until)))
            }
            State::Done { .. } => {
                thread.finish.status = Some((crate::vocabulary::ConversationStatus::Done, None))
            }
            State::Waiting { .. } => {}
        }
        self.plan.threads.push(thread);
    }

    pub(super) fn new_thread(
        &mut self,
        account: AccountKey,
        kind: ConversationKind,
        subject: Option<String>,
        person: &Person,
        nickname_only: bool,
    ) -> Thread {
        let buyer = self.identity(account, person, nickname_only);
        Thread::new(account, kind, subject, buyer)
    }
}

/// Dialogues whose line at this index (pauses not counted) says the piece arrived or was collected.
const HANDED_OVER: &[(&str, usize)] = &[
    ("ml_rota", 0),
    ("ml_demora", 3),
    ("ml_llego", 0),
    ("mlb_quebrado", 0),
    ("mlb_chegou", 0),
    ("chat_retiro_direccion", 5),
    ("etsy_tracking", 2),
    ("etsy_chip", 0),
];

/// Whether the first `kept` lines of `dialogue` already tell the piece reached the buyer.
pub(super) fn handed_over(dialogue: &Dialogue, kept: usize) -> bool {
    HANDED_OVER.iter().any(|&(key, line)| key == dialogue.key && kept > line)
}

pub(super) fn delivery(hand: Hand, person: &Person) -> Delivery {
    match hand {
        Hand::Ship => Delivery {
            method: DeliveryMethod::Shipping,
            address: Some(person.address.clone()),
            place: None,
            time_note: None,
            picked_up_by: None,
        },
        Hand::Pickup => Delivery {
            method: DeliveryMethod::Pickup,
            address: None,
            place: Some(format!("Taller — {WORKSHOP}")),
            time_note: Some("Lunes a viernes de 10 a 18".to_string()),
            picked_up_by: None,
        },
        Hand::Meet => Delivery {
            method: DeliveryMethod::MeetingPoint,
            address: None,
            place: Some("Patio Olmos, entrada de Av. Vélez Sarsfield".to_string()),
            time_note: Some("Jueves 13:00".to_string()),
            picked_up_by: None,
        },
    }
}

/// Which account's currency and language a buyer gets.
pub(super) fn currency_of(account: AccountKey) -> Currency {
    match account {
        AccountKey::MercadoLivreBr => Currency::Brl,
        AccountKey::Etsy => Currency::Usd,
        _ => Currency::Ars,
    }
}

pub(super) fn pace_of(account: AccountKey, kind: ConversationKind) -> Pace {
    match (account, kind) {
        (AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr, ConversationKind::PreSaleQuestion) => {
            timing::ML_QUESTION
        }
        (AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr, _) => timing::ML_PACK,
        (AccountKey::Instagram, _) => timing::INSTAGRAM,
        (AccountKey::WhatsApp, _) => timing::WHATSAPP,
        (AccountKey::Etsy, _) => timing::ETSY,
        (AccountKey::Email, _) => timing::EMAIL,
    }
}
