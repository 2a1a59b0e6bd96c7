//! A jam run in groups, over real HTTP: a phone acts on its own group's notes only and never
//! receives another group's; a group lead does its group's facilitator steps and nothing of
//! another group's or the facilitator's clock; exports per group and combined.

mod common;

use common::{Browser, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A jam of `names` split into two groups in the lobby: the facilitator, the code and the
/// phones of group 1 and of group 2.
async fn two_groups(
    server: &TestServer,
    names: &[&str],
) -> (Browser, String, Vec<Browser>, Vec<Browser>) {
    let host = server.browser();
    let code = host.create_jam("Ämne").await;
    let mut phones = Vec::new();
    for name in names {
        let phone = server.browser();
        assert_eq!(phone.join(&code, name).await.status, StatusCode::OK);
        phones.push(phone);
    }
    let split = host
        .host_does(
            &code,
            json!({"UpdateSettings": {"groups": 2, "group_names": ["Bord ett", null]}}),
        )
        .await;
    assert_eq!(split.status, StatusCode::OK, "{:?}", split.body);
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for phone in phones {
        let view = phone.view(&code).await.body;
        match view["viewer"]["Participant"]["me"]["group"]
            .as_u64()
            .unwrap_or(0)
        {
            0 => first.push(phone),
            _ => second.push(phone),
        }
    }
    (host, code, first, second)
}

async fn next(host: &Browser, code: &str) {
    let moved = host.next_round(code).await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
}

async fn write(phone: &Browser, code: &str, text: &str) -> String {
    let written = phone
        .phone_does(code, json!({"AddNote": {"text": text}}))
        .await;
    assert_eq!(written.status, StatusCode::OK, "{:?}", written.body);
    let view = phone.view(code).await.body;
    view["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["text"] == text)
        .expect("the phone sees its note")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_acts_on_its_own_groups_notes_only() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, first, second) = two_groups(&server, &["Anna", "Bo", "Cai", "Dan"]).await;
    assert_eq!(
        (first.len(), second.len()),
        (2, 2),
        "four people spread two and two"
    );
    assert_eq!(
        first[0].view(&code).await.body["groups"][0]["name"],
        "Bord ett"
    );

    next(&host, &code).await; // What's working
    next(&host, &code).await; // Problems
    let ours = write(&first[0], &code, "Ettan: mörkt på vintern").await;
    let theirs = write(&second[0], &code, "Tvåan: skolan långt bort").await;
    next(&host, &code).await; // Reveal
    let revealed = host
        .host_does(&code, json!({"Reveal": {"author": null}}))
        .await;
    assert_eq!(revealed.status, StatusCode::OK);
    next(&host, &code).await; // Vote
    assert_eq!(host.round(&code).await, "VoteProblems");

    // The other group's note is not on this phone's ballot, nor anywhere in what it gets.
    let view = first[1].view(&code).await.body;
    let text = view.to_string();
    assert!(text.contains("Ettan") && !text.contains("Tvåan"), "{text}");
    let version = host.view(&code).await.body["version"].clone();
    let refused = first[1]
        .phone_does(&code, json!({"CastVote": {"note": theirs}}))
        .await;
    assert_eq!(
        (refused.status, refused.body),
        (StatusCode::FORBIDDEN, json!({"Jam": "OtherGroup"}))
    );
    assert_eq!(
        host.view(&code).await.body["version"],
        version,
        "nothing changed"
    );
    let voted = first[1]
        .phone_does(&code, json!({"CastVote": {"note": ours}}))
        .await;
    assert_eq!(voted.status, StatusCode::OK);

    // The facilitator sees both groups' notes and both groups.
    let host_view = host.view(&code).await.body;
    assert_eq!(host_view["groups"].as_array().unwrap().len(), 2);
    let host_text = host_view.to_string();
    assert!(host_text.contains("Ettan") && host_text.contains("Tvåan"));

    // Groups are fixed once the lobby is over.
    let regroup = host
        .host_does(&code, json!({"UpdateSettings": {"groups": 3}}))
        .await;
    assert_eq!(
        (regroup.status, regroup.body),
        (StatusCode::CONFLICT, json!({"Jam": "GroupsFixed"}))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_lead_does_its_groups_steps_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, first, second) = two_groups(&server, &["Anna", "Bo", "Cai", "Dan"]).await;
    let lead = &first[0];
    let me = lead.view(&code).await.body["viewer"]["Participant"]["me"]["id"].clone();
    let made = host
        .host_does(&code, json!({"SetLead": {"participant": me, "lead": true}}))
        .await;
    assert_eq!(made.status, StatusCode::OK);
    assert_eq!(
        lead.view(&code).await.body["viewer"]["Participant"]["me"]["lead"],
        true
    );

    next(&host, &code).await;
    next(&host, &code).await; // Problems
    let ours = write(&first[1], &code, "Ettan: få jobb").await;
    let theirs = write(&second[1], &code, "Tvåan: dyra bostäder").await;
    next(&host, &code).await; // Reveal

    let version = host.view(&code).await.body["version"].clone();
    for (command, refusal) in [
        (
            json!({"Reveal": {"author": null, "group": 1}}),
            json!({"Jam": "OtherGroup"}),
        ),
        (json!({"Reveal": {"author": null}}), json!("NotFacilitator")),
        (
            json!({"NextRound": {"from": "Reveal"}}),
            json!("NotFacilitator"),
        ),
        (json!("PauseTimer"), json!("NotFacilitator")),
        (json!({"AddTime": {"secs": 60}}), json!("NotFacilitator")),
        (
            json!({"UpdateSettings": {"problem_dots": 9}}),
            json!("NotFacilitator"),
        ),
        (
            json!({"SetLead": {"participant": me, "lead": false}}),
            json!("NotFacilitator"),
        ),
    ] {
        let refused = lead.host_does(&code, command.clone()).await;
        assert_eq!(
            (refused.status, refused.body),
            (StatusCode::FORBIDDEN, refusal),
            "{command}"
        );
    }
    // A phone that leads nothing may do none of it.
    let refused = first[1]
        .host_does(&code, json!({"Reveal": {"author": null, "group": 0}}))
        .await;
    assert_eq!(
        (refused.status, refused.body),
        (StatusCode::FORBIDDEN, json!("NotFacilitator"))
    );
    assert_eq!(
        host.view(&code).await.body["version"],
        version,
        "refusals change nothing"
    );

    let revealed = lead
        .host_does(&code, json!({"Reveal": {"author": null, "group": 0}}))
        .await;
    assert_eq!(revealed.status, StatusCode::OK, "{:?}", revealed.body);
    let wall = host.view(&code).await.body["notes"].clone();
    let shown = |id: &str| {
        wall.as_array()
            .unwrap()
            .iter()
            .any(|n| n["id"] == id && n["revealed"] == true)
    };
    assert!(
        shown(&ours) && !shown(&theirs),
        "the lead revealed its own group's notes only"
    );

    next(&host, &code).await; // Vote
    next(&host, &code).await; // Prioritize
    let chosen = lead
        .host_does(
            &code,
            json!({"SetChosen": {"note": theirs, "chosen": true}}),
        )
        .await;
    assert_eq!(
        (chosen.status, chosen.body),
        (StatusCode::FORBIDDEN, json!({"Jam": "OtherGroup"}))
    );
    let chosen = lead
        .host_does(&code, json!({"SetChosen": {"note": ours, "chosen": true}}))
        .await;
    assert_eq!(chosen.status, StatusCode::OK, "{:?}", chosen.body);
    // The room moves on only when every group has taken a problem forward.
    let early = host.next_round(&code).await;
    assert_eq!(
        early.body,
        json!({"Jam": {"GroupWithoutProblem": {"group": 1}}})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_name_the_group_on_every_row_and_come_per_group() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, first, second) = two_groups(&server, &["Anna", "Bo"]).await;
    next(&host, &code).await;
    next(&host, &code).await; // Problems
    let problems = [
        write(&first[0], &code, "Ettan: mörkt").await,
        write(&second[0], &code, "Tvåan: långt").await,
    ];
    for _ in 0..3 {
        next(&host, &code).await; // Reveal, vote, prioritize
    }
    for problem in &problems {
        let chosen = host
            .host_does(
                &code,
                json!({"SetChosen": {"note": problem, "chosen": true}}),
            )
            .await;
        assert_eq!(chosen.status, StatusCode::OK);
    }
    next(&host, &code).await; // Reframe
    for group in 0..2 {
        let hmw = host
            .host_does(
                &code,
                json!({"ChooseHmw": {"text": format!("HSVK {group}?"), "group": group}}),
            )
            .await;
        assert_eq!(hmw.status, StatusCode::OK, "{:?}", hmw.body);
    }
    next(&host, &code).await; // Solutions
    let solutions = [
        write(&first[0], &code, "Ettan: ljus").await,
        write(&second[0], &code, "Tvåan: buss").await,
    ];
    next(&host, &code).await; // Vote
    next(&host, &code).await; // Effort/impact
    for solution in &solutions {
        let placed = host
            .host_does(
                &code,
                json!({"Place": {"solution": solution, "quadrant": "QuickWin"}}),
            )
            .await;
        assert_eq!(placed.status, StatusCode::OK, "{:?}", placed.body);
    }
    next(&host, &code).await; // Actions
    let today = chrono::Utc::now().date_naive().to_string();
    for (solution, step) in solutions.iter().zip(["Boka torget", "Ring bussbolaget"]) {
        let action = json!({"SetAction": {"solution": solution, "first_step": step, "owner": "Anna", "due": today}});
        assert_eq!(host.host_does(&code, action).await.status, StatusCode::OK);
    }

    let text = |path: String| {
        let host = &host;
        async move { host.get(&path).await.text().await.unwrap() }
    };
    let all = text(format!("/jam/{code}/export/csv-plain")).await;
    let rows: Vec<&str> = all.lines().collect();
    assert!(rows[0].ends_with(",\"group\""), "{}", rows[0]);
    assert_eq!(rows.len(), 3, "{all}");
    assert!(rows
        .iter()
        .any(|r| r.contains("Boka torget") && r.ends_with("\"Bord ett\"")));
    assert!(rows
        .iter()
        .any(|r| r.contains("Ring bussbolaget") && r.ends_with("\"Grupp 2\"")));

    let second_only = text(format!("/jam/{code}/export/csv-plain?group=2")).await;
    assert!(second_only.contains("Ring bussbolaget") && !second_only.contains("Boka torget"));
    let json: Value =
        serde_json::from_str(&text(format!("/jam/{code}/export/json?group=1")).await).unwrap();
    assert_eq!(json["group"], "Bord ett");
    assert_eq!(json["actions"].as_array().unwrap().len(), 1);
    assert_eq!(json["actions"][0]["group"], "Bord ett");

    // Markdown and the printable page name the group on every action and every note.
    let md = text(format!("/jam/{code}/export/markdown?notes=1")).await;
    assert!(
        md.contains("[Bord ett] Boka torget") && md.contains("[Grupp 2] Ring bussbolaget"),
        "{md}"
    );
    assert!(
        md.contains("[Bord ett] Ettan: mörkt") && md.contains("[Grupp 2] Tvåan: långt"),
        "{md}"
    );
    let page = text(format!("/jam/{code}/export/print?notes=1")).await;
    assert!(
        page.contains("Bord ett · Anna") && page.contains("Grupp 2 · Bo"),
        "{page}"
    );

    for bad in ["0", "3", "x", "999"] {
        let answer = host
            .get(&format!("/jam/{code}/export/csv?group={bad}"))
            .await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "group={bad}");
    }
    // A phone gets no export, of its group or any.
    let refused = first[0]
        .get(&format!("/jam/{code}/export/json?group=1"))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
