//! Configuration, from environment variables (all optional):
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `BLIXT_ADDR` | `127.0.0.1:3000` | address and port to listen on (`0.0.0.0:3000` for a network) |
//! | `BLIXT_DATABASE_URL` | `sqlite://data/blixt.db` | the database; its folder is created |
//! | `BLIXT_PUBLIC_URL` | from the request | base of the join link, e.g. `https://blixt.example.se` |
//! | `BLIXT_SECURE_COOKIES` | `true` when the public URL is https | cookies over HTTPS only |
//! | `BLIXT_TRUST_PROXY` | `false` | `true` behind a reverse proxy: take the client's address from `X-Forwarded-For` |
//! | `LEPTOS_SITE_ROOT` | `target/site` | where the built wasm, JS, CSS and assets are |
//! | `BLIXT_ROOM_SIZE` | `250` | how many people a new jam lets in |
//! | `BLIXT_ROOM_MAX` | `2000` | the most a facilitator can raise a jam's room size to |
//! | `BLIXT_CODE_HOURS` | `24` | hours after a jam's summary that its typed code stops letting people in (0: at once) |
//! | `BLIXT_HEARTBEAT_MS` | `5000` | how often an idle live channel says it is alive |
//! | `BLIXT_STALL_MS` | `15000` | a live channel that takes no message for this long is closed |
//! | `BLIXT_MAX_CONNECTIONS` | `20000` | open connections at most |
//! | `BLIXT_RETENTION_DAYS` | `30` | a jam is deleted this many days after its last change |
//! | `BLIXT_NEW_JAMS_BURST` | `30` | jams one address may make at once; then one a minute |
//! | `BLIXT_HEAD_TIMEOUT_MS` | `15000` | a request head (or the next one on a kept-alive connection) must come within this |

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    pub public_url: Option<String>,
    pub secure_cookies: bool,
    pub trust_proxy: bool,
    pub site_root: PathBuf,
    pub room_size: usize,
    pub room_max: usize,
    pub code_hours: u32,
    pub heartbeat_ms: u64,
    pub stall_ms: u64,
    pub max_connections: usize,
    pub head_timeout_ms: u64,
    pub retention_days: u32,
    /// Jams one address may make in a row before it is held to one a minute.
    pub new_jams_burst: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?} ({reason})")]
    Invalid {
        name: &'static str,
        value: String,
        reason: String,
    },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads the settings through `var`, so tests can hand in their own.
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let invalid = |name, value: &str, reason: &dyn std::fmt::Display| ConfigError::Invalid {
            name,
            value: value.to_string(),
            reason: reason.to_string(),
        };
        let addr_text = var("BLIXT_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_text
            .parse()
            .map_err(|e| invalid("BLIXT_ADDR", &addr_text, &e))?;
        let public_url = var("BLIXT_PUBLIC_URL");
        if let Some(url) = &public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(invalid(
                    "BLIXT_PUBLIC_URL",
                    url,
                    &"must start with http:// or https://",
                ));
            }
        }
        let flag = |name: &'static str, default: bool| match var(name).as_deref() {
            None => Ok(default),
            Some("true" | "1" | "yes") => Ok(true),
            Some("false" | "0" | "no") => Ok(false),
            Some(other) => Err(invalid(name, other, &"use true or false")),
        };
        let https = public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        let secure_cookies = flag("BLIXT_SECURE_COOKIES", https)?;
        let trust_proxy = flag("BLIXT_TRUST_PROXY", false)?;
        let number = |name: &'static str, default: u64, range: std::ops::RangeInclusive<u64>| {
            let Some(text) = var(name) else {
                return Ok(default);
            };
            match text.trim().parse::<u64>() {
                Ok(n) if range.contains(&n) => Ok(n),
                _ => Err(invalid(
                    name,
                    &text,
                    &format!("a whole number from {} to {}", range.start(), range.end()),
                )),
            }
        };
        let room_max = number("BLIXT_ROOM_MAX", 2000, 1..=100_000)? as usize;
        let room_size = number("BLIXT_ROOM_SIZE", 250, 1..=100_000)? as usize;
        if room_size > room_max {
            return Err(invalid(
                "BLIXT_ROOM_SIZE",
                &room_size.to_string(),
                &format!("larger than BLIXT_ROOM_MAX ({room_max})"),
            ));
        }
        Ok(Self {
            room_size,
            room_max,
            code_hours: number("BLIXT_CODE_HOURS", 24, 0..=24 * 365)? as u32,
            heartbeat_ms: number("BLIXT_HEARTBEAT_MS", 5000, 200..=60_000)?,
            stall_ms: number("BLIXT_STALL_MS", 15_000, 200..=600_000)?,
            max_connections: number("BLIXT_MAX_CONNECTIONS", 20_000, 10..=1_000_000)? as usize,
            head_timeout_ms: number("BLIXT_HEAD_TIMEOUT_MS", 15_000, 100..=300_000)?,
            retention_days: number("BLIXT_RETENTION_DAYS", 30, 1..=3650)? as u32,
            new_jams_burst: number("BLIXT_NEW_JAMS_BURST", 30, 1..=100_000)? as u32,
            addr,
            database_url: var("BLIXT_DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/blixt.db".into()),
            public_url,
            secure_cookies,
            trust_proxy,
            site_root: var("LEPTOS_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
        })
    }

    /// The scheme, host and port of the public URL (`https://blixt.example.se`).
    pub fn public_origin(&self) -> Option<String> {
        let url = self.public_url.as_deref()?;
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split('/').next()?;
        Some(format!("{scheme}://{host}"))
    }

    /// The folder an SQLite database file lives in, so it can be created before opening.
    pub fn sqlite_folder(&self) -> Option<PathBuf> {
        let path = self.database_url.strip_prefix("sqlite://")?;
        let path = path.split('?').next()?;
        PathBuf::from(path).parent().map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn defaults() {
        let config = Config::from_lookup(lookup(&[])).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/blixt.db");
        assert_eq!(config.sqlite_folder(), Some(PathBuf::from("data")));
        assert!(!config.secure_cookies);
        assert!(!config.trust_proxy);
        assert_eq!((config.room_size, config.room_max), (250, 2000));
        assert_eq!(config.heartbeat_ms, 5000);
    }

    #[test]
    fn bad_values_are_named() {
        let error = Config::from_lookup(lookup(&[("BLIXT_ADDR", "localhost")])).unwrap_err();
        assert!(error.to_string().contains("BLIXT_ADDR"));
        assert!(Config::from_lookup(lookup(&[("BLIXT_PUBLIC_URL", "blixt.se")])).is_err());
        assert!(Config::from_lookup(lookup(&[("BLIXT_SECURE_COOKIES", "maybe")])).is_err());
        assert!(Config::from_lookup(lookup(&[("BLIXT_ROOM_SIZE", "3000")])).is_err());
        let public =
            Config::from_lookup(lookup(&[("BLIXT_PUBLIC_URL", "https://blixt.se/x")])).unwrap();
        assert!(public.secure_cookies, "secure by default behind https");
        assert_eq!(public.public_origin().as_deref(), Some("https://blixt.se"));
        assert!(Config::from_lookup(lookup(&[("BLIXT_HEARTBEAT_MS", "ten")])).is_err());
    }
}
