//! Our own accept loop on hyper instead of `axum::serve`: each connection can be closed from
//! inside a request (the DropConnection fault closes the socket without any response), and the
//! faults, the rate limit and the bearer check run in front of the routers.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use axum::response::IntoResponse;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

use crate::faults::{Api, FaultKind};
use crate::meta::error::GraphError;
use crate::meta::identity::Platform;
use crate::microsoft::AadError;
use crate::ml::error::MlError;
use crate::ml::gate;
use crate::state::Shared;
use crate::telegram::TgError;

pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    sim: Arc<Shared>,
    api: Api,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => return,
        };
        match accepted {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, router.clone(), sim.clone(), api, stop.clone()));
            }
            // Out of file descriptors or similar: breathe, then keep serving.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

async fn connection(
    stream: TcpStream,
    router: Router,
    sim: Arc<Shared>,
    api: Api,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let kill = Arc::new(Notify::new());
    let service = {
        let kill = kill.clone();
        service_fn(move |request: Request<Incoming>| {
            let (router, sim, kill) = (router.clone(), sim.clone(), kill.clone());
            async move { Ok::<_, Infallible>(front(request.map(Body::new), router, sim, api, kill).await) }
        })
    };
    let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    // Dropping the connection future closes the socket, whatever it was doing.
    tokio::select! {
        _ = conn => {}
        _ = kill.notified() => {}
        _ = stop.changed() => {}
    }
}

async fn front(
    request: Request<Body>,
    router: Router,
    sim: Arc<Shared>,
    api: Api,
    kill: Arc<Notify>,
) -> Response<Body> {
    let path = request.uri().path().to_owned();
    if path.starts_with("/_sim/") {
        return route(router, request).await;
    }
    sim.count_request(api);
    let path_and_query = request.uri().path_and_query().map(|pq| pq.as_str().to_owned()).unwrap_or_default();
    let fault = sim.faults().take(api, &path_and_query);
    let mut malformed = false;
    match fault {
        None => {}
        Some(FaultKind::Slow { millis }) => tokio::time::sleep(Duration::from_millis(millis)).await,
        Some(FaultKind::DropConnection) => {
            kill.notify_one();
            return std::future::pending().await;
        }
        Some(FaultKind::MalformedJson) => malformed = true,
        Some(kind) => return fault_response(&sim, api, &path, &kind),
    }
    let mut remaining_today = None;
    if api == Api::Etsy {
        match crate::etsy::admit(&sim, &path, request.headers()) {
            Ok(remaining) => remaining_today = remaining,
            Err(response) => return *response,
        }
    }
    if api == Api::MercadoLibre
        && let Err(error) = gate::admit(&sim, request.method(), &path, request.headers())
    {
        return error.into_response();
    }
    let mut response = route(router, request).await;
    if let Some(remaining) = remaining_today {
        response.headers_mut().insert("x-remaining-today", HeaderValue::from(remaining));
    }
    if malformed { truncate(response).await } else { response }
}

