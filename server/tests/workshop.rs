//! The workshop rules, enforced by the server over real HTTP: who may do what, closed rounds,
//! budgets under concurrent requests, and what each screen's payload may contain.

mod common;

use common::{Browser, TestDb, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

/// A jam on `server`: its facilitator, its code, and one joined phone per name.
async fn jam_with(server: &TestServer, names: &[&str]) -> (Browser, String, Vec<Browser>) {
    let host = server.browser();
    let code = host.create_jam("Ämne").await;
    let mut phones = Vec::new();
    for name in names {
        let phone = server.browser();
        assert_eq!(phone.join(&code, name).await.status, StatusCode::OK);
        phones.push(phone);
    }
    (host, code, phones)
}

async fn next(host: &Browser, code: &str) {
    let answer = host.command(code, json!("NextRound")).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
}

/// Moves the jam to the round called `round` (as the domain names it).
async fn go_to(host: &Browser, code: &str, round: &str) {
    for _ in 0..12 {
        if host.view(code).await.body["round"] == round {
            return;
        }
        next(host, code).await;
    }
    panic!("never reached {round}");
}

async fn write(phone: &Browser, code: &str, text: &str) -> Value {
    let answer = phone
        .command(code, json!({"AddNote": {"text": text}}))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    answer.body
}

fn note_ids(view: &Value) -> Vec<String> {
    view["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_can_do_none_of_the_facilitators_actions() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = jam_with(&server, &["Anna"]).await;
    let phone = &phones[0];
    let stranger = server.browser();
    let note = uuid::Uuid::new_v4();
    let facilitator_actions = [
        json!("NextRound"),
        json!("PreviousRound"),
        json!({"UpdateSettings": {"problem_dots": 20}}),
        json!("PauseTimer"),
        json!("ResumeTimer"),
        json!({"AddTime": {"secs": 60}}),
        json!({"Reveal": {"author": null}}),
        json!({"MoveProblem": {"note": note, "up": true}}),
        json!({"ToggleProblem": {"note": note}}),
        json!({"ChooseHmw": {"text": "HMW"}}),
        json!({"Place": {"solution": note, "quadrant": "QuickWin"}}),
        json!({"SetAction": {"solution": note, "first_step": "a", "owner": "b", "due": "2026-12-01"}}),
        json!({"RemoveAction": {"solution": note}}),
    ];
    let version = host.view(&code).await.body["version"].clone();
    for action in facilitator_actions {
        for someone in [phone, &stranger] {
            let refused = someone.command(&code, action.clone()).await;
            assert_eq!(
                (refused.status, &refused.body),
                (StatusCode::FORBIDDEN, &json!("NotFacilitator")),
                "{action}"
            );
        }
    }
    let refused = stranger
        .command(&code, json!({"AddNote": {"text": "x"}}))
        .await;
    assert_eq!(
        (refused.status, refused.body),
        (StatusCode::FORBIDDEN, json!("NotJoined"))
    );
    assert_eq!(
        host.view(&code).await.body["version"],
        version,
        "nothing changed"
    );

    // Forged and malformed requests: a clear 4xx, nothing changed.
    let bad_command = phone.command(&code, json!({"Launch": {}})).await;
    assert_eq!(
        bad_command.status,
        StatusCode::BAD_REQUEST,
        "{:?}",
        bad_command.body
    );
    let bad_rating = host
        .command(&code, json!({"UpdateSettings": {"problem_dots": 0}}))
        .await;
    assert_eq!(bad_rating.status, StatusCode::UNPROCESSABLE_ENTITY);
    let huge = "x".repeat(100_000);
    let too_long = host
        .command(&code, json!({"ChooseHmw": {"text": huge}}))
        .await;
    assert!(too_long.status.is_client_error());
    assert_eq!(host.view(&code).await.body["version"], version);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_notes_and_open_tallies_never_reach_a_phone() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = jam_with(&server, &["Anna", "Bo"]).await;
    let [anna, bo]: [Browser; 2] = phones.try_into().ok().expect("two phones");
    go_to(&host, &code, "Problems").await;
    let mut bo_live = bo.live(&code).await;
    bo_live.next_view(Duration::from_secs(2)).await;
    write(&anna, &code, "Annas hemliga problem").await;
    write(&bo, &code, "Bos problem").await;

    let version = host.view(&code).await.body["version"].as_u64().unwrap();
    let live_view = bo_live.view_at(version, Duration::from_secs(2)).await;
    for payload in [
        bo.view(&code).await.body,
        live_view,
        host.view(&code).await.body,
    ] {
        assert!(
            !payload.to_string().contains("Annas hemliga problem"),
            "{payload}"
        );
    }
    assert!(
        !bo_live.received.concat().contains("Annas hemliga problem"),
        "not in any message either"
    );
    let host_view = host.view(&code).await.body;
    let progress: Vec<(String, u64)> = host_view["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().into(),
                p["done"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(progress, [("Anna".into(), 1), ("Bo".into(), 1)]);
    assert_eq!(
        bo.view(&code).await.body["progress"],
        json!([]),
        "who wrote how much is for the projector"
    );

    go_to(&host, &code, "VoteProblems").await;
    let view = bo.view(&code).await.body;
    assert!(
        view.to_string().contains("Annas hemliga problem"),
        "revealed for voting"
    );
    let anna_note = view["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["text"] == "Annas hemliga problem")
        .unwrap()["id"]
        .clone();
    assert_eq!(
        bo.command(&code, json!({"CastVote": {"note": anna_note}}))
            .await
            .status,
        StatusCode::OK
    );
    for who in [&anna, &bo, &host] {
        let notes = who.view(&code).await.body["notes"].clone();
        assert!(
            notes
                .as_array()
                .unwrap()
                .iter()
                .all(|n| n["votes"].is_null()),
            "no tallies while voting is open"
        );
    }
    next(&host, &code).await;
    let closed = anna.view(&code).await.body;
    let tallied = closed["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == anna_note)
        .unwrap()["votes"]
        .clone();
    assert_eq!(tallied, json!(1));
    // Voting is closed: a vote now is refused and changes nothing.
    let late = anna
        .command(&code, json!({"CastVote": {"note": anna_note}}))
        .await;
    assert_eq!(
        (late.status, late.body),
        (StatusCode::CONFLICT, json!({"Jam": "WrongRound"}))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_votes_at_once_from_one_phone_leave_exactly_its_budget() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = jam_with(&server, &["Anna"]).await;
    let phone = &phones[0];
    go_to(&host, &code, "Problems").await;
    write(phone, &code, "Ett problem").await;
    go_to(&host, &code, "VoteProblems").await;
    let note = note_ids(&phone.view(&code).await.body)[0].clone();

    let votes = (0..50).map(|_| phone.command(&code, json!({"CastVote": {"note": note}})));
    let answers = futures::future::join_all(votes).await;
    let accepted = answers
        .iter()
        .filter(|a| a.status == StatusCode::OK)
        .count();
    let refused = answers
        .iter()
        .filter(|a| {
            a.status == StatusCode::CONFLICT && a.body == json!({"Jam": {"OutOfDots": {"dots": 3}}})
        })
        .count();
    assert_eq!((accepted, refused), (3, 47));
    let view = phone.view(&code).await.body;
    assert_eq!(view["dots_left"], 0);
    assert_eq!(view["notes"][0]["my_votes"], 3);

    // Taking a vote back frees a dot; a retried request (same id) is applied once.
    let id = uuid::Uuid::new_v4();
    for _ in 0..3 {
        let answer = phone
            .command_with_id(&code, id, json!({"WithdrawVote": {"note": note}}))
            .await;
        assert_eq!(answer.status, StatusCode::OK);
    }
    assert_eq!(phone.view(&code).await.body["dots_left"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_jam_survives_a_restart_mid_round() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let server = TestServer::start_on(db.clone()).await;
    let (host, code, mut phones) = jam_with(&server, &["Anna"]).await;
    let phone = phones.remove(0);
    go_to(&host, &code, "Problems").await;
    write(&phone, &code, "Skrivet före omstart").await;
    server.stop().await;

    let server = TestServer::start_on(db).await;
    let (host, phone) = (host.against(&server), phone.against(&server));
    let view = phone.view(&code).await.body;
    assert_eq!(view["round"], "Problems");
    assert_eq!(view["notes"][0]["text"], "Skrivet före omstart");
    next(&host, &code).await;
    assert_eq!(phone.view(&code).await.body["round"], "Reveal");
    server.stop().await;
}
