//! The composer's mode per conversation: send for connected Mercado Libre and Telegram accounts,
//! copy for everything else (the existing copy flow stays as it was).

use mostrador_core::accounts::NewAccount;
use mostrador_core::replies::SendMode;
use mostrador_core::vocabulary::{ChannelKind, ConversationKind};

use crate::fixtures::*;

#[test]
fn conversation_views_say_how_the_reply_goes_out() {
    let shop = shop();
    let kinds = [
        (shop.ml, "q-1", ConversationKind::PreSaleQuestion),
        (shop.ml, "pack-1", ConversationKind::PostSale),
        (shop.telegram, "chat-1", ConversationKind::Chat),
    ];
    for (account, thread, kind) in kinds {
        shop.app
            .commit_sync(
                account,
                &batch(vec![incoming(account, thread, kind, thread, NOW, "Hola")], vec![]),
                NOW,
            )
            .unwrap();
    }
    let send =
        |account, thread| shop.app.conversation(conversation_id(&shop, account, thread), NOW).unwrap().send;

    let question = send(shop.ml, "q-1");
    assert_eq!(
        (question.mode, question.max_chars, question.public_and_permanent),
        (SendMode::Send, Some(2000), true)
    );
    let pack = send(shop.ml, "pack-1");
    assert_eq!((pack.mode, pack.max_chars, pack.public_and_permanent), (SendMode::Send, Some(350), false));
    let chat = send(shop.telegram, "chat-1");
    assert_eq!((chat.mode, chat.max_chars, chat.reply_until), (SendMode::Send, Some(4096), None));

    shop.app
        .ingest(&[incoming(shop.whatsapp, "wa-1", ConversationKind::Chat, "w1", NOW, "Hola")], NOW)
        .unwrap();
    assert_eq!(send(shop.whatsapp, "wa-1").mode, SendMode::Copy);

    // A Mercado Libre account added by hand (or the sample shop's) has no connector: it copies.
    let manual = shop
        .app
        .add_account(
            &NewAccount {
                channel: ChannelKind::MercadoLibre,
                display_name: "ML a mano".into(),
                external_id: None,
                settings: serde_json::json!({"site_id": "MLA"}),
            },
            NOW,
        )
        .unwrap();
    shop.app
        .ingest(&[incoming(manual, "pack-2", ConversationKind::PostSale, "x", NOW, "Hola")], NOW)
        .unwrap();
    let copy = send(manual, "pack-2");
    assert_eq!((copy.mode, copy.max_chars), (SendMode::Copy, Some(350)));
    // The copy flow is untouched there.
    let conversation = conversation_id(&shop, manual, "pack-2");
    shop.app.record_copied_reply(conversation, "Ya sale", NOW).unwrap();
    assert_eq!(shop.app.send_capability(conversation).unwrap(), copy);
}
