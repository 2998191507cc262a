//! The parser over export fragments written from the format facts in design/channels.md, with
//! exact authors, times and texts; round trips through every export style; garbage never panics.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use proptest::prelude::*;

use mostrador_core::whatsapp::*;

/// 2025-03-12 09:11 in Córdoba (UTC−3) is 12:11 UTC.
fn cordoba() -> ParseOptions {
    ParseOptions { time_zone: TimeZone::get("America/Argentina/Cordoba").unwrap(), ..ParseOptions::default() }
}

fn unix(y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8, offset_hours: i64) -> i64 {
    TimeZone::UTC.to_timestamp(DateTime::constant(y, mo, d, h, mi, s, 0)).unwrap().as_second()
        - offset_hours * 3600
}

fn parse_str(text: &str) -> ParsedChat {
    parse_export(text.as_bytes(), &cordoba()).unwrap_or_else(|e| panic!("{e}: {text:?}"))
}

/// (author, unix seconds, text) of every message.
fn triples(chat: &ParsedChat) -> Vec<(&str, i64, &str)> {
    chat.messages.iter().map(|m| (m.author.as_str(), m.sent_at, m.text.as_str())).collect()
}

#[test]
fn android_24h_spanish_with_system_line_and_multiline_message() {
    let chat = parse_str(
        "12/3/25, 09:10 - Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos.\n\
         12/3/25, 09:11 - Ana Gómez: Hola! ¿Tenés la taza azul?\n\
         12/3/25, 09:15 - Lucía: Sí, me quedan dos.\n\
         La grande sale $15.000\n\
         \n\
         y la chica $9.000\n\
         13/3/25, 18:02 - Ana Gómez: <Multimedia omitido>\n",
    );
    assert_eq!(
        triples(&chat),
        vec![
            ("Ana Gómez", unix(2025, 3, 12, 9, 11, 0, -3), "Hola! ¿Tenés la taza azul?"),
            (
                "Lucía",
                unix(2025, 3, 12, 9, 15, 0, -3),
                "Sí, me quedan dos.\nLa grande sale $15.000\n\ny la chica $9.000"
            ),
            ("Ana Gómez", unix(2025, 3, 13, 18, 2, 0, -3), "<Multimedia omitido>"),
        ]
    );
    assert_eq!(chat.messages[2].media, Some(Media::Omitted));
    assert_eq!(chat.system_lines.len(), 1);
    assert!(chat.system_lines[0].text.starts_with("Los mensajes y las llamadas están cifrados"));
    assert_eq!(chat.date_order.used, DateOrder::DayFirst);
    assert_eq!(chat.date_order.reason, DateOrderReason::NumberAbove12 { line: 7, date: "13/3/25".into() });
    assert_eq!(chat.unreadable_count, 0);
    assert_eq!(chat.line_count, 7);
}

#[test]
fn android_us_12h_with_narrow_no_break_space() {
    let chat = parse_str(
        "12/31/20, 9:41\u{202f}PM - Beth: Is the blue mug still available?\n\
         12/31/20, 11:58\u{202f}PM - Beth: Happy new year!\n\
         1/1/21, 12:03\u{202f}AM - Me: Yes! And happy new year\n",
    );
    assert_eq!(
        triples(&chat),
        vec![
            ("Beth", unix(2020, 12, 31, 21, 41, 0, -3), "Is the blue mug still available?"),
            ("Beth", unix(2020, 12, 31, 23, 58, 0, -3), "Happy new year!"),
            ("Me", unix(2021, 1, 1, 0, 3, 0, -3), "Yes! And happy new year"),
        ]
    );
    assert_eq!(chat.date_order.used, DateOrder::MonthFirst);
}

