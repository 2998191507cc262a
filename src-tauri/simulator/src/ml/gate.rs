//! What every Mercado Libre API request passes before its handler: the application's rate limit
//! and a valid bearer token (only the OAuth endpoints go without).

use std::time::Instant;

use axum::http::{HeaderMap, Method, header};

use super::error::MlError;
use crate::state::Shared;

pub(crate) fn admit(sim: &Shared, method: &Method, path: &str, headers: &HeaderMap) -> Result<(), MlError> {
    if path == "/oauth/token" || path == "/authorization" {
        return Ok(());
    }
    let write = !matches!(*method, Method::GET | Method::HEAD);
    sim.rate().admit(write, Instant::now()).map_err(MlError::too_many_requests)?;
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or_else(|| MlError::unauthorized("authorization value not present"))?;
    if sim.world().oauth.access_valid(token, sim.now()) {
        Ok(())
    } else {
        Err(MlError::unauthorized("invalid access token"))
    }
}
