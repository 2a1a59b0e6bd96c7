//! The live engine over real sockets: patches that rebuild the view, reconnecting after a gap,
//! bursts folded into few messages, heartbeats, a reader that stops reading, visitors that
//! store nothing.

mod common;

use common::{participant_names, TestDb, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOPIC: &str = "Hur når vi unga i Tornedalen?";

/// The view as the server answers it now, to compare a live copy with (its clock aside).
fn without_clock(mut view: Value) -> Value {
    view["clock_ms"] = json!(0);
    view
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patches_keep_every_screen_equal_to_its_view_and_a_reconnect_starts_whole() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let anna = server.browser();
    anna.join(&code, "Anna").await;
    let mut host_live = host.live(&code).await;
    let mut anna_live = anna.live(&code).await;
    host_live.next_view(Duration::from_secs(2)).await;
    anna_live.next_view(Duration::from_secs(2)).await;

    for _ in 0..2 {
        assert_eq!(host.next_round(&code).await.status, StatusCode::OK);
    }
    let wrote = anna
        .command(
            &code,
            json!({"Participant": {"AddNote": {"text": "Bussen går för sällan"}}}),
        )
        .await;
    let version = wrote.body.as_u64().unwrap();
    let host_view = host_live.view_at(version, Duration::from_secs(2)).await;
    let anna_view = anna_live.view_at(version, Duration::from_secs(2)).await;
    assert_eq!(
        without_clock(host_view),
        without_clock(host.view(&code).await.body)
    );
    assert_eq!(
        without_clock(anna_view),
        without_clock(anna.view(&code).await.body)
    );
    assert!(
        anna_live
            .received
            .iter()
            .skip(1)
            .all(|m| m.starts_with(r#"{"patch":"#)),
        "after the first message only patches: {:?}",
        anna_live.received
    );

    // Anna's phone drops out; the room moves on; it comes back and starts from a whole view.
    drop(anna_live);
    assert_eq!(host.next_round(&code).await.status, StatusCode::OK);
    let mut again = anna.live(&code).await;
    let back = again.next_view(Duration::from_secs(2)).await;
    assert!(again.received[0].starts_with(r#"{"full":"#));
    assert_eq!(back["round"], "Reveal");
    assert_eq!(
        without_clock(back),
        without_clock(anna.view(&code).await.body)
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_changes_reaches_a_screen_as_a_few_messages_ending_on_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let mut live = host.live(&code).await;
    live.next_view(Duration::from_secs(2)).await;

    let started = Instant::now();
    let phones: Vec<_> = (0..40).map(|_| server.browser()).collect();
    let joins = phones
        .iter()
        .enumerate()
        .map(|(i, p)| p.join(&code, Box::leak(format!("Person {i}").into_boxed_str())));
    futures::future::join_all(joins).await;
    let took = started.elapsed();
    let last = live.view_at(41, Duration::from_secs(3)).await;
    assert_eq!(participant_names(&last).len(), 40);
    let messages = live.received.len() - 1;
    // At most one message per 100 ms, plus the one in flight when the burst began.
    let allowed = (took.as_millis() / 100) as usize + 2;
    assert!(
        messages <= allowed,
        "{messages} messages for 40 changes in {took:?}"
    );
    assert!(messages < 40, "changes were folded: {messages}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quiet_channel_sends_heartbeats_with_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(
        TestDb::fresh(dir.path()).await,
        &[("BLIXT_HEARTBEAT_MS", "300")],
    )
    .await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let mut live = host.live(&code).await;
    let first = live.next_view(Duration::from_secs(2)).await;
    let started = Instant::now();
    let beat = live.next_event().await;
    assert_eq!(beat.name.as_deref(), Some("hb"));
    let beat: Value = serde_json::from_str(&beat.data).unwrap();
    assert_eq!(beat["v"], first["version"]);
    assert!(started.elapsed() < Duration::from_secs(2));
    server.stop().await;
}

/// A client that opens the live channel and then reads nothing: the server buffers a little,
/// then hangs up instead of holding more for it; the client, back, gets the whole view.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_stops_reading_is_hung_up_on_and_resyncs() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(
        TestDb::fresh(dir.path()).await,
        &[("BLIXT_STALL_MS", "500"), ("BLIXT_HEARTBEAT_MS", "200")],
    )
    .await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let cookie = host.cookie_header();

    // A tiny receive window, so the server's buffers fill after little data.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let addr = server.base.trim_start_matches("http://").parse().unwrap();
    let mut sleeper = socket.connect(addr).await.unwrap();
    sleeper
        .write_all(
            format!("GET /live/{code} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();

    // Traffic for the sleeping projector: 20 people write 30 long notes each, and they are
    // revealed at once (one message of some 150 kB), then the room goes on.
    let phones: Vec<_> = (0..20).map(|_| server.browser()).collect();
    for (i, phone) in phones.iter().enumerate() {
        phone.join(&code, &format!("Person {i}")).await;
    }
    for _ in 0..2 {
        host.next_round(&code).await; // what's working, problems
    }
    let writing = phones.iter().map(|phone| {
        let code = code.clone();
        async move {
            for n in 0..30 {
                let text = format!(
                    "{n:02} {}",
                    "ett långt problem som fyller lappen ".repeat(5)
                );
                phone
                    .command(
                        &code,
                        json!({"Participant": {"AddNote": {"text": text.trim()}}}),
                    )
                    .await;
            }
        }
    });
    futures::future::join_all(writing).await;
    host.next_round(&code).await; // reveal
    host.command(&code, json!({"Host": {"Reveal": {"author": null}}}))
        .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // Now read: whatever the server had buffered arrives, then the connection ends.
    let mut received = Vec::new();
    // (A reset instead of an orderly end is a hang-up too.)
    let _ = tokio::time::timeout(Duration::from_secs(10), sleeper.read_to_end(&mut received))
        .await
        .expect("the server hung up on the sleeping reader");
    let text = String::from_utf8_lossy(&received);
    assert!(
        text.starts_with("HTTP/1.1 200"),
        "{}",
        &text[..text.len().min(200)]
    );
    let mut fresh = host.live(&code).await;
    let view = fresh.next_view(Duration::from_secs(2)).await;
    assert_eq!(view["round"], "Reveal");
    assert_eq!(view["notes"].as_array().unwrap().len(), 20 * 30);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_who_only_look_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let before = server.stored_sessions().await;
    for _ in 0..5 {
        let visitor = server.browser();
        assert_eq!(visitor.get("/").await.status(), StatusCode::OK);
        assert_eq!(
            visitor.get(&format!("/j/{code}")).await.status(),
            StatusCode::OK
        );
        let mut live = visitor.live(&code).await;
        let view = live.next_view(Duration::from_secs(2)).await;
        assert_eq!(view["viewer"], "Visitor");
        assert_eq!(visitor.view(&code).await.status, StatusCode::OK);
    }
    assert_eq!(
        server.stored_sessions().await,
        before,
        "no session for looking"
    );
    let joiner = server.browser();
    joiner.get(&format!("/j/{code}")).await;
    joiner.join(&code, "Aila").await;
    assert_eq!(
        server.stored_sessions().await,
        before + 1,
        "joining makes one"
    );
    server.stop().await;
}
