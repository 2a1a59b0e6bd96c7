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

async fn host_does(host: &Browser, code: &str, command: Value) -> common::Answer {
    host.host_does(code, command).await
}

async fn phone_does(phone: &Browser, code: &str, command: Value) -> common::Answer {
    phone.phone_does(code, command).await
}

async fn next(host: &Browser, code: &str) {
    let answer = host.next_round(code).await;
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
    let answer = phone_does(phone, code, json!({"AddNote": {"text": text}})).await;
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
        json!({"NextRound": {"from": "Lobby"}}),
        json!({"PreviousRound": {"from": "Lobby"}}),
        json!({"UpdateSettings": {"problem_dots": 20}}),
        json!("PauseTimer"),
        json!("ResumeTimer"),
        json!({"AddTime": {"secs": 60}}),
        json!({"Reveal": {"author": null}}),
        json!({"Merge": {"note": note, "into": note}}),
        json!({"Unmerge": {"note": note}}),
        json!({"MoveProblem": {"note": note, "to": 0}}),
        json!({"SetChosen": {"note": note, "chosen": true}}),
        json!({"ChooseHmw": {"text": "HMW"}}),
        json!({"Place": {"solution": note, "quadrant": "QuickWin"}}),
        json!({"SetAction": {"solution": note, "first_step": "a", "owner": "b", "due": "2026-12-01"}}),
        json!({"RemoveAction": {"solution": note}}),
        json!("CreateShareLink"),
        json!({"MoveToGroup": {"participant": note, "group": 0}}),
        json!({"SetLead": {"participant": note, "lead": true}}),
    ];
    let version = host.view(&code).await.body["version"].clone();
    for action in facilitator_actions {
        for someone in [phone, &stranger] {
            let refused = host_does(someone, &code, action.clone()).await;
            assert_eq!(
                (refused.status, &refused.body),
                (StatusCode::FORBIDDEN, &json!("NotFacilitator")),
                "{action}"
            );
        }
    }
    let refused = phone_does(&stranger, &code, json!({"AddNote": {"text": "x"}})).await;
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
    let untagged = host
        .command(&code, json!({"NextRound": {"from": "Lobby"}}))
        .await;
    assert_eq!(
        untagged.status,
        StatusCode::BAD_REQUEST,
        "a command says whose it is"
    );
    let huge = "x".repeat(100_000);
    let too_long = host_does(&host, &code, json!({"ChooseHmw": {"text": huge}})).await;
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
        phone_does(&bo, &code, json!({"CastVote": {"note": anna_note}}))
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
    let late = phone_does(&anna, &code, json!({"CastVote": {"note": anna_note}})).await;
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

    let votes = (0..50).map(|_| phone_does(phone, &code, json!({"CastVote": {"note": note}})));
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
            .command_with_id(
                &code,
                id,
                json!({"Participant": {"WithdrawVote": {"note": note}}}),
            )
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