#[test]
fn android_spanish_12h_with_no_break_spaces_in_p_m() {
    let chat = parse_str(
        "23/06/2018, 01:55 p.\u{a0}m. - Carla: ¿Hacen envíos a Rosario?\n\
         23/06/2018, 02:01\u{a0}p.\u{a0}m. - Tienda Luna: Sí, por correo\n\
         24/06/2018, 10:30 a. m. - Carla: imagen omitida\n",
    );
    assert_eq!(
        triples(&chat),
        vec![
            ("Carla", unix(2018, 6, 23, 13, 55, 0, -3), "¿Hacen envíos a Rosario?"),
            ("Tienda Luna", unix(2018, 6, 23, 14, 1, 0, -3), "Sí, por correo"),
            ("Carla", unix(2018, 6, 24, 10, 30, 0, -3), "imagen omitida"),
        ]
    );
    assert_eq!(chat.messages[2].media, Some(Media::Omitted));
}

#[test]
fn android_without_comma_and_with_dashes_and_dotted_time() {
    let chat = parse_str("16/6/20 19:35 - Dani: hola\n16/6/20 19:36 - Dani: audio omitido\n");
    assert_eq!(
        triples(&chat),
        vec![
            ("Dani", unix(2020, 6, 16, 19, 35, 0, -3), "hola"),
            ("Dani", unix(2020, 6, 16, 19, 36, 0, -3), "audio omitido")
        ]
    );
    let chat = parse_str(
        "03-06-2018, 01.55 PM - Eva: ¿precio?\n03-06-2018, 02.10 PM - Eva: IMG-20180603-WA0004.jpg (archivo adjunto)\nesta\n",
    );
    assert_eq!(chat.messages[0].sent_at, unix(2018, 6, 3, 13, 55, 0, -3));
    assert_eq!(chat.messages[1].text, "IMG-20180603-WA0004.jpg (archivo adjunto)\nesta");
    assert_eq!(chat.messages[1].media, Some(Media::Attached { file_name: "IMG-20180603-WA0004.jpg".into() }));
    // No number above 12 and no change: the seller's region's order, said as such.
    assert_eq!(chat.date_order.reason, DateOrderReason::NoEvidence);
}

#[test]
fn ios_spanish_12h_with_marks_system_line_and_attachment() {
    let chat = parse_str(
        "\u{feff}[12/3/25, 2:32:11\u{202f}p.\u{202f}m.] Tienda Luna: \u{200e}Los mensajes y las llamadas están cifrados de extremo a extremo.\n\
         [12/3/25, 2:32:40\u{202f}p.\u{202f}m.] Ana Gómez: Hola, ¿la taza viene en verde?\n\
         \u{200e}[12/3/25, 2:33:05\u{202f}p.\u{202f}m.] Ana Gómez: \u{200e}<adjunto: 00000042-PHOTO-2025-03-12-14-33-05.jpg>\n\
         [14/3/25, 9:05:00\u{202f}a.\u{202f}m.] Tienda Luna: Sí!\n",
    );
    assert_eq!(
        triples(&chat),
        vec![
            ("Ana Gómez", unix(2025, 3, 12, 14, 32, 40, -3), "Hola, ¿la taza viene en verde?"),
            (
                "Ana Gómez",
                unix(2025, 3, 12, 14, 33, 5, -3),
                "<adjunto: 00000042-PHOTO-2025-03-12-14-33-05.jpg>"
            ),
            ("Tienda Luna", unix(2025, 3, 14, 9, 5, 0, -3), "Sí!"),
        ]
    );
    assert_eq!(
        chat.messages[1].media,
        Some(Media::Attached { file_name: "00000042-PHOTO-2025-03-12-14-33-05.jpg".into() })
    );
    assert_eq!(chat.system_lines.len(), 1);
}

