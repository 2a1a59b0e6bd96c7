//! Several Blixt processes on one PostgreSQL, as a region's installation runs them: any process
//! serves any screen of any jam, the database orders each jam's changes, and when a process
//! dies its phones carry on through the load balancer on another. These need PostgreSQL and
//! nginx, which `scripts/test.sh` starts and installs (it sets `BLIXT_TEST_POSTGRES`).

mod common;

use common::{Browser, Nginx, Process, TestDb};
use reqwest::StatusCode;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const NEEDS: &str = "needs PostgreSQL and nginx: run by scripts/test.sh (BLIXT_TEST_POSTGRES)";

async fn two_instances(dir: &std::path::Path) -> (TestDb, Process, Process) {
    let db = TestDb::fresh(dir).await;
    assert!(db.is_postgres(), "{NEEDS}");
    let a = Process::start(&db).await;
    let b = Process::start(&db).await;
    (db, a, b)
}

async fn next(host: &Browser, code: &str) {
    let answer = host.next_round(code).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and nginx: run by scripts/test.sh (BLIXT_TEST_POSTGRES)"]
async fn a_change_on_one_instance_reaches_phones_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, a, b) = two_instances(dir.path()).await;
    let host = Browser::new(&a.base);
    let code = host.create_jam("Hur når vi alla i regionen?").await;
    let on_a = Browser::new(&a.base);
    let on_b = Browser::new(&b.base);
    assert_eq!(on_a.join(&code, "Anna").await.status, StatusCode::OK);
    assert_eq!(on_b.join(&code, "Bo").await.status, StatusCode::OK);
    let mut live_a = on_a.live(&code).await;
    let mut live_b = on_b.live(&code).await;
    let mut host_live = host.live(&code).await;
    for live in [&mut live_a, &mut live_b, &mut host_live] {
        live.next_view(Duration::from_secs(2)).await;
    }

    // The facilitator (on A) moves the room; both phones follow, whichever process they are on.
    for round in ["Working", "Problems"] {
        let sent = Instant::now();
        next(&host, &code).await;
        for live in [&mut live_a, &mut live_b] {
            let version = host.view(&code).await.body["version"].as_u64().unwrap();
            let view = live.view_at(version, Duration::from_secs(2)).await;
            assert_eq!(view["round"], round);
        }
        assert!(sent.elapsed() < Duration::from_secs(2));
    }
    // A phone on B writes; the projector on A counts it.
    let wrote = on_b
        .command(
            &code,
            json!({"Participant": {"AddNote": {"text": "Glesbygden"}}}),
        )
        .await;
    let version = wrote.body.as_u64().unwrap();
    let projector = host_live.view_at(version, Duration::from_secs(2)).await;
    let progress = projector["progress"].as_array().unwrap();
    assert!(progress.iter().any(|p| p["name"] == "Bo" && p["done"] == 1));
    // And every screen's copy equals what its own process answers.
    assert_eq!(
        live_b.view_at(version, Duration::from_secs(2)).await["notes"],
        on_b.view(&code).await.body["notes"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and nginx: run by scripts/test.sh (BLIXT_TEST_POSTGRES)"]
async fn fifty_votes_from_one_phone_split_across_instances_keep_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, a, b) = two_instances(dir.path()).await;
    let host = Browser::new(&a.base);
    let code = host.create_jam("Budgeten gäller överallt").await;
    let phone = Browser::new(&a.base);
    phone.join(&code, "Cai").await;
    next(&host, &code).await;
    next(&host, &code).await;
    phone
        .command(
            &code,
            json!({"Participant": {"AddNote": {"text": "Ett problem"}}}),
        )
        .await;
    next(&host, &code).await;
    next(&host, &code).await; // voting, 3 dots
    let note = host.view(&code).await.body["notes"][0]["id"].clone();
    let via_b = phone.against_base(&b.base);
    let votes = (0..50).map(|i| {
        let (phone, code, note) = (if i % 2 == 0 { &phone } else { &via_b }, &code, &note);
        async move {
            phone
                .command(code, json!({"Participant": {"CastVote": {"note": note}}}))
                .await
                .status
        }
    });
    let answers = futures::future::join_all(votes).await;
    let accepted = answers.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(accepted, 3, "{answers:?}");
    assert_eq!(
        answers
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        47
    );
    next(&host, &code).await; // voting closes: the tally is shown
    let on_b = host.against_base(&b.base).view(&code).await.body;
    assert_eq!(on_b["ranking"][0]["votes"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and nginx: run by scripts/test.sh (BLIXT_TEST_POSTGRES)"]
async fn when_an_instance_dies_its_phones_carry_on_and_no_acknowledged_vote_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, a, b) = two_instances(dir.path()).await;
    let balancer = Nginx::start(&[a.port, b.port]).await;
    let host = Browser::new(&balancer.base);
    let code = host.create_jam("Vad händer när en server dör?").await;
    let phones: Vec<Browser> = (0..20).map(|_| Browser::new(&balancer.base)).collect();
    for (i, phone) in phones.iter().enumerate() {
        assert_eq!(
            phone.join(&code, &format!("P{i}")).await.status,
            StatusCode::OK
        );
    }
    next(&host, &code).await;
    next(&host, &code).await;
    for (i, phone) in phones.iter().enumerate() {
        phone
            .command(
                &code,
                json!({"Participant": {"AddNote": {"text": format!("Problem {i}")}}}),
            )
            .await;
    }
    next(&host, &code).await;
    next(&host, &code).await; // voting
    let notes: Vec<String> = host.view(&code).await.body["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    // Every phone listens through the balancer: about half of them on A.
    let mut streams = Vec::new();
    for phone in &phones {
        let mut live = phone.live(&code).await;
        live.next_view(Duration::from_secs(3)).await;
        streams.push(live);
    }

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let enough = Arc::new(tokio::sync::Notify::new());
    let mut storm = Vec::new();
    for (i, phone) in phones.iter().enumerate() {
        for dot in 0..3 {
            let (phone, code) = (phone.clone(), code.clone());
            let (acknowledged, enough) = (acknowledged.clone(), enough.clone());
            let note = notes[(i * 7 + dot * 11) % notes.len()].clone();
            storm.push(tokio::spawn(async move {
                let answer = phone
                    .try_command(&code, json!({"Participant": {"CastVote": {"note": note}}}))
                    .await;
                if answer.is_some_and(|status| status == StatusCode::OK)
                    && acknowledged.fetch_add(1, Ordering::SeqCst) + 1 == 20
                {
                    enough.notify_one();
                }
            }));
        }
    }
    tokio::time::timeout(Duration::from_secs(20), enough.notified())
        .await
        .expect("twenty votes acknowledged");
    a.kill_9();
    for task in storm {
        let _ = task.await;
    }
    let acknowledged = acknowledged.load(Ordering::SeqCst);

    // The room goes on through the balancer, now all on B.
    next(&host, &code).await; // voting closes
    let view = host.view(&code).await.body;
    let stored: u64 = view["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["votes"].as_u64().unwrap())
        .sum();
    assert!(
        stored as usize >= acknowledged,
        "{acknowledged} votes acknowledged, {stored} stored"
    );
    // Every phone is on the newest version: a stream that was on A reconnects (to B) and
    // starts from its whole view; one on B simply goes on.
    let version = view["version"].as_u64().unwrap();
    let mut reconnected = 0;
    for (phone, mut live) in phones.iter().zip(streams) {
        let view = match live.try_view_at(version, Duration::from_secs(3)).await {
            Some(view) => view,
            None => {
                reconnected += 1;
                let mut again = phone.live(&code).await;
                again.view_at(version, Duration::from_secs(3)).await
            }
        };
        assert_eq!(view["round"], "Prioritize");
    }
    assert!(
        reconnected > 0,
        "some phones were on the instance that died"
    );
    b.stop();
}
