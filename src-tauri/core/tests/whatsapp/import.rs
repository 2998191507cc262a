//! Importing exports into a real store: accounts, "me", buyers, groups, re-imports, zips, errors.

use std::io::Write;
use std::path::{Path, PathBuf};

use mostrador_core::Error;
use mostrador_core::conversations::MessageView;
use mostrador_core::vocabulary::Direction;
use mostrador_core::whatsapp::{
    DateOrder, LeftOutGroup, LeftOutLine, LeftOutReason, NoticeKind, UnreadableReason, WhatsAppImportOptions,
};

use crate::shop::{NOW, Shop, shop};

impl Shop {
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn messages(&self, conversation_id: i64) -> Vec<MessageView> {
        self.app.conversation(conversation_id, NOW).unwrap().messages
    }
}

fn me(name: &str) -> WhatsAppImportOptions {
    WhatsAppImportOptions {
        me: Some(name.into()),
        time_zone: Some("America/Argentina/Cordoba".into()),
        ..WhatsAppImportOptions::default()
    }
}

fn code(error: Error) -> &'static str {
    error.code()
}

const ANA: &str = "\
12/3/25, 09:10 - Los mensajes y las llamadas están cifrados de extremo a extremo.
12/3/25, 09:11 - Ana Gómez: Hola! ¿Tenés la taza azul?
12/3/25, 09:15 - Lucía: Sí, me quedan dos.
La grande sale $15.000
13/3/25, 18:02 - Ana Gómez: Genial, la quiero
13/3/25, 18:02 - Ana Gómez: Genial, la quiero
";

#[test]
fn a_two_person_chat_needs_me_then_imports_in_order() {
    let shop = shop();
    let path = shop.file("WhatsApp Chat with Ana Gómez.txt", ANA);
    let without_me = WhatsAppImportOptions { time_zone: Some("UTC".into()), ..Default::default() };

    let preview = shop.app.whatsapp_preview(&path, &without_me).unwrap();
    assert!(preview.needs_me);
    assert_eq!(preview.chat_name, None);
    assert_eq!(preview.message_count, 4);
    assert_eq!(preview.system_line_count, 1);
    assert_eq!(
        preview.authors.iter().map(|a| (a.name.as_str(), a.messages)).collect::<Vec<_>>(),
        vec![("Ana Gómez", 3), ("Lucía", 1)]
    );
    assert_eq!(preview.first_messages.len(), 3);
    assert_eq!(preview.first_messages[0].text, "Hola! ¿Tenés la taza azul?");
    assert_eq!(preview.last_messages.len(), 1);
    assert_eq!(preview.date_order.used, DateOrder::DayFirst);
    assert_eq!(preview.account_id, None);

    let error = shop.app.whatsapp_import(&path, &without_me, NOW).unwrap_err();
    assert_eq!(code(error), "whatsapp_choose_me");
    assert_eq!(shop.app.stats().unwrap().messages, 0, "nothing written");

    let report = shop.app.whatsapp_import(&path, &me("Lucía"), NOW).unwrap();
    assert_eq!((report.inserted, report.unchanged), (4, 0));
    assert_eq!(report.chat_name, "Ana Gómez");
    let messages = shop.messages(report.conversation_id);
    let seen: Vec<(&str, Direction, &str)> =
        messages.iter().map(|m| (m.author.as_str(), m.direction, m.text.as_str())).collect();
    assert_eq!(
        seen,
        vec![
            ("Ana Gómez", Direction::Incoming, "Hola! ¿Tenés la taza azul?"),
            ("Lucía", Direction::Outgoing, "Sí, me quedan dos.\nLa grande sale $15.000"),
            ("Ana Gómez", Direction::Incoming, "Genial, la quiero"),
            ("Ana Gómez", Direction::Incoming, "Genial, la quiero"),
        ]
    );
    // 09:11 in Córdoba (UTC−3).
    assert_eq!(messages[0].sent_at, 1_741_781_460);

    // "Me" is remembered for the account: the next import needs no --me.
    let again = shop
        .app
        .whatsapp_import(
            &path,
            &WhatsAppImportOptions {
                time_zone: Some("America/Argentina/Cordoba".into()),
                ..Default::default()
            },
            NOW,
        )
        .unwrap();
    assert_eq!((again.inserted, again.unchanged, again.updated), (0, 4, 0));
    assert_eq!(again.account_id, report.account_id);
    let preview = shop.app.whatsapp_preview(&path, &me("Lucía")).unwrap();
    assert_eq!(preview.already_imported, 4);
    assert_eq!(preview.chat_name.as_deref(), Some("Ana Gómez"));
}