async fn route(router: Router, request: Request<Body>) -> Response<Body> {
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

fn fault_response(sim: &Shared, api: Api, path: &str, kind: &FaultKind) -> Response<Body> {
    match (api, kind) {
        (Api::Etsy, FaultKind::RateLimited { retry_after_secs }) => {
            crate::etsy::too_many_requests(*retry_after_secs)
        }
        (Api::Etsy, FaultKind::AppRateLimit | FaultKind::UserRateLimit | FaultKind::PageRateLimit) => {
            crate::etsy::too_many_requests(60)
        }
        (Api::Etsy, FaultKind::PolicyForbidden | FaultKind::PermissionMissing) => {
            crate::etsy::error(StatusCode::FORBIDDEN, "Insufficient scope: transactions_r is required")
        }
        (Api::Etsy, FaultKind::NotFound) => crate::etsy::error(StatusCode::NOT_FOUND, "Resource not found"),
        (Api::Etsy, _) => crate::etsy::error(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
        (Api::Instagram, kind) => meta_fault(sim, Platform::Instagram, path, kind).into_response(),
        (Api::Messenger, kind) => meta_fault(sim, Platform::Messenger, path, kind).into_response(),
        (Api::MercadoLibre, FaultKind::RateLimited { retry_after_secs }) => {
            MlError::too_many_requests(*retry_after_secs).into_response()
        }
        (
            Api::MercadoLibre,
            FaultKind::AppRateLimit | FaultKind::UserRateLimit | FaultKind::PageRateLimit,
        ) => MlError::too_many_requests(60).into_response(),
        (Api::MercadoLibre, FaultKind::PolicyForbidden | FaultKind::PermissionMissing) => {
            MlError::policy_forbidden().into_response()
        }
        (Api::MercadoLibre, FaultKind::NotFound) => MlError::not_found("resource not found").into_response(),
        (Api::Telegram, FaultKind::NotFound) => TgError::new(404, "Not Found").into_response(),
        (Api::MercadoLibre, _) => MlError::server_error().into_response(),
        (Api::Telegram, FaultKind::RateLimited { retry_after_secs }) => {
            TgError::too_many_requests(*retry_after_secs).into_response()
        }
        (Api::Telegram, FaultKind::AppRateLimit | FaultKind::UserRateLimit | FaultKind::PageRateLimit) => {
            TgError::too_many_requests(60).into_response()
        }
        (Api::Telegram, FaultKind::PolicyForbidden | FaultKind::PermissionMissing) => {
            TgError::new(403, "Forbidden: bot was blocked by the user").into_response()
        }
        (Api::Telegram, _) => TgError::new(500, "Internal Server Error").into_response(),
        (Api::Microsoft, FaultKind::RateLimited { retry_after_secs }) => {
            AadError::too_many_requests(*retry_after_secs).into_response()
        }
        (Api::Microsoft, FaultKind::AppRateLimit | FaultKind::UserRateLimit | FaultKind::PageRateLimit) => {
            AadError::too_many_requests(60).into_response()
        }
        (Api::Microsoft, _) => AadError::server_error().into_response(),
    }
}

/// A fault in the Graph API's shape.
fn meta_fault(sim: &Shared, platform: Platform, path: &str, kind: &FaultKind) -> GraphError {
    match kind {
        FaultKind::RateLimited { retry_after_secs } => {
            let account = sim.meta_app().shop_id(platform).to_owned();
            // Meta counts in whole minutes and says 0 for "retry within the minute".
            let minutes = if *retry_after_secs < 60 { 0 } else { retry_after_secs.div_ceil(60) };
            GraphError::rate_limited(&account, platform, minutes)
        }
        FaultKind::AppRateLimit => GraphError::throttled(4),
        FaultKind::UserRateLimit => GraphError::throttled(17),
        FaultKind::PageRateLimit => GraphError::throttled(32),
        FaultKind::PermissionMissing => GraphError::permission_missing(),
        FaultKind::PolicyForbidden => GraphError::permission_required(match platform {
            Platform::Instagram => "instagram_business_manage_messages",
            Platform::Messenger => "pages_messaging",
        }),
        FaultKind::NotFound => {
            let id = path.split('/').rfind(|segment| !segment.is_empty()).unwrap_or_default();
            GraphError::unknown_object(id, false)
        }
        _ => GraphError::server_error(),
    }
}

/// 200 with the first half of the real body: valid UTF-8 bytes, invalid JSON.
async fn truncate(response: Response<Body>) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let cut = (bytes.len() / 2).max(1).min(bytes.len());
    let mut cut_at = cut;
    while cut_at > 0 && !is_char_boundary(&bytes, cut_at) {
        cut_at -= 1;
    }
    parts.status = StatusCode::OK;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, Body::from(bytes.slice(..cut_at)))
}

fn is_char_boundary(bytes: &[u8], index: usize) -> bool {
    index >= bytes.len() || (bytes[index] as i8) >= -0x40
}