#[test]
fn ios_24h_english_and_year_first() {
    let chat = parse_str(
        "[31/12/20, 21:41:05] Beth: see you\n[31/12/20, 21:42:00] Beth: \u{200e}<attached: 00000007-AUDIO-2020-12-31-21-42-00.opus>\n",
    );
    assert_eq!(chat.messages[0].sent_at, unix(2020, 12, 31, 21, 41, 5, -3));
    assert_eq!(
        chat.messages[1].media,
        Some(Media::Attached { file_name: "00000007-AUDIO-2020-12-31-21-42-00.opus".into() })
    );
    let chat = parse_str(
        "[2018/06/13, 21:25:15] Bia: Oi! Tem a caneca?\n[2018/06/14, 08:00:00] Bia: <Mídia oculta>\n",
    );
    assert_eq!(
        triples(&chat),
        vec![
            ("Bia", unix(2018, 6, 13, 21, 25, 15, -3), "Oi! Tem a caneca?"),
            ("Bia", unix(2018, 6, 14, 8, 0, 0, -3), "<Mídia oculta>"),
        ]
    );
    assert_eq!(chat.date_order.reason, DateOrderReason::YearFirst);
}

#[test]
fn dotted_colon_and_klo_formats() {
    let chat = parse_str("13.06.18 21.25.15: Ana: hola\n13.06.18 21.26.00: Ana: chau\n");
    assert_eq!(
        triples(&chat),
        vec![
            ("Ana", unix(2018, 6, 13, 21, 25, 15, -3), "hola"),
            ("Ana", unix(2018, 6, 13, 21, 26, 0, -3), "chau")
        ]
    );
    let chat = parse_str("13.6.2018 klo 21.25.15 - Ana: hei\n");
    assert_eq!(triples(&chat), vec![("Ana", unix(2018, 6, 13, 21, 25, 15, -3), "hei")]);
}

#[test]
fn group_system_lines_are_kept_apart() {
    let chat = parse_str(
        "1/4/25, 10:00 - Lucía creó el grupo \"Pedidos feria\"\n\
         1/4/25, 10:01 - Lucía añadió a Ana\n\
         1/4/25, 10:02 - Lucía cambió el asunto de \"Pedidos feria\" a \"Feria: sábado 5\"\n\
         1/4/25, 10:03 - Ana: Hola a todas\n\
         1/4/25, 10:04 - Marta: Buenas! ¿A qué hora?\n",
    );
    assert_eq!(chat.system_lines.len(), 3);
    assert_eq!(chat.authors(), vec![("Ana".to_owned(), 1), ("Marta".to_owned(), 1)]);
}

#[test]
fn unreadable_lines_are_reported_with_line_numbers() {
    let chat =
        parse_str("texto suelto antes\n12/3/25, 09:11 - Ana: hola\n12/3/25, 25:99 - Ana: hora imposible\n");
    assert_eq!(chat.messages.len(), 1);
    assert_eq!(
        chat.unreadable,
        vec![
            UnreadableLine {
                line: 1,
                text: "texto suelto antes".into(),
                reason: UnreadableReason::BeforeFirstMessage
            },
            UnreadableLine {
                line: 3,
                text: "12/3/25, 25:99 - Ana: hora imposible".into(),
                reason: UnreadableReason::ImpossibleTime
            },
        ]
    );
    // An impossible date under the chosen order is unreadable too, not a wrong day.
    let options = ParseOptions { date_order: Some(DateOrder::MonthFirst), ..cordoba() };
    let chat =
        parse_export("13/3/25, 09:11 - Ana: hola\n3/3/25, 09:11 - Ana: chau\n".as_bytes(), &options).unwrap();
    assert_eq!(chat.date_order.inferred, DateOrder::DayFirst);
    assert_eq!(chat.date_order.used, DateOrder::MonthFirst);
    assert_eq!(chat.unreadable[0].line, 1);
    assert_eq!(triples(&chat), vec![("Ana", unix(2025, 3, 3, 9, 11, 0, -3), "chau")]);
}