#[test]
fn a_newer_overlapping_export_adds_only_the_new_messages_in_place() {
    let shop = shop();
    let first = shop.file("WhatsApp Chat with Ana Gómez.txt", ANA);
    let report = shop.app.whatsapp_import(&first, &me("Lucía"), NOW).unwrap();
    // The newer export starts later (old part scrolled away) and goes on.
    let newer = shop.file(
        "WhatsApp Chat with Ana Gómez (1).txt",
        "12/3/25, 09:15 - Lucía: Sí, me quedan dos.\nLa grande sale $15.000\n\
         13/3/25, 18:02 - Ana Gómez: Genial, la quiero\n13/3/25, 18:02 - Ana Gómez: Genial, la quiero\n\
         14/3/25, 10:00 - Lucía: Te la mando hoy\n14/3/25, 10:05 - Ana Gómez: Gracias!!\n",
    );
    let second = shop.app.whatsapp_import(&newer, &me("Lucía"), NOW).unwrap();
    assert_eq!((second.inserted, second.unchanged), (2, 4 - 1));
    assert_eq!(second.conversation_id, report.conversation_id);
    let texts: Vec<String> = shop.messages(report.conversation_id).into_iter().map(|m| m.text).collect();
    assert_eq!(
        texts,
        vec![
            "Hola! ¿Tenés la taza azul?",
            "Sí, me quedan dos.\nLa grande sale $15.000",
            "Genial, la quiero",
            "Genial, la quiero",
            "Te la mando hoy",
            "Gracias!!",
        ]
    );
    assert_eq!(shop.app.stats().unwrap().conversations, 1);
}

#[test]
fn a_group_is_one_conversation_with_several_authors() {
    let shop = shop();
    let path = shop.file(
        "WhatsApp Chat with Pedidos feria.txt",
        "1/4/25, 10:00 - Lucía creó el grupo \"Pedidos feria\"\n\
         1/4/25, 10:03 - Ana: Hola a todas\n\
         1/4/25, 10:04 - Marta: Buenas! ¿A qué hora?\n\
         1/4/25, 10:05 - Lucía: A las 10 en la plaza\n",
    );
    let report = shop.app.whatsapp_import(&path, &me("Lucía"), NOW).unwrap();
    assert_eq!(report.chat_name, "Pedidos feria");
    let view = shop.app.conversation(report.conversation_id, NOW).unwrap();
    assert_eq!(view.summary.subject.as_deref(), Some("Pedidos feria"));
    assert_eq!(view.buyer.name, "Pedidos feria");
    let authors: Vec<&str> = view.messages.iter().map(|m| m.author.as_str()).collect();
    assert_eq!(authors, vec!["Ana", "Marta", "Lucía"]);
    assert_eq!(shop.app.stats().unwrap().conversations, 1);
}

