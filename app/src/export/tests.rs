//! The exact content of every format for a jam built through the domain, with text that
//! tries to break each format: Swedish letters, commas, semicolons, quotes, a line break (which
//! the domain tidies away, so the CSV's own quoting of line breaks has a test of its own),
//! Markdown and HTML markup, and spreadsheet formulas.

use super::*;
use crate::domain::{
    Command, DisplayName, HostCommand, Jam, JoinCode, ParticipantCommand, PersonId, Round, Topic,
};
use chrono::{TimeZone, Utc};
use uuid::Uuid;

/// "Next round": `run` fills in the round the jam moves on from.
fn next() -> Command {
    HostCommand::NextRound { from: Round::Lobby }.into()
}

fn built_jam() -> Jam {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).unwrap();
    let host = PersonId(Uuid::from_u128(1));
    let mut jam = Jam::new(
        Uuid::from_u128(2),
        JoinCode::parse("BCDFGH").unwrap(),
        Topic::parse("Hur får vi fler att flytta till Haparanda, \"snabbt\"?").unwrap(),
        host,
        now,
    );
    let (asa, orjan) = (PersonId(Uuid::from_u128(10)), PersonId(Uuid::from_u128(11)));
    jam.join(
        asa,
        DisplayName::parse("Åsa").unwrap(),
        Uuid::from_u128(20),
        now,
    )
    .unwrap();
    jam.join(
        orjan,
        DisplayName::parse("Örjan <b>").unwrap(),
        Uuid::from_u128(21),
        now,
    )
    .unwrap();
    let mut n = 100;
    let mut run = |jam: &mut Jam, who: PersonId, command: Command| {
        let command = match command {
            Command::Host(HostCommand::NextRound { .. }) => {
                HostCommand::NextRound { from: jam.round }.into()
            }
            command => command,
        };
        n += 1;
        jam.apply(who, command, Uuid::from_u128(n), now)
            .unwrap_or_else(|e| panic!("{e}"));
    };
    let note = |jam: &Jam, text: &str| {
        jam.notes
            .iter()
            .find(|n| n.text.as_str().starts_with(text))
            .unwrap()
            .id
    };
    run(&mut jam, host, next());
    run(
        &mut jam,
        asa,
        ParticipantCommand::AddNote {
            text: "Bra *skola*".into(),
        }
        .into(),
    );
    run(&mut jam, host, next());
    run(
        &mut jam,
        asa,
        ParticipantCommand::AddNote {
            text: "Skolan, \"långt\" bort".into(),
        }
        .into(),
    );
    run(
        &mut jam,
        orjan,
        ParticipantCommand::AddNote {
            text: "# Mörker | kyla".into(),
        }
        .into(),
    );
    while jam.round != Round::VoteProblems {
        run(&mut jam, host, next());
    }
    let school = note(&jam, "Skolan");
    let dark = note(&jam, "# Mörker");
    for _ in 0..2 {
        run(
            &mut jam,
            asa,
            ParticipantCommand::CastVote { note: school }.into(),
        );
    }
    run(
        &mut jam,
        orjan,
        ParticipantCommand::CastVote { note: school }.into(),
    );
    run(
        &mut jam,
        orjan,
        ParticipantCommand::CastVote { note: dark }.into(),
    );
    run(&mut jam, host, next());
    run(
        &mut jam,
        host,
        HostCommand::SetChosen {
            note: school,
            chosen: true,
        }
        .into(),
    );
    run(&mut jam, host, next());
    run(
        &mut jam,
        host,
        HostCommand::ChooseHmw {
            text: "Hur skulle vi kunna korta skolvägen?".into(),
            group: 0,
        }
        .into(),
    );
    run(&mut jam, host, next());
    run(
        &mut jam,
        asa,
        ParticipantCommand::AddNote {
            text: "=cmd|' /C calc'!A0".into(),
        }
        .into(),
    );
    run(
        &mut jam,
        orjan,
        ParticipantCommand::AddNote {
            text: "Skolbuss; gratis\nför alla".into(),
        }
        .into(),
    );
    run(&mut jam, host, next());
    let formula = note(&jam, "=cmd");
    let bus = note(&jam, "Skolbuss");
    for _ in 0..4 {
        run(
            &mut jam,
            asa,
            ParticipantCommand::CastVote { note: bus }.into(),
        );
    }
    run(
        &mut jam,
        orjan,
        ParticipantCommand::CastVote { note: formula }.into(),
    );
    run(&mut jam, host, next());
    run(
        &mut jam,
        asa,
        ParticipantCommand::Rate {
            solution: bus,
            effort: Some(2),
            impact: Some(5),
        }
        .into(),
    );
    run(
        &mut jam,
        orjan,
        ParticipantCommand::Rate {
            solution: bus,
            effort: Some(1),
            impact: Some(4),
        }
        .into(),
    );
    run(
        &mut jam,
        host,
        HostCommand::Place {
            solution: bus,
            quadrant: Some(Quadrant::QuickWin),
        }
        .into(),
    );
    run(
        &mut jam,
        host,
        HostCommand::Place {
            solution: formula,
            quadrant: Some(Quadrant::Thankless),
        }
        .into(),
    );
    run(&mut jam, host, next());
    let due = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
    run(
        &mut jam,
        host,
        HostCommand::SetAction {
            solution: formula,
            first_step: "=HYPERLINK(\"x\")".into(),
            owner: "-1".into(),
            due,
        }
        .into(),
    );
    run(
        &mut jam,
        host,
        HostCommand::SetAction {
            solution: bus,
            first_step: "Ring bussbolaget, fråga om pris".into(),
            owner: "Åsa Öberg".into(),
            due,
        }
        .into(),
    );
    run(&mut jam, host, next());
    jam
}

