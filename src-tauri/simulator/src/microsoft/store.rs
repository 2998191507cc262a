//! The Microsoft identity platform's state for one public client: device codes waiting for the
//! seller, the grants they became, one-hour access tokens and refresh tokens that rotate on every
//! use (the one used stops working, as a client that forgets to store the new one must find out).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::ids::{alnum, hex32, mix64};

pub(crate) const ACCESS_TOKEN_SECS: i64 = 3_599;
pub(crate) const DEVICE_CODE_SECS: i64 = 900;
/// The page Microsoft sends the seller to, as its device code answer names it.
pub(crate) const VERIFICATION_URI: &str = "https://www.microsoft.com/link";

/// The seller's own app registration (a public client with "Allow public client flows").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MicrosoftApp {
    /// The Application (client) ID, a GUID.
    pub client_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DeviceState {
    Pending,
    /// The seller signed in as this address and accepted.
    Approved(String),
    Declined,
}

pub(crate) struct DeviceLogin {
    pub user_code: String,
    pub client_id: String,
    pub scope: String,
    pub expires_at: i64,
    pub state: DeviceState,
    /// When the client last asked: asking again before `interval` is `slow_down`.
    last_poll: Option<Instant>,
}

struct Grant {
    address: String,
    client_id: String,
    scope: String,
    revoked: bool,
}

struct Access {
    grant: u64,
    expires_at: i64,
}

/// What the token endpoint gives.
pub(crate) struct Issued {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub scope: String,
}

/// What the introspection endpoint says of an access token.
pub(crate) struct Introspected {
    pub address: String,
    pub client_id: String,
    pub scope: String,
}

/// Refusals of the token endpoint, by the OAuth error code Microsoft answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenRefusal {
    AuthorizationPending,
    SlowDown,
    AuthorizationDeclined,
    ExpiredToken,
    BadVerificationCode,
    InvalidGrant,
    /// The refresh token's grant was revoked or has expired.
    RevokedGrant,
}

pub(crate) struct MicrosoftStore {
    seed: u64,
    pub app: MicrosoftApp,
    /// Seconds between polls the device code answer asks for (5 on the real service).
    pub interval: u64,
    devices: HashMap<String, DeviceLogin>,
    grants: HashMap<u64, Grant>,
    access: HashMap<String, Access>,
    refresh: HashMap<String, u64>,
    serial: u64,
}

