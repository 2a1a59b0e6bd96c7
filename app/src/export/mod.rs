//! The results of a jam, to take home: one `Export` built from the jam, written out as
//! Markdown, CSV, JSON or a printable HTML page. Pure functions, no I/O.

mod csv;
mod html;
mod markdown;

pub use csv::{csv, CsvStyle};
pub use html::html;
pub use markdown::markdown;

use crate::domain::matrix::average;
use crate::domain::notes::tally;
use crate::domain::view::actions;
use crate::domain::{Jam, NoteKind, Quadrant};
use crate::i18n::{LangTexts, Texts};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The version of the JSON layout; bumped on any change a reader could notice.
pub const SCHEMA: &str = "blixt.export/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub schema: String,
    pub topic: String,
    /// The day the jam was created (UTC).
    pub date: NaiveDate,
    pub code: String,
    /// `sv`, `en` or `fi`: the language the jam was run in.
    pub language: String,
    pub participants: usize,
    /// The group this export is of, when it is one group's of a jam run in groups.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group: Option<String>,
    /// How the actions are ordered, in the jam's language.
    pub order: String,
    pub actions: Vec<ExportAction>,
    /// The problems taken forward, in the order they were worked on.
    pub problems: Vec<ExportProblem>,
    /// Every revealed note of every round, when asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub notes: Option<Vec<ExportNote>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportAction {
    /// 1 is done first.
    pub priority: usize,
    pub first_step: String,
    pub owner: String,
    pub due: NaiveDate,
    pub quadrant: Quadrant,
    pub solution: String,
    pub solution_votes: usize,
    pub problem: String,
    pub problem_votes: usize,
    pub hmw: Option<String>,
    /// The group that wrote it, in a jam run in groups.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group: Option<String>,
    /// The whole room's dots in the plenary, when the groups finished together.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub room_votes: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportProblem {
    /// Its place in the voted (and tie-ordered) list of all problems.
    pub rank: usize,
    pub text: String,
    /// Notes clustered onto this problem's card in the reveal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    pub votes: usize,
    pub hmw: Option<String>,
    /// Most votes first once their vote has closed; in the order written before.
    pub solutions: Vec<ExportSolution>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSolution {
    pub text: String,
    /// None while the vote on these solutions is open (the rule every screen follows).
    pub votes: Option<usize>,
    pub quadrant: Option<Quadrant>,
    /// Average ratings, 1–5.
    pub effort: Option<f32>,
    pub impact: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportNote {
    pub kind: NoteKind,
    pub text: String,
    /// Notes clustered onto this one's card in the reveal (they are not listed apart).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    pub author: String,
    /// None while that voting is open, or for notes nobody votes on.
    pub votes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group: Option<String>,
}

/// `text` with the texts clustered onto it: "Bussen (+ Tåget; Färjan)".
pub fn with_merged(text: &str, merged: &[String]) -> String {
    if merged.is_empty() {
        text.to_string()
    } else {
        format!("{text} (+ {})", merged.join("; "))
    }
}

impl Export {
    /// The whole jam's results: every group's, each row naming its group.
    pub fn of(jam: &Jam, with_notes: bool) -> Self {
        Self::build(jam, with_notes, None)
    }

    /// One group's results (its actions in their order of the whole list); None when the jam
    /// has no such group.
    pub fn of_group(jam: &Jam, with_notes: bool, group: u8) -> Option<Self> {
        (jam.grouped() && group < jam.group_count())
            .then(|| Self::build(jam, with_notes, Some(group)))
    }

    fn build(jam: &Jam, with_notes: bool, only: Option<u8>) -> Self {
        let texts = jam.lang.texts();
        let in_scope = |group: u8| only.is_none_or(|g| g == group);
        // Every row of a jam run in groups names its group.
        let group_name = |group: u8| jam.grouped().then(|| name_of_group(jam, texts, group));
        let group_of_note = |id: Uuid| jam.note_group(id).unwrap_or(0);
        let merged_onto = |card: Uuid| -> Vec<String> {
            jam.notes
                .iter()
                .filter(|n| n.merged_into == Some(card))
                .map(|n| n.text.to_string())
                .collect()
        };
        let note_text = |id| {
            jam.notes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.text.to_string())
        };
        let problems = jam
            .chosen
            .iter()
            .filter(|p| in_scope(group_of_note(**p)))
            .filter_map(|problem| {
                let group = group_of_note(*problem);
                // The rank among its group's problems.
                let rank = jam.group_order(group).iter().position(|p| p == problem)? + 1;
                let closed = jam.voting_closed(NoteKind::Solution, Some(*problem));
                let mut solutions = jam.ranked_solutions(*problem);
                if !closed {
                    // The ranking would give the open tally away.
                    solutions.sort_by_key(|n| n.seq);
                }
                Some(ExportProblem {
                    rank,
                    text: note_text(*problem)?,
                    merged: merged_onto(*problem),
                    votes: tally(&jam.votes, *problem),
                    hmw: jam.hmw_of(*problem).map(|h| h.to_string()),
                    group: group_name(group),
                    solutions: solutions
                        .into_iter()
                        .map(|n| {
                            let avg = average(&jam.ratings, n.id);
                            ExportSolution {
                                text: n.text.to_string(),
                                votes: closed.then(|| tally(&jam.votes, n.id)),
                                quadrant: jam.placement(n.id),
                                effort: avg.map(|a| round1(a.0)),
                                impact: avg.map(|a| round1(a.1)),
                            }
                        })
                        .collect(),
                })
            })
            .collect();
        let notes = with_notes.then(|| {
            let mut notes: Vec<_> = jam
                .notes
                .iter()
                .filter(|n| n.revealed && n.merged_into.is_none() && in_scope(n.group))
                .collect();
            notes.sort_by_key(|n| (n.kind.written_in(), n.group, n.seq));
            notes
                .into_iter()
                .map(|n| ExportNote {
                    kind: n.kind,
                    text: n.text.to_string(),
                    merged: merged_onto(n.id),
                    author: jam
                        .participants
                        .iter()
                        .find(|p| p.id == n.author)
                        .map(|p| p.name.to_string())
                        .unwrap_or_default(),
                    votes: jam
                        .voting_closed(n.kind, n.problem)
                        .then(|| tally(&jam.votes, n.id)),
                    group: group_name(n.group),
                })
                .collect()
        });
        Self {
            schema: SCHEMA.into(),
            topic: jam.topic.to_string(),
            date: jam.created_at.date_naive(),
            code: jam.code.to_string(),
            language: jam.lang.code().into(),
            participants: match only {
                Some(g) => jam.members_of(g),
                None => jam.participants.len(),
            },
            group: only.map(|g| name_of_group(jam, texts, g)),
            order: texts.order_note.into(),
            actions: actions(jam)
                .into_iter()
                .filter(|a| in_scope(a.group))
                .enumerate()
                .map(|(i, a)| ExportAction {
                    priority: i + 1,
                    first_step: a.first_step,
                    owner: a.owner,
                    due: a.due,
                    quadrant: a.quadrant,
                    solution: a.solution_text,
                    solution_votes: a.votes,
                    problem: a.problem,
                    problem_votes: a.problem_votes,
                    hmw: a.hmw,
                    group: group_name(a.group),
                    room_votes: a.plenary_votes,
                })
                .collect(),
            problems,
            notes,
        }
    }

    pub fn texts(&self) -> &'static Texts {
        crate::i18n::Lang::from_code(&self.language)
            .unwrap_or_default()
            .texts()
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an export always serializes")
    }

    /// `blixt-<topic>-<date>.<extension>` (`blixt-<topic>-<group>-<date>…` for one group's),
    /// safe as a file name anywhere: ASCII letters, digits and dashes only.
    pub fn file_name(&self, extension: &str) -> String {
        match &self.group {
            Some(group) => format!(
                "blixt-{}-{}-{}.{extension}",
                slug(&self.topic),
                slug(group),
                self.date
            ),
            None => format!("blixt-{}-{}.{extension}", slug(&self.topic), self.date),
        }
    }

    /// Whether the rows name their groups (a jam run in groups).
    pub fn grouped(&self) -> bool {
        self.actions.iter().any(|a| a.group.is_some())
            || self.problems.iter().any(|p| p.group.is_some())
    }
}

/// What a group is called in exports: as on the screens, in the jam's language.
fn name_of_group(jam: &Jam, texts: &Texts, group: u8) -> String {
    crate::rounds::groups::group_name(texts, &jam.settings, group)
}

fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

/// The topic as a file-name part: "Hur får vi fler att flytta?" → "hur-far-vi-fler-att-flytta".
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let ascii = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if ascii != '-' || !slug.ends_with('-') {
            slug.push(ascii);
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "jam".into()
    } else {
        slug.into()
    }
}

#[cfg(test)]
mod tests;
