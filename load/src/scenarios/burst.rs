//! `burst`: a real room. People join, write problems, the facilitator reveals and opens problem
//! voting; then every dot in the room is cast at once while the projector and every phone watch.
//! Reports what the screens received during the burst and how long until all of them showed
//! the final tally state.

use super::{step, Common, Viewer};
use crate::api::{commands, Cookie, Error};
use crate::live::{Kind, Screen};
use crate::measure::{self, bytes, ms, summary_line, Snapshot};
use futures::StreamExt;
use rand::seq::SliceRandom;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// People in the room, each on a phone.
    #[arg(long, default_value_t = 40)]
    pub people: usize,
    /// Problems each person writes.
    #[arg(long, default_value_t = 10)]
    pub notes: usize,
    /// Dots each person casts (the jam's problem dot budget is set to this).
    #[arg(long, default_value_t = 3)]
    pub dots: u8,
    /// Groups the room is split into (each phone sees and votes on its group's notes only).
    #[arg(long, default_value_t = 1)]
    pub groups: u8,
}

/// Problem notes of a plausible length (50–110 characters).
fn note_text(person: usize, n: usize) -> String {
    const PROBLEMS: [&str; 5] = [
        "Meetings start late because the room booking system double-books",
        "Nobody knows who owns the shared drive, so files get lost",
        "New staff wait two weeks for a laptop and accounts",
        "Citizens get different answers depending on who picks up the phone",
        "The weekly report takes a day to compile by hand from four systems",
    ];
    format!(
        "{} (#{}.{})",
        PROBLEMS[(person + n) % PROBLEMS.len()],
        person + 1,
        n + 1
    )
}

async fn host_command(
    common: &Common,
    host: &Cookie,
    code: &str,
    command: Value,
) -> Result<u64, Error> {
    common.api.command(host, code, &command).await
}

async fn expect_round(
    common: &Common,
    who: &Cookie,
    code: &str,
    round: &str,
) -> Result<Value, Error> {
    let view = common.api.view(who, code).await?;
    if view["round"] != round {
        return Err(Error::Unexpected(format!(
            "expected round {round}, the jam is in {}",
            view["round"]
        )));
    }
    Ok(view)
}