impl MicrosoftStore {
    pub fn new(seed: u64) -> MicrosoftStore {
        let a = mix64(seed ^ 0x3a5e);
        let b = mix64(a);
        let client_id = format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        );
        MicrosoftStore {
            seed,
            app: MicrosoftApp { client_id },
            interval: 5,
            devices: HashMap::new(),
            grants: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            serial: 0,
        }
    }

    fn next(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    pub fn start_device_login(&mut self, client_id: &str, scope: &str, now: i64) -> (String, &DeviceLogin) {
        let serial = self.next();
        let device_code = format!("DAQABAAEAAAD{}", alnum(self.seed ^ 0xdc, serial, 120));
        // Nine letters and digits without the ones people misread.
        const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let mut state = mix64(self.seed ^ serial ^ 0x05e7);
        let user_code: String = (0..9)
            .map(|_| {
                state = mix64(state);
                LETTERS[(state % LETTERS.len() as u64) as usize] as char
            })
            .collect();
        let login = DeviceLogin {
            user_code,
            client_id: client_id.to_owned(),
            scope: scope.to_owned(),
            expires_at: now + DEVICE_CODE_SECS,
            state: DeviceState::Pending,
            last_poll: None,
        };
        let login = self.devices.entry(device_code.clone()).or_insert(login);
        (device_code, login)
    }

    fn device_by_user_code(&mut self, user_code: &str) -> Option<&mut DeviceLogin> {
        let wanted = user_code.trim().to_uppercase();
        self.devices.values_mut().find(|login| login.user_code == wanted)
    }

    /// The seller enters the code on Microsoft's page, signs in as `address` and accepts.
    pub fn approve(&mut self, user_code: &str, address: &str) -> bool {
        match self.device_by_user_code(user_code) {
            Some(login) if login.state == DeviceState::Pending => {
                login.state = DeviceState::Approved(address.trim().to_lowercase());
                true
            }
            _ => false,
        }
    }

    /// The seller presses "Cancel" ("Do you want to sign in…? No") on Microsoft's page.
    pub fn decline(&mut self, user_code: &str) -> bool {
        match self.device_by_user_code(user_code) {
            Some(login) if login.state == DeviceState::Pending => {
                login.state = DeviceState::Declined;
                true
            }
            _ => false,
        }
    }

    /// The `device_code` grant: pending, too fast, refused, or the tokens (the code is spent).
    pub fn redeem_device_code(
        &mut self,
        client_id: &str,
        device_code: &str,
        now: i64,
    ) -> Result<Issued, TokenRefusal> {
        let interval = Duration::from_secs(self.interval);
        let login = self.devices.get_mut(device_code).ok_or(TokenRefusal::BadVerificationCode)?;
        if login.client_id != client_id {
            return Err(TokenRefusal::BadVerificationCode);
        }
        if login.expires_at <= now {
            self.devices.remove(device_code);
            return Err(TokenRefusal::ExpiredToken);
        }
        let too_soon = login.last_poll.is_some_and(|last| last.elapsed() < interval);
        login.last_poll = Some(Instant::now());
        let address = match &login.state {
            DeviceState::Declined => {
                self.devices.remove(device_code);
                return Err(TokenRefusal::AuthorizationDeclined);
            }
            DeviceState::Pending if too_soon => return Err(TokenRefusal::SlowDown),
            DeviceState::Pending => return Err(TokenRefusal::AuthorizationPending),
            DeviceState::Approved(address) => address.clone(),
        };
        let login = self.devices.remove(device_code).expect("found above");
        let grant = self.next();
        self.grants
            .insert(grant, Grant { address, client_id: login.client_id, scope: login.scope, revoked: false });
        Ok(self.issue(grant, now))
    }

    /// The `refresh_token` grant: a new pair; the refresh token used stops working.
    pub fn redeem_refresh_token(
        &mut self,
        client_id: &str,
        refresh_token: &str,
        now: i64,
    ) -> Result<Issued, TokenRefusal> {
        let grant_id = *self.refresh.get(refresh_token).ok_or(TokenRefusal::InvalidGrant)?;
        let grant = self.grants.get(&grant_id).ok_or(TokenRefusal::InvalidGrant)?;
        if grant.client_id != client_id {
            return Err(TokenRefusal::InvalidGrant);
        }
        if grant.revoked {
            return Err(TokenRefusal::RevokedGrant);
        }
        self.refresh.remove(refresh_token);
        Ok(self.issue(grant_id, now))
    }

    fn issue(&mut self, grant_id: u64, now: i64) -> Issued {
        let serial = self.next();
        let access_token = format!("EwA4B{}", alnum(self.seed ^ 0xacce55, serial, 160));
        self.access
            .insert(access_token.clone(), Access { grant: grant_id, expires_at: now + ACCESS_TOKEN_SECS });
        let scope = self.grants[&grant_id].scope.clone();
        let offline = scope.split_whitespace().any(|s| s == "offline_access");
        let refresh_token = offline.then(|| {
            let token = format!("M.C5{}_{}", hex32(self.seed ^ 0x4efe, serial), alnum(self.seed, serial, 64));
            self.refresh.insert(token.clone(), grant_id);
            token
        });
        let granted: Vec<&str> = scope.split_whitespace().filter(|s| *s != "offline_access").collect();
        Issued { access_token, refresh_token, scope: granted.join(" ") }
    }

    /// An access token that still works: whose, for what, until when.
    pub fn introspect(&self, token: &str, now: i64) -> Option<Introspected> {
        let access = self.access.get(token).filter(|access| access.expires_at > now)?;
        let grant = self.grants.get(&access.grant).filter(|grant| !grant.revoked)?;
        Some(Introspected {
            address: grant.address.clone(),
            client_id: grant.client_id.clone(),
            scope: grant
                .scope
                .split_whitespace()
                .filter(|s| *s != "offline_access")
                .collect::<Vec<_>>()
                .join(" "),
        })
    }

    /// Every access token issued so far stops working; refreshing still works.
    pub fn expire_access_tokens(&mut self) {
        self.access.clear();
    }

    /// The seller removes the app's access (account.live.com → Apps and services), or the refresh
    /// token outlived its 90 days: nothing issued to `address` (everyone, when None) works.
    pub fn revoke(&mut self, address: Option<&str>) -> usize {
        let wanted = address.map(|a| a.trim().to_lowercase());
        let mut revoked = 0;
        for grant in self.grants.values_mut() {
            if !grant.revoked && wanted.as_deref().is_none_or(|a| a == grant.address) {
                grant.revoked = true;
                revoked += 1;
            }
        }
        revoked
    }

    /// Device logins not yet redeemed, for the state snapshot: (user code, approved address).
    pub fn pending_user_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .devices
            .values()
            .filter(|login| login.state == DeviceState::Pending)
            .map(|login| login.user_code.clone())
            .collect();
        codes.sort();
        codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_code_becomes_tokens_once_and_refresh_tokens_rotate() {
        let mut store = MicrosoftStore::new(7);
        store.interval = 0;
        let client = store.app.client_id.clone();
        let (device, login) = store.start_device_login(
            &client,
            "https://outlook.office.com/IMAP.AccessAsUser.All offline_access",
            100,
        );
        let user_code = login.user_code.clone();
        assert_eq!(user_code.len(), 9);
        assert!(matches!(
            store.redeem_device_code(&client, &device, 101),
            Err(TokenRefusal::AuthorizationPending)
        ));
        assert!(store.approve(&user_code.to_lowercase(), "Seller@Shop.test"));
        let issued = store.redeem_device_code(&client, &device, 102).expect("tokens");
        assert_eq!(issued.scope, "https://outlook.office.com/IMAP.AccessAsUser.All");
        assert_eq!(
            store.introspect(&issued.access_token, 103).map(|i| i.address),
            Some("seller@shop.test".into())
        );
        assert!(store.introspect(&issued.access_token, 102 + ACCESS_TOKEN_SECS).is_none());
        assert!(matches!(
            store.redeem_device_code(&client, &device, 103),
            Err(TokenRefusal::BadVerificationCode)
        ));
        let refresh = issued.refresh_token.expect("offline_access gives a refresh token");
        let next = store.redeem_refresh_token(&client, &refresh, 104).expect("refreshed");
        assert_ne!(next.refresh_token.as_deref(), Some(refresh.as_str()));
        assert!(matches!(
            store.redeem_refresh_token(&client, &refresh, 105),
            Err(TokenRefusal::InvalidGrant)
        ));
        assert_eq!(store.revoke(Some("seller@shop.test")), 1);
        let rotated = next.refresh_token.expect("rotated");
        assert!(matches!(
            store.redeem_refresh_token(&client, &rotated, 106),
            Err(TokenRefusal::RevokedGrant)
        ));
        assert!(store.introspect(&next.access_token, 106).is_none());
    }

    #[test]
    fn declined_and_expired_codes_end_the_login() {
        let mut store = MicrosoftStore::new(1);
        let client = store.app.client_id.clone();
        let (declined, login) = store.start_device_login(&client, "offline_access", 0);
        let code = login.user_code.clone();
        assert!(store.decline(&code));
        assert!(matches!(
            store.redeem_device_code(&client, &declined, 1),
            Err(TokenRefusal::AuthorizationDeclined)
        ));
        let (expired, _) = store.start_device_login(&client, "offline_access", 0);
        assert!(matches!(
            store.redeem_device_code(&client, &expired, DEVICE_CODE_SECS),
            Err(TokenRefusal::ExpiredToken)
        ));
    }
}
