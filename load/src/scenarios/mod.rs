//! The scenarios, and what they share: joining many people, opening many live channels,
//! summing up what screens received.

pub mod burst;
pub mod fanout;
pub mod many_jams;

use crate::api::{Api, Cookie, Error};
use crate::live::{self, Kind, Screen};
use crate::measure::{bytes, ms, summary_line};
use futures::StreamExt;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;

/// Settings every scenario gets from the command line.
#[derive(Clone)]
pub struct Common {
    /// The facilitator's server.
    pub api: Api,
    /// Every server given; phone `i` joins and listens on `phone_apis[i % len]`.
    pub phone_apis: Vec<Api>,
    pub server_pid: Option<u32>,
    /// How long a change may take to reach a screen before it counts as missed.
    pub timeout: Duration,
    /// Setup requests (joins, notes) and connection attempts in flight at once.
    pub concurrency: usize,
    /// Phones fetch their page when their view changes, as the phone's script does.
    pub phone_pages: bool,
}

impl Common {
    /// The server phone number `i` uses.
    pub fn phone_api(&self, i: usize) -> &Api {
        &self.phone_apis[i % self.phone_apis.len()]
    }
}

/// Progress for the person running the tool (stderr, so the report on stdout stays clean).
pub fn step(what: impl std::fmt::Display) {
    eprintln!("[load] {what}");
}

/// People who joined a jam, and why joining stopped early if it did.
pub struct Joined {
    pub cookies: Vec<Cookie>,
    pub refused: Option<Error>,
}

/// Joins `count` new people to `code` (`concurrency` at a time). Stops at the first refusal (a
/// full jam): the people not joined are left to the caller.
pub async fn join_many(common: &Common, code: &str, count: usize, label: &str) -> Joined {
    let full = AtomicBool::new(false);
    let results: Vec<Result<Cookie, Error>> = futures::stream::iter(0..count)
        .map(|i| {
            let full = &full;
            async move {
                if full.load(Relaxed) {
                    return Err(Error::Unexpected(
                        "not tried: the jam refused a join".into(),
                    ));
                }
                let name = format!("{label} {}", i + 1);
                let result = common.phone_api(i).join(code, &name).await;
                if matches!(result, Err(Error::Refused { .. })) {
                    full.store(true, Relaxed);
                }
                result
            }
        })
        .buffer_unordered(common.concurrency)
        .collect()
        .await;
    let mut joined = Joined {
        cookies: Vec::new(),
        refused: None,
    };
    for result in results {
        match result {
            Ok(cookie) => joined.cookies.push(cookie),
            Err(e @ Error::Refused { .. }) => {
                joined.refused.get_or_insert(e);
            }
            Err(Error::Unexpected(_)) if full.load(Relaxed) => {}
            Err(e) => {
                joined.refused.get_or_insert(e);
            }
        }
    }
    joined
}

/// A screen about to listen: who it is and what it sends as its cookie.
pub struct Viewer {
    pub screen: Arc<Screen>,
    pub code: String,
    pub cookie: Option<Cookie>,
}

/// Opens every viewer's live channel, at most `common.concurrency` connecting at once (a
/// connection counts as connecting until its first event). Answers the tasks, to abort at the end.
pub fn open_screens(common: &Common, viewers: Vec<Viewer>) -> Vec<JoinHandle<()>> {
    let gate = Arc::new(Semaphore::new(common.concurrency));
    // How many phones are in each jam: a phone showing pages spreads its fetches by it.
    let mut people = std::collections::HashMap::<String, usize>::new();
    for viewer in viewers
        .iter()
        .filter(|v| v.screen.kind == Kind::Participant)
    {
        *people.entry(viewer.code.clone()).or_default() += 1;
    }
    viewers
        .into_iter()
        .enumerate()
        .map(|(i, viewer)| {
            let gate = gate.clone();
            let api = common.phone_api(i);
            let http = api.live().clone();
            let url = api.url(&format!("/live/{}", viewer.code));
            let page = (common.phone_pages && viewer.screen.kind == Kind::Participant).then(|| {
                let url = api.url(&format!("/jam/{}", viewer.code));
                live::Page::new(url, people.get(&viewer.code).copied().unwrap_or(0))
            });
            tokio::spawn(async move {
                let permit = gate.acquire_owned().await.ok();
                live::watch(http, url, viewer.cookie, viewer.screen, permit, page).await;
            })
        })
        .collect()
}

