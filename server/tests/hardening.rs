//! A public Blixt against hostile clients, over its real socket: slow heads, too many streams,
//! guessed codes, jams made in bulk, cross-site requests, missing security headers, redirects
//! to elsewhere, a database that cannot be written.

mod common;

use common::{Browser, TestDb, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_request_head_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(
        TestDb::fresh(dir.path()).await,
        &[("BLIXT_HEAD_TIMEOUT_MS", "500")],
    )
    .await;
    let addr = server.base.trim_start_matches("http://").to_string();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest))
        .await
        .expect("the server closes the connection")
        .ok();
    assert!(started.elapsed() < Duration::from_secs(3));
    // Everyone else is served meanwhile.
    assert_eq!(
        server.browser().get("/healthz").await.status(),
        StatusCode::OK
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_person_cannot_open_live_streams_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam("Strömmar").await;
    let mut open = Vec::new();
    for _ in 0..12 {
        open.push(host.live(&code).await);
    }
    let refused = host.get(&format!("/live/{code}")).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    // Closing one frees a place.
    drop(open.pop());
    let mut again = None;
    for _ in 0..50 {
        let response = host.get(&format!("/live/{code}")).await;
        if response.status() == StatusCode::OK {
            again = Some(response);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(again.is_some(), "a freed place can be taken again");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_join_codes_is_refused_but_a_room_joining_from_one_address_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam("Gissa inte").await;
    // A whole room behind one venue address joins the jam it was given: never refused.
    let room: Vec<Browser> = (0..60).map(|_| server.browser()).collect();
    let joins = room.iter().enumerate().map(|(i, p)| {
        let code = code.clone();
        async move { p.join(&code, &format!("P{i}")).await.status }
    });
    for status in futures::future::join_all(joins).await {
        assert_eq!(status, StatusCode::OK);
    }
    // Someone tries codes: after a score of misses in a minute, every look-up is refused,
    // the right code too.
    let guesser = server.browser();
    let mut statuses = Vec::new();
    for i in 0..24 {
        let wrong = format!(
            "BBBB{}{}",
            ["B", "C", "D", "F"][i % 4],
            ["G", "H", "J", "K", "M", "N"][i % 6]
        );
        if wrong == code {
            continue;
        }
        statuses.push(
            guesser
                .call("join_jam", &[("code", wrong.as_str()), ("name", "X")])
                .await
                .status,
        );
    }
    assert_eq!(statuses[0], StatusCode::NOT_FOUND);
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let right = guesser
        .call("join_jam", &[("code", code.as_str()), ("name", "X")])
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        guesser.get(&format!("/live/{code}")).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jams_cannot_be_made_in_bulk() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let server = TestServer::start_with(db, &[("BLIXT_NEW_JAMS_BURST", "10")]).await;
    let mut statuses = Vec::new();
    for i in 0..14 {
        let answer = server
            .browser()
            .call("create_jam", &[("topic", &format!("Ämne {i}"))])
            .await;
        statuses.push(answer.status);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(statuses[13], StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(server.stored_jams().await, 10);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_sites_page_cannot_drive_a_jam() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam("Inga främmande formulär").await;
    let version = host.view(&code).await.body["version"].clone();
    let forged = |origin: Option<&'static str>,
                  site: Option<&'static str>,
                  content_type: &'static str| {
        let mut request = host
                .client
                .post(format!("{}/api/command", server.base))
                .header("content-type", content_type)
                .body(
                    json!({"code": code, "id": uuid::Uuid::new_v4(), "command": {"Host": {"NextRound": {"from": "Lobby"}}}})
                        .to_string(),
                );
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        async move { request.send().await.unwrap().status() }
    };
    assert_eq!(
        forged(Some("http://evil.example"), None, "application/json").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        forged(None, Some("cross-site"), "application/json").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        forged(None, Some("same-site"), "application/json").await,
        StatusCode::FORBIDDEN,
        "a sibling site"
    );
    assert_eq!(
        forged(None, None, "text/plain").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        host.view(&code).await.body["version"],
        version,
        "nothing changed"
    );
    // The site's own page does it.
    let own = server.base.clone();
    let own: &'static str = Box::leak(own.into_boxed_str());
    assert_eq!(
        forged(Some(own), Some("same-origin"), "application/json").await,
        StatusCode::OK
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers_and_the_language_switch_stays_on_site() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let browser = server.browser();
    let page = browser.get("/").await;
    let headers = page.headers().clone();
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
    let api = browser.get("/healthz").await;
    assert!(api.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));

    for evil in [
        "/%09/other.host/",
        "//other.host/",
        "/\\other.host",
        "https://other.host/",
    ] {
        let response = browser
            .get(&format!("/lang/en?to={}", urlencode(evil)))
            .await;
        assert_eq!(response.headers()["location"], "/", "{evil}");
    }
    let fine = browser.get("/lang/en?to=/join").await;
    assert_eq!(fine.headers()["location"], "/join");
    server.stop().await;
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reads go on while something holds the database's write lock; the health check, which
/// writes, says the database is not well.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_cannot_be_written_fails_the_health_check_but_not_the_readers() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let server = TestServer::start_on(db.clone()).await;
    let host = server.browser();
    let code = host.create_jam("Låst databas").await;
    assert_eq!(host.get("/healthz").await.status(), StatusCode::OK);

    let hold = db.hold_write_lock().await;
    let started = Instant::now();
    assert_eq!(
        host.get("/healthz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert!(started.elapsed() < Duration::from_secs(6));
    let read = host.view(&code).await;
    assert_eq!(
        read.status,
        StatusCode::OK,
        "reads do not wait behind the lock"
    );
    drop(hold);
    assert_eq!(host.get("/healthz").await.status(), StatusCode::OK);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitator_deletes_a_jam_at_once_and_its_screens_hear_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let other = server.browser();
    let kept = other.create_jam("Ett annat jam").await;
    let sessions_before = server.stored_sessions().await;
    let host = server.browser();
    let code = host.create_jam("Radera mig").await;
    let phone = server.browser();
    phone.join(&code, "Dana").await;
    assert_eq!(server.stored_sessions().await, sessions_before + 2);
    let mut live = phone.live(&code).await;
    live.next_view(Duration::from_secs(2)).await;

    let refused = phone.call("delete_jam", &[("code", code.as_str())]).await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "a phone cannot delete the jam"
    );
    let deleted = host.call("delete_jam", &[("code", code.as_str())]).await;
    assert_eq!(deleted.status, StatusCode::OK, "{:?}", deleted.body);

    let gone = tokio::time::timeout(Duration::from_secs(2), async {
        loop {
            let event = live.next_event().await;
            if event.name.as_deref() == Some("gone") {
                return event;
            }
        }
    })
    .await
    .expect("the phone hears the jam is gone");
    assert_eq!(gone.data, "{}");
    assert_eq!(phone.view(&code).await.status, StatusCode::NOT_FOUND);
    assert_eq!(host.view(&code).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        server.stored_sessions().await,
        sessions_before,
        "the sessions of people who were only in it went with it"
    );
    assert_eq!(
        other.view(&kept).await.status,
        StatusCode::OK,
        "other jams stay"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jam_left_alone_past_the_retention_time_is_deleted_with_its_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let settings = [("BLIXT_RETENTION_DAYS", "30")];
    let server = TestServer::start_with(db.clone(), &settings).await;
    let host = server.browser();
    let old = host.create_jam("Gammalt jam").await;
    let phone = server.browser();
    phone.join(&old, "Eero").await;
    let recent_host = server.browser();
    let recent = recent_host.create_jam("Nytt jam").await;
    server.stop().await;

    // The old jam's last change was 31 days ago.
    let month_ago = chrono::Utc::now().timestamp_millis() - 31 * 24 * 3600 * 1000;
    db.execute(&format!(
        "UPDATE jams SET changed_ms = {month_ago} WHERE code = '{old}'"
    ))
    .await;
    let server = TestServer::start_with(db, &settings).await;
    let gone = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            if server.stored_jams().await == 1 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(
        gone.is_ok(),
        "the old jam is deleted when the server starts"
    );
    assert_eq!(
        host.against(&server).view(&old).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        recent_host.against(&server).view(&recent).await.status,
        StatusCode::OK
    );
    assert_eq!(
        server.stored_sessions().await,
        1,
        "only the recent jam's facilitator's"
    );
    server.stop().await;
}

/// Random and malformed bodies at the endpoints that take input: always a clear 4xx, never a
/// server error, and nothing changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_at_every_input_gets_a_clear_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam("Skräp in").await;
    let version = host.view(&code).await.body["version"].clone();
    let mut bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"null".to_vec(),
        br#"{"code":null}"#.to_vec(),
        format!(r#"{{"code":"{code}","id":"x","command":"NextRound"}}"#).into_bytes(),
        format!(
            r#"{{"code":"{code}","id":"{}","command":{{"Nope":1}}}}"#,
            uuid::Uuid::new_v4()
        )
        .into_bytes(),
        format!(
            r#"{{"code":"{code}","id":"{}","command":{{"AddNote":{{"text":{}}}}}}}"#,
            uuid::Uuid::new_v4(),
            "1".repeat(5000)
        )
        .into_bytes(),
        vec![0xff; 300],
        "\u{202e}\u{0}".repeat(50).into_bytes(),
    ];
    for _ in 0..150 {
        bodies.push(uuid::Uuid::new_v4().as_bytes().repeat(3));
    }
    let endpoints = [
        ("command", "application/json"),
        ("join_jam", "application/x-www-form-urlencoded"),
    ];
    for body in bodies {
        for (endpoint, content_type) in endpoints {
            let status = host
                .client
                .post(format!("{}/api/{endpoint}", server.base))
                .header("content-type", content_type)
                .body(body.clone())
                .send()
                .await
                .unwrap()
                .status();
            assert!(
                status.is_client_error(),
                "{status} from {endpoint} for {:?}",
                String::from_utf8_lossy(&body)
            );
        }
    }
    assert_eq!(
        host.view(&code).await.body["version"],
        version,
        "nothing changed"
    );
    server.stop().await;
}