#[test]
fn markdown_is_exact() {
    let export = Export::of(&built_jam(), true);
    let expected = r#"# Hur får vi fler att flytta till Haparanda, "snabbt"?

Datum: 2026-11-27 · Kod: BCDFGH

## Prioriterad åtgärdslista

| # | Första steg | Ansvarig | Klart senast | Kvadrant | Lösning | Problem |
|---|---|---|---|---|---|---|
| 1 | Ring bussbolaget, fråga om pris | Åsa Öberg | 2026-12-11 | Snabba vinster | Skolbuss; gratis för alla (4 röster) | Skolan, "långt" bort (3 röster) |
| 2 | =HYPERLINK\("x"\) | \-1 | 2026-12-11 | Inte värt mödan | =cmd\|' /C calc'\!A0 (1 röst) | Skolan, "långt" bort (3 röster) |

Ordning: snabba vinster först, sedan stora satsningar, småfix och sist det som inte är värt mödan. Inom samma kvadrant kommer högst bedömd effekt först, sedan flest röster och sedan den lösning som skrevs först.

## Problem och lösningar

### 1. Skolan, "långt" bort (3 röster)

**Fråga:** Hur skulle vi kunna korta skolvägen?

- Skolbuss; gratis för alla — 4 röster — Snabba vinster (Insats 1.5, Effekt 4.5)
- =cmd\|' /C calc'\!A0 — 1 röst — Inte värt mödan

## Alla lappar

### Vad fungerar?

- Bra \*skola\* (Åsa)

### Problem

- Skolan, "långt" bort (Åsa) — 3 röster
- \# Mörker \| kyla (Örjan \<b\>) — 1 röst

### Lösningar

- =cmd\|' /C calc'\!A0 (Åsa) — 1 röst
- Skolbuss; gratis för alla (Örjan \<b\>) — 4 röster
"#;
    assert_eq!(markdown(&export), expected);
}

#[test]
fn csv_for_excel_is_exact() {
    let export = Export::of(&built_jam(), false);
    let expected = concat!(
        "\u{FEFF}",
        "\"Prioritet\";\"Första steg\";\"Ansvarig\";\"Klart senast\";\"Kvadrant\";\"Lösning\";\"Röster\";\"Problem\";\"Röster\";\"Fråga\"\r\n",
        "1;\"Ring bussbolaget, fråga om pris\";\"Åsa Öberg\";2026-12-11;\"Snabba vinster\";\"Skolbuss; gratis för alla\";4;\"Skolan, \"\"långt\"\" bort\";3;\"Hur skulle vi kunna korta skolvägen?\"\r\n",
        "2;\"'=HYPERLINK(\"\"x\"\")\";\"'-1\";2026-12-11;\"Inte värt mödan\";\"'=cmd|' /C calc'!A0\";1;\"Skolan, \"\"långt\"\" bort\";3;\"Hur skulle vi kunna korta skolvägen?\"\r\n",
    );
    assert_eq!(csv(&export, CsvStyle::Excel), expected);
}

#[test]
fn plain_csv_is_exact() {
    let export = Export::of(&built_jam(), false);
    let expected = concat!(
        "\"priority\",\"first_step\",\"owner\",\"due\",\"quadrant\",\"solution\",\"solution_votes\",\"problem\",\"problem_votes\",\"hmw\"\r\n",
        "1,\"Ring bussbolaget, fråga om pris\",\"Åsa Öberg\",2026-12-11,\"QuickWin\",\"Skolbuss; gratis för alla\",4,\"Skolan, \"\"långt\"\" bort\",3,\"Hur skulle vi kunna korta skolvägen?\"\r\n",
        "2,\"'=HYPERLINK(\"\"x\"\")\",\"'-1\",2026-12-11,\"Thankless\",\"'=cmd|' /C calc'!A0\",1,\"Skolan, \"\"långt\"\" bort\",3,\"Hur skulle vi kunna korta skolvägen?\"\r\n",
    );
    assert_eq!(csv(&export, CsvStyle::Plain), expected);
}