/// The rules a facilitator meets on the way through a jam, over HTTP: settings changed one at
/// a time keep the rest, a double tap changes nothing (and bumps no version), a tie is reordered
/// and the choice follows it, and a phone's rating out of range is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitators_taps_hold_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = jam_with(&server, &["Anna", "Bo"]).await;
    let [anna, bo]: [Browser; 2] = phones.try_into().ok().expect("two phones");
    let version = |view: &Value| view["version"].as_u64().unwrap();

    // Settings named one at a time: each change keeps the others.
    for change in [json!({"problem_dots": 2}), json!({"working_round": false})] {
        let answer = host_does(&host, &code, json!({ "UpdateSettings": change })).await;
        assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    }
    let settings = host.view(&code).await.body["settings"].clone();
    assert_eq!(
        (
            &settings["problem_dots"],
            &settings["working_round"],
            &settings["solution_dots"]
        ),
        (&json!(2), &json!(false), &json!(6))
    );
    let typo = host_does(&host, &code, json!({"UpdateSettings": {"problem_dotz": 4}})).await;
    assert_eq!(typo.status, StatusCode::BAD_REQUEST, "{:?}", typo.body);
    let bad_settings =
        host_does(&host, &code, json!({"UpdateSettings": {"problem_dots": 0}})).await;
    assert_eq!(
        (bad_settings.status, bad_settings.body),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"Jam": {"Settings": {"Dots": {"max": 20}}}})
        )
    );
    // The lobby has no timer: adding time is refused, pausing changes nothing.
    let add = host_does(&host, &code, json!({"AddTime": {"secs": 60}})).await;
    assert_eq!(
        (add.status, add.body),
        (StatusCode::CONFLICT, json!({"Jam": "NoTimer"}))
    );
    let before = version(&host.view(&code).await.body);
    let pause = host_does(&host, &code, json!("PauseTimer")).await;
    assert_eq!((pause.status, pause.body), (StatusCode::OK, json!(before)));

    // "Start" tapped twice, or in two tabs: one round on.
    for _ in 0..2 {
        let answer = host_does(&host, &code, json!({"NextRound": {"from": "Lobby"}})).await;
        assert_eq!(answer.status, StatusCode::OK);
    }
    let view = host.view(&code).await.body;
    assert_eq!(
        (&view["round"], version(&view)),
        (&json!("Problems"), before + 1)
    );

    write(&anna, &code, "Annas problem").await;
    write(&bo, &code, "Bos problem").await;
    go_to(&host, &code, "VoteProblems").await;
    for phone in [&anna, &bo] {
        let mine = phone.view(&code).await.body["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["mine"] == true)
            .unwrap()["id"]
            .clone();
        let vote = phone_does(phone, &code, json!({"CastVote": {"note": mine}})).await;
        assert_eq!(vote.status, StatusCode::OK, "{:?}", vote.body);
    }

    // A tie: the facilitator puts Bo's problem first, chooses it (twice), and it stays first.
    go_to(&host, &code, "Prioritize").await;
    let ranking = host.view(&code).await.body["ranking"].clone();
    let moves = |ranking: &Value| -> Vec<(String, bool, bool)> {
        ranking
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let text = r["text"].as_str().unwrap().to_string();
                (text, r["can_move_up"] == true, r["can_move_down"] == true)
            })
            .collect()
    };
    assert_eq!(
        moves(&ranking),
        [
            ("Annas problem".into(), false, true),
            ("Bos problem".into(), true, false)
        ]
    );
    let bos = ranking[1]["id"].clone();
    for _ in 0..2 {
        let moved = host_does(&host, &code, json!({"MoveProblem": {"note": bos, "to": 0}})).await;
        assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
        let chosen = host_does(
            &host,
            &code,
            json!({"SetChosen": {"note": bos, "chosen": true}}),
        )
        .await;
        assert_eq!(chosen.status, StatusCode::OK, "{:?}", chosen.body);
    }
    let view = anna.view(&code).await.body;
    assert_eq!(view["ranking"][0]["text"], "Bos problem");
    assert_eq!(view["ranking"][0]["chosen"], true);
    assert_eq!(view["ranking"][1]["chosen"], false);

    // Through to the matrix, where a rating out of range is refused.
    next(&host, &code).await;
    let hmw = host_does(
        &host,
        &code,
        json!({"ChooseHmw": {"text": "Hur skulle vi kunna?"}}),
    )
    .await;
    assert_eq!(hmw.status, StatusCode::OK);
    next(&host, &code).await;
    assert_eq!(
        host.view(&code).await.body["focus"]["problem"],
        "Bos problem"
    );
    write(&anna, &code, "En lösning").await;
    go_to(&host, &code, "EffortImpact").await;
    let solution = anna.view(&code).await.body["matrix"][0]["id"].clone();
    for (effort, status) in [
        (0, StatusCode::UNPROCESSABLE_ENTITY),
        (6, StatusCode::UNPROCESSABLE_ENTITY),
        (2, StatusCode::OK),
    ] {
        let rate = phone_does(
            &anna,
            &code,
            json!({"Rate": {"solution": solution, "effort": effort, "impact": 4}}),
        )
        .await;
        assert_eq!(rate.status, status, "effort {effort}: {:?}", rate.body);
    }
    let matrix = host.view(&code).await.body["matrix"].clone();
    assert_eq!(
        (&matrix[0]["effort"], &matrix[0]["ratings"]),
        (&json!(2.0), &json!(1))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitator_sizes_the_room_within_the_servers_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let server =
        TestServer::start_with(db, &[("BLIXT_ROOM_SIZE", "3"), ("BLIXT_ROOM_MAX", "50")]).await;
    let (host, code, _phones) = jam_with(&server, &["Anna", "Bo"]).await;
    let resize = |size: usize| json!({"UpdateSettings": {"room_size": size}});

    // Past the server's limit, or below the people already in: refused, and nothing changes.
    for (size, refusal) in [
        (51, json!({"Jam": {"RoomSize": {"min": 2, "max": 50}}})),
        (1, json!({"Jam": {"RoomSize": {"min": 2, "max": 50}}})),
    ] {
        let answer = host_does(&host, &code, resize(size)).await;
        assert_eq!(
            (answer.status, answer.body),
            (StatusCode::UNPROCESSABLE_ENTITY, refusal)
        );
    }
    assert_eq!(host.view(&code).await.body["room_size"], 3);
    assert_eq!(host.view(&code).await.body["room_max"], 50);

    // Down to two: a third person is told the jam is full; up to four: they get in.
    assert_eq!(
        host_does(&host, &code, resize(2)).await.status,
        StatusCode::OK
    );
    let cai = server.browser();
    let refused = cai.join(&code, "Cai").await;
    assert_eq!(
        (refused.status, refused.body),
        (StatusCode::CONFLICT, json!({"Jam": {"Full": {"max": 2}}}))
    );
    assert_eq!(
        host_does(&host, &code, resize(4)).await.status,
        StatusCode::OK
    );
    assert_eq!(cai.join(&code, "Cai").await.status, StatusCode::OK);
    assert_eq!(host.view(&code).await.body["participant_count"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitator_link_makes_another_device_a_facilitator() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = jam_with(&server, &["Anna"]).await;
    let phone = &phones[0];
    assert_eq!(
        host_does(&host, &code, json!("NewHostKey")).await.status,
        StatusCode::OK
    );
    let key = host.view(&code).await.body["host_key"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(key.len(), 32);
    // Nobody else is ever sent the key.
    let stranger = server.browser();
    for other in [phone, &stranger] {
        let view = other.view(&code).await.body.to_string();
        assert!(!view.contains(&key), "{view}");
    }
    let refused = host_does(phone, &code, json!("NewHostKey")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // A wrong key is refused and leaves the browser a visitor.
    let open = |browser: &common::Browser, key: &str| {
        let (browser, code, key) = (browser.clone(), code.clone(), key.to_string());
        async move {
            browser
                .call("host_screen", &[("code", &code), ("key", &key)])
                .await
        }
    };
    let wrong = open(&stranger, "0123456789abcdef0123456789abcdef").await;
    assert_eq!(
        (wrong.status, wrong.body),
        (StatusCode::FORBIDDEN, json!({"Jam": "WrongHostKey"}))
    );
    assert_eq!(stranger.view(&code).await.body["viewer"], "Visitor");

    // The right key: the new laptop drives the jam.
    let laptop = server.browser();
    let opened = open(&laptop, &key).await;
    assert_eq!(opened.status, StatusCode::OK, "{:?}", opened.body);
    assert!(opened.body["view"]["viewer"]["Facilitator"].is_object());
    assert_eq!(laptop.next_round(&code).await.status, StatusCode::OK);
    assert_eq!(host.round(&code).await, "Working");

    // A new key closes the old link; who came with it stays.
    host_does(&host, &code, json!("NewHostKey")).await;
    let late = open(&stranger, &key).await;
    assert_eq!(late.status, StatusCode::FORBIDDEN);
    assert_eq!(laptop.next_round(&code).await.status, StatusCode::OK);

    // The link's QR code is for facilitators only.
    let qr = laptop.get(&format!("/jam/{code}/host-key.svg")).await;
    assert_eq!(qr.status(), StatusCode::OK);
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    let qr = phone.get(&format!("/jam/{code}/host-key.svg")).await;
    assert_eq!(qr.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_may_join_is_the_facilitators_choice_and_the_code_ends_with_the_jam() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::fresh(dir.path()).await;
    let server = TestServer::start_with(db, &[("BLIXT_CODE_HOURS", "0")]).await;
    let (host, code, phones) = jam_with(&server, &["Anna"]).await;
    let anna = &phones[0];
    let screen = host.call("host_screen", &[("code", &code)]).await;
    let link = screen.body["join_link"].as_str().unwrap().to_string();
    let key = link.split_once("?k=").unwrap().1.to_string();
    assert_eq!(key.len(), 32, "{link}");
    let with_key = |browser: &Browser, name: &str| {
        let (browser, code, key, name) =
            (browser.clone(), code.clone(), key.clone(), name.to_string());
        async move {
            browser
                .call(
                    "join_jam",
                    &[("code", &code), ("name", &name), ("key", &key)],
                )
                .await
        }
    };
    let joining = |choice: &str| json!({"UpdateSettings": {"joining": choice}});

    // The QR code (which holds the key) is the projector's alone.
    assert_eq!(
        host.get(&format!("/qr/{code}.svg")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        anna.get(&format!("/qr/{code}.svg")).await.status(),
        StatusCode::FORBIDDEN
    );

    // Link only: the typed code lets nobody in, nor shows the topic; the link does.
    assert_eq!(
        host_does(&host, &code, joining("LinkOnly")).await.status,
        StatusCode::OK
    );
    let bo = server.browser();
    let typed = bo.join(&code, "Bo").await;
    assert_eq!(
        (typed.status, typed.body),
        (StatusCode::CONFLICT, json!({"Jam": "LinkOnly"}))
    );
    let preview = bo.call("jam_view", &[("code", &code)]).await;
    assert_eq!(preview.status, StatusCode::CONFLICT);
    let preview = bo.call("jam_view", &[("code", &code), ("key", &key)]).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(with_key(&bo, "Bo").await.status, StatusCode::OK);
    let forged = server
        .browser()
        .call(
            "join_jam",
            &[
                ("code", &code),
                ("name", "Eve"),
                ("key", "0123456789abcdef0123456789abcdef"),
            ],
        )
        .await;
    assert_eq!(
        (forged.status, forged.body),
        (StatusCode::FORBIDDEN, json!({"Jam": "WrongJoinKey"}))
    );

    // Closed: nobody new, even with the link; who is in stays in and may change their name.
    assert_eq!(
        host_does(&host, &code, joining("Closed")).await.status,
        StatusCode::OK
    );
    let cai = server.browser();
    let closed = with_key(&cai, "Cai").await;
    assert_eq!(
        (closed.status, closed.body),
        (StatusCode::CONFLICT, json!({"Jam": "JoiningClosed"}))
    );
    assert_eq!(anna.join(&code, "Anna K").await.status, StatusCode::OK);
    assert_eq!(host.view(&code).await.body["participant_count"], 2);

    // Open again until the summary; then (0 hours here) the typed code lets nobody in.
    assert_eq!(
        host_does(&host, &code, joining("Open")).await.status,
        StatusCode::OK
    );
    host.run_to(anna, &code, "Summary").await;
    let late = server.browser();
    let ended = late.join(&code, "Dana").await;
    assert_eq!(
        (ended.status, ended.body),
        (StatusCode::CONFLICT, json!({"Jam": "JamEnded"}))
    );
    assert_eq!(with_key(&late, "Dana").await.status, StatusCode::OK);
}
