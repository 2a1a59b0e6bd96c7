//! CSV, one row per action.
//!
//! `Excel`: what Excel in a Swedish (or Finnish) locale opens correctly by double-click: a
//! semicolon between fields (the comma is the decimal separator there), a UTF-8 byte-order mark
//! (without it Excel reads å, ä, ö as two odd characters each), CRLF line ends and headers in the
//! jam's language. LibreOffice opens it too. `Plain`: commas, no byte-order mark, fixed English
//! headers, for tools.
//!
//! Either way every text field is quoted, quotes are doubled, and a field that starts like a
//! formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading apostrophe, so a note such
//! as `=cmd|' /C calc'!A0` stays text in a spreadsheet.

use super::Export;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    Excel,
    Plain,
}

pub fn csv(export: &Export, style: CsvStyle) -> String {
    let t = export.texts();
    let (sep, mut out, headers) = match style {
        CsvStyle::Excel => (
            ';',
            String::from('\u{FEFF}'),
            [
                t.priority_label,
                t.first_step,
                t.owner,
                t.due,
                t.quadrant_label,
                t.solution_label,
                t.votes_label,
                t.problem_label,
                t.votes_label,
                t.hmw_label,
            ],
        ),
        CsvStyle::Plain => (
            ',',
            String::new(),
            [
                "priority",
                "first_step",
                "owner",
                "due",
                "quadrant",
                "solution",
                "solution_votes",
                "problem",
                "problem_votes",
                "hmw",
            ],
        ),
    };
    let mut row = |fields: Vec<String>| {
        out.push_str(&fields.join(&sep.to_string()));
        out.push_str("\r\n");
    };
    // A jam run in groups: each row ends with its group.
    let grouped = export.grouped();
    let group_header = match style {
        CsvStyle::Excel => t.group_label,
        CsvStyle::Plain => "group",
    };
    // After a plenary: the room's dots too.
    let plenary = export.actions.iter().any(|a| a.room_votes.is_some());
    let mut header: Vec<String> = headers.iter().map(|h| field(h)).collect();
    if grouped {
        header.push(field(group_header));
    }
    if plenary {
        header.push(field(match style {
            CsvStyle::Excel => t.room_votes_label,
            CsvStyle::Plain => "room_votes",
        }));
    }
    row(header);
    for a in &export.actions {
        let quadrant = match style {
            CsvStyle::Excel => (t.quadrant_name)(a.quadrant).to_string(),
            CsvStyle::Plain => format!("{:?}", a.quadrant),
        };
        let mut fields = vec![
            a.priority.to_string(),
            field(&a.first_step),
            field(&a.owner),
            a.due.to_string(),
            field(&quadrant),
            field(&a.solution),
            a.solution_votes.to_string(),
            field(&a.problem),
            a.problem_votes.to_string(),
            field(a.hmw.as_deref().unwrap_or("")),
        ];
        if grouped {
            fields.push(field(a.group.as_deref().unwrap_or("")));
        }
        if plenary {
            fields.push(a.room_votes.unwrap_or(0).to_string());
        }
        row(fields);
    }
    out
}

/// A quoted text field, defused if it looks like a formula.
fn field(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}
