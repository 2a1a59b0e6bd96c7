//! Limits per client: failed join-code look-ups are slowed and then refused (guessing codes),
//! jams are made at a bounded rate, and live channels are capped per person, per address for
//! people without a session, and in all. A whole room joining from behind one venue address
//! is never refused: only *failed* look-ups count against an address, and its people each
//! have their own session.

use crate::ServerState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::error::MISSED_CODE;

/// Failed look-ups an address may make in a minute before it is refused for a while.
const GUESSES_PER_MINUTE: u32 = 20;
/// How long a refused address stays refused.
const BLOCKED_FOR: Duration = Duration::from_secs(60);
/// A failed look-up answers this much later: a guesser gets a few a second, a person who
/// mistyped hardly notices.
const MISS_DELAY: Duration = Duration::from_millis(300);

/// Where a request comes from: the peer, or behind a trusted reverse proxy the address it
/// reports (the last entry of `X-Forwarded-For`, the one the proxy itself added).
pub fn client_ip(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    trust_proxy: bool,
) -> Option<IpAddr> {
    if trust_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer.map(|p| p.ip())
}

/// Jams made per address: a burst (`BLIXT_NEW_JAMS_BURST`, 30 by default: a training day in a
/// municipality's office behind one address), then one a minute; a script making thousands
/// does not get far.
pub struct NewJams(DefaultKeyedRateLimiter<IpAddr>);

impl NewJams {
    pub fn new(burst: u32) -> Self {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        Self(RateLimiter::keyed(
            Quota::per_minute(NonZeroU32::MIN).allow_burst(burst),
        ))
    }
}

impl NewJams {
    pub fn forget_old(&self) {
        self.0.retain_recent();
    }
}

/// Refuses making a jam beyond the rate of `NewJams`.
pub async fn limit_new_jams(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path() == "/api/create_jam" {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        if let Some(ip) = client_ip(request.headers(), peer, state.trust_proxy) {
            if let Err(until) = state.new_jams.0.check_key(&ip) {
                let wait = until.wait_time_from(governor::clock::Clock::now(
                    &governor::clock::DefaultClock::default(),
                ));
                return too_many(wait, "too many jams made from this network; wait a minute");
            }
        }
    }
    next.run(request).await
}

/// Failed join-code look-ups per address.
pub struct Guesses {
    misses: DefaultKeyedRateLimiter<IpAddr>,
    blocked: Mutex<HashMap<IpAddr, Instant>>,
}

impl Default for Guesses {
    fn default() -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(GUESSES_PER_MINUTE).expect("not zero"));
        Self {
            misses: RateLimiter::keyed(quota),
            blocked: Mutex::new(HashMap::new()),
        }
    }
}

impl Guesses {
    fn is_blocked(&self, ip: IpAddr) -> bool {
        let mut blocked = self.blocked.lock().expect("guesses");
        match blocked.get(&ip) {
            Some(until) if *until > Instant::now() => true,
            Some(_) => {
                blocked.remove(&ip);
                false
            }
            None => false,
        }
    }

    fn missed(&self, ip: IpAddr) {
        if self.misses.check_key(&ip).is_err() {
            tracing::warn!(%ip, "too many unknown join codes: refusing look-ups for a while");
            self.blocked
                .lock()
                .expect("guesses")
                .insert(ip, Instant::now() + BLOCKED_FOR);
        }
    }

    /// Forgets addresses that have been quiet (run now and then).
    pub fn forget_old(&self) {
        self.misses.retain_recent();
        let now = Instant::now();
        self.blocked
            .lock()
            .expect("guesses")
            .retain(|_, until| *until > now);
    }
}

/// Counts failed code look-ups per address, slows them, and refuses every look-up from an
/// address that failed too often lately — a right code too, or guessing would still pay.
pub async fn guard_codes(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let ip = client_ip(request.headers(), peer, state.trust_proxy);
    if ip.is_some_and(|ip| state.guesses.is_blocked(ip)) {
        return too_many(
            BLOCKED_FOR,
            "too many unknown join codes from this network; wait a minute",
        );
    }
    let mut response = next.run(request).await;
    if response.headers_mut().remove(MISSED_CODE).is_some() {
        if let Some(ip) = ip {
            state.guesses.missed(ip);
        }
        tokio::time::sleep(MISS_DELAY).await;
    }
    response
}

