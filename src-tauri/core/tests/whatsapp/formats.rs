//! One small export per platform × locale style, written the way public parsers and bug reports
//! show WhatsApp writing them: every message read, with its time, author, text and media, and
//! nothing that a person sent taken for a WhatsApp notice.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use mostrador_core::whatsapp::*;

fn utc() -> ParseOptions {
    ParseOptions { time_zone: TimeZone::UTC, ..ParseOptions::default() }
}

fn parse(text: &str) -> ParsedChat {
    parse_export(text.as_bytes(), &utc()).unwrap_or_else(|e| panic!("{e}: {text:?}"))
}

fn at(y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8) -> DateTime {
    DateTime::constant(y, mo, d, h, mi, s, 0)
}

/// (wall-clock time, author, text) of every message.
fn read(chat: &ParsedChat) -> Vec<(DateTime, &str, &str)> {
    chat.messages.iter().map(|m| (m.local_time, m.author.as_str(), m.text.as_str())).collect()
}

fn media(chat: &ParsedChat) -> Vec<Option<Media>> {
    chat.messages.iter().map(|m| m.media.clone()).collect()
}

fn attached(name: &str) -> Option<Media> {
    Some(Media::Attached { file_name: name.into() })
}

#[test]
fn ios_english_with_attached_markers_and_left_to_right_marks() {
    let chat = parse(
        "[1/5/23, 10:11:12\u{202f}AM] Beth Carter: \u{200e}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n\
         [1/5/23, 10:11:30\u{202f}AM] Beth Carter: Hi! Is the blue mug still available?\n\
         \u{200e}[1/5/23, 10:11:40\u{202f}AM] Beth Carter: \u{200e}<attached: 00000012-PHOTO-2023-01-05-10-11-40.jpg>\n\
         \u{200e}[1/5/23, 10:11:52\u{202f}AM] Beth Carter: \u{200e}<attached: \u{200e}00000013-PHOTO-2023-01-05-10-11-52.jpg>\n\
         this one too\n\
         [1/5/23, 10:12:02\u{202f}AM] Beth Carter: \u{200e}image omitted\n\
         \u{200e}[1/5/23, 10:13:00\u{202f}AM] Beth Carter: \u{200e}Order list.pdf \u{2022} \u{200e}2 pages \u{200e}<attached: 00000014-Order list.pdf>\n\
         [1/13/23, 4:05:09\u{202f}PM] Telar del Sur: Yes! It ships on Monday.\n",
    );
    assert_eq!(
        read(&chat),
        vec![
            (at(2023, 1, 5, 10, 11, 30), "Beth Carter", "Hi! Is the blue mug still available?"),
            (at(2023, 1, 5, 10, 11, 40), "Beth Carter", "<attached: 00000012-PHOTO-2023-01-05-10-11-40.jpg>"),
            (
                at(2023, 1, 5, 10, 11, 52),
                "Beth Carter",
                "<attached: \u{200e}00000013-PHOTO-2023-01-05-10-11-52.jpg>\nthis one too"
            ),
            (at(2023, 1, 5, 10, 12, 2), "Beth Carter", "image omitted"),
            (
                at(2023, 1, 5, 10, 13, 0),
                "Beth Carter",
                "Order list.pdf \u{2022} \u{200e}2 pages \u{200e}<attached: 00000014-Order list.pdf>"
            ),
            (at(2023, 1, 13, 16, 5, 9), "Telar del Sur", "Yes! It ships on Monday."),
        ]
    );
    assert_eq!(
        media(&chat),
        vec![
            None,
            attached("00000012-PHOTO-2023-01-05-10-11-40.jpg"),
            attached("00000013-PHOTO-2023-01-05-10-11-52.jpg"),
            Some(Media::Omitted),
            attached("00000014-Order list.pdf"),
            None,
        ]
    );
    assert_eq!(chat.date_order.used, DateOrder::MonthFirst);
    assert_eq!(chat.system_lines.len(), 1, "only the encryption notice");
    assert_eq!(chat.unreadable_count, 0);
}

