//! The bulk of the inbox: a few hundred ordinary conversations drawn from the dialogue banks,
//! combined with buyers and pieces, spread over the last four months.

use crate::vocabulary::ConversationKind;

use super::accounts::AccountKey;
use super::catalog::{self, Product};
use super::deal::{Currency, Deal, Lang};
use super::dialogue::{Dialogue, Hand, Qa, Qty, Sale, Step, Voice, Who, render};
use super::people::{CORDOBA, Locale, Person};
use super::plan::Thread;
use super::shop::{ShopBuilder, currency_of};
use super::shop_time::{DAY, HOUR, MINUTE, day_start};
use super::timing::State;
use super::{dialogues_en, dialogues_es, dialogues_pt};

/// How many conversations of each kind, and how many are in which state.
struct Quota<'a> {
    count: usize,
    /// Waiting times (seconds) of the ones that need a reply.
    needs: &'a [i64],
    waiting: usize,
    snoozed: usize,
}

const fn min(m: i64) -> i64 {
    m * MINUTE
}

pub(super) fn populate(shop: &mut ShopBuilder) {
    let askers = ml_questions(
        shop,
        AccountKey::MercadoLibreAr,
        dialogues_es::ML_QUESTIONS,
        Quota { count: 97, needs: &[min(151), min(108), min(52), min(6)], waiting: 20, snoozed: 0 },
    );
    ml_packs(
        shop,
        AccountKey::MercadoLibreAr,
        dialogues_es::ML_PACKS,
        Quota { count: 36, needs: &[min(70)], waiting: 6, snoozed: 1 },
        askers,
    );
    let askers_br = ml_questions(
        shop,
        AccountKey::MercadoLivreBr,
        dialogues_pt::ML_QUESTIONS,
        Quota { count: 22, needs: &[], waiting: 4, snoozed: 0 },
    );
    ml_packs(
        shop,
        AccountKey::MercadoLivreBr,
        dialogues_pt::ML_PACKS,
        Quota { count: 8, needs: &[], waiting: 2, snoozed: 0 },
        askers_br,
    );
    chats(
        shop,
        AccountKey::Instagram,
        Quota { count: 56, needs: &[min(125), min(38), min(12)], waiting: 14, snoozed: 1 },
    );
    chats(
        shop,
        AccountKey::WhatsApp,
        Quota { count: 40, needs: &[min(80), min(9)], waiting: 10, snoozed: 1 },
    );
    etsy(shop, Quota { count: 19, needs: &[], waiting: 5, snoozed: 1 });
    emails(shop, Quota { count: 16, needs: &[], waiting: 4, snoozed: 1 });
}

/// States for `quota.count` conversations, shuffled so every state meets every kind of dialogue.
fn schedule(shop: &mut ShopBuilder, quota: &Quota<'_>) -> Vec<State> {
    let now = shop.now;
    let rng = &mut shop.rng;
    let mut states: Vec<State> = quota.needs.iter().map(|&wait| State::NeedsReply { wait }).collect();
    for _ in 0..quota.waiting {
        let ago = match rng.below(100) {
            0..=49 => rng.range(5, 6 * 60) * MINUTE,
            50..=84 => rng.range(6 * 60, 48 * 60) * MINUTE,
            _ => rng.range(2 * 24, 6 * 24) * HOUR,
        };
        states.push(State::Waiting { ago });
    }
    for _ in 0..quota.snoozed {
        let until = day_start(now + rng.range(1, 3) * DAY) + 9 * HOUR;
        states.push(State::Snoozed { ago: rng.range(3 * 60, 48 * 60) * MINUTE, until });
    }
    while states.len() < quota.count {
        let days_ago = match rng.below(100) {
            0..=11 => 0,
            12..=36 => rng.range(1, 6),
            37..=66 => rng.range(7, 30),
            _ => rng.range(31, 118),
        };
        states.push(State::Done { days_ago });
    }
    rng.shuffle(&mut states);
    states
}

