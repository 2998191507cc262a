//! Orders and their threads: create, edit, move along the pipeline, sort messages, the today view.

use mostrador_core::orders::{NewOrder, OrderUpdate, OrderView, ThreadFilter, ThreadMessage, TodayView};
use mostrador_core::vocabulary::OrderStage;
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// Creates an order and moves the given messages into it; returns its id.
#[tauri::command]
pub async fn order_create(
    order: NewOrder,
    message_ids: Vec<i64>,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let order_id = core.run(move |core| core.create_order_from_messages(&order, &message_ids, now())).await?;
    super::notify_store_changed(&app);
    Ok(order_id)
}

/// The conversation of a channel order (its Mercado Libre purchase), started empty when nobody has
/// written yet so the seller can open it with a reason; returns its id.
#[tauri::command]
pub async fn order_start_thread(
    order_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let conversation_id = core.run(move |core| core.start_order_thread(order_id, now())).await?;
    super::notify_store_changed(&app);
    Ok(conversation_id)
}

/// One order with its items, delivery, payment and what is still missing.
#[tauri::command]
pub async fn order_get(order_id: i64, core: State<'_, CoreHandle>) -> Result<OrderView, IpcError> {
    core.run(move |core| core.order(order_id)).await
}

/// Saves an order's edited fields.
#[tauri::command]
pub async fn order_update(
    order_id: i64,
    update: OrderUpdate,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.update_order(order_id, &update, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Moves an order to another stage of the pipeline.
#[tauri::command]
pub async fn order_set_stage(
    order_id: i64,
    stage: OrderStage,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.set_order_stage(order_id, stage, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Puts messages in an order; `order_id` null moves them out of any order ("unsorted").
#[tauri::command]
pub async fn order_assign_messages(
    order_id: Option<i64>,
    message_ids: Vec<i64>,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.assign_messages(order_id, &message_ids)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// The conversation's messages narrowed to one order (across the buyer's channels) or to none.
#[tauri::command]
pub async fn thread_messages(
    conversation_id: i64,
    filter: ThreadFilter,
    core: State<'_, CoreHandle>,
) -> Result<Vec<ThreadMessage>, IpcError> {
    core.run(move |core| core.thread_messages(conversation_id, filter)).await
}

/// The Today list: agreed orders not yet handed over, by due date, overdue first.
#[tauri::command]
pub async fn today_view(core: State<'_, CoreHandle>) -> Result<TodayView, IpcError> {
    core.run(|core| core.today(now())).await
}

include!(concat!(env!("OUT_DIR"), "/declared/orders.rs"));
