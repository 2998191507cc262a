//! `cargo xtask bench`: saved answers at 10,000 — fuzzy search and suggestions for a buyer's
//! message — each beside a raw SQLite primary-key select measured in the same run. Targets (p95):
//! search < 2 ms, suggestions < 5 ms. Prints; asserts nothing.

use std::time::{Duration, Instant};

use mostrador_core::Mostrador;
use mostrador_core::answers::{AnswerFolder, AnswerInput};
use mostrador_core::vocabulary::Language;

const NOW: i64 = 1_772_456_400;
const ANSWERS: usize = 10_000;

const FOLDERS: [AnswerFolder; 8] = [
    AnswerFolder::Address,
    AnswerFolder::Sizes,
    AnswerFolder::Payment,
    AnswerFolder::Delivery,
    AnswerFolder::Care,
    AnswerFolder::Stock,
    AnswerFolder::Policies,
    AnswerFolder::Greetings,
];
const TOPICS: [&str; 8] = [
    "Dirección y retiro",
    "Talles y medidas",
    "Medios de pago",
    "Envíos",
    "Cuidados",
    "Stock",
    "Cambios",
    "Saludo",
];
const WORDS: [&str; 16] = [
    "azul",
    "verde",
    "arena",
    "cerámica",
    "lana",
    "taza",
    "bowl",
    "manta",
    "transferencia",
    "correo",
    "retiro",
    "encargo",
    "seña",
    "cuotas",
    "Córdoba",
    "Nueva Córdoba",
];

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answers.sqlite3");
    let app = library(&path);
    println!("Mostrador saved-answers benchmark: {ANSWERS} answers");

    let raw_db = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("raw db");
    let raw = p95(2000, |_| raw_select_by_key(&raw_db));
    let queries = ["/pag", "pago", "direccion", "talle xl", "clrs", "envio correo", "taza azul", "zzzq"];
    let search = p95(400, |i| {
        app.search_answers(queries[i % queries.len()], 30).expect("search");
    });
    report("fuzzy search over 10,000 answers (30 hits)", search, raw, 2.0);
    for query in queries {
        let one = p95(100, |_| {
            app.search_answers(query, 30).expect("search");
        });
        println!(
            "  {query:<14} {:>8.3} ms p95, {:.3} ms median",
            one.p95.as_secs_f64() * 1000.0,
            one.median.as_secs_f64() * 1000.0
        );
    }
    let messages = [
        "Hola! ¿Dónde queda el taller para retirar?",
        "¿Qué talles tienen de la manta? ¿Cuánto mide?",
        "Olá, aceita pix? Qual o endereço para retirada?",
        "Hi, do you ship to Chile? How much is shipping?",
        "¿Hay stock de la taza azul?",
    ];
    let suggest = p95(400, |i| {
        app.suggest_answers(messages[i % messages.len()], 3).expect("suggest");
    });
    report("suggestions for a buyer's message (3)", suggest, raw, 5.0);
}

/// 10,000 answers spread over the folders, with shortcuts, tags and bodies of a real length.
fn library(path: &std::path::Path) -> Mostrador {
    let app = Mostrador::open(path).expect("open");
    let started = Instant::now();
    for i in 0..ANSWERS {
        let f = i % FOLDERS.len();
        let w = |k: usize| WORDS[(i * 7 + k * 3) % WORDS.len()];
        let input = AnswerInput {
            title: format!("{} {} {}", TOPICS[f], w(0), i),
            shortcut: Some(format!(
                "{}{i}",
                ["dir", "talle", "pago", "envio", "cuidado", "stock", "cambio", "hola"][f]
            )),
            folder: Some(FOLDERS[f]),
            body: format!(
                "Hola {{{{buyer.first_name}}}}! Sobre {} {}: te cuento que {} y {} están disponibles; \
                 pagás por {} y lo retirás en {{{{pickup.place}}}} o te lo mandamos por {}. Gracias!",
                w(1),
                w(2),
                w(3),
                w(4),
                w(5),
                w(6)
            ),
            language: Some([Language::Es, Language::PtBr, Language::En][i % 3]),
            pinned: i % 500 == 0,
            tags: vec![w(7).to_string(), w(8).to_string()],
            variants: Vec::new(),
        };
        app.create_answer(&input, NOW + i as i64).expect("answer");
    }
    println!("built the library in {:.1} s", started.elapsed().as_secs_f64());
    app
}

/// The floor: one indexed select by primary key on an open connection, as the store's readers do.
fn raw_select_by_key(db: &rusqlite::Connection) {
    let mut statement = db.prepare_cached("SELECT * FROM saved_answers WHERE id = ?1").expect("prepare");
    assert!(statement.query_row([5000], |_| Ok(())).is_ok());
}

/// The 95th percentile and the median of `runs` timed runs after a warm-up one; `run` gets the
/// run's number. (On a busy machine the p95 catches the scheduler; the median shows the code.)
fn p95(runs: usize, mut run: impl FnMut(usize)) -> Timing {
    run(0);
    let mut times: Vec<Duration> = (0..runs)
        .map(|i| {
            let started = Instant::now();
            run(i);
            started.elapsed()
        })
        .collect();
    times.sort();
    Timing { p95: times[times.len() * 95 / 100], median: times[times.len() / 2] }
}

#[derive(Clone, Copy)]
struct Timing {
    p95: Duration,
    median: Duration,
}

fn report(what: &str, took: Timing, raw: Timing, target_ms: f64) {
    let ms = took.p95.as_secs_f64() * 1000.0;
    println!(
        "{what:<46} {ms:>8.3} ms p95, {:.3} ms median (target < {target_ms} ms p95: {}; {:.0}× a raw primary-key select at {:.4} ms p95)",
        took.median.as_secs_f64() * 1000.0,
        if ms < target_ms { "met" } else { "MISSED" },
        took.p95.as_secs_f64() / raw.p95.as_secs_f64(),
        raw.p95.as_secs_f64() * 1000.0
    );
}
