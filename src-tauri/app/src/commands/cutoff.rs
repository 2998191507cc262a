//! Cut-off notices and capacity: the shop calendar, its closed dates and deadlines, and the
//! answers the inbox banner, the calendar view and the order card show.

use mostrador_core::cutoff::{
    CalendarSettings, CapacityDay, CapacityOverride, ClosedDate, CutoffBanner, DeadlineView, OrderPromise,
    ProductProfile, SeasonalDeadline,
};
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// The inbox banner: today's countdown to the cut-off and the next deadline when near.
#[tauri::command]
pub async fn cutoff_banner(core: State<'_, CoreHandle>) -> Result<CutoffBanner, IpcError> {
    core.run(|core| core.cutoff_banner(now())).await
}

/// The shop calendar: time zone, working days, daily cut-off, capacity and default processing time.
#[tauri::command]
pub async fn calendar_settings_get(core: State<'_, CoreHandle>) -> Result<CalendarSettings, IpcError> {
    core.run(|core| core.calendar_settings()).await
}

/// Saves the shop calendar.
#[tauri::command]
pub async fn calendar_settings_save(
    settings: CalendarSettings,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.save_calendar_settings(&settings)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Closed dates between two `YYYY-MM-DD` dates, inclusive.
#[tauri::command]
pub async fn closed_dates_list(
    from: String,
    to: String,
    core: State<'_, CoreHandle>,
) -> Result<Vec<ClosedDate>, IpcError> {
    core.run(move |core| core.closed_dates(&from, &to)).await
}

/// Adds or replaces a closed date (holiday, vacation, one-off).
#[tauri::command]
pub async fn closed_date_save(
    closed: ClosedDate,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.save_closed_date(&closed)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Reopens a closed date.
#[tauri::command]
pub async fn closed_date_delete(
    date: String,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.delete_closed_date(&date)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Adds a country's public holidays for a year, keeping dates already set; returns how many
/// were added.
#[tauri::command]
pub async fn holidays_apply(
    country: String,
    year: i32,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<u32, IpcError> {
    let added = core.run(move |core| core.apply_holiday_preset(&country, year)).await?;
    super::notify_store_changed(&app);
    Ok(added)
}

/// The seasonal deadlines (Christmas, Mother's Day…) and their dates.
#[tauri::command]
pub async fn seasonal_deadlines_list(core: State<'_, CoreHandle>) -> Result<Vec<SeasonalDeadline>, IpcError> {
    core.run(|core| core.seasonal_deadlines()).await
}

/// Creates (its `id` null) or updates a seasonal deadline; returns its id.
#[tauri::command]
pub async fn seasonal_deadline_save(
    deadline: SeasonalDeadline,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let id = core.run(move |core| core.save_seasonal_deadline(&deadline, now())).await?;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Deletes a seasonal deadline.
#[tauri::command]
pub async fn seasonal_deadline_delete(
    id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.delete_seasonal_deadline(id)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Capacity and bookings per day, `from`–`to` inclusive (at most 400 days).
#[tauri::command]
pub async fn capacity_calendar(
    from: String,
    to: String,
    core: State<'_, CoreHandle>,
) -> Result<Vec<CapacityDay>, IpcError> {
    core.run(move |core| core.capacity_calendar(&from, &to, now())).await
}

/// Sets a day's capacity in pieces; `pieces` null goes back to the shop's default.
#[tauri::command]
pub async fn capacity_override_set(
    date: String,
    pieces: Option<u32>,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.set_capacity_override(&date, pieces)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Promised dates of the conversation's orders and inquiries.
#[tauri::command]
pub async fn order_promises(
    conversation_id: i64,
    core: State<'_, CoreHandle>,
) -> Result<Vec<OrderPromise>, IpcError> {
    core.run(move |core| core.order_promises(Some(conversation_id), now())).await
}

/// Upcoming seasonal deadlines with the last day to order per delivery method.
#[tauri::command]
pub async fn deadlines_upcoming(core: State<'_, CoreHandle>) -> Result<Vec<DeadlineView>, IpcError> {
    core.run(|core| core.upcoming_deadlines(None, now())).await
}

/// The products with their processing times.
#[tauri::command]
pub async fn products_list(core: State<'_, CoreHandle>) -> Result<Vec<ProductProfile>, IpcError> {
    core.run(|core| core.products()).await
}

/// Creates (its `id` null) or updates a product with its processing profile; returns its id.
#[tauri::command]
pub async fn product_save(
    product: ProductProfile,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let id = core.run(move |core| core.save_product(&product, now())).await?;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Deletes a product.
#[tauri::command]
pub async fn product_delete(
    id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.delete_product(id)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// The days whose capacity differs from the shop's default.
#[tauri::command]
pub async fn capacity_overrides_list(core: State<'_, CoreHandle>) -> Result<Vec<CapacityOverride>, IpcError> {
    core.run(|core| core.capacity_overrides()).await
}

include!(concat!(env!("OUT_DIR"), "/declared/cutoff.rs"));
