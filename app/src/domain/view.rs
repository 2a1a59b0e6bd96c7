//! What a screen may see of a jam. Privacy is decided here and only here: the server builds
//! every payload it sends through `JamView::for_person`.

use super::{Jam, PersonId, Role};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JamView {
    pub version: u64,
    pub code: String,
    pub topic: String,
    pub participant_count: usize,
    pub viewer: ViewerRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewerRole {
    /// The projector and the facilitator's controls: sees who has joined.
    Facilitator { participants: Vec<ParticipantEntry> },
    /// A phone: sees itself, and how many others are in, not who.
    Participant { me: ParticipantEntry },
    /// Someone with the code who has not joined yet: sees only what the jam is about.
    Visitor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantEntry {
    pub id: Uuid,
    pub name: String,
}

impl JamView {
    pub fn for_person(jam: &Jam, person: PersonId) -> Self {
        let entry = |p: &super::Participant| ParticipantEntry {
            id: p.id,
            name: p.name.to_string(),
        };
        let viewer = match jam.role_of(person) {
            Role::Facilitator => ViewerRole::Facilitator {
                participants: jam.participants.iter().map(entry).collect(),
            },
            Role::Participant(_) => ViewerRole::Participant {
                me: jam
                    .participant_of(person)
                    .map(entry)
                    .expect("role says joined"),
            },
            Role::Stranger => ViewerRole::Visitor,
        };
        Self {
            version: jam.version,
            code: jam.code.to_string(),
            topic: jam.topic.to_string(),
            participant_count: jam.participants.len(),
            viewer,
        }
    }

    pub fn is_facilitator(&self) -> bool {
        matches!(self.viewer, ViewerRole::Facilitator { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::jam::tests::jam;
    use crate::domain::DisplayName;
    use chrono::Utc;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the room looks like, a phone's payload names nobody but its owner, and a
        /// visitor's names nobody; the facilitator's lists everyone.
        #[test]
        fn names_reach_only_those_allowed(count in 0usize..15, looker in 0usize..20) {
            let mut jam = jam();
            for i in 0..count {
                let name = DisplayName::parse(&format!("Person{i}x")).unwrap();
                jam.join(PersonId(Uuid::from_u128(i as u128 + 10)), name, Uuid::from_u128(i as u128 + 1000), Utc::now()).unwrap();
            }
            let person = PersonId(Uuid::from_u128(looker as u128 + 10));
            let payload = serde_json::to_string(&JamView::for_person(&jam, person)).unwrap();
            for i in 0..count {
                let named = payload.contains(&format!("Person{i}x"));
                prop_assert_eq!(named, i == looker, "person {} in view of {}", i, looker);
            }
            let host = JamView::for_person(&jam, jam.facilitator);
            match host.viewer {
                ViewerRole::Facilitator { participants } => prop_assert_eq!(participants.len(), count),
                other => prop_assert!(false, "facilitator saw {:?}", other),
            }
        }
    }
}