#[test]
fn the_lines_of_an_unreadable_message_are_unreadable_too_never_joined_elsewhere() {
    let text = "12/3/25, 09:11 - Ana: hola\n\
                12/3/25, 25:99 - Ana: hora imposible\n\
                y su segunda línea\n\
                \n\
                12/3/25, 09:12 - Ana: chau\n\
                13/3/25, 09:13 - Ana: el 13 no es un mes\n\
                tampoco esta línea\n";
    let chat = parse_str(text);
    assert_eq!(
        triples(&chat).iter().map(|t| t.2).collect::<Vec<_>>(),
        vec!["hola", "chau", "el 13 no es un mes\ntampoco esta línea"]
    );
    assert_eq!(chat.unreadable.iter().map(|u| u.line).collect::<Vec<_>>(), vec![2, 3]);
    assert_eq!(chat.unreadable_by_reason.impossible_time, 2);

    let options = ParseOptions { date_order: Some(DateOrder::MonthFirst), ..cordoba() };
    let chat = parse_export(text.as_bytes(), &options).unwrap();
    assert_eq!(
        chat.unreadable.iter().map(|u| (u.line, u.reason)).collect::<Vec<_>>(),
        vec![
            (2, UnreadableReason::ImpossibleTime),
            (3, UnreadableReason::ImpossibleTime),
            (6, UnreadableReason::ImpossibleDate),
            (7, UnreadableReason::ImpossibleDate),
        ]
    );
    assert_eq!(chat.unreadable_count, 4);
    assert_eq!(
        chat.unreadable_by_reason,
        UnreadableCounts { before_first_message: 0, impossible_time: 2, impossible_date: 2 }
    );
}

#[test]
fn notices_say_what_kind_they_are() {
    let chat = parse_str(
        "1/4/25, 10:00 - Los mensajes y las llamadas están cifrados de extremo a extremo.\n\
         1/4/25, 10:00 - Lucía creó el grupo \"Pedidos feria\"\n\
         1/4/25, 10:01 - Lucía añadió a Ana\n\
         1/4/25, 10:02 - Ana cambió su número de teléfono.\n\
         1/4/25, 10:03 - Ana: Hola a todas\n",
    );
    assert_eq!(
        chat.system_lines.iter().map(|l| l.kind).collect::<Vec<_>>(),
        vec![NoticeKind::Encryption, NoticeKind::GroupChange, NoticeKind::GroupChange, NoticeKind::Other]
    );
}

#[test]
fn what_ios_marks_as_generated_is_a_message_when_a_person_sent_a_file_or_a_link() {
    let chat = parse_str(
        "[12/3/25, 14:32:11] Ana Gómez: \u{200e}Los mensajes y las llamadas están cifrados de extremo a extremo.\n\
         [12/3/25, 14:33:05] Ana Gómez: \u{200e}Se eliminó este mensaje.\n\
         [12/3/25, 14:34:00] Ana Gómez: \u{200e}Ubicación: https://maps.google.com/?q=-31.4201,-64.1888\n\
         [12/3/25, 14:35:00] Ana Gómez: \u{200e}<adjunto: 00000044-PHOTO-2025-03-12-14-35-00.jpg>\n",
    );
    assert_eq!(
        chat.messages.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
        vec![
            "Ubicación: https://maps.google.com/?q=-31.4201,-64.1888",
            "<adjunto: 00000044-PHOTO-2025-03-12-14-35-00.jpg>"
        ]
    );
    assert_eq!(
        chat.system_lines.iter().map(|l| l.kind).collect::<Vec<_>>(),
        vec![NoticeKind::Encryption, NoticeKind::DeletedMessage]
    );
}

#[test]
fn the_override_wins_over_the_inference() {
    let text = "1/2/25, 10:00 - Ana: a\n2/3/25, 10:00 - Ana: b\n1/4/25, 10:00 - Ana: c\n";
    let chat = parse_str(text);
    assert_eq!(chat.date_order.inferred, DateOrder::DayFirst);
    assert_eq!(chat.messages[0].local_time, DateTime::constant(2025, 2, 1, 10, 0, 0, 0));
    let options = ParseOptions { date_order: Some(DateOrder::MonthFirst), ..cordoba() };
    let chat = parse_export(text.as_bytes(), &options).unwrap();
    assert_eq!(chat.messages[0].local_time, DateTime::constant(2025, 1, 2, 10, 0, 0, 0));
}

