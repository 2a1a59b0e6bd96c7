//! The foundation slice over real HTTP: create, join, identity, refusals, live push, restart.

mod common;

use common::{participant_names, TestDb, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

const TOPIC: &str = "Hur får vi fler att flytta till Haparanda?";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_creates_a_jam_and_lands_on_its_screen() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();

    let answer = host.call("create_jam", &[("topic", TOPIC)]).await;
    assert_eq!(answer.status, StatusCode::OK);
    let code = answer.body.as_str().unwrap();
    assert!(app::domain::JoinCode::parse(code).is_ok(), "{code}");
    assert_eq!(
        answer.redirect.as_deref(),
        Some(format!("/host/{code}").as_str())
    );

    let screen = host.call("host_screen", &[("code", code)]).await;
    assert_eq!(screen.status, StatusCode::OK);
    assert_eq!(screen.body["view"]["topic"], TOPIC);
    assert_eq!(screen.body["join_url"], format!("{}/j/{code}", server.base));

    let qr = host.get(&format!("/qr/{code}.svg")).await;
    assert_eq!(qr.status(), StatusCode::OK);
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    assert!(qr.text().await.unwrap().contains("<svg"));

    let page = host.get(&format!("/host/{code}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(TOPIC),
        "the facilitator page is rendered on the server"
    );
    assert!(html.contains("/pkg/blixt.js"), "and hydrates");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_topics_are_refused_with_a_reason_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let too_long = "x".repeat(201);
    let cases = [
        (
            "",
            json!({"BadText": {"field": "Topic", "problem": "Empty"}}),
        ),
        (
            "   \n ",
            json!({"BadText": {"field": "Topic", "problem": "Empty"}}),
        ),
        (
            too_long.as_str(),
            json!({"BadText": {"field": "Topic", "problem": {"TooLong": {"max": 200}}}}),
        ),
        (
            "a\u{202E}b",
            json!({"BadText": {"field": "Topic", "problem": "ForbiddenCharacters"}}),
        ),
    ];
    for (topic, expected) in cases {
        let answer = host.call("create_jam", &[("topic", topic)]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{topic:?}");
        assert_eq!(answer.body, expected, "{topic:?}");
    }
    let missing_field = host.call("create_jam", &[]).await;
    assert_eq!(
        missing_field.status,
        StatusCode::BAD_REQUEST,
        "{:?}",
        missing_field.body
    );
    assert_eq!(server.stored_jams().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_checks_code_and_name_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let phone = server.browser();

    let refusals = [
        (
            "BCD",
            "Anna",
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"BadCode": "WrongLength"}),
        ),
        (
            "BCDFG1",
            "Anna",
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"BadCode": "WrongCharacter"}),
        ),
        (
            "'; DROP",
            "Anna",
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"BadCode": "WrongCharacter"}),
        ),
        (
            &code,
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"BadText": {"field": "Name", "problem": "Empty"}}),
        ),
        (
            &code,
            &"n".repeat(41),
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"BadText": {"field": "Name", "problem": {"TooLong": {"max": 40}}}}),
        ), // Invisible names, and names hiding invisible characters.
        (
            &code,
            "\u{3164}",
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"BadText": {"field": "Name", "problem": "Empty"}}),
        ),
        (
            &code,
            "Anna\u{200B}",
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"BadText": {"field": "Name", "problem": "ForbiddenCharacters"}}),
        ),
    ];
    for (code, name, status, body) in refusals {
        let answer = phone.join(code, name).await;
        assert_eq!(
            (answer.status, answer.body),
            (status, body),
            "{code:?} {name:?}"
        );
    }
    // A well-formed code that no jam has.
    let unknown = if code == "BBBBBB" { "CCCCCC" } else { "BBBBBB" };
    let answer = phone.join(unknown, "Anna").await;
    assert_eq!(
        (answer.status, answer.body),
        (StatusCode::NOT_FOUND, json!("JamNotFound"))
    );

    let screen = host.call("host_screen", &[("code", &code)]).await;
    assert_eq!(screen.body["view"]["version"], 1, "nothing changed");
    assert!(participant_names(&screen.body["view"]).is_empty());

    // A second Anna, in any case, is asked to tell herself apart.
    assert_eq!(phone.join(&code, "Anna").await.status, StatusCode::OK);
    let second = server.browser().join(&code, "ANNA").await;
    assert_eq!(
        (second.status, second.body),
        (StatusCode::CONFLICT, json!({"Jam": "NameTaken"}))
    );
    let screen = host.call("host_screen", &[("code", &code)]).await;
    assert_eq!(participant_names(&screen.body["view"]), ["Anna"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identity_is_the_session_cookie() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;

    let phone = server.browser();
    let joined = phone.join(&code.to_lowercase(), "  Åsa  Öberg ").await;
    assert_eq!(joined.status, StatusCode::OK);
    assert_eq!(
        joined.redirect.as_deref(),
        Some(format!("/jam/{code}").as_str())
    );

    // The phone "reloads": same cookies, still Åsa; joining again does not add a second Åsa.
    let view = phone.view(&code).await;
    assert_eq!(
        view.body["viewer"]["Participant"]["me"]["name"],
        "Åsa Öberg"
    );
    assert_eq!(phone.join(&code, "Åsa Öberg").await.body, joined.body);

    // Someone else with the code sees only the topic, and may not act as facilitator.
    let stranger = server.browser();
    let view = stranger.view(&code).await;
    assert_eq!(view.body["viewer"], "Visitor");
    assert_eq!(view.body["topic"], TOPIC);
    assert!(
        !view.body.to_string().contains("Åsa"),
        "a visitor sees no names"
    );
    for browser in [&stranger, &phone] {
        let refused = browser.call("host_screen", &[("code", &code)]).await;
        assert_eq!(
            (refused.status, refused.body),
            (StatusCode::FORBIDDEN, json!("NotFacilitator"))
        );
    }
    let page = phone.get(&format!("/host/{code}")).await;
    assert_eq!(
        page.status(),
        StatusCode::FORBIDDEN,
        "the page itself is refused too"
    );

    let screen = host.call("host_screen", &[("code", &code)]).await;
    assert_eq!(participant_names(&screen.body["view"]), ["Åsa Öberg"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitator_screen_hears_joins_live() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;

    let mut live = host.live(&code).await;
    let first = live.next_view(Duration::from_secs(2)).await;
    assert_eq!(first["version"], 1);
    assert!(participant_names(&first).is_empty());

    server.browser().join(&code, "Bo").await;
    let next = live.next_view(Duration::from_secs(1)).await;
    assert_eq!(participant_names(&next), ["Bo"]);
    assert_eq!(next["version"], 2);

    // A phone's stream carries its own view only, and a reconnect starts with the full state.
    let phone = server.browser();
    phone.join(&code, "Cai").await;
    let mut phone_live = phone.live(&code).await;
    let mine = phone_live.next_view(Duration::from_secs(2)).await;
    assert_eq!(mine["viewer"]["Participant"]["me"]["name"], "Cai");
    assert_eq!(mine["participant_count"], 2);
    assert!(!mine.to_string().contains("\"Bo\""));
    assert_eq!(
        participant_names(&live.next_view(Duration::from_secs(1)).await),
        ["Bo", "Cai"]
    );

    let unknown = host.get("/live/BBBBBB").await.status();
    let malformed = host.get("/live/nope").await.status();
    assert!(unknown == StatusCode::NOT_FOUND || code == "BBBBBB");
    assert_eq!(malformed, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_phones_joining_at_once_are_all_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let phones: Vec<_> = (0..30).map(|_| server.browser()).collect();
    let joins = phones.iter().enumerate().map(|(i, phone)| {
        let code = code.clone();
        async move {
            let name = format!("Deltagare {i}");
            // The phone opens the join link (which gives it its identity), then taps "join"
            // twice, as people do on a slow network.
            assert_eq!(
                phone.get(&format!("/j/{code}")).await.status(),
                StatusCode::OK
            );
            let (a, b) = tokio::join!(phone.join(&code, &name), phone.join(&code, &name));
            assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK));
        }
    });
    futures::future::join_all(joins).await;
    let screen = host.call("host_screen", &[("code", &code)]).await;
    let mut names = participant_names(&screen.body["view"]);
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 30);
    assert_eq!(screen.body["view"]["version"], 31, "one change per person");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_loses_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let server = TestServer::start_on(db.clone()).await;
    let host = server.browser();
    let phone = server.browser();
    let code = host.create_jam(TOPIC).await;
    phone.join(&code, "Aino").await;
    server.stop().await;

    let server = TestServer::start_on(db).await;
    let (host, phone) = (host.against(&server), phone.against(&server));
    let screen = host.call("host_screen", &[("code", &code)]).await;
    assert_eq!(
        screen.status,
        StatusCode::OK,
        "the facilitator is still the facilitator: {:?}",
        screen.body
    );
    assert_eq!(participant_names(&screen.body["view"]), ["Aino"]);
    let view = phone.view(&code).await;
    assert_eq!(view.body["viewer"]["Participant"]["me"]["name"], "Aino");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_follows_the_cookie_then_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let browser = server.browser();
    let page = |lang: Option<&'static str>| {
        let mut request = browser.client.get(format!("{}/", server.base));
        if let Some(lang) = lang {
            request = request.header("accept-language", lang);
        }
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    assert!(
        page(None).await.contains("<html lang=\"sv\""),
        "Swedish by default"
    );
    assert!(page(Some("en-GB,en;q=0.9")).await.contains("Start a jam"));
    let switch = browser.get("/lang/fi?to=/join").await;
    assert_eq!(switch.status(), StatusCode::SEE_OTHER);
    assert_eq!(switch.headers()["location"], "/join");
    assert!(
        page(Some("en")).await.contains("Aloita työpaja"),
        "the cookie wins"
    );
    let hostile = browser.get("/lang/en?to=//evil.example").await;
    assert_eq!(hostile.headers()["location"], "/");
}

/// The phone's forms (for a browser without the wasm) go through the same rules as its
/// commands: a stranger, a note in a voting round or a dot in a writing round change nothing
/// and come back with the reason; a form sent twice adds one note.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phones_plain_forms_keep_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam(TOPIC).await;
    let phone = server.browser();
    phone.join(&code, "Utan skript").await;
    let post = |who: &common::Browser, path: &str, form: Vec<(&'static str, String)>| {
        let request = who
            .client
            .post(format!("{}/jam/{code}/{path}", server.base))
            .form(&form);
        async move {
            let answer = request.send().await.unwrap();
            assert_eq!(answer.status(), StatusCode::SEE_OTHER);
            answer.headers()["location"].to_str().unwrap().to_string()
        }
    };
    let note =
        |id: uuid::Uuid, text: &str| vec![("id", id.to_string()), ("note", text.to_string())];
    let refused = |location: &str| {
        let (_, error) = location.split_once("refused=").expect("a refusal");
        // Without the anchor back at the tapped note.
        let error = error.split('#').next().unwrap();
        let error = percent_encoding::percent_decode_str(error)
            .decode_utf8()
            .unwrap();
        serde_json::from_str::<serde_json::Value>(&error).unwrap()
    };

    // In the lobby, a note is refused.
    let answer = post(&phone, "note", note(uuid::Uuid::new_v4(), "För tidigt")).await;
    assert!(answer.contains("refused="), "{answer}");
    host.run_to(&phone, &code, "Problems").await;
    let stranger = server.browser();
    let answer = post(&stranger, "note", note(uuid::Uuid::new_v4(), "Inte med")).await;
    assert_eq!(refused(&answer), json!("NotJoined"));

    let id = uuid::Uuid::new_v4();
    for _ in 0..2 {
        let answer = post(&phone, "note", note(id, "Samma lapp")).await;
        assert_eq!(answer, format!("/jam/{code}"));
    }
    let view = phone.view(&code).await.body;
    let mine: Vec<_> = view["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["text"] == "Samma lapp")
        .collect();
    assert_eq!(mine.len(), 1, "sent twice, kept once");
    let note_id = mine[0]["id"].as_str().unwrap().to_string();
    // A dot while writing is refused; so is a form naming nothing, or malformed.
    let form = || ("form", uuid::Uuid::new_v4().to_string());
    let answer = post(&phone, "dot", vec![form(), ("add", note_id.clone())]).await;
    assert!(refused(&answer)["Jam"].is_string(), "{answer}");
    let answer = post(&phone, "dot", vec![form()]).await;
    assert!(refused(&answer)["BadRequest"].is_string(), "{answer}");
    let answer = post(&phone, "dot", vec![form(), ("add", "not-a-uuid".into())]).await;
    assert!(refused(&answer)["BadRequest"].is_string(), "{answer}");
    let answer = post(&phone, "note", vec![("note", "no id".into())]).await;
    assert!(refused(&answer)["BadRequest"].is_string(), "{answer}");

    host.run_to(&phone, &code, "VoteProblems").await;
    let before = phone.view(&code).await.body["dots_left"].as_u64().unwrap();
    // A dot, back at the note; the same tap on the same page again (a double tap) is one dot.
    let page = form();
    for _ in 0..2 {
        let answer = post(&phone, "dot", vec![page.clone(), ("add", note_id.clone())]).await;
        assert_eq!(answer, format!("/jam/{code}#note-{note_id}"));
    }
    let dots_left = || async { phone.view(&code).await.body["dots_left"].as_u64().unwrap() };
    assert_eq!(dots_left().await, before - 1);
    post(&phone, "dot", vec![form(), ("add", note_id.clone())]).await;
    assert_eq!(dots_left().await, before - 2);
    post(&phone, "dot", vec![form(), ("take_back", note_id.clone())]).await;
    assert_eq!(dots_left().await, before - 1);

    // Joining by the plain form: a bad name comes back to the join link with the reason and
    // the code; a good one lands on the jam screen as a participant.
    let late = server.browser();
    let join = |name: &str| {
        let request = late.client.post(format!("{}/join", server.base)).form(&[
            ("code", code.as_str()),
            ("name", name),
            ("key", ""),
        ]);
        async move {
            let answer = request.send().await.unwrap();
            assert_eq!(answer.status(), StatusCode::SEE_OTHER);
            answer.headers()["location"].to_str().unwrap().to_string()
        }
    };
    let answer = join("   ").await;
    assert!(
        answer.starts_with(&format!("/j/{code}?k=&refused=")),
        "{answer}"
    );
    assert!(refused(&answer)["BadText"].is_object(), "{answer}");
    assert_eq!(join("Sen").await, format!("/jam/{code}"));
    assert_eq!(
        late.view(&code).await.body["viewer"]["Participant"]["me"]["name"],
        "Sen"
    );
    server.stop().await;
}
