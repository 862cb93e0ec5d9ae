//! `POST /api/v1/session` logs in (sets the session cookie); `DELETE` logs out; `GET` says
//! who is logged in, `null` for nobody (unlike `/me`, not an error: a page asks it on every
//! start). Wrong passwords are counted per account and per client address and slow the
//! next try down.

use std::net::{IpAddr, SocketAddr};

use app::domain::{Login, SessionInfo, User};
use axum::{
    extract::{ConnectInfo, FromRequestParts, State},
    http::{request::Parts, StatusCode},
    Json,
};

use crate::{
    accounts::{throttle::Attempt, AuthSession},
    error::{ApiError, Body},
    AppState,
};

/// The client's address when the server knows it (not in router tests without a socket):
/// the TCP peer, or behind a trusted proxy the address it forwarded.
pub struct ClientAddr(Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        Ok(Self(client_address(
            peer,
            forwarded,
            &state.trusted_proxies,
        )))
    }
}

/// Who sent a request: the peer, unless the peer is a trusted proxy; then the nearest
/// address in `X-Forwarded-For` (read from the right, the proxies' side) that is not itself
/// a trusted proxy. Addresses a client wrote further left are not believed.
pub fn client_address<'a>(
    peer: Option<IpAddr>,
    forwarded: impl Iterator<Item = &'a str>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Some(addr) = hop_address(hop.trim()) else {
            // Something that is no address: trust nothing beyond it.
            break;
        };
        client = addr;
        if !trusted.contains(&addr) {
            break;
        }
    }
    Some(client)
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`10.0.0.5:4711`,
/// `[2001:db8::1]:4711`).
fn hop_address(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    mut auth: AuthSession,
    Body(login): Body<Login>,
) -> Result<Json<User>, ApiError> {
    let now = app::clock::now();
    let attempt = Attempt::new(&login.email, client);
    // Checked and counted in one step: parallel guesses cannot all pass before one counts.
    let began = state.throttle.begin(&attempt, now).await;
    if let Err(ms) = began.map_err(ApiError::internal)? {
        return Err(ApiError::TooManyAttempts(((ms + 999) / 1000).max(1) as u64));
    }

    let account = auth.authenticate(login).await.map_err(ApiError::internal)?;
    let settled = state.throttle.settle(&attempt, account.is_some()).await;
    settled.map_err(ApiError::internal)?;
    let account = account.ok_or(ApiError::WrongCredentials)?;
    auth.login(&account).await.map_err(ApiError::internal)?;
    Ok(Json(account.user))
}

pub async fn current(auth: AuthSession) -> Json<SessionInfo> {
    Json(SessionInfo {
        user: auth.user.map(|account| account.user),
    })
}

/// Always 204: logging out twice, or without a session, is not an error.
pub async fn logout(mut auth: AuthSession) -> Result<StatusCode, ApiError> {
    auth.logout().await.map_err(ApiError::internal)?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<IpAddr>().expect("ip");
        let proxy = ip("10.0.0.2");
        let trusted = [proxy, ip("10.0.0.3")];
        let cases: &[(&str, &[&str], &[IpAddr], &str)] = &[
            ("tablet, no proxy", &[], &[], "192.168.1.20"),
            (
                "forged header, untrusted peer",
                &["1.2.3.4"],
                &trusted,
                "192.168.1.20",
            ),
        ];
        for (name, forwarded, trusted, want) in cases {
            let got = client_address(Some(ip("192.168.1.20")), forwarded.iter().copied(), trusted);
            assert_eq!(got, Some(ip(want)), "{name}");
        }
        let behind: &[(&str, &[&str], &str)] = &[
            ("one proxy", &["192.168.1.20"], "192.168.1.20"),
            (
                "client forged the left part",
                &["6.6.6.6, 192.168.1.20"],
                "192.168.1.20",
            ),
            (
                "two trusted proxies",
                &["192.168.1.20, 10.0.0.3"],
                "192.168.1.20",
            ),
            ("two headers", &["6.6.6.6", "192.168.1.21"], "192.168.1.21"),
            ("no header", &[], "10.0.0.2"),
            ("garbage", &["not an address"], "10.0.0.2"),
            ("with a port", &["192.168.1.20:51234"], "192.168.1.20"),
            ("ipv6 with a port", &["[2001:db8::7]:443"], "2001:db8::7"),
        ];
        for (name, forwarded, want) in behind {
            let got = client_address(Some(proxy), forwarded.iter().copied(), &trusted);
            assert_eq!(got, Some(ip(want)), "{name}");
        }
        assert_eq!(
            client_address(None, ["1.2.3.4"].into_iter(), &trusted),
            None
        );
    }
}