pub async fn run(common: &Common, args: &Args) -> Result<(), Error> {
    if args.people == 0 || args.notes == 0 {
        return Err(Error::Unexpected("a burst needs people and notes".into()));
    }
    let api = &common.api;
    let (code, host) = api.create_jam("Load test: burst of dots").await?;
    step(format!("jam {code}: {} people join", args.people));
    let joined = super::join_many(common, &code, args.people, "Person").await;
    if let Some(why) = joined.refused {
        return Err(Error::Unexpected(format!(
            "only {} of {} could join: {why}",
            joined.cookies.len(),
            args.people
        )));
    }
    let phones = joined.cookies;

    // Skip the optional round and set the dot budget, keeping every other setting as it is.
    let view = api.view(&host, &code).await?;
    let mut settings = view["settings"].clone();
    settings["working_round"] = Value::Bool(false);
    settings["problem_dots"] = Value::from(args.dots);
    settings["groups"] = Value::from(args.groups);
    host_command(common, &host, &code, commands::update_settings(&settings)).await?;
    host_command(common, &host, &code, commands::next_round("Lobby")).await?;
    expect_round(common, &host, &code, "Problems").await?;

    step(format!("each writes {} problems", args.notes));
    let code = code.as_str();
    let written: Vec<Result<u64, Error>> = futures::stream::iter(phones.iter().enumerate())
        .map(|(person, cookie)| async move {
            for n in 0..args.notes {
                let text = note_text(person, n);
                api.command(cookie, code, &commands::add_note(&text))
                    .await?;
            }
            Ok(0)
        })
        .buffer_unordered(common.concurrency)
        .collect()
        .await;
    if let Some(Err(e)) = written.into_iter().find(Result::is_err) {
        return Err(e);
    }
    host_command(common, &host, code, commands::next_round("Problems")).await?;
    host_command(common, &host, code, commands::next_round("Reveal")).await?;
    // Each phone's ballot: its group's notes (the whole room's when it is one group).
    let mut ballots: Vec<Vec<String>> = Vec::new();
    let mut version = 0;
    for cookie in &phones {
        let view = expect_round(common, cookie, code, "VoteProblems").await?;
        version = version.max(view["version"].as_u64().unwrap_or(0));
        ballots.push(
            view["notes"]
                .as_array()
                .map(|notes| {
                    notes
                        .iter()
                        .filter_map(|n| n["id"].as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
        );
    }
    let ballot = &ballots[0];
    step(format!(
        "voting open on {} notes (version {version}); the projector and {} phones connect",
        ballot.len(),
        phones.len()
    ));

    let projector = Screen::new(Kind::Projector, 0);
    let mut viewers = vec![Viewer {
        screen: projector.clone(),
        code: code.to_string(),
        cookie: Some(host.clone()),
    }];
    for cookie in &phones {
        viewers.push(Viewer {
            screen: Screen::new(Kind::Participant, 0),
            code: code.to_string(),
            cookie: Some(cookie.clone()),
        });
    }
    let screens: Vec<Arc<Screen>> = viewers.iter().map(|v| v.screen.clone()).collect();
    let tasks = super::open_screens(common, viewers);
    let connected = super::wait_connected(&screens, Duration::from_secs(60)).await;
    if connected < screens.len() {
        super::report_screens(&screens);
        return Err(Error::Unexpected(format!(
            "only {connected} of {} screens connected",
            screens.len()
        )));
    }
    measure::wait_for(common.timeout, || screens.iter().all(|s| s.has(version))).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Every dot at once: each phone casts its whole budget concurrently, on random notes.
    let mut rng = rand::thread_rng();
    let votes: Vec<(&Cookie, String)> = phones
        .iter()
        .zip(&ballots)
        .flat_map(|(cookie, ballot)| (0..args.dots).map(move |_| (cookie, ballot)))
        .map(|(cookie, ballot)| (cookie, ballot.choose(&mut rng).cloned().unwrap_or_default()))
        .collect();
    step(format!("casting {} dots at once", votes.len()));
    let bytes_before = super::total_bytes(&screens);
    let before = Snapshot::take(common.server_pid);
    let start = before.at;
    let answers: Vec<(Result<u64, Error>, Instant)> =
        futures::future::join_all(votes.iter().map(|(cookie, note)| async move {
            let result = api.command(cookie, code, &commands::cast_vote(note)).await;
            (result, Instant::now())
        }))
        .await;
    let all_answered = answers.iter().map(|(_, at)| *at).max().unwrap_or(start);
    let final_version = answers
        .iter()
        .filter_map(|(r, _)| r.as_ref().ok())
        .max()
        .copied()
        .unwrap_or(version);
    let all_shown = measure::wait_for(common.timeout, || {
        screens.iter().all(|s| s.has(final_version))
    })
    .await;
    let after = Snapshot::take(common.server_pid);
    let burst_bytes = super::total_bytes(&screens) - bytes_before;
    let last_shown = screens
        .iter()
        .filter_map(|s| s.reached(final_version))
        .max()
        .unwrap_or(all_answered);
    let end = all_answered.max(last_shown);

    let failures: Vec<&Error> = answers
        .iter()
        .filter_map(|(r, _)| r.as_ref().err())
        .collect();
    let events_in_burst: Vec<usize> = screens
        .iter()
        .map(|s| s.arrivals().iter().filter(|a| a.at >= start).count())
        .collect();
    let phone_views: Vec<usize> = screens
        .iter()
        .filter(|s| s.kind == Kind::Participant)
        .filter_map(|s| s.first().map(|f| f.size))
        .collect();

    println!();
    println!(
        "== burst: {} people × {} notes in {} group(s), {} dots each, all cast at once ==",
        args.people, args.notes, args.groups, args.dots
    );
    println!(
        "  ballot: {} notes on the first phone's; {} screens listening (projector + {} phones)",
        ballot.len(),
        screens.len(),
        phones.len()
    );
    println!(
        "  view size (one full event): phone {}–{} (mean {}), projector {}",
        bytes(phone_views.iter().min().copied().unwrap_or(0) as u64),
        bytes(phone_views.iter().max().copied().unwrap_or(0) as u64),
        bytes((phone_views.iter().sum::<usize>() / phone_views.len().max(1)) as u64),
        bytes(projector.first().map_or(0, |f| f.size) as u64)
    );
    println!(
        "  votes: {} sent, {} refused or failed; answer time {}",
        answers.len(),
        failures.len(),
        summary_line(
            answers
                .iter()
                .filter(|(r, _)| r.is_ok())
                .map(|(_, at)| at.duration_since(start))
                .collect()
        )
    );
    if let Some(first) = failures.first() {
        println!("    first failure: {first}");
    }
    println!(
        "  versions: {version} → {final_version}; every screen showed it: {}",
        if all_shown { "yes" } else { "NO (timed out)" }
    );
    println!(
        "  burst duration (first vote sent → all answered and every screen at the final version): {}",
        ms(end.duration_since(start))
    );
    println!(
        "    all votes answered after {}; last screen caught up after {}",
        ms(all_answered.duration_since(start)),
        ms(last_shown.saturating_duration_since(start))
    );
    println!(
        "  live bytes received during the burst: {} in all, {} per screen",
        bytes(burst_bytes),
        bytes(burst_bytes / screens.len() as u64)
    );
    println!(
        "  events per screen during the burst: mean {:.1}, max {}",
        events_in_burst.iter().sum::<usize>() as f64 / screens.len() as f64,
        events_in_burst.iter().max().copied().unwrap_or(0)
    );
    println!("  burst: {}", before.cost_until(&after));
    super::report_screens(&screens);
    super::close(tasks).await;
    Ok(())
}