/// Draws from a bank in shuffled rounds, so every entry is used before any repeats.
struct Deck {
    order: Vec<usize>,
    next: usize,
}

impl Deck {
    fn new(len: usize) -> Deck {
        Deck { order: (0..len).collect(), next: len }
    }

    fn draw(&mut self, shop: &mut ShopBuilder, accept: impl Fn(usize) -> bool) -> usize {
        for _ in 0..self.order.len() * 3 {
            if self.next == self.order.len() {
                shop.rng.shuffle(&mut self.order);
                self.next = 0;
            }
            let candidate = self.order[self.next];
            self.next += 1;
            if accept(candidate) {
                return candidate;
            }
        }
        0
    }
}

fn sold_on(account: AccountKey, product: &Product) -> bool {
    match account {
        AccountKey::MercadoLivreBr => catalog::sold_in_brazil(product),
        AccountKey::Etsy => catalog::sold_on_etsy(product),
        _ => true,
    }
}

fn pick_product(
    shop: &mut ShopBuilder,
    account: AccountKey,
    fits: impl Fn(&Product) -> bool,
) -> Option<&'static Product> {
    let options: Vec<&'static Product> =
        catalog::ALL.iter().copied().filter(|p| sold_on(account, p) && fits(p)).collect();
    if options.is_empty() { None } else { Some(options[shop.rng.below(options.len())]) }
}

fn listing_title(account: AccountKey, product: &Product) -> String {
    match account {
        AccountKey::MercadoLivreBr => product.title_pt.unwrap_or(product.title_es).to_string(),
        AccountKey::Etsy => product.title_en.unwrap_or(product.title_es).to_string(),
        _ => product.title_es.to_string(),
    }
}

fn lang_of(account: AccountKey, locale: Locale) -> Lang {
    match (account, locale) {
        (AccountKey::MercadoLivreBr, _) | (_, Locale::Brazil) => Lang::Pt,
        (_, Locale::English) => Lang::En,
        _ => Lang::Es,
    }
}

const QUESTION_OPENERS: &[&str] = &["Hola! ", "Hola, buenas. ", "Consulta: ", "hola ", "Buenas! "];
const QUESTION_OPENERS_PT: &[&str] = &["Olá! ", "Oi, tudo bem? ", "Pergunta: ", "oi "];

/// A question asker who came back and bought, for the pack that follows.
pub(super) struct Asker {
    person: Person,
    product: &'static Product,
    days_ago: i64,
}

fn ml_questions(
    shop: &mut ShopBuilder,
    account: AccountKey,
    bank: &'static [Qa],
    quota: Quota<'_>,
) -> Vec<Asker> {
    let locale = if account == AccountKey::MercadoLivreBr { Locale::Brazil } else { Locale::Argentina };
    let lang = lang_of(account, locale);
    let currency = currency_of(account);
    let mut deck = Deck::new(bank.len());
    let mut askers = Vec::new();
    for state in schedule(shop, &quota) {
        let qa = &bank[deck
            .draw(shop, |i| catalog::ALL.iter().any(|p| sold_on(account, p) && bank[i].fits(p.category)))];
        let Some(product) = pick_product(shop, account, |p| qa.fits(p.category)) else { continue };
        let person = shop.crowd.person(&mut shop.rng, locale);
        let mut deal = shop.deal(currency, product, &person, Qty::One);
        let subject = Some(listing_title(account, product));
        let mut thread = shop.new_thread(account, ConversationKind::PreSaleQuestion, subject, &person, true);
        let steps = [Step::Say(Who::Buyer, qa.q, None), Step::Say(Who::Seller, qa.a, None)];
        let segment = shop.converse(&mut thread, &steps, &mut deal, &person, lang, state);
        // Buyers open with a greeting now and then; one-word askers never do.
        if let Some(&first) = segment.messages.first()
            && qa.q.len() > 12
            && shop.rng.chance(30)
        {
            let openers = if lang == Lang::Pt { QUESTION_OPENERS_PT } else { QUESTION_OPENERS };
            let opener = shop.rng.pick(openers);
            let text = &mut thread.messages[first].text;
            *text = format!("{opener}{text}");
        }
        if let State::Done { days_ago } = state
            && days_ago >= 4
            && shop.rng.chance(18)
        {
            askers.push(Asker { person: person.clone(), product, days_ago });
        }
        shop.file(thread, state);
    }
    askers
}