#[test]
fn utf16_exports_parse_like_utf8() {
    let text = "12/3/25, 09:11 - Ana Gómez: ¿Tenés la taza azul?\r\n13/3/25, 10:00 - Lucía: Sí\r\n";
    let mut le = vec![0xFF, 0xFE];
    text.encode_utf16().for_each(|u| le.extend(u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    text.encode_utf16().for_each(|u| be.extend(u.to_be_bytes()));
    let expected = parse_str(text);
    assert_eq!(parse_export(&le, &cordoba()).unwrap(), expected);
    assert_eq!(parse_export(&be, &cordoba()).unwrap(), expected);
    assert_eq!(expected.messages[0].text, "¿Tenés la taza azul?");
}

#[test]
fn what_is_not_an_export_says_so() {
    assert_eq!(parse_export(b"", &cordoba()), Err(ExportError::Empty));
    assert_eq!(parse_export(b"Lista de precios\nTaza 15000\n", &cordoba()), Err(ExportError::NotAnExport));
    assert_eq!(parse_export(b"PK\x03\x04\x14\0\0\0\x08\0\0\0!\0", &cordoba()), Err(ExportError::Binary));
}

// ---- round trips: parse(render(chat)) == chat, for every export style

fn texts() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "hola",
        "taza",
        "azul",
        "¿precio?",
        "$15.000",
        "envío",
        "gracias!",
        "ok",
        "😊",
        "caneca",
        "mug",
        "12/3",
        "a las 10:30",
        "Ana:",
        "-",
        "[foto]",
        "ñandú",
        "São",
        "p. m.",
    ]);
    let line = prop::collection::vec(word, 1..6).prop_map(|words| words.join(" "));
    prop::collection::vec(line, 1..4).prop_map(|lines| lines.join("\n"))
}

fn authors() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["Ana Gómez", "Lucía", "+54 9 351 555-1234", "Bia 🌸", "Tienda Luna"])
        .prop_map(str::to_owned)
}

fn chats() -> impl Strategy<Value = (ExportStyle, Vec<(DateTime, String, String)>)> {
    let style = prop::sample::select(ExportStyle::ALL.to_vec());
    let steps = prop::collection::vec((0i64..200_000, authors(), texts()), 1..30);
    (style, steps, 0i64..300_000_000).prop_map(|(style, steps, start)| {
        let mut at =
            DateTime::constant(2016, 1, 1, 0, 0, 0, 0).checked_add(jiff::Span::new().seconds(start)).unwrap();
        let messages = steps
            .into_iter()
            .map(|(gap, author, text)| {
                at = at.checked_add(jiff::Span::new().seconds(gap)).unwrap();
                let stamp = if style.has_seconds() { at } else { at.with().second(0).build().unwrap() };
                (stamp, author, text)
            })
            .collect();
        (style, messages)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_of_render_gives_the_messages_back((style, messages) in chats()) {
        let mut export = String::new();
        for (at, author, text) in &messages {
            style.message(*at, author, text, &mut export);
        }
        let options = ParseOptions { date_order: Some(style.date_order()), ..ParseOptions::default() };
        let chat = parse_export(export.as_bytes(), &options).unwrap();
        let got: Vec<(DateTime, String, String)> =
            chat.messages.iter().map(|m| (m.local_time, m.author.clone(), m.text.clone())).collect();
        prop_assert_eq!(got, messages);
        prop_assert_eq!(chat.unreadable_count, 0);
        for m in &chat.messages {
            prop_assert_eq!(m.sent_at, TimeZone::UTC.to_timestamp(m.local_time).unwrap().as_second());
        }
    }

    #[test]
    fn the_parser_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_export(&bytes, &ParseOptions::default());
    }

    #[test]
    fn the_parser_never_panics_on_header_like_lines(lines in prop::collection::vec("[\\[\\]0-9/.:, \\-apmAPM\u{a0}\u{202f}\u{200e}klo\n]{0,40}", 0..20)) {
        let _ = parse_export(lines.join("\n").as_bytes(), &ParseOptions::default());
    }
}