/// Waits until every screen has had its first event (or its connection ended); answers how
/// many have.
pub async fn wait_connected(screens: &[Arc<Screen>], within: Duration) -> usize {
    crate::measure::wait_for(within, || {
        screens
            .iter()
            .all(|s| s.first().is_some() || s.ended().is_some())
    })
    .await;
    screens.iter().filter(|s| s.first().is_some()).count()
}

pub fn total_bytes(screens: &[Arc<Screen>]) -> u64 {
    screens.iter().map(|s| s.bytes()).sum()
}

/// Lines on the first events of one kind of screen: how soon and how big.
pub fn report_first_events(screens: &[Arc<Screen>], kind: Kind, label: &str) {
    let of_kind: Vec<&Arc<Screen>> = screens.iter().filter(|s| s.kind == kind).collect();
    if of_kind.is_empty() {
        return;
    }
    let firsts: Vec<_> = of_kind.iter().filter_map(|s| s.first()).collect();
    let sizes: Vec<usize> = firsts.iter().map(|f| f.size).collect();
    let (min, max) = (
        sizes.iter().min().copied().unwrap_or(0),
        sizes.iter().max().copied().unwrap_or(0),
    );
    println!(
        "  {label}: {} of {} connected; first event {}{}",
        firsts.len(),
        of_kind.len(),
        bytes(min as u64),
        if max != min {
            format!("–{}", bytes(max as u64))
        } else {
            String::new()
        }
    );
    println!(
        "    time to first event: {}",
        summary_line(firsts.iter().map(|f| f.after).collect())
    );
}

/// Lines on the events the screens received in all, and anything odd they saw: closed
/// connections, versions going back, events the tool could not read.
pub fn report_screens(screens: &[Arc<Screen>]) {
    println!(
        "  events received: {} in all, {} in all; largest event {}",
        screens.iter().map(|s| s.events()).sum::<u64>(),
        bytes(total_bytes(screens)),
        bytes(screens.iter().map(|s| s.largest_event()).max().unwrap_or(0))
    );
    let ended: Vec<String> = screens.iter().filter_map(|s| s.ended()).collect();
    if !ended.is_empty() {
        let mut reasons: Vec<(String, usize)> = Vec::new();
        for why in ended.iter() {
            match reasons.iter_mut().find(|(r, _)| r == why) {
                Some((_, n)) => *n += 1,
                None => reasons.push((why.clone(), 1)),
            }
        }
        println!("  connections ended early: {}", ended.len());
        for (why, n) in reasons.iter().take(5) {
            println!("    {n} × {why}");
        }
    }
    let (pages, page_bytes) = screens
        .iter()
        .map(|s| s.pages())
        .fold((0, 0), |(n, b), (pn, pb)| (n + pn, b + pb));
    if let Some(each) = page_bytes.checked_div(pages) {
        println!(
            "  phone pages fetched: {pages}, {} in all as sent (gzip), {} each on average",
            bytes(page_bytes),
            bytes(each)
        );
    }
    let backwards: u64 = screens.iter().map(|s| s.backwards()).sum();
    let unreadable: u64 = screens.iter().map(|s| s.unreadable()).sum();
    let heartbeats: u64 = screens.iter().map(|s| s.heartbeats()).sum();
    if backwards > 0 {
        println!("  events with a version lower than one already seen: {backwards}");
    }
    if unreadable > 0 {
        println!("  events without a readable version: {unreadable}");
    }
    if heartbeats > 0 {
        println!("  heartbeat events: {heartbeats}");
    }
}

/// The changes' command round trips (the facilitator's wait) and failures.
pub fn report_commands(changes: &[crate::measure::Change]) {
    let rtts: Vec<Duration> = changes
        .iter()
        .filter(|c| c.result.is_ok())
        .map(|c| c.answered.duration_since(c.sent))
        .collect();
    let failed: Vec<&String> = changes
        .iter()
        .filter_map(|c| c.result.as_ref().err())
        .collect();
    println!(
        "  commands: {} sent, {} failed; answer time {}",
        changes.len(),
        failed.len(),
        summary_line(rtts)
    );
    if let Some(first) = failed.first() {
        println!("    first failure: {first}");
    }
}

/// Prints the delivery of changes to screens.
pub fn report_delivery(delivery: &crate::measure::Delivery, timeout: Duration) {
    println!(
        "  change → screen latency: {}",
        summary_line(delivery.latencies.clone())
    );
    println!(
        "  misses (not within {}): {} (on {} screens)",
        ms(timeout),
        delivery.misses,
        delivery.screens_missing
    );
}

/// Aborts the listening tasks and lets their connections close.
pub async fn close(tasks: Vec<JoinHandle<()>>) {
    for task in &tasks {
        task.abort();
    }
    for task in tasks {
        let _ = task.await;
    }
}