fn ml_packs(
    shop: &mut ShopBuilder,
    account: AccountKey,
    bank: &'static [Dialogue],
    quota: Quota<'_>,
    askers: Vec<Asker>,
) {
    let locale = if account == AccountKey::MercadoLivreBr { Locale::Brazil } else { Locale::Argentina };
    let lang = lang_of(account, locale);
    let currency = currency_of(account);
    let mut askers = askers.into_iter();
    let mut deck = Deck::new(bank.len());
    for mut state in schedule(shop, &quota) {
        // Some packs come from earlier question askers: same person, same listing, a day or more later.
        let returning = match state {
            State::Done { .. } => askers.next(),
            _ => None,
        };
        let (person, product, nickname_only) = match returning {
            Some(asker) => {
                state = State::Done { days_ago: (asker.days_ago - shop.rng.range(1, 3)).max(1) };
                (asker.person, asker.product, true)
            }
            None => {
                let Some(product) = pick_product(shop, account, |_| true) else { continue };
                (shop.crowd.person(&mut shop.rng, locale), product, false)
            }
        };
        let dialogue = &bank[deck.draw(shop, |i| bank[i].fits(product.category))];
        let product = if dialogue.fits(product.category) {
            product
        } else {
            match pick_product(shop, account, |p| dialogue.fits(p.category)) {
                Some(p) => p,
                None => continue,
            }
        };
        let qty = match dialogue.sale {
            Sale::Order { qty, .. } => qty,
            _ => Qty::One,
        };
        let mut deal = shop.deal(currency, product, &person, qty);
        let subject = Some(listing_title(account, product));
        let mut thread =
            shop.new_thread(account, ConversationKind::PostSale, subject, &person, nickname_only);
        let segment = shop.converse(&mut thread, dialogue.steps, &mut deal, &person, lang, state);
        let total = render(dialogue.steps, &Default::default()).len();
        let arrived = super::shop::handed_over(dialogue, segment.messages.len());
        if let Some(order) = shop.order_for(dialogue, &deal, &person, lang, &segment, total, true, arrived) {
            thread.orders.push(order);
        }
        for tag in dialogue.tags {
            thread.tag(tag);
        }
        shop.file(thread, state);
    }
}

fn voice_allowed(account: AccountKey, voice: Voice) -> bool {
    match voice {
        Voice::Any | Voice::Cordoba => true,
        // Buyers abroad find the shop on Instagram, not on an Argentine WhatsApp number.
        Voice::Mexico | Voice::Chile => account == AccountKey::Instagram,
        Voice::Spain => account == AccountKey::Etsy,
    }
}

fn person_for(shop: &mut ShopBuilder, voice: Voice) -> Person {
    let rng = &mut shop.rng;
    match voice {
        Voice::Any => shop.crowd.person(rng, Locale::Argentina),
        Voice::Cordoba => shop.crowd.person_in(rng, Locale::Argentina, &CORDOBA),
        Voice::Mexico => shop.crowd.person(rng, Locale::Mexico),
        Voice::Chile => shop.crowd.person(rng, Locale::Chile),
        Voice::Spain => shop.crowd.person(rng, Locale::Spain),
    }
}

/// A chat's earlier exchanges: (days ago) of each, oldest first, before the current one.
fn earlier_segments(shop: &mut ShopBuilder, account: AccountKey, state: State) -> Vec<i64> {
    // Dialogues span up to ~17 days; these gaps keep segments from overlapping.
    let floor = match state {
        State::Done { days_ago } => days_ago + 20,
        _ => 40,
    };
    let chance = if account == AccountKey::WhatsApp { 75 } else { 40 };
    if floor > 100 || !shop.rng.chance(chance) {
        return Vec::new();
    }
    let first = shop.rng.range(floor, 118);
    let mut segments = vec![first];
    if account == AccountKey::WhatsApp && first - floor >= 20 && shop.rng.chance(55) {
        segments.push(shop.rng.range(floor, first - 20));
    }
    segments.sort_unstable_by(|a, b| b.cmp(a));
    segments
}

