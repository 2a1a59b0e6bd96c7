//! A jam's history: every accepted change, in the order the database gave it. The server
//! stores each change as it is accepted and rebuilds a jam by replaying the changes made after
//! its latest snapshot, so a change is as deterministic as the domain: the same change on the
//! same jam at the same moment always has the same result.

use super::commands::{Command, Outcome};
use super::jam::{Jam, JamError, JoinOutcome, PersonId};
use super::text::DisplayName;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// `person` joins as `participant`, or takes a new name; with the join link's `key`, or
    /// (None) the code typed in.
    Join {
        person: PersonId,
        name: DisplayName,
        participant: Uuid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<String>,
    },
    /// `person` sends a workshop command; `new_id` names what it creates.
    Command {
        person: PersonId,
        id: Uuid,
        command: Command,
        new_id: Uuid,
    },
    /// `person` opened the facilitator link with `key`.
    ClaimHost { person: PersonId, key: String },
}

impl Jam {
    /// Applies `change`, made at `at`. Answers whether it changed the jam (and so moved its
    /// version on by one); a refusal changes nothing.
    pub fn accept(&mut self, change: &Change, at: DateTime<Utc>) -> Result<bool, JamError> {
        match change {
            Change::Join {
                person,
                name,
                participant,
                key,
            } => {
                self.admit(*person, key.as_deref(), at)?;
                let (outcome, _) = self.join(*person, name.clone(), *participant, at)?;
                Ok(outcome != JoinOutcome::Unchanged)
            }
            Change::ClaimHost { person, key } => self.claim_host(*person, key),
            Change::Command {
                person,
                id: _,
                command,
                new_id,
            } => {
                let outcome = self.apply(*person, command.clone(), *new_id, at)?;
                Ok(outcome == Outcome::Changed)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::jam;
    use crate::{HostCommand, Round};

    #[test]
    fn replaying_the_changes_gives_the_same_jam() {
        let mut live = jam();
        let start = live.clone();
        let at = Utc::now();
        let anna = PersonId(Uuid::from_u128(7));
        let changes = [
            Change::Join {
                person: anna,
                name: DisplayName::parse("Anna").unwrap(),
                participant: Uuid::from_u128(70),
                key: None,
            },
            Change::Command {
                person: live.facilitator,
                id: Uuid::from_u128(1),
                command: HostCommand::NextRound { from: Round::Lobby }.into(),
                new_id: Uuid::from_u128(2),
            },
        ];
        let mut log = Vec::new();
        for change in &changes {
            assert!(live.accept(change, at).unwrap());
            log.push(serde_json::to_string(change).unwrap());
        }
        let mut replayed = start;
        for stored in &log {
            let change: Change = serde_json::from_str(stored).unwrap();
            replayed.accept(&change, at).unwrap();
        }
        assert_eq!(replayed, live);
        assert_eq!(live.version, 3);
    }
}
