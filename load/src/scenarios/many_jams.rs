//! `many-jams`: one server holding many rooms at once. Every jam has its phones listening and
//! its facilitator makes one change a second; the jams' changes are spread evenly over each
//! second. Reports how fast changes reached the phones of their own jam.

use super::{step, Common, Viewer};
use crate::api::{commands, Cookie, Error};
use crate::live::{Kind, Screen};
use crate::measure::{self, bytes, kib, ms, summary_line, Change, Snapshot};
use futures::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Jams running at once.
    #[arg(long, default_value_t = 200)]
    pub jams: usize,
    /// Phones joined to and listening on each jam.
    #[arg(long, default_value_t = 25)]
    pub phones: usize,
    /// How long the facilitators keep changing their jams (one change per jam per second).
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
}

pub async fn run(common: &Common, args: &Args) -> Result<(), Error> {
    let api = &common.api;
    step(format!("creating {} jams", args.jams));
    let created: Vec<Result<(String, Cookie), Error>> = futures::stream::iter(0..args.jams)
        .map(|i| async move { api.create_jam(&format!("Load test: room {}", i + 1)).await })
        .buffered(common.concurrency)
        .collect()
        .await;
    let jams: Vec<(String, Cookie)> = created.into_iter().collect::<Result<_, _>>()?;

    step(format!("joining {} phones to each", args.phones));
    let started = Instant::now();
    let joined: Vec<super::Joined> = futures::stream::iter(jams.iter())
        .map(|(code, _)| super::join_many(common, code, args.phones, "Phone"))
        // Each join_many has `concurrency` joins in flight already.
        .buffered(1)
        .collect()
        .await;
    let join_time = started.elapsed();
    if let Some(why) = joined.iter().find_map(|j| j.refused.as_ref()) {
        return Err(Error::Unexpected(format!("a join failed: {why}")));
    }

    let before_connect = Snapshot::take(common.server_pid);
    let mut viewers = Vec::with_capacity(args.jams * args.phones);
    for (jam, ((code, _), people)) in jams.iter().zip(&joined).enumerate() {
        for cookie in &people.cookies {
            viewers.push(Viewer {
                screen: Screen::new(Kind::Participant, jam),
                code: code.clone(),
                cookie: Some(cookie.clone()),
            });
        }
    }
    // The facilitators' changes below work the clock, which runs in the writing rounds.
    for (code, host) in &jams {
        api.command(host, code, &commands::next_round("Lobby"))
            .await?;
    }
    let screens: Vec<Arc<Screen>> = viewers.iter().map(|v| v.screen.clone()).collect();
    step(format!("opening {} live channels", screens.len()));
    let tasks = super::open_screens(common, viewers);
    let connected = super::wait_connected(&screens, Duration::from_secs(180)).await;
    let connect_time = before_connect.at.elapsed();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after_connect = Snapshot::take(common.server_pid);
    let connect_bytes = super::total_bytes(&screens);

    step(format!(
        "{connected} connected; {} changes a second for {} s",
        args.jams, args.seconds
    ));
    let changes: Arc<Mutex<Vec<Change>>> = Arc::default();
    let mut in_flight = Vec::new();
    let mut lateness = Vec::new();
    let before_changes = Snapshot::take(common.server_pid);
    let t0 = before_changes.at + Duration::from_millis(100);
    let gap = Duration::from_secs(1) / args.jams.max(1) as u32;
    for second in 0..args.seconds {
        for (jam, (code, host)) in jams.iter().enumerate() {
            let at = t0 + Duration::from_secs(second) + gap * jam as u32;
            tokio::time::sleep_until(at.into()).await;
            lateness.push(Instant::now().saturating_duration_since(at));
            let (api, code, host, changes) =
                (api.clone(), code.clone(), host.clone(), changes.clone());
            let command = commands::timer_change(second as usize);
            in_flight.push(tokio::spawn(async move {
                let sent = Instant::now();
                let result = api
                    .command(&host, &code, &command)
                    .await
                    .map_err(|e| e.to_string());
                let change = Change {
                    jam,
                    sent,
                    answered: Instant::now(),
                    result,
                };
                changes.lock().expect("changes lock").push(change);
            }));
        }
    }
    for task in in_flight {
        let _ = task.await;
    }
    let changes = std::mem::take(&mut *changes.lock().expect("changes lock"));
    let mut last = vec![None; jams.len()];
    for change in &changes {
        if let Ok(v) = change.result {
            last[change.jam] = last[change.jam].max(Some(v));
        }
    }
    measure::wait_for(common.timeout, || {
        screens
            .iter()
            .all(|s| s.ended().is_some() || last[s.jam].is_none_or(|v| s.has(v)))
    })
    .await;
    let after_changes = Snapshot::take(common.server_pid);
    let change_bytes = super::total_bytes(&screens) - connect_bytes;
    let delivery = measure::delivery(&changes, &screens, common.timeout);

    println!();
    println!(
        "== many-jams: {} jams × {} phones, one change per jam per second for {} s ==",
        args.jams, args.phones, args.seconds
    );
    println!(
        "  joined {} phones in {:.1} s",
        joined.iter().map(|j| j.cookies.len()).sum::<usize>(),
        join_time.as_secs_f64()
    );
    println!(
        "  connected {connected} of {} in {:.1} s; live bytes for first events {}",
        screens.len(),
        connect_time.as_secs_f64(),
        bytes(connect_bytes)
    );
    super::report_first_events(&screens, Kind::Participant, "phones");
    if let Some((a, b)) = before_connect.server.zip(after_connect.server) {
        println!(
            "  server RSS {} before connecting, {} with {connected} connected: {} per connected phone",
            kib(a.rss_kib),
            kib(b.rss_kib),
            bytes(b.rss_kib.saturating_sub(a.rss_kib) * 1024 / connected.max(1) as u64)
        );
    }
    println!(
        "  connecting: {}",
        before_connect.cost_until(&after_connect)
    );
    println!(
        "  tool's schedule: changes sent late by {}",
        summary_line(lateness)
    );
    super::report_commands(&changes);
    super::report_delivery(&delivery, common.timeout);
    println!(
        "  live bytes during the changes: {} ({:.1} KiB/s)",
        bytes(change_bytes),
        change_bytes as f64 / 1024.0 / args.seconds.max(1) as f64
    );
    println!("  changes: {}", before_changes.cost_until(&after_changes));
    let slowest_jam = (0..jams.len())
        .filter_map(|jam| {
            let of_jam: Vec<Arc<Screen>> =
                screens.iter().filter(|s| s.jam == jam).cloned().collect();
            let d = measure::delivery(&changes, &of_jam, common.timeout);
            measure::Summary::of(d.latencies).map(|s| (jam, s.p99))
        })
        .max_by_key(|(_, p99)| *p99);
    if let Some((jam, p99)) = slowest_jam {
        println!("  slowest jam: #{} (p99 {})", jam + 1, ms(p99));
    }
    super::report_screens(&screens);
    super::close(tasks).await;
    Ok(())
}