/// A 429 with the error people see and when to try again.
pub fn too_many(retry: Duration, why: &str) -> Response {
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        axum::Json(app::error::AppError::TooMany(why.to_string())),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&retry.as_secs().max(1).to_string()) {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}

/// Open live channels: per person, per address without a person, and in all.
#[derive(Default)]
pub struct LiveCaps {
    open: Mutex<HashMap<Holder, usize>>,
}

/// Who holds a live channel, for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holder {
    Person(uuid::Uuid),
    Address(IpAddr),
    All,
}

#[derive(Debug, Clone, Copy)]
pub struct LiveLimits {
    /// A person's screens (tabs, devices with the facilitator key).
    pub per_person: usize,
    /// Channels of people without a session, per address.
    pub per_address: usize,
    pub total: usize,
}

/// Which cap a new live channel ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapReached {
    /// The server's, for all screens.
    Server,
    /// The person's or the address's.
    Holder,
}

impl IntoResponse for CapReached {
    fn into_response(self) -> Response {
        let why = match self {
            CapReached::Server => "the server has as many live screens as it can take",
            CapReached::Holder => "too many screens of this jam open here; close some tabs",
        };
        too_many(Duration::from_secs(5), why)
    }
}

/// One open live channel, counted until dropped.
pub struct LiveTicket {
    caps: Arc<LiveCaps>,
    holders: [Holder; 2],
}

impl LiveCaps {
    /// Counts a new channel for `holder`, or refuses it when a cap is reached.
    pub fn open(
        self: &Arc<Self>,
        holder: Holder,
        limits: LiveLimits,
    ) -> Result<LiveTicket, CapReached> {
        let cap = match holder {
            Holder::Person(_) => limits.per_person,
            Holder::Address(_) => limits.per_address,
            Holder::All => limits.total,
        };
        let mut open = self.open.lock().expect("live caps");
        if open.get(&Holder::All).copied().unwrap_or(0) >= limits.total {
            return Err(CapReached::Server);
        }
        if open.get(&holder).copied().unwrap_or(0) >= cap {
            return Err(CapReached::Holder);
        }
        for h in [holder, Holder::All] {
            *open.entry(h).or_default() += 1;
        }
        Ok(LiveTicket {
            caps: self.clone(),
            holders: [holder, Holder::All],
        })
    }
}

impl Drop for LiveTicket {
    fn drop(&mut self) {
        let mut open = self.caps.open.lock().expect("live caps");
        for h in self.holders {
            if let Some(n) = open.get_mut(&h) {
                *n -= 1;
                if *n == 0 {
                    open.remove(&h);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proxys_address_is_used_only_when_trusted() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 10.1.2.3"),
        );
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        assert_eq!(client_ip(&headers, Some(peer), false), Some(peer.ip()));
        assert_eq!(
            client_ip(&headers, Some(peer), true),
            Some("10.1.2.3".parse().unwrap()),
            "the last hop, which the proxy added; the rest the client could have forged"
        );
    }

    #[test]
    fn caps_count_and_free_up() {
        let caps = Arc::new(LiveCaps::default());
        let limits = LiveLimits {
            per_person: 2,
            per_address: 1,
            total: 3,
        };
        let anna = Holder::Person(uuid::Uuid::from_u128(1));
        let a = caps.open(anna, limits).unwrap();
        let b = caps.open(anna, limits).unwrap();
        assert!(
            caps.open(anna, limits).is_err(),
            "a third screen of one person"
        );
        let ip = Holder::Address("10.0.0.1".parse().unwrap());
        let c = caps.open(ip, limits).unwrap();
        assert!(
            caps.open(Holder::Person(uuid::Uuid::from_u128(2)), limits)
                .is_err(),
            "full"
        );
        drop((a, b, c));
        assert!(caps.open(anna, limits).is_ok());
        assert!(caps.open.lock().unwrap().len() <= 2);
    }
}