#[test]
fn android_german_with_dotted_dates() {
    let chat = parse(
        "13.06.18, 14:05 - Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.\n\
         13.06.18, 14:05 - Jonas Weber: Hallo! Ist die blaue Tasse noch da?\n\
         13.06.18, 14:06 - Jonas Weber: <Medien ausgeschlossen>\n\
         13.06.18, 14:07 - Jonas Weber: \u{200e}IMG-20180613-WA0003.jpg (Datei angehängt)\n\
         diese hier\n\
         14.06.18, 09:30 - Werkstatt Lucía: Ja, noch eine.\n",
    );
    assert_eq!(
        read(&chat),
        vec![
            (at(2018, 6, 13, 14, 5, 0), "Jonas Weber", "Hallo! Ist die blaue Tasse noch da?"),
            (at(2018, 6, 13, 14, 6, 0), "Jonas Weber", "<Medien ausgeschlossen>"),
            (
                at(2018, 6, 13, 14, 7, 0),
                "Jonas Weber",
                "IMG-20180613-WA0003.jpg (Datei angehängt)\ndiese hier"
            ),
            (at(2018, 6, 14, 9, 30, 0), "Werkstatt Lucía", "Ja, noch eine."),
        ]
    );
    assert_eq!(media(&chat), vec![None, Some(Media::Omitted), attached("IMG-20180613-WA0003.jpg"), None]);
    assert_eq!(chat.system_lines.len(), 1);
}

#[test]
fn croatian_dates_with_spaces_after_the_dots() {
    let chat = parse(
        "13. 6. 2018. 14:05 - Ivana Horvat: Bok! Imate li još plavu šalicu?\n\
         13. 6. 2018. 14:06 - Ivana Horvat: IMG-20180613-WA0004.jpg (datoteka je priložena)\n\
         14. 6. 2018. 9:30 - Radionica: Da, još jednu.\n",
    );
    assert_eq!(
        read(&chat),
        vec![
            (at(2018, 6, 13, 14, 5, 0), "Ivana Horvat", "Bok! Imate li još plavu šalicu?"),
            (at(2018, 6, 13, 14, 6, 0), "Ivana Horvat", "IMG-20180613-WA0004.jpg (datoteka je priložena)"),
            (at(2018, 6, 14, 9, 30, 0), "Radionica", "Da, još jednu."),
        ]
    );
    // The marker's words are in no list; the name is one WhatsApp gives its media.
    assert_eq!(media(&chat)[1], attached("IMG-20180613-WA0004.jpg"));
    assert_eq!(chat.date_order.used, DateOrder::DayFirst);
}

#[test]
fn year_first_dates_with_dashes_slashes_and_spaced_dots() {
    let canada = parse(
        "2023-12-20, 5:46 p.m. - Farid: Hi, do you ship to Toronto?\n2023-12-20, 6:02 p.m. - Shop: Yes\n",
    );
    assert_eq!(
        read(&canada),
        vec![
            (at(2023, 12, 20, 17, 46, 0), "Farid", "Hi, do you ship to Toronto?"),
            (at(2023, 12, 20, 18, 2, 0), "Shop", "Yes")
        ]
    );
    assert_eq!(canada.date_order.reason, DateOrderReason::YearFirst);

    let south_africa = parse("2023/12/20, 5:46 pm - Farid: Hi\n");
    assert_eq!(read(&south_africa), vec![(at(2023, 12, 20, 17, 46, 0), "Farid", "Hi")]);

    // Hungarian, and the same shape in Chinese and Japanese exports: year, month, day, each
    // followed by a dot and a space.
    let hungary = parse(
        "2018. 06. 13. 14:05 - Kovács Anna: Szia! Megvan még a kék bögre?\n\
         2018. 06. 14. 9:30 - Műhely: Igen, még egy.\n",
    );
    assert_eq!(
        read(&hungary),
        vec![
            (at(2018, 6, 13, 14, 5, 0), "Kovács Anna", "Szia! Megvan még a kék bögre?"),
            (at(2018, 6, 14, 9, 30, 0), "Műhely", "Igen, még egy."),
        ]
    );
    assert_eq!(hungary.date_order.reason, DateOrderReason::YearFirst);
}