fn chats(shop: &mut ShopBuilder, account: AccountKey, quota: Quota<'_>) {
    let bank = dialogues_es::CHATS;
    let mut deck = Deck::new(bank.len());
    let mut urgent_left = usize::from(account == AccountKey::WhatsApp);
    for state in schedule(shop, &quota) {
        let dialogue = &bank[deck.draw(shop, |i| voice_allowed(account, bank[i].voice))];
        let person = person_for(shop, dialogue.voice);
        let mut thread = shop.new_thread(account, ConversationKind::Chat, None, &person, false);
        let history = earlier_segments(shop, account, state);
        for &days_ago in &history {
            let earlier =
                &bank[deck.draw(shop, |i| bank[i].voice == Voice::Any && bank[i].sale != Sale::None)];
            let _ = talk(shop, &mut thread, earlier, None, &person, State::Done { days_ago });
        }
        if talk(shop, &mut thread, dialogue, None, &person, state).is_none() {
            continue;
        }
        if !history.is_empty() {
            thread.tag("recurrente");
            let visits = history.len() + 1;
            let notes = format!(
                "Compra seguido: ya van {visits} pedidos. Escribe siempre por {}.",
                channel_word(account)
            );
            shop.plan.profile(account, &thread.buyer.external_id, &notes, &["recurrente"]);
        } else if matches!(state, State::NeedsReply { .. } | State::Waiting { .. }) && shop.rng.chance(22) {
            thread.tag("nuevo");
        }
        if urgent_left > 0 && matches!(state, State::NeedsReply { .. }) {
            thread.tag("urgente");
            urgent_left -= 1;
        }
        shop.file(thread, state);
    }
}

fn channel_word(account: AccountKey) -> &'static str {
    match account {
        AccountKey::Instagram => "Instagram",
        AccountKey::WhatsApp => "WhatsApp",
        AccountKey::Email => "mail",
        AccountKey::Etsy => "Etsy",
        AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr => "Mercado Libre",
    }
}

/// One dialogue into a thread, with its order, tags and (for wholesale) the buyer's profile.
/// `piece` is the listing the thread is about, if it has one. Returns the deal talked about, or
/// `None` when no piece fits the dialogue.
fn talk(
    shop: &mut ShopBuilder,
    thread: &mut Thread,
    dialogue: &Dialogue,
    piece: Option<&'static Product>,
    person: &Person,
    state: State,
) -> Option<Deal> {
    let account = thread.account;
    let lang = lang_of(account, person.locale);
    let currency =
        if account == AccountKey::Email && lang == Lang::Pt { Currency::Usd } else { currency_of(account) };
    let product = match piece {
        Some(product) => product,
        None => pick_product(shop, account, |p| dialogue.fits(p.category))?,
    };
    let (qty, hand) = match dialogue.sale {
        Sale::Order { qty, hand, .. } => (qty, hand),
        Sale::Cancelled { qty } | Sale::Inquiry { qty } => (qty, Hand::Ship),
        Sale::None => (Qty::One, Hand::Ship),
    };
    let mut deal = shop.deal(currency, product, person, qty);
    if hand == Hand::Ship && matches!(dialogue.sale, Sale::Order { .. } | Sale::Inquiry { .. }) {
        deal.shipping_minor = deal.shipping_quote_minor;
    }
    // Happy endings: some finished sales get the buyer's "it arrived!" a few days later.
    let mut steps: Vec<Step> = dialogue.steps.to_vec();
    let mut closed = false;
    if matches!(state, State::Done { .. })
        && matches!(dialogue.sale, Sale::Order { qty: Qty::One | Qty::Few, .. })
        && !dialogue.tags.contains(&"mayorista")
        && lang == Lang::Es
        && matches!(account, AccountKey::Instagram | AccountKey::WhatsApp)
        && shop.rng.chance(60)
    {
        let closers =
            if hand == Hand::Ship { dialogues_es::AFTER_DELIVERY } else { dialogues_es::AFTER_PICKUP };
        steps.extend_from_slice(shop.rng.pick(closers));
        closed = true;
    }
    let segment = shop.converse(thread, &steps, &mut deal, person, lang, state);
    let arrived = (closed && segment.complete) || super::shop::handed_over(dialogue, segment.messages.len());
    let total = steps.len() - pauses(&steps);
    if let Some(order) = shop.order_for(dialogue, &deal, person, lang, &segment, total, false, arrived) {
        thread.orders.push(order);
    }
    for tag in dialogue.tags {
        thread.tag(tag);
    }
    if dialogue.tags.contains(&"mayorista") {
        let vars = deal.vars(Lang::Es, person);
        // Buyers abroad pay everything upfront; at home a half deposit starts the work.
        let terms = if lang == Lang::Es {
            "Seña 50% y saldo antes del envío."
        } else {
            "Pago 100% por adelantado."
        };
        let notes = vars.fill(&format!("Compra por mayor para {{tienda}} ({{ciudad}}). {terms}"));
        shop.plan.profile(account, &thread.buyer.external_id, &notes, &["mayorista"]);
    }
    Some(deal)
}

