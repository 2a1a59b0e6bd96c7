//! The phone over real HTTP: its pages run the phone's script, not the app's wasm, and every
//! action on them is a form that the server checks like any command — answered with a page
//! for a browser without a script, with JSON for the script; refused with a reason and
//! nothing changed; counted once however often the same tap arrives.

mod common;

use common::{Browser, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// What a form post got back: status, body (JSON when asked for) and where it sends the
/// browser (a page answer).
struct Posted {
    status: StatusCode,
    body: Value,
    location: Option<String>,
}

/// Posts `fields` to `path` as a phone does: as the script does (asking for JSON) when `json`,
/// otherwise as a browser without a script.
async fn post(phone: &Browser, path: &str, fields: &[(&str, &str)], json: bool) -> Posted {
    let mut request = phone
        .client
        .post(format!("{}{path}", phone.base))
        .form(fields);
    if json {
        request = request.header("accept", "application/json");
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(String::from);
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Posted {
        status,
        body,
        location,
    }
}

fn form_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// This phone's notes in the round: (id, text).
async fn my_notes(phone: &Browser, code: &str) -> Vec<(String, String)> {
    let view = phone.view(code).await.body;
    view["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["mine"] == true)
        .map(|n| {
            let id = n["id"].as_str().unwrap().to_string();
            (id, n["text"].as_str().unwrap().to_string())
        })
        .collect()
}

/// A jam on `server` with a phone joined under each of `names`: its facilitator, its code and
/// the phones.
async fn a_jam(server: &TestServer, names: &[&str]) -> (Browser, String, Vec<Browser>) {
    let host = server.browser();
    let code = host.create_jam("Ämne").await;
    let mut phones = Vec::new();
    for name in names {
        let phone = server.browser();
        phone.join(&code, name).await;
        phones.push(phone);
    }
    (host, code, phones)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phones_pages_load_its_script_and_not_the_wasm() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (_host, code, phones) = a_jam(&server, &["Ada"]).await;
    let phone = &phones[0];
    for path in [
        "/join".to_string(),
        format!("/j/{code}"),
        format!("/jam/{code}"),
    ] {
        let page = phone.get(&path).await;
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        let html = page.text().await.unwrap();
        assert!(html.contains(r#"<script src="/phone.js" defer>"#), "{path}");
        assert!(!html.contains("/pkg/blixt.js"), "{path}: no wasm");
        // The join pages are whole as sent: a browser without a script sees the form.
        assert!(
            html.contains(r#"action="/join""#) || path.starts_with("/jam"),
            "{path}"
        );
    }
    // Fetched again by the script: the page without the data a wasm would hydrate from.
    let whole = phone
        .get(&format!("/jam/{code}"))
        .await
        .text()
        .await
        .unwrap();
    let again = phone
        .client
        .get(format!("{}/jam/{code}", phone.base))
        .header("x-blixt-page-only", "1")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(whole.contains("__RESOLVED_RESOURCES"));
    assert!(!again.contains("__RESOLVED_RESOURCES"));
    assert!(again.ends_with("</html>"), "{again}");
    assert!(again.contains(r#"data-testid="my-name">Ada"#), "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_phone_action_is_a_form_checked_like_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = a_jam(&server, &["Ada", "Bo"]).await;
    let (ada, bo) = (&phones[0], &phones[1]);
    host.run_to(ada, &code, "Problems").await;
    let at = |what: &str| format!("/jam/{code}/{what}");

    // A note, sent twice with the same id by the script: one note, the same version twice.
    let id = form_id();
    let first = post(ada, &at("note"), &[("id", &id), ("note", "Mörkt")], true).await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    let again = post(ada, &at("note"), &[("id", &id), ("note", "Mörkt")], true).await;
    assert_eq!(again.body, first.body, "the same note is applied once");
    let notes = my_notes(ada, &code).await;
    let mork = notes.iter().find(|(_, t)| t == "Mörkt").unwrap().0.clone();
    assert_eq!(notes.iter().filter(|(_, t)| t == "Mörkt").count(), 1);

    // Edited and deleted by its author; another phone is refused both, and nothing changes.
    let edit = |phone: &Browser, text: &str| {
        let fields = [
            ("form", form_id()),
            ("note", mork.clone()),
            ("text", text.to_string()),
        ];
        let (phone, path) = (phone.clone(), at("edit"));
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(&phone, &path, &fields, true).await
        }
    };
    let delete = |phone: &Browser| {
        let fields = [("form", form_id()), ("note", mork.clone())];
        let (phone, path) = (phone.clone(), at("delete"));
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(&phone, &path, &fields, true).await
        }
    };
    let edited = edit(ada, "Mörkt på vintern").await;
    assert_eq!(edited.status, StatusCode::OK, "{:?}", edited.body);
    let forged = edit(bo, "Bo var här").await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(forged.body, json!({"Jam": "NotYourNote"}));
    assert_eq!(delete(bo).await.status, StatusCode::FORBIDDEN);
    let texts: Vec<String> = my_notes(ada, &code)
        .await
        .into_iter()
        .map(|n| n.1)
        .collect();
    assert_eq!(texts, ["Mörkt på vintern"]);
    let empty = edit(ada, "  ").await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        empty.body
    );
    let gone = delete(ada).await;
    assert_eq!(gone.status, StatusCode::OK, "{:?}", gone.body);
    assert!(my_notes(ada, &code).await.is_empty());

    // Malformed and hostile forms: a clear refusal, nothing stored.
    let before = ada.view(&code).await.body["version"].clone();
    for fields in [
        vec![("form", "not-a-uuid"), ("note", mork.as_str())],
        vec![("note", mork.as_str())],
        vec![("form", "00000000-0000-0000-0000-000000000000")],
    ] {
        let refused = post(ada, &at("delete"), &fields, true).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{fields:?}");
    }
    let huge = "x".repeat(10_000);
    let too_long = post(
        ada,
        &at("note"),
        &[("id", &form_id()), ("note", &huge)],
        true,
    )
    .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ada.view(&code).await.body["version"], before);

    // A browser without a script is sent back to its screen, with the refusal in the address.
    let wrong_round = post(
        ada,
        &at("rate"),
        &[("form", &form_id()), ("solution", &mork), ("effort", "3")],
        false,
    )
    .await;
    assert_eq!(wrong_round.status, StatusCode::SEE_OTHER);
    let location = wrong_round.location.unwrap();
    assert!(
        location.starts_with(&format!("/jam/{code}?refused=")),
        "{location}"
    );
    let stranger = server.browser();
    let not_joined = post(
        &stranger,
        &at("note"),
        &[("id", &form_id()), ("note", "Hej")],
        true,
    )
    .await;
    assert_eq!(
        not_joined.status,
        StatusCode::FORBIDDEN,
        "{:?}",
        not_joined.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dots_and_ratings_from_forms_keep_the_budget_and_count_each_tap_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = a_jam(&server, &["Ada"]).await;
    let ada = &phones[0];
    host.run_to(ada, &code, "Reveal").await;
    host.host_does(&code, json!({"Reveal": {"author": null, "group": null}}))
        .await;
    host.run_to(ada, &code, "VoteProblems").await;
    let note = my_notes(ada, &code).await[0].0.clone();
    let dot = format!("/jam/{code}/dot");
    let dots_left = |view: Value| view["dots_left"].as_u64().unwrap();

    // The same tap twice (the same form): one dot. New taps: one dot each, up to the budget.
    let form = form_id();
    for _ in 0..2 {
        let placed = post(ada, &dot, &[("form", &form), ("add", &note)], true).await;
        assert_eq!(placed.status, StatusCode::OK, "{:?}", placed.body);
    }
    assert_eq!(dots_left(ada.view(&code).await.body), 2);
    for _ in 0..2 {
        post(ada, &dot, &[("form", &form_id()), ("add", &note)], true).await;
    }
    let over = post(ada, &dot, &[("form", &form_id()), ("add", &note)], true).await;
    assert_eq!(over.status, StatusCode::CONFLICT, "{:?}", over.body);
    assert_eq!(dots_left(ada.view(&code).await.body), 0);
    let back = post(
        ada,
        &dot,
        &[("form", &form_id()), ("take_back", &note)],
        true,
    )
    .await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(dots_left(ada.view(&code).await.body), 1);

    // Effort and impact, each tap its own scale; a rating off the scale is refused.
    host.run_to(ada, &code, "EffortImpact").await;
    let solution = ada.view(&code).await.body["matrix"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let rate = format!("/jam/{code}/rate");
    for (scale, value) in [("effort", "2"), ("impact", "5")] {
        let rated = post(
            ada,
            &rate,
            &[
                ("form", &form_id()),
                ("solution", &solution),
                (scale, value),
            ],
            true,
        )
        .await;
        assert_eq!(rated.status, StatusCode::OK, "{:?}", rated.body);
    }
    let off = post(
        ada,
        &rate,
        &[
            ("form", &form_id()),
            ("solution", &solution),
            ("effort", "9"),
        ],
        true,
    )
    .await;
    assert_eq!(
        off.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        off.body
    );
    assert_eq!(
        ada.view(&code).await.body["matrix"][0]["my_rating"],
        json!([2, 5])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_picks_its_table_by_form_while_the_lobby_allows_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let (host, code, phones) = a_jam(&server, &["Ada"]).await;
    let ada = &phones[0];
    let group = format!("/jam/{code}/group");
    let (first, second) = (form_id(), form_id());
    let closed = post(ada, &group, &[("form", &first), ("group", "1")], true).await;
    assert_eq!(closed.status, StatusCode::CONFLICT, "{:?}", closed.body);
    let open = host
        .host_does(
            &code,
            json!({"UpdateSettings": {"groups": 2, "pick_group": true}}),
        )
        .await;
    assert_eq!(open.status, StatusCode::OK, "{:?}", open.body);
    let picked = post(ada, &group, &[("form", &second), ("group", "1")], true).await;
    assert_eq!(picked.status, StatusCode::OK, "{:?}", picked.body);
    let me = ada.view(&code).await.body["viewer"]["Participant"]["me"].clone();
    assert_eq!(me["group"], 1);
}
