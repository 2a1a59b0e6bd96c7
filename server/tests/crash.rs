//! Nothing acknowledged is lost when the server process is killed in the middle of a storm of
//! votes: the real binary, `kill -9`, a restart on the same database, and a count.

mod common;

use common::{Browser, Process, TestDb, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_vote_storm_loses_no_acknowledged_vote() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let server = Process::start(&db).await;
    let browser = |base: &str| Browser::new(base);
    let host = browser(&server.base);
    let code = host.create_jam("Vad gör vi åt köerna?").await;
    let phones: Vec<Browser> = (0..30).map(|_| browser(&server.base)).collect();
    for (i, phone) in phones.iter().enumerate() {
        assert_eq!(
            phone.join(&code, &format!("P{i}")).await.status,
            StatusCode::OK
        );
    }
    for _ in 0..2 {
        host.next_round(&code).await; // what's working, problems
    }
    for (i, phone) in phones.iter().enumerate() {
        phone
            .command(
                &code,
                json!({"Participant": {"AddNote": {"text": format!("Problem {i}")}}}),
            )
            .await;
    }
    for _ in 0..2 {
        host.next_round(&code).await; // reveal, vote
    }
    let notes: Vec<String> = host.view(&code).await.body["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(notes.len(), 30);

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let enough = Arc::new(tokio::sync::Notify::new());
    let mut storm = Vec::new();
    for (i, phone) in phones.into_iter().enumerate() {
        for dot in 0..3 {
            let (code, acknowledged, enough) = (code.clone(), acknowledged.clone(), enough.clone());
            let phone = phone.clone();
            let note = notes[(i * 7 + dot * 11) % notes.len()].clone();
            storm.push(tokio::spawn(async move {
                let answer = phone
                    .try_command(&code, json!({"Participant": {"CastVote": {"note": note}}}))
                    .await;
                if answer.is_some_and(|status| status == StatusCode::OK)
                    && acknowledged.fetch_add(1, Ordering::SeqCst) + 1 == 30
                {
                    enough.notify_one();
                }
            }));
        }
    }
    tokio::time::timeout(Duration::from_secs(20), enough.notified())
        .await
        .expect("thirty votes acknowledged");
    server.kill_9();
    for task in storm {
        let _ = task.await;
    }
    let acknowledged = acknowledged.load(Ordering::SeqCst);
    eprintln!("{acknowledged} of 90 votes acknowledged before the kill");

    let server = TestServer::start_on(db).await;
    let host = host.against_base(&server.base);
    host.next_round(&code).await; // voting closes: tallies are shown
    let view = host.view(&code).await.body;
    let stored: u64 = view["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["votes"].as_u64().unwrap())
        .sum();
    assert!(
        stored as usize >= acknowledged,
        "{acknowledged} votes were acknowledged but {stored} are stored"
    );
    assert!(stored <= 90);
    server.stop().await;
}
