//! `fanout`: one jam, many phones listening; the facilitator makes small changes one at a time
//! and the tool times how long each takes to reach every phone.
//!
//! Phones join first; if the jam refuses more people (it is full), the remaining phones listen
//! as visitors (the live channel without joining), and the report says so.

use super::{step, Common, Viewer};
use crate::api::commands;
use crate::live::{Kind, Screen};
use crate::measure::{self, bytes, kib, Change, Snapshot};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Phones listening on the jam's live channel.
    #[arg(long, default_value_t = 2000)]
    pub phones: usize,
    /// Changes the facilitator makes, one at a time.
    #[arg(long, default_value_t = 20)]
    pub changes: usize,
    /// Time from one change being sent to the next (milliseconds).
    #[arg(long, default_value_t = 500)]
    pub interval_ms: u64,
    /// Each change moves the round (on, then back) instead of working the clock: every
    /// phone's screen changes, and with `--phone-pages` every phone fetches its page.
    #[arg(long)]
    pub rounds: bool,
}

pub async fn run(common: &Common, args: &Args) -> Result<(), crate::api::Error> {
    let api = &common.api;
    let (code, host) = api.create_jam("Load test: fan-out").await?;
    // Room for everyone, as a facilitator of a town hall sets it (up to the server's
    // BLIXT_ROOM_MAX; past it, the rest listen as visitors).
    let room = serde_json::json!({ "room_size": args.phones.max(1) });
    if let Err(refused) = api
        .command(&host, &code, &commands::update_settings(&room))
        .await
    {
        step(format!("room size stays the server's default ({refused})"));
    }
    step(format!("jam {code}: joining {} phones", args.phones));
    let started = Instant::now();
    let joined = super::join_many(common, &code, args.phones, "Phone").await;
    let join_time = started.elapsed();
    let visitors = args.phones - joined.cookies.len();
    if let Some(why) = &joined.refused {
        step(format!(
            "{} joined; the rest listen as visitors ({why})",
            joined.cookies.len()
        ));
    }

    let before_connect = Snapshot::take(common.server_pid);
    let mut viewers = Vec::with_capacity(args.phones);
    for cookie in &joined.cookies {
        viewers.push(Viewer {
            screen: Screen::new(Kind::Participant, 0),
            code: code.clone(),
            cookie: Some(cookie.clone()),
        });
    }
    for _ in 0..visitors {
        viewers.push(Viewer {
            screen: Screen::new(Kind::Visitor, 0),
            code: code.clone(),
            cookie: None,
        });
    }
    // The facilitator's changes below work the clock, which runs in the writing rounds (or
    // move between the first two of them).
    api.command(&host, &code, &commands::next_round("Lobby"))
        .await?;
    let screens: Vec<Arc<Screen>> = viewers.iter().map(|v| v.screen.clone()).collect();
    step(format!("opening {} live channels", screens.len()));
    let tasks = super::open_screens(common, viewers);
    let connected = super::wait_connected(&screens, Duration::from_secs(120)).await;
    let connect_time = before_connect.at.elapsed();
    // Let allocations from connecting settle before reading memory.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after_connect = Snapshot::take(common.server_pid);
    let connect_bytes = super::total_bytes(&screens);

    step(format!(
        "{connected} connected; making {} changes",
        args.changes
    ));
    let start_version = screens.iter().filter_map(|s| s.version()).max();
    let mut changes = Vec::with_capacity(args.changes);
    let before_changes = Snapshot::take(common.server_pid);
    let t0 = before_changes.at;
    for n in 0..args.changes {
        let sent = Instant::now();
        let result = api
            .command(
                &host,
                &code,
                &if args.rounds {
                    commands::round_change(n)
                } else {
                    commands::timer_change(n)
                },
            )
            .await
            .map_err(|e| e.to_string());
        changes.push(Change {
            jam: 0,
            sent,
            answered: Instant::now(),
            result,
        });
        let next = t0 + Duration::from_millis(args.interval_ms * (n as u64 + 1));
        tokio::time::sleep_until(next.into()).await;
    }
    let last = changes
        .iter()
        .filter_map(|c| c.result.as_ref().ok())
        .max()
        .copied();
    if let Some(last) = last {
        measure::wait_for(common.timeout, || {
            screens.iter().all(|s| s.has(last) || s.ended().is_some())
        })
        .await;
    }
    let after_changes = Snapshot::take(common.server_pid);
    let change_bytes = super::total_bytes(&screens) - connect_bytes;
    let delivery = measure::delivery(&changes, &screens, common.timeout);

    println!();
    println!(
        "== fanout: one jam, {} phones, {} changes ==",
        args.phones, args.changes
    );
    println!(
        "  joined {} of {} in {:.1} s{}",
        joined.cookies.len(),
        args.phones,
        join_time.as_secs_f64(),
        match &joined.refused {
            Some(why) => format!("; {visitors} listen as visitors (join refused: {why})"),
            None => String::new(),
        }
    );
    println!(
        "  connected {connected} of {} in {:.1} s; live bytes for first events {}",
        screens.len(),
        connect_time.as_secs_f64(),
        bytes(connect_bytes)
    );
    super::report_first_events(&screens, Kind::Participant, "participants");
    super::report_first_events(&screens, Kind::Visitor, "visitors");
    if let Some((a, b)) = before_connect.server.zip(after_connect.server) {
        let grew = b.rss_kib.saturating_sub(a.rss_kib);
        println!(
            "  server RSS {} before connecting, {} with {connected} connected: {} per connected phone; open files {} → {}",
            kib(a.rss_kib),
            kib(b.rss_kib),
            bytes(grew * 1024 / connected.max(1) as u64),
            a.open_files,
            b.open_files
        );
    }
    println!(
        "  connecting: {}",
        before_connect.cost_until(&after_connect)
    );
    super::report_commands(&changes);
    println!(
        "  versions: {} → {}",
        start_version.map_or("?".into(), |v| v.to_string()),
        last.map_or("?".into(), |v| v.to_string())
    );
    super::report_delivery(&delivery, common.timeout);
    for (kind, label) in [
        (Kind::Participant, "participants"),
        (Kind::Visitor, "visitors"),
    ] {
        let of_kind: Vec<Arc<Screen>> =
            screens.iter().filter(|s| s.kind == kind).cloned().collect();
        if !of_kind.is_empty() && of_kind.len() < screens.len() {
            let d = measure::delivery(&changes, &of_kind, common.timeout);
            println!(
                "    {label}: {}; misses {}",
                measure::summary_line(d.latencies),
                d.misses
            );
        }
    }
    println!(
        "  live bytes during the changes: {} ({} per phone per change)",
        bytes(change_bytes),
        bytes(change_bytes / (screens.len().max(1) * args.changes.max(1)) as u64)
    );
    println!("  changes: {}", before_changes.cost_until(&after_changes));
    super::report_screens(&screens);
    super::close(tasks).await;
    Ok(())
}