#[test]
fn a_chat_with_a_phone_number_is_keyed_by_the_number() {
    let shop = shop();
    let path = shop.file(
        "chat.txt",
        "12/3/25, 09:11 - +54 9 351 555-1234: Hola, vi tu publicación\n12/3/25, 09:20 - Lucía: Hola!\n",
    );
    let report = shop.app.whatsapp_import(&path, &me("Lucía"), NOW).unwrap();
    let buyer = shop.app.buyer_id_by_identity(report.account_id, "+5493515551234").unwrap();
    assert!(buyer.is_some());
    let view = shop.app.conversation(report.conversation_id, NOW).unwrap();
    assert_eq!(view.buyer.identities[0].phone.as_deref(), Some("+54 9 351 555-1234"));
}

#[test]
fn the_shop_time_zone_is_the_default_and_an_unknown_zone_is_refused() {
    let shop = shop();
    let mut settings = shop.app.settings().unwrap();
    settings.time_zone = Some("America/Sao_Paulo".into());
    shop.app.save_settings(&settings).unwrap();
    let path = shop.file("x.txt", "[2018/06/13, 21:25:15] Bia: Oi! Tem a caneca?\n");
    let preview = shop.app.whatsapp_preview(&path, &WhatsAppImportOptions::default()).unwrap();
    assert_eq!(preview.time_zone, "America/Sao_Paulo");
    assert!(!preview.needs_me, "a single author is the buyer");
    assert_eq!(preview.first_messages[0].sent_at, 1_528_935_915); // 21:25:15 at UTC−3
    let bad = WhatsAppImportOptions { time_zone: Some("Mars/Olympus".into()), ..Default::default() };
    assert_eq!(code(shop.app.whatsapp_preview(&path, &bad).unwrap_err()), "whatsapp_unknown_time_zone");
}

#[test]
fn me_must_be_one_of_the_authors() {
    let shop = shop();
    let path = shop.file("a.txt", ANA);
    let error = shop.app.whatsapp_import(&path, &me("Pedro"), NOW).unwrap_err();
    assert_eq!(code(error), "whatsapp_me_not_an_author");
}