#[test]
fn bracketed_ios_with_seconds_in_german() {
    let chat = parse(
        "[13.06.18, 14:05:09] Jonas Weber: \u{200e}Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.\n\
         [13.06.18, 14:05:21] Jonas Weber: Hallo! Ist die Tasse noch da?\n\
         \u{200e}[13.06.18, 14:05:30] Jonas Weber: \u{200e}<Anhang: 00000007-PHOTO-2018-06-13-14-05-30.jpg>\n\
         [13.06.18, 14:06:02] Jonas Weber: \u{200e}Bild weggelassen\n\
         [14.06.18, 09:30:00] Werkstatt Lucía: Ja!\n",
    );
    assert_eq!(
        read(&chat),
        vec![
            (at(2018, 6, 13, 14, 5, 21), "Jonas Weber", "Hallo! Ist die Tasse noch da?"),
            (at(2018, 6, 13, 14, 5, 30), "Jonas Weber", "<Anhang: 00000007-PHOTO-2018-06-13-14-05-30.jpg>"),
            (at(2018, 6, 13, 14, 6, 2), "Jonas Weber", "Bild weggelassen"),
            (at(2018, 6, 14, 9, 30, 0), "Werkstatt Lucía", "Ja!"),
        ]
    );
    assert_eq!(
        media(&chat),
        vec![None, attached("00000007-PHOTO-2018-06-13-14-05-30.jpg"), Some(Media::Omitted), None]
    );
    assert_eq!(chat.system_lines.len(), 1);
}

#[test]
fn twelve_hour_clocks_with_a_m_p_m_and_narrow_no_break_spaces() {
    let android = parse(
        "28/3/2025, 9:29 p.m. - Carla: ¿Hacen envíos a Rosario?\n\
         28/3/2025, 9:36\u{202f}p.\u{202f}m. - Carla: PTT-20250328-WA0014.opus (archivo adjunto)\n\
         29/3/2025, 12:05 a. m. - Tienda Luna: Sí, por correo\n\
         30/3/2025, 12:37 p. m. - Carla: Genial\n",
    );
    assert_eq!(
        read(&android),
        vec![
            (at(2025, 3, 28, 21, 29, 0), "Carla", "¿Hacen envíos a Rosario?"),
            (at(2025, 3, 28, 21, 36, 0), "Carla", "PTT-20250328-WA0014.opus (archivo adjunto)"),
            (at(2025, 3, 29, 0, 5, 0), "Tienda Luna", "Sí, por correo"),
            (at(2025, 3, 30, 12, 37, 0), "Carla", "Genial"),
        ]
    );
    assert_eq!(android.messages[1].media, attached("PTT-20250328-WA0014.opus"));

    let ios = parse(
        "[29/3/25, 1:23:05\u{202f}a.\u{202f}m.] Carla: \u{200e}Lista de precios.pdf \u{2022} \u{200e}1 página \u{200e}<adjunto: \u{200e}00000031-Lista de precios.pdf>\n\
         [29/3/25, 1:24:00\u{202f}p.\u{202f}m.] Tienda Luna: Gracias!\n",
    );
    assert_eq!(
        read(&ios).iter().map(|(time, author, _)| (*time, *author)).collect::<Vec<_>>(),
        vec![(at(2025, 3, 29, 1, 23, 5), "Carla"), (at(2025, 3, 29, 13, 24, 0), "Tienda Luna")]
    );
    assert_eq!(ios.messages[0].media, attached("00000031-Lista de precios.pdf"));
    assert!(ios.system_lines.is_empty(), "{:?}", ios.system_lines);
}