#[test]
fn json_is_exact_and_reads_back() {
    let export = Export::of(&built_jam(), false);
    let expected = serde_json::json!({
        "schema": "blixt.export/1",
        "topic": "Hur får vi fler att flytta till Haparanda, \"snabbt\"?",
        "date": "2026-11-27",
        "code": "BCDFGH",
        "language": "sv",
        "participants": 2,
        "order": "Ordning: snabba vinster först, sedan stora satsningar, småfix och sist det som inte är värt mödan. Inom samma kvadrant kommer högst bedömd effekt först, sedan flest röster och sedan den lösning som skrevs först.",
        "actions": [
            {"priority": 1, "first_step": "Ring bussbolaget, fråga om pris", "owner": "Åsa Öberg", "due": "2026-12-11",
             "quadrant": "QuickWin", "solution": "Skolbuss; gratis för alla", "solution_votes": 4,
             "problem": "Skolan, \"långt\" bort", "problem_votes": 3, "hmw": "Hur skulle vi kunna korta skolvägen?"},
            {"priority": 2, "first_step": "=HYPERLINK(\"x\")", "owner": "-1", "due": "2026-12-11",
             "quadrant": "Thankless", "solution": "=cmd|' /C calc'!A0", "solution_votes": 1,
             "problem": "Skolan, \"långt\" bort", "problem_votes": 3, "hmw": "Hur skulle vi kunna korta skolvägen?"}
        ],
        "problems": [
            {"rank": 1, "text": "Skolan, \"långt\" bort", "votes": 3, "hmw": "Hur skulle vi kunna korta skolvägen?",
             "solutions": [
                {"text": "Skolbuss; gratis för alla", "votes": 4, "quadrant": "QuickWin", "effort": 1.5, "impact": 4.5},
                {"text": "=cmd|' /C calc'!A0", "votes": 1, "quadrant": "Thankless", "effort": null, "impact": null}
             ]}
        ]
    });
    let written: serde_json::Value = serde_json::from_str(&export.json()).unwrap();
    assert_eq!(written, expected);
    assert_eq!(
        serde_json::from_str::<Export>(&export.json()).unwrap(),
        export
    );
    let with_notes: serde_json::Value =
        serde_json::from_str(&Export::of(&built_jam(), true).json()).unwrap();
    assert_eq!(with_notes["notes"].as_array().unwrap().len(), 5);
    assert_eq!(
        with_notes["notes"][2],
        serde_json::json!({"kind": "Problem", "text": "# Mörker | kyla", "author": "Örjan <b>", "votes": 1})
    );
}

#[test]
fn printable_page_escapes_and_is_in_the_jams_language() {
    let page = html(&Export::of(&built_jam(), true), None);
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"sv\">"));
    assert!(page.contains("@page { size: A4;"));
    assert!(page.contains("<h2>Prioriterad åtgärdslista</h2>"));
    assert!(page.contains("<td>1</td><td><strong>Ring bussbolaget, fråga om pris</strong></td><td>Åsa Öberg</td><td>2026-12-11</td><td>Snabba vinster</td>"));
    assert!(page.contains("Örjan &lt;b&gt;"));
    assert!(
        !page.contains("Örjan <b>"),
        "user text never becomes markup"
    );
    assert!(page.contains("Skolan, &quot;långt&quot; bort"));
}

#[test]
fn file_names_are_safe_for_any_topic() {
    let export = Export::of(&built_jam(), false);
    assert_eq!(
        export.file_name("md"),
        "blixt-hur-far-vi-fler-att-flytta-till-haparanda-snabbt-2026-11-27.md"
    );
    assert_eq!(slug("../../etc/passwd"), "etc-passwd");
    assert_eq!(slug("💥💥"), "jam");
    assert_eq!(slug("Ärende: \"Övik\" / Tornio"), "arende-ovik-tornio");
    assert!(slug(&"å".repeat(300)).len() <= 48);
}

#[test]
fn without_actions_the_export_says_so() {
    let jam = crate::domain::testing::jam();
    let export = Export::of(&jam, false);
    assert!(export.actions.is_empty() && export.problems.is_empty());
    assert!(markdown(&export).contains("Inga åtgärder ännu."));
    assert_eq!(
        csv(&export, CsvStyle::Plain).lines().count(),
        1,
        "just the header"
    );
}

/// The domain tidies line breaks out of every text, but the CSV must not depend on that: a
/// field with a line break, a carriage return or a tab stays one quoted field, and one that
/// starts with a tab or carriage return (formula tricks) is defused.
#[test]
fn csv_keeps_line_breaks_inside_their_field() {
    let mut export = Export::of(&built_jam(), false);
    export.actions.truncate(1);
    let action = &mut export.actions[0];
    action.first_step = "Rad ett\nrad \"två\"".into();
    action.owner = "\tÅsa\r\nÖberg".into();
    action.solution = "\rx".into();
    action.hmw = None;
    let expected = concat!(
        "\"priority\",\"first_step\",\"owner\",\"due\",\"quadrant\",\"solution\",\"solution_votes\",\"problem\",\"problem_votes\",\"hmw\"\r\n",
        "1,\"Rad ett\nrad \"\"två\"\"\",\"'\tÅsa\r\nÖberg\",2026-12-11,\"QuickWin\",\"'\rx\",4,\"Skolan, \"\"långt\"\" bort\",3,\"\"\r\n",
    );
    assert_eq!(csv(&export, CsvStyle::Plain), expected);
}