fn pauses(steps: &[Step]) -> usize {
    steps.iter().filter(|s| matches!(s, Step::Later(..))).count()
}

fn etsy(shop: &mut ShopBuilder, quota: Quota<'_>) {
    let mut english = Deck::new(dialogues_en::ETSY.len());
    let mut spanish = Deck::new(dialogues_es::ETSY.len());
    for (n, state) in schedule(shop, &quota).into_iter().enumerate() {
        // One in five Etsy buyers writes in Spanish (Spain, Mexico).
        let (dialogue, person) = if n % 5 == 2 {
            let d = &dialogues_es::ETSY[spanish.draw(shop, |_| true)];
            let person = person_for(shop, d.voice);
            (d, person)
        } else {
            let d = &dialogues_en::ETSY[english.draw(shop, |_| true)];
            let person = shop.crowd.person(&mut shop.rng, Locale::English);
            (d, person)
        };
        let Some(product) = pick_product(shop, AccountKey::Etsy, |p| dialogue.fits(p.category)) else {
            continue;
        };
        let subject = Some(listing_title(AccountKey::Etsy, product));
        let mut thread = shop.new_thread(AccountKey::Etsy, ConversationKind::Chat, subject, &person, false);
        if talk(shop, &mut thread, dialogue, Some(product), &person, state).is_some() {
            shop.file(thread, state);
        }
    }
}

fn emails(shop: &mut ShopBuilder, quota: Quota<'_>) {
    let mut deck = Deck::new(dialogues_es::EMAILS.len());
    for (n, state) in schedule(shop, &quota).into_iter().enumerate() {
        let (subject, dialogue, person) = if n % 8 == 5 {
            let (subject, d) = &dialogues_pt::EMAILS[0];
            (subject, d, shop.crowd.person(&mut shop.rng, Locale::Brazil))
        } else {
            let (subject, d) = &dialogues_es::EMAILS[deck.draw(shop, |_| true)];
            (subject, d, shop.crowd.person(&mut shop.rng, Locale::Argentina))
        };
        let mut thread = shop.new_thread(AccountKey::Email, ConversationKind::Email, None, &person, false);
        let Some(deal) = talk(shop, &mut thread, dialogue, None, &person, state) else { continue };
        // Subjects name the buyer's business, which the deal chose.
        let lang = lang_of(AccountKey::Email, person.locale);
        thread.conversation.subject = Some(deal.vars(lang, &person).fill(subject));
        shop.file(thread, state);
    }
}