fn zip(path: &Path, files: &[(&str, &[u8])]) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in files {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn a_zip_export_keeps_its_media_in_the_data_folder() {
    let shop = shop();
    let path = shop.dir.path().join("WhatsApp Chat - Bia.zip");
    let chat = "\u{feff}[13/06/18, 21:25:15] Bia: Oi! Tem a caneca?\n\
                [13/06/18, 21:26:00] Bia: \u{200e}<anexado: 00000042-PHOTO-2018-06-13-21-26-00.jpg>\n\
                essa aqui\n\
                [13/06/18, 21:30:00] Lucía: Tenho sim\n";
    zip(
        &path,
        &[("_chat.txt", chat.as_bytes()), ("00000042-PHOTO-2018-06-13-21-26-00.jpg", b"\xFF\xD8\xFFjpeg")],
    );
    let preview = shop.app.whatsapp_preview(&path, &me("Lucía")).unwrap();
    assert_eq!(preview.media_files_in_zip, 1);
    assert_eq!(preview.media_count, 1);
    let report = shop.app.whatsapp_import(&path, &me("Lucía"), NOW).unwrap();
    assert_eq!((report.inserted, report.media_copied), (3, 1));
    let photo = &shop.messages(report.conversation_id)[1];
    assert_eq!(photo.text, "essa aqui");
    let attachment = &photo.attachments[0];
    assert_eq!(attachment.file_name, "00000042-PHOTO-2018-06-13-21-26-00.jpg");
    assert_eq!(attachment.mime_type.as_deref(), Some("image/jpeg"));
    let local = attachment.local_path.as_deref().unwrap();
    assert!(local.starts_with(&format!("media/whatsapp/{}/", report.account_id)), "{local}");
    assert_eq!(std::fs::read(shop.dir.path().join(local)).unwrap(), b"\xFF\xD8\xFFjpeg");
    // Again: nothing new, the file is not copied twice.
    let again = shop.app.whatsapp_import(&path, &me("Lucía"), NOW).unwrap();
    assert_eq!(again.inserted, 0);
}

#[test]
fn media_names_with_invisible_marks_in_the_chat_or_the_zip_still_find_their_file() {
    let shop = shop();
    let path = shop.dir.path().join("WhatsApp Chat mit Jonas.zip");
    let chat = "13.06.18, 14:07 - Jonas: \u{200e}IMG-20180613-WA0003.jpg (Datei angehängt)\n\
                13.06.18, 14:08 - Jonas: IMG-20180613-WA0004.jpg (Datei angehängt)\n\
                13.06.18, 14:09 - Werkstatt: Danke!\n";
    zip(
        &path,
        &[
            ("WhatsApp Chat mit Jonas.txt", chat.as_bytes()),
            ("IMG-20180613-WA0003.jpg", b"\xFF\xD8\xFFone"),
            ("\u{200e}IMG-20180613-WA0004.jpg", b"\xFF\xD8\xFFtwo"),
        ],
    );
    let report = shop.app.whatsapp_import(&path, &me("Werkstatt"), NOW).unwrap();
    assert_eq!((report.inserted, report.media_copied), (3, 2));
    let messages = shop.messages(report.conversation_id);
    for (message, bytes) in messages.iter().zip([&b"\xFF\xD8\xFFone"[..], &b"\xFF\xD8\xFFtwo"[..]]) {
        let attachment = &message.attachments[0];
        assert!(!attachment.file_name.contains('\u{200e}'), "{:?}", attachment.file_name);
        let local = attachment.local_path.as_deref().unwrap();
        assert_eq!(std::fs::read(shop.dir.path().join(local)).unwrap(), bytes);
    }
}

#[test]
fn the_preview_says_what_is_left_out_and_why_with_the_first_lines_of_each() {
    let shop = shop();
    let path = shop.file(
        "WhatsApp Chat with Pedidos feria.txt",
        "Exportado el 2 de abril\n\
         1/4/25, 10:00 - Los mensajes y las llamadas están cifrados de extremo a extremo.\n\
         1/4/25, 10:00 - Lucía creó el grupo \"Pedidos feria\"\n\
         1/4/25, 10:01 - Lucía añadió a Ana\n\
         1/4/25, 10:02 - Ana: Hola a todas\n\
         1/4/25, 25:03 - Ana: ¿a qué hora abren?\n\
         y dónde\n\
         1/4/25, 10:04 - Marta: A las 10\n",
    );
    let preview = shop.app.whatsapp_preview(&path, &me("Marta")).unwrap();
    assert_eq!(preview.message_count, 2);
    let line = |line: u32, text: &str| LeftOutLine { line, text: text.into() };
    assert_eq!(
        preview.left_out,
        vec![
            LeftOutGroup {
                reason: LeftOutReason::Notices {
                    kinds: vec![NoticeKind::GroupChange, NoticeKind::Encryption]
                },
                count: 3,
                lines: vec![
                    line(2, "Los mensajes y las llamadas están cifrados de extremo a extremo."),
                    line(3, "Lucía creó el grupo \"Pedidos feria\""),
                    line(4, "Lucía añadió a Ana"),
                ],
            },
            LeftOutGroup {
                reason: LeftOutReason::Unreadable { reason: UnreadableReason::BeforeFirstMessage },
                count: 1,
                lines: vec![line(1, "Exportado el 2 de abril")],
            },
            LeftOutGroup {
                reason: LeftOutReason::Unreadable { reason: UnreadableReason::ImpossibleTime },
                count: 2,
                lines: vec![line(6, "1/4/25, 25:03 - Ana: ¿a qué hora abren?"), line(7, "y dónde")],
            },
        ]
    );
    // Every line is accounted for: a message, or left out for a reason the preview gives.
    let left_out: u32 = preview.left_out.iter().map(|g| g.count).sum();
    assert_eq!(preview.message_count + left_out, preview.line_count);
}

#[test]
fn bad_files_get_clear_errors_and_write_nothing() {
    let shop = shop();
    let no_chat = shop.dir.path().join("fotos.zip");
    zip(&no_chat, &[("IMG-1.jpg", b"\xFF\xD8")]);
    let empty = shop.file("empty.txt", "");
    let prose = shop.file("notas.txt", "Lista de precios\nTaza grande 15000\n");
    let binary = shop.dir.path().join("foto.txt");
    std::fs::write(&binary, (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<u8>>()).unwrap();
    // 201 MB without writing them: the size is refused before anything is read.
    let huge = shop.dir.path().join("huge.txt");
    std::fs::File::create(&huge).unwrap().set_len(201 * 1024 * 1024).unwrap();
    // Exactly one byte over the limit is refused too; a zip that is not a zip says it is damaged.
    let just_over = shop.dir.path().join("just-over.txt");
    std::fs::File::create(&just_over).unwrap().set_len(200 * 1024 * 1024 + 1).unwrap();
    let broken_zip = shop.dir.path().join("chat.zip");
    std::fs::write(&broken_zip, b"PK\x03\x04 cut short").unwrap();
    // A chat in UTF-16 without its BOM but with a stray lone surrogate: not text.
    let bad_utf16 = shop.dir.path().join("utf16.txt");
    let mut units: Vec<u16> = "12/3/25, 09:11 - Ana: Hola\n".encode_utf16().collect();
    units.insert(5, 0xD800);
    std::fs::write(&bad_utf16, units.iter().flat_map(|u| u.to_le_bytes()).collect::<Vec<u8>>()).unwrap();
    for (path, expected) in [
        (&no_chat, "whatsapp_zip_without_chat"),
        (&empty, "whatsapp_empty"),
        (&prose, "whatsapp_not_an_export"),
        (&binary, "whatsapp_binary"),
        (&huge, "whatsapp_too_large"),
        (&just_over, "whatsapp_too_large"),
        (&broken_zip, "whatsapp_bad_zip"),
        (&bad_utf16, "whatsapp_binary"),
    ] {
        // The preview (what the UI asks first) and the import refuse alike.
        let error = shop.app.whatsapp_preview(path, &me("Lucía")).unwrap_err();
        assert_eq!(code(error), expected, "preview of {}", path.display());
        let error = shop.app.whatsapp_import(path, &me("Lucía"), NOW).unwrap_err();
        assert_eq!(code(error), expected, "{}", path.display());
    }
    assert_eq!(shop.app.stats().unwrap().accounts, 0);
    assert!(!shop.dir.path().join("media").exists(), "no media folder for refused files");
}

#[test]
fn a_utf16_export_imports_like_its_utf8_twin() {
    let shop = shop();
    // Exported by another program as UTF-16 LE with a BOM, CRLF line ends.
    let mut bytes = vec![0xFF, 0xFE];
    ANA.replace('\n', "\r\n").encode_utf16().for_each(|u| bytes.extend(u.to_le_bytes()));
    let path = shop.dir.path().join("WhatsApp Chat with Ana Gómez.txt");
    std::fs::write(&path, bytes).unwrap();
    let preview = shop.app.whatsapp_preview(&path, &me("Lucía")).unwrap();
    assert_eq!(preview.message_count, 4);
    let report = shop.app.whatsapp_import(&path, &me("Lucía"), NOW).unwrap();
    assert_eq!(report.inserted, 4);
    let texts: Vec<String> = shop.messages(report.conversation_id).into_iter().map(|m| m.text).collect();
    assert_eq!(texts[1], "Sí, me quedan dos.\nLa grande sale $15.000");

    // The same chat as UTF-8 afterwards adds nothing: same messages, same ids.
    let twin = shop.file("WhatsApp Chat with Ana Gómez (1).txt", ANA);
    assert_eq!(shop.app.whatsapp_import(&twin, &me("Lucía"), NOW).unwrap().inserted, 0);
}
