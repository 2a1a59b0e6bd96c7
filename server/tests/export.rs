//! The results over HTTP: formats, file names, and who may fetch them.

mod common;

use common::TestServer;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_facilitator_or_a_share_link_gets_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host
        .create_jam("Hur får vi fler att flytta till Haparanda?")
        .await;
    let phone = server.browser();
    phone.join(&code, "Åsa").await;
    let stranger = server.browser();

    let formats = [
        ("markdown", "text/markdown; charset=utf-8", ".md"),
        ("csv", "text/csv; charset=utf-8", ".csv"),
        ("csv-plain", "text/csv; charset=utf-8", ".csv"),
        ("json", "application/json", ".json"),
    ];
    for (format, content_type, extension) in formats {
        let path = format!("/jam/{code}/export/{format}");
        let response = host.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{format}");
        assert_eq!(response.headers()["content-type"], content_type);
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        let today = chrono::Utc::now().date_naive();
        assert_eq!(
            disposition,
            format!("attachment; filename=\"blixt-hur-far-vi-fler-att-flytta-till-haparanda-{today}{extension}\"")
        );
        for someone in [&phone, &stranger] {
            let refused = someone.get(&path).await;
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{format}");
            assert!(!refused.text().await.unwrap().contains("Haparanda"));
        }
    }
    let csv = host
        .get(&format!("/jam/{code}/export/csv"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(
        csv.starts_with("\u{FEFF}".as_bytes()),
        "Excel needs the byte-order mark"
    );
    let page = host.get(&format!("/jam/{code}/export/print")).await;
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(
        host.get(&format!("/jam/{code}/export/exe")).await.status(),
        StatusCode::NOT_FOUND
    );

    // Share links: made only by the facilitator, once the results are final, and read by
    // anyone who has one.
    let early = host
        .command(&code, json!({"Host": "CreateShareLink"}))
        .await;
    assert_eq!(
        (early.status, early.body),
        (StatusCode::CONFLICT, json!({"Jam": "WrongRound"}))
    );
    host.run_to(&phone, &code, "Summary").await;
    let refused = phone
        .command(&code, json!({"Host": "CreateShareLink"}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        host.command(&code, json!({"Host": "CreateShareLink"}))
            .await
            .status,
        StatusCode::OK
    );
    let token = host.view(&code).await.body["share_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(token.len(), 32);
    assert_eq!(
        phone.view(&code).await.body["share_token"],
        Value::Null,
        "phones never see the key"
    );
    let shared = stranger.get(&format!("/share/{token}")).await;
    assert_eq!(shared.status(), StatusCode::OK);
    let html = shared.text().await.unwrap();
    assert!(html.contains("<html lang=\"sv\">") && html.contains("Haparanda"));
    assert!(html.contains(&format!("/share/{token}/export/csv")));
    let json: Value = stranger
        .get(&format!("/share/{token}/export/json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["schema"], "blixt.export/1");
    assert_eq!(json["participants"], 1);
    // Making the link again keeps the same link.
    host.command(&code, json!({"Host": "CreateShareLink"}))
        .await;
    assert_eq!(host.view(&code).await.body["share_token"], token);
    for bad in [
        "0123456789abcdef0123456789abcdef",
        "nope",
        "../../etc/passwd",
    ] {
        let status = stranger
            .get(&format!("/share/{bad}/export/json"))
            .await
            .status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_carry_no_tally_while_its_vote_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path()).await;
    let host = server.browser();
    let code = host.create_jam("Öppna röster").await;
    let phone = server.browser();
    phone.join(&code, "Åsa").await;
    // To the solution vote, with one dot on the one solution.
    host.run_to(&phone, &code, "VoteSolutions").await;
    let solution = phone.view(&code).await.body["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["text"] == "En lösning")
        .unwrap()["id"]
        .clone();
    let cast = phone
        .phone_does(&code, json!({"CastVote": {"note": solution}}))
        .await;
    assert_eq!(cast.status, StatusCode::OK);

    let export = |query: &'static str| {
        let (host, code) = (&host, &code);
        async move {
            host.get(&format!("/jam/{code}/export/json{query}"))
                .await
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    for json in [export("").await, export("?notes=1").await] {
        let solutions = &json["problems"][0]["solutions"];
        assert_eq!(solutions[0]["text"], "En lösning");
        assert_eq!(solutions[0]["votes"], Value::Null, "open tally in {json}");
    }
    let markdown = host
        .get(&format!("/jam/{code}/export/markdown"))
        .await
        .text()
        .await
        .unwrap();
    assert!(markdown.contains("- En lösning\n"), "{markdown}");

    // Once the vote has closed, the tally is there.
    assert_eq!(host.next_round(&code).await.status, StatusCode::OK);
    assert_eq!(export("").await["problems"][0]["solutions"][0]["votes"], 1);
}
