//! Saved answers with the sample shop: scenario 2 (the blue question gets the variants answer with
//! the product filled in) and scenario 3 (on a Mercado Libre post-sale conversation the payment
//! answer uses the ML-safe version, and the lint says why the WhatsApp one would be blocked). The
//! copied text is read back from the clipboard.

use std::time::Duration;

use fantoccini::Locator;

use crate::driver::{RunningApp, selector};

fn clipboard_text() -> String {
    arboard::Clipboard::new().and_then(|mut c| c.get_text()).unwrap_or_default()
}

/// The inbox rows shown now; a list being re-rendered gives none rather than a stale-element error.
async fn rows_now(app: &RunningApp) -> Vec<fantoccini::elements::Element> {
    app.client.find_all(Locator::Css(&selector("inbox-row"))).await.unwrap_or_default()
}

async fn current_conversation(app: &RunningApp) -> Option<String> {
    let open = app.client.find(Locator::Css(&selector("conversation"))).await.ok()?;
    open.attr("data-conversation-id").await.ok().flatten()
}

/// Searches, clicks the row whose preview has `snippet`, and waits for `buyer`'s conversation.
async fn open_conversation(app: &RunningApp, search: &str, snippet: &str, buyer: &str) {
    let before = current_conversation(app).await;
    let field = app.wait_for("search").await;
    field.clear().await.expect("clear the search box");
    field.send_keys(search).await.expect("type in the search box");
    // Wait for this search's rows: the previous search's rows stay until the new page arrives.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        for row in rows_now(app).await {
            // The list re-renders when the search settles: a click on a row being replaced is lost,
            // so click again until the conversation shows.
            if row.text().await.unwrap_or_default().contains(snippet) && row.click().await.is_ok() {
                tokio::time::sleep(Duration::from_millis(700)).await;
                // (WebKitWebDriver reads no text from ellipsised titles: compare ids instead.)
                if current_conversation(app).await.is_some_and(|id| Some(id) != before) {
                    return;
                }
                break;
            }
        }
        if tokio::time::Instant::now() > deadline {
            let mut rows = Vec::new();
            for row in rows_now(app).await {
                rows.push(row.text().await.unwrap_or_default());
            }
            panic!("no conversation with {buyer} ({snippet:?}) for {search:?}: rows {rows:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_for_the_blue_question_and_the_post_sale_payment() {
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    app.wait_for("try-sample-shop").await.click().await.expect("load the sample shop");
    app.wait_for("inbox").await;

    // Scenario 2: "¿Lo tenés en azul?" suggests the variants answer first, above the composer.
    open_conversation(&app, "tenes en azul", "¿Lo tenés en azul?", "GABIROMERO_CBA").await;
    let suggestions = app.wait_for_count("answer-suggestion", 1).await;
    assert_eq!(suggestions[0].attr("data-shortcut").await.ok().flatten().as_deref(), Some("colores"));
    let why = suggestions[0].text().await.unwrap_or_default();
    assert!(why.contains("azul"), "the reason names the word: {why}");
    app.screenshot("answers-01-suggestions").await;
    suggestions[0].click().await.expect("choose the variants answer");
    let preview = app.wait_for("answer-preview").await.text().await.unwrap_or_default();
    assert!(preview.contains("Taza Cerámica Artesanal Esmaltada 350 Ml Hecha A Mano"), "{preview}");
    app.wait_for("answer-lint-ok").await;
    app.screenshot("answers-02-filled-variants").await;
    app.wait_for("answer-do").await.click().await.expect("insert");
    let draft = composer_text(&app).await;
    assert!(draft.contains("Taza Cerámica Artesanal Esmaltada"), "inserted into the composer: {draft:?}");
    app.wait_for("composer-copy").await.click().await.expect("copy");
    wait_for_clipboard(|text| text.contains("Taza Cerámica Artesanal Esmaltada")).await;

    // Scenario 3 through the "/" picker in a Mercado Libre post-sale conversation.
    open_conversation(&app, "no encuentro el número de seguimiento", "seguimiento", "Nicolás Herrera").await;
    let composer = app.wait_for("composer-text").await;
    composer.send_keys("/pag").await.expect("type a shortcut in the composer");
    let hits = app.wait_for_count("answer-hit", 1).await;
    assert_eq!(hits[0].attr("data-shortcut").await.ok().flatten().as_deref(), Some("pago"));
    app.screenshot("answers-03-slash-picker").await;
    hits[0].click().await.expect("choose the payment answer");

    // The ML post-sale version is used; the WhatsApp one is flagged with the reasons.
    let preview = app.wait_for("answer-preview").await.text().await.unwrap_or_default();
    assert!(preview.starts_with("¡Hola, Nicolás!"), "{preview}");
    assert!(!preview.contains("barro.serrano.mp"), "{preview}");
    let active = app.client.find(Locator::Css(".chip.active")).await.expect("the active version");
    assert_eq!(active.attr("data-version").await.ok().flatten().as_deref(), Some("ml_post_sale"));
    app.wait_for("answer-other-versions").await.click().await.expect("open the other versions");
    let others = app.wait_for("answer-other-versions").await.text().await.unwrap_or_default();
    assert!(others.contains("351 555-0142") && others.contains("Número de teléfono"), "{others}");
    assert!(others.contains("barro.serrano.mp"), "{others}");
    app.screenshot("answers-04-ml-safe-payment").await;

    // Picking the WhatsApp version on purpose: the lint explains and offers the safe one.
    app.client
        .find(Locator::Css(&format!("{}[data-version=\"whatsapp\"]", selector("answer-version"))))
        .await
        .expect("the WhatsApp version")
        .click()
        .await
        .expect("choose it");
    let lint = app.wait_for("answer-lint").await.text().await.unwrap_or_default();
    assert!(lint.contains("Número de teléfono: Mercado Libre lo elimina"), "{lint}");
    app.screenshot("answers-05-whatsapp-version-blocked").await;
    app.wait_for("answer-use-safe").await.click().await.expect("use the safe version");
    app.wait_for("answer-lint-ok").await;
    app.wait_for("answer-do").await.click().await.expect("insert");
    let draft = composer_text(&app).await;
    assert!(draft.starts_with("¡Hola, Nicolás!") && !draft.contains("/pag"), "{draft:?}");
    app.wait_for("composer-copy").await.click().await.expect("copy");
    wait_for_clipboard(|text| text.starts_with("¡Hola, Nicolás!") && !text.contains("351")).await;

    // The library.
    app.wait_for("answers-open-library").await.click().await.expect("open the library");
    app.wait_for("answers-library").await;
    let rows = app.wait_for_count("answers-row", 20).await;
    rows[0].click().await.expect("edit the first answer");
    app.wait_for("answer-body").await;
    app.screenshot("answers-06-library").await;

    // The quick picker, from the library's button (a global hotkey is not synthesised here): its own
    // always-on-top window; Enter copies the greeting (no buyer: the fallback fills in) and closes.
    let main_window = app.client.window().await.expect("the main window");
    app.wait_for("quick-picker-open").await.click().await.expect("open the quick picker");
    let quick = wait_for_second_window(&app, &main_window).await;
    app.client.switch_to_window(quick).await.expect("switch to the quick picker");
    let search = app.wait_for("quick-search").await;
    search.send_keys("/hola").await.expect("type in the quick picker");
    app.wait_for_count("quick-hit", 1).await;
    app.screenshot("answers-07-quick-picker").await;
    search.send_keys("\u{e007}").await.expect("press Enter");
    wait_for_clipboard(|text| text.starts_with("¡Hola, qué tal!")).await;
    for _ in 0..25 {
        if app.client.windows().await.map(|w| w.len()).unwrap_or(0) == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.client.windows().await.expect("windows").len(), 1, "the quick picker closed");
    app.client.switch_to_window(main_window).await.expect("back to the main window");

    // Deleting the selected answer asks first, in the app's own dialog (the dialog plugin makes
    // `window.confirm` asynchronous, so a plain `confirm` never stopped a delete). Keeping it
    // deletes nothing; confirming does.
    let before = app.all("answers-row").await.len();
    app.wait_for("answer-delete").await.click().await.expect("delete");
    app.wait_for("confirm-dialog").await;
    app.screenshot("answers-07b-delete-question").await;
    app.wait_for("confirm-no").await.click().await.expect("keep it");
    app.wait_for_elements("confirm-dialog", "no", |n| n == 0).await;
    assert_eq!(app.all("answers-row").await.len(), before, "keeping it deleted nothing");
    app.wait_for("answer-delete").await.click().await.expect("delete again");
    app.wait_for("confirm-yes").await.click().await.expect("confirm");
    app.wait_for_elements("answers-row", &format!("{} rows", before - 1), |n| n == before - 1).await;

    app.quit().await;
}

async fn wait_for_second_window(
    app: &RunningApp,
    main_window: &fantoccini::wd::WindowHandle,
) -> fantoccini::wd::WindowHandle {
    for _ in 0..50 {
        let windows = app.client.windows().await.unwrap_or_default();
        if let Some(other) = windows.into_iter().find(|w| w != main_window) {
            return other;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the quick picker window did not open");
}

async fn composer_text(app: &RunningApp) -> String {
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.wait_for("composer-text").await.prop("value").await.ok().flatten().unwrap_or_default()
}

async fn wait_for_clipboard(wanted: impl Fn(&str) -> bool) {
    let mut text = String::new();
    for _ in 0..25 {
        text = clipboard_text();
        if wanted(&text) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the clipboard holds {text:?}");
}

// ---- the quick picker's global shortcut

/// Presses keys on the X display the app runs on, as the seller would from any program: XTEST
/// events that go through the X server's key grabs, not through WebDriver.
async fn xdotool(args: &[&str]) {
    let status = tokio::process::Command::new("xdotool")
        .args(args)
        .status()
        .await
        .unwrap_or_else(|e| panic!("could not run xdotool (cargo xtask setup installs it): {e}"));
    assert!(status.success(), "xdotool {args:?} failed");
}

async fn window_count(app: &RunningApp) -> usize {
    app.client.windows().await.map(|w| w.len()).unwrap_or(0)
}

/// Presses `keys` until the quick picker opens: the shell registers the shortcut once the database
/// is open, a moment after the window shows.
async fn open_with_shortcut(
    app: &RunningApp,
    main_window: &fantoccini::wd::WindowHandle,
    keys: &str,
) -> fantoccini::wd::WindowHandle {
    for _ in 0..15 {
        xdotool(&["key", "--clearmodifiers", keys]).await;
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let windows = app.client.windows().await.unwrap_or_default();
            if let Some(other) = windows.into_iter().find(|w| w != main_window) {
                return other;
            }
        }
    }
    panic!("{keys} did not open the quick picker");
}

async fn wait_for_one_window(app: &RunningApp, why: &str) {
    for _ in 0..25 {
        if window_count(app).await == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{why}: {} windows are open", window_count(app).await);
}

/// Another program holding a key combination: a passive grab on the X root window, which makes the
/// app's own grab of the same keys fail with BadAccess. Released when dropped: the grab lives as
/// long as the connection.
struct HeldKeys {
    _connection: x11rb::rust_connection::RustConnection,
}

impl HeldKeys {
    fn hold(keysym: u32, modifiers: x11rb::protocol::xproto::ModMask) -> HeldKeys {
        use x11rb::connection::Connection;
        use x11rb::protocol::xproto::{ConnectionExt, GrabMode};
        let (conn, screen) = x11rb::connect(None).expect("connect to the X display");
        let root = conn.setup().roots[screen].root;
        let (first, last) = (conn.setup().min_keycode, conn.setup().max_keycode);
        let mapping = conn
            .get_keyboard_mapping(first, last - first + 1)
            .expect("keyboard mapping")
            .reply()
            .expect("mapping");
        let per_key = usize::from(mapping.keysyms_per_keycode);
        let index = mapping.keysyms.iter().position(|&sym| sym == keysym).expect("a key for the keysym");
        let keycode = first + u8::try_from(index / per_key).expect("keycode");
        conn.grab_key(false, root, modifiers, keycode, GrabMode::ASYNC, GrabMode::ASYNC)
            .expect("grab")
            .check()
            .expect("the test holds the keys");
        HeldKeys { _connection: conn }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_quick_picker_from_the_global_shortcut() {
    use x11rb::protocol::xproto::ModMask;
    // "Another program" already uses Ctrl+Alt+T (a terminal launcher, say).
    let _terminal = HeldKeys::hold(u32::from(b't'), ModMask::CONTROL | ModMask::M1);
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    app.wait_for("try-sample-shop").await.click().await.expect("load the sample shop");
    app.wait_for("inbox").await;
    let main_window = app.client.window().await.expect("the main window");

    // Ctrl+Shift+Space on the display, not in the webview: the always-on-top picker opens with its
    // search focused, so what the seller types lands there; Enter copies and closes it.
    let quick = open_with_shortcut(&app, &main_window, "ctrl+shift+space").await;
    app.client.switch_to_window(quick).await.expect("switch to the quick picker");
    let search = app.wait_for("quick-search").await;
    let focused = app
        .client
        .execute("return document.activeElement && document.activeElement.dataset.testid", vec![])
        .await
        .expect("read the focused element");
    assert_eq!(focused.as_str(), Some("quick-search"), "the search box has the focus");
    xdotool(&["type", "--delay", "60", "/hola"]).await;
    app.wait_for_count("quick-hit", 1).await;
    assert_eq!(search.prop("value").await.ok().flatten().as_deref(), Some("/hola"), "typed on the keyboard");
    app.screenshot("answers-08-global-shortcut").await;
    xdotool(&["key", "--clearmodifiers", "Return"]).await;
    wait_for_clipboard(|text| text.starts_with("¡Hola, qué tal!")).await;
    wait_for_one_window(&app, "Enter copies and closes the quick picker").await;
    app.client.switch_to_window(main_window.clone()).await.expect("back to the main window");

    // Settings: the keys in effect; pressing keys another program holds is refused with a plain
    // message and the old shortcut stays; free keys are registered, saved and work at once.
    app.wait_for("open-settings").await.click().await.expect("open settings");
    app.wait_for_text("quick-shortcut-keys", "Ctrl+Shift+Space").await;
    app.wait_for("quick-shortcut-change").await.click().await.expect("change the shortcut");
    let field = app.wait_for("quick-shortcut-input").await;
    field.send_keys("\u{e009}\u{e00a}t").await.expect("press Ctrl+Alt+T");
    let refused = app.wait_for("error-banner").await;
    assert_eq!(
        refused.attr("data-error-code").await.ok().flatten().as_deref(),
        Some("global_shortcut_taken")
    );
    app.wait_for_text("quick-shortcut-keys", "Ctrl+Shift+Space").await;
    app.screenshot("answers-09-shortcut-taken").await;
    app.wait_for("quick-shortcut-change").await.click().await.expect("change the shortcut again");
    let field = app.wait_for("quick-shortcut-input").await;
    field.send_keys("\u{e009}\u{e00a}k").await.expect("press Ctrl+Alt+K");
    app.wait_for_text("quick-shortcut-keys", "Ctrl+Alt+K").await;
    app.wait_for("quick-shortcut-saved").await;
    app.screenshot("answers-10-shortcut-changed").await;
    app.wait_for("close-settings").await.click().await.expect("close settings");

    // The new keys open the picker, Esc closes it; the old ones no longer do anything.
    let quick = open_with_shortcut(&app, &main_window, "ctrl+alt+k").await;
    app.client.switch_to_window(quick).await.expect("switch to the quick picker");
    app.wait_for("quick-search").await;
    xdotool(&["key", "--clearmodifiers", "Escape"]).await;
    wait_for_one_window(&app, "Esc closes the quick picker").await;
    app.client.switch_to_window(main_window.clone()).await.expect("back to the main window");
    xdotool(&["key", "--clearmodifiers", "ctrl+shift+space"]).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(window_count(&app).await, 1, "the old shortcut was released");

    app.quit().await;
}
