//! Saved answers: the library, search, suggestions, filling for a paste, the lint and the clipboard.
//! Each command parses, calls the core and maps the error; writes tell the UI the store changed.

use mostrador_core::answers::{
    AnswerChannel, AnswerFacts, AnswerFileFormat, AnswerHit, AnswerImportReport, AnswerInput,
    AnswerSuggestion, LintReport, RenderRequest, RenderedAnswer, SavedAnswer,
};
use mostrador_core::vocabulary::Language;
use tauri::State;
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// The whole saved-answers library.
#[tauri::command]
pub async fn answers_list(core: State<'_, CoreHandle>) -> Result<Vec<SavedAnswer>, IpcError> {
    core.run(|core| core.answers()).await
}

/// The saved answers that match `query` (fuzzy, best first), at most `limit`.
#[tauri::command]
pub async fn answers_search(
    query: String,
    limit: u32,
    core: State<'_, CoreHandle>,
) -> Result<Vec<AnswerHit>, IpcError> {
    core.run(move |core| core.search_answers(&query, limit)).await
}

/// Saved answers that may answer a buyer's `message`, best first, at most `limit`.
#[tauri::command]
pub async fn answers_suggest(
    message: String,
    limit: u32,
    core: State<'_, CoreHandle>,
) -> Result<Vec<AnswerSuggestion>, IpcError> {
    core.run(move |core| core.suggest_answers(&message, limit)).await
}

/// Creates (`id` null) or updates an answer; returns its id.
#[tauri::command]
pub async fn answer_save(
    id: Option<i64>,
    input: AnswerInput,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let id = core
        .run(move |core| match id {
            Some(id) => core.update_answer(id, &input, now()).map(|()| id),
            None => core.create_answer(&input, now()),
        })
        .await?;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Deletes a saved answer.
#[tauri::command]
pub async fn answer_delete(
    id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.delete_answer(id)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// An answer filled for a paste: its variables replaced, what is still missing, the channel's lint.
#[tauri::command]
pub async fn answer_render(
    id: i64,
    request: RenderRequest,
    core: State<'_, CoreHandle>,
) -> Result<RenderedAnswer, IpcError> {
    core.run(move |core| core.render_answer(id, &request, now())).await
}

/// Why a channel would refuse or cut `text` (its length limit, Mercado Libre's moderation).
#[tauri::command]
pub async fn answers_lint(text: String, channel: AnswerChannel) -> Result<LintReport, IpcError> {
    Ok(mostrador_core::answers::lint(&text, channel, &[]))
}

/// Puts the final text on the clipboard and counts the use.
#[tauri::command]
pub async fn answer_copy(
    id: i64,
    text: String,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    app.clipboard().write_text(text.clone()).map_err(|e| IpcError::internal(e.to_string()))?;
    core.run(move |core| core.record_answer_use(id, &text, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Counts a use of an answer inserted into the composer (the composer copies the message itself).
#[tauri::command]
pub async fn answer_used(id: i64, text: String, core: State<'_, CoreHandle>) -> Result<(), IpcError> {
    core.run(move |core| core.record_answer_use(id, &text, now())).await
}

/// Adds the starter answers in `language`; returns how many were added.
#[tauri::command]
pub async fn answers_install_starter(
    language: Language,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<u32, IpcError> {
    let added = core.run(move |core| core.install_starter_answers(language, now())).await?;
    super::notify_store_changed(&app);
    Ok(added)
}

/// The shop's facts the answers' variables read (payment alias, pickup place, phone).
#[tauri::command]
pub async fn answer_facts_get(core: State<'_, CoreHandle>) -> Result<AnswerFacts, IpcError> {
    core.run(|core| core.answer_facts()).await
}

/// Saves the shop's facts the answers' variables read.
#[tauri::command]
pub async fn answer_facts_save(facts: AnswerFacts, core: State<'_, CoreHandle>) -> Result<(), IpcError> {
    core.run(move |core| core.save_answer_facts(&facts)).await
}

/// Writes the library to the data folder's `exports/` and returns the file's path.
#[tauri::command]
pub async fn answers_export(
    format: AnswerFileFormat,
    core: State<'_, CoreHandle>,
) -> Result<String, IpcError> {
    let path = core.run(move |core| core.export_answers_to_folder(format, now())).await?;
    Ok(path.to_string_lossy().into_owned())
}

/// Imports answers from a file's text in `format`; says how many were added and how many replaced
/// an answer with the same shortcut.
#[tauri::command]
pub async fn answers_import(
    text: String,
    format: AnswerFileFormat,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<AnswerImportReport, IpcError> {
    let report = core.run(move |core| core.import_answers(&text, format, now())).await?;
    super::notify_store_changed(&app);
    Ok(report)
}

/// Copies a file (image or PDF) into the data folder and lists it with the answer.
#[tauri::command]
pub async fn answer_attach(
    answer_id: i64,
    path: String,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let id = core.run(move |core| core.add_answer_attachment(answer_id, std::path::Path::new(&path))).await?;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Removes an attachment from its answer.
#[tauri::command]
pub async fn answer_detach(
    attachment_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.remove_answer_attachment(attachment_id)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Puts an image attachment on the clipboard (it replaces the text: a clipboard holds one item).
#[tauri::command]
pub async fn answer_copy_image(
    attachment_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    let rgba = core
        .run(move |core| {
            crate::answer_image::decode(std::path::Path::new(
                &core.answer_attachment(attachment_id)?.local_path,
            ))
        })
        .await?;
    let image = tauri::image::Image::new_owned(rgba.pixels, rgba.width, rgba.height);
    app.clipboard().write_image(&image).map_err(|e| IpcError::internal(e.to_string()))
}

/// The in-app way to the quick picker (the global shortcut opens the same window).
#[tauri::command]
pub async fn quick_picker_open(app: tauri::AppHandle) -> Result<(), IpcError> {
    crate::quick_picker::open(&app).map_err(|e| IpcError::internal(e.to_string()))
}

/// Closes the quick picker (after a copy, or Esc); only that window may call it.
#[tauri::command]
pub async fn quick_picker_close(window: tauri::WebviewWindow) -> Result<(), IpcError> {
    window.close().map_err(|e| IpcError::internal(e.to_string()))
}

include!(concat!(env!("OUT_DIR"), "/declared/answers.rs"));
