//! The Microsoft identity platform for personal accounts (tenant `consumers`), as a mailbox app
//! meets it: the device code flow and the token endpoint (`device_code` and `refresh_token`
//! grants), answering in Azure AD's error shape. Mail servers check the access tokens it issues
//! through `POST /_sim/microsoft/introspect` (RFC 7662), which the real service does not have:
//! Outlook's servers check Microsoft's tokens themselves.

pub(crate) mod store;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

use self::store::{TokenRefusal, VERIFICATION_URI};
use crate::params::Params;
use crate::state::Shared;

const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

pub(crate) fn router(sim: Arc<Shared>) -> Router {
    Router::new()
        .route("/consumers/oauth2/v2.0/devicecode", post(device_code))
        .route("/consumers/oauth2/v2.0/token", post(token))
        .route("/_sim/microsoft/introspect", post(introspect))
        .merge(crate::admin::router())
        .fallback(|| async { AadError::new(StatusCode::NOT_FOUND, "invalid_request", 90_002, "Not found.") })
        .with_state(sim)
}

/// `{"error", "error_description": "AADSTSnnnnn: …", "error_codes": [n], …}`, as Azure AD answers.
pub(crate) struct AadError {
    status: StatusCode,
    body: Value,
    retry_after: Option<u32>,
}

impl AadError {
    pub fn new(status: StatusCode, error: &str, code: u32, description: &str) -> AadError {
        AadError {
            status,
            body: json!({
                "error": error,
                "error_description": format!("AADSTS{code}: {description}"),
                "error_codes": [code],
                "timestamp": "2026-12-07 12:00:00Z",
                "trace_id": "0f0e3b1c-5a1d-4c3e-9d1f-000000000000",
                "correlation_id": "6c1f4b7a-2e8d-4a55-b1c0-000000000000",
            }),
            retry_after: None,
        }
    }

    pub fn too_many_requests(retry_after_secs: u32) -> AadError {
        let mut error = AadError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "temporarily_unavailable",
            90_055,
            "The service is temporarily unavailable: too many requests.",
        );
        error.retry_after = Some(retry_after_secs);
        error
    }

    pub fn server_error() -> AadError {
        AadError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            90_033,
            "A transient error has occurred.",
        )
    }

    fn refusal(refusal: TokenRefusal) -> AadError {
        let bad = StatusCode::BAD_REQUEST;
        match refusal {
            TokenRefusal::AuthorizationPending => AadError::new(
                bad,
                "authorization_pending",
                70_016,
                "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
            ),
            TokenRefusal::SlowDown => AadError::new(bad, "slow_down", 70_016, "Polling too fast. Slow down."),
            TokenRefusal::AuthorizationDeclined => {
                AadError::new(bad, "authorization_declined", 70_000, "The user declined the authorization.")
            }
            TokenRefusal::ExpiredToken => AadError::new(
                bad,
                "expired_token",
                70_020,
                "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
            ),
            TokenRefusal::BadVerificationCode => AadError::new(
                bad,
                "bad_verification_code",
                70_019,
                "Verification code expired or not recognized.",
            ),
            TokenRefusal::InvalidGrant => AadError::new(
                bad,
                "invalid_grant",
                70_000,
                "The provided value for the 'refresh_token' is not valid or has already been used.",
            ),
            TokenRefusal::RevokedGrant => AadError::new(
                bad,
                "invalid_grant",
                700_082,
                "The refresh token has expired or was revoked. The user must sign in again.",
            ),
        }
    }
}

impl IntoResponse for AadError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

fn unknown_client(client_id: &str) -> AadError {
    AadError::new(
        StatusCode::BAD_REQUEST,
        "unauthorized_client",
        700_016,
        &format!(
            "Application with identifier '{client_id}' was not found in the directory 'Microsoft Accounts'."
        ),
    )
}

/// `POST /consumers/oauth2/v2.0/devicecode` (form: client_id, scope).
async fn device_code(State(sim): State<Arc<Shared>>, RawQuery(query): RawQuery, body: Bytes) -> Response {
    let params = Params::parse(query.as_deref(), &body);
    let client_id = params.str("client_id").unwrap_or_default();
    let scope = params.str("scope").unwrap_or_default();
    let now = sim.now();
    let mut world = sim.world();
    if client_id != world.microsoft.app.client_id {
        return unknown_client(&client_id).into_response();
    }
    if scope.split_whitespace().next().is_none() {
        return AadError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900_144,
            "The request body must contain the following parameter: 'scope'.",
        )
        .into_response();
    }
    let interval = world.microsoft.interval;
    let (device_code, login) = world.microsoft.start_device_login(&client_id, &scope, now);
    let message = format!(
        "To sign in, use a web browser to open the page {VERIFICATION_URI} and enter the code {} to authenticate.",
        login.user_code
    );
    axum::Json(json!({
        "user_code": login.user_code,
        "device_code": device_code,
        "verification_uri": VERIFICATION_URI,
        "expires_in": store::DEVICE_CODE_SECS,
        "interval": interval,
        "message": message,
    }))
    .into_response()
}

/// `POST /consumers/oauth2/v2.0/token`: `device_code` and `refresh_token` grants, no secret (a
/// public client).
async fn token(State(sim): State<Arc<Shared>>, RawQuery(query): RawQuery, body: Bytes) -> Response {
    let params = Params::parse(query.as_deref(), &body);
    let client_id = params.str("client_id").unwrap_or_default();
    let now = sim.now();
    let mut world = sim.world();
    if client_id != world.microsoft.app.client_id {
        return unknown_client(&client_id).into_response();
    }
    let grant_type = params.str("grant_type").unwrap_or_default();
    let issued = match grant_type.as_str() {
        DEVICE_CODE_GRANT => {
            let code = params.str("device_code").unwrap_or_default();
            world.microsoft.redeem_device_code(&client_id, &code, now)
        }
        "refresh_token" => {
            let refresh = params.str("refresh_token").unwrap_or_default();
            world.microsoft.redeem_refresh_token(&client_id, &refresh, now)
        }
        _ => {
            return AadError::new(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                70_003,
                "The app requested an unsupported grant type.",
            )
            .into_response();
        }
    };
    match issued {
        Ok(issued) => {
            let mut body = json!({
                "token_type": "Bearer",
                "scope": issued.scope,
                "expires_in": store::ACCESS_TOKEN_SECS,
                "ext_expires_in": store::ACCESS_TOKEN_SECS,
                "access_token": issued.access_token,
            });
            if let Some(refresh) = issued.refresh_token {
                body["refresh_token"] = Value::String(refresh);
            }
            axum::Json(body).into_response()
        }
        Err(refusal) => AadError::refusal(refusal).into_response(),
    }
}

/// RFC 7662 introspection for the test mail server (form: token): `{"active": false}` for any
/// token that does not work, else whose it is.
async fn introspect(State(sim): State<Arc<Shared>>, RawQuery(query): RawQuery, body: Bytes) -> Response {
    let params = Params::parse(query.as_deref(), &body);
    let token = params.str("token").unwrap_or_default();
    let now = sim.now();
    let found = sim.world().microsoft.introspect(&token, now);
    sim.world().records.totals.microsoft_introspections += 1;
    let body = match found {
        Some(found) => json!({
            "active": true,
            "email": found.address,
            "username": found.address,
            "client_id": found.client_id,
            "scope": found.scope,
            "token_type": "Bearer",
        }),
        None => json!({ "active": false }),
    };
    axum::Json(body).into_response()
}
