//! Notes and dot votes.

use super::round::NoteKind;
use super::text::NoteText;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: Uuid,
    /// The participant who wrote it.
    pub author: Uuid,
    pub kind: NoteKind,
    pub text: NoteText,
    /// Until revealed, only its author sees it.
    pub revealed: bool,
    /// For "How might we" and solution notes: the chosen problem they answer.
    pub problem: Option<Uuid>,
    /// Order of writing, for stable ordering.
    pub seq: u64,
    /// Clustered in the reveal: the note whose card this note is now part of (that note is
    /// never itself merged). Votes go to that card; this note is no longer on a ballot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<Uuid>,
    /// The group its author wrote it in (people change groups only before anyone writes).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub group: u8,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// One dot: several on one note are several votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub voter: Uuid,
    pub note: Uuid,
}

/// Dots on `note`.
pub fn tally(votes: &[Vote], note: Uuid) -> usize {
    votes.iter().filter(|v| v.note == note).count()
}
