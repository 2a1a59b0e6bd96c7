//! Groups: a room split into tables that each write, vote and decide on their own notes, on
//! the one clock. Which group a person, a note and so everything built on a note belongs to is
//! answered here; `view` uses it to show each phone only its group's work.
//!
//! A room of one group is the jam as it always was: every note is in group 0.

use super::commands::HostCommand;
use super::jam::{Jam, JamError};
use super::round::Round;
use uuid::Uuid;

impl Jam {
    /// How many groups the room is split into (1: the whole room is one group).
    pub fn group_count(&self) -> u8 {
        self.settings.groups.max(1)
    }

    /// Whether the room is split into groups.
    pub fn grouped(&self) -> bool {
        self.group_count() > 1
    }

    pub fn group_of(&self, participant: Uuid) -> Option<u8> {
        self.participants
            .iter()
            .find(|p| p.id == participant)
            .map(|p| p.group)
    }

    /// The group of the note `note`.
    pub fn note_group(&self, note: Uuid) -> Option<u8> {
        self.notes.iter().find(|n| n.id == note).map(|n| n.group)
    }

    pub fn members_of(&self, group: u8) -> usize {
        self.participants
            .iter()
            .filter(|p| p.group == group)
            .count()
    }

    /// Where a newcomer goes: the group with the fewest people (the first of them on a tie).
    pub(crate) fn smallest_group(&self) -> u8 {
        self.smallest_group_but(None)
    }

    /// Spreads people evenly after the number of groups changed: whoever is in a group that
    /// no longer exists moves to the smallest, then the latest arrival of the largest group
    /// moves to the smallest until no two groups differ by more than one. People already in
    /// balanced groups stay where they are.
    pub(crate) fn rebalance(&mut self) {
        let count = self.group_count();
        for at in 0..self.participants.len() {
            if self.participants[at].group >= count {
                let to = self.smallest_group_but(Some(at));
                self.participants[at].group = to;
            }
        }
        loop {
            let sizes: Vec<usize> = (0..count).map(|g| self.members_of(g)).collect();
            let (Some(largest), Some(smallest)) = (
                (0..count).max_by_key(|g| (sizes[usize::from(*g)], std::cmp::Reverse(*g))),
                (0..count).min_by_key(|g| sizes[usize::from(*g)]),
            ) else {
                return;
            };
            if sizes[usize::from(largest)] <= sizes[usize::from(smallest)] + 1 {
                break;
            }
            if let Some(latest) = self
                .participants
                .iter_mut()
                .rev()
                .find(|p| p.group == largest)
            {
                latest.group = smallest;
            }
        }
        if self.presenting.is_some_and(|g| g >= count) {
            self.presenting = None;
        }
        // A room of one group has no leads.
        if !self.grouped() {
            self.leads.clear();
        }
        // A lead leads the group they are in.
        let participants = &self.participants;
        let mut seen = Vec::new();
        self.leads.retain(|lead| {
            participants
                .iter()
                .find(|p| p.id == *lead)
                .is_some_and(|p| {
                    !seen.contains(&p.group) && {
                        seen.push(p.group);
                        true
                    }
                })
        });
    }

    /// The smallest group (the first of them on a tie), not counting the participant at
    /// `skip` (who is about to move).
    fn smallest_group_but(&self, skip: Option<usize>) -> u8 {
        (0..self.group_count())
            .min_by_key(|g| {
                self.participants
                    .iter()
                    .enumerate()
                    .filter(|(i, p)| Some(*i) != skip && p.group == *g)
                    .count()
            })
            .unwrap_or(0)
    }

    /// The problems `group` took forward, in the order it works on them.
    pub fn chosen_in(&self, group: u8) -> Vec<Uuid> {
        self.of_group(&self.chosen, group)
    }

    /// `group`'s problems in priority order (once problem voting has closed).
    pub fn group_order(&self, group: u8) -> Vec<Uuid> {
        self.of_group(&self.problem_order, group)
    }

    /// The notes of `ids` that are `group`'s, in their order. These lists are read for every
    /// note on every change (a note's round, its focus problem), so a room of one group takes
    /// them as they are, and a room in groups looks each note's group up in one pass.
    fn of_group(&self, ids: &[Uuid], group: u8) -> Vec<Uuid> {
        if !self.grouped() {
            return if group == 0 { ids.to_vec() } else { Vec::new() };
        }
        let groups: std::collections::HashMap<Uuid, u8> =
            self.notes.iter().map(|n| (n.id, n.group)).collect();
        ids.iter()
            .copied()
            .filter(|id| groups.get(id) == Some(&group))
            .collect()
    }

    /// The lead of `group`, if the facilitator made one.
    pub fn lead_of(&self, group: u8) -> Option<Uuid> {
        self.leads
            .iter()
            .copied()
            .find(|l| self.group_of(*l) == Some(group))
    }

    pub fn is_lead(&self, participant: Uuid) -> bool {
        self.leads.contains(&participant)
    }

    /// Lobby: the facilitator puts `participant` in `group`.
    pub(crate) fn move_to_group(&mut self, participant: Uuid, group: u8) -> Result<(), JamError> {
        self.check_group_change(group)?;
        let p = self
            .participants
            .iter_mut()
            .find(|p| p.id == participant)
            .ok_or(JamError::NoSuchParticipant)?;
        if p.group != group {
            p.group = group;
            // Leading the old table does not make them lead of the new one.
            self.leads.retain(|l| *l != participant);
        }
        Ok(())
    }

    /// Lobby, when the facilitator lets people pick: `me` sits down at `group`.
    pub(crate) fn pick_group(&mut self, me: Uuid, group: u8) -> Result<(), JamError> {
        if !self.settings.pick_group || !self.grouped() {
            return Err(JamError::NoGroupPicking);
        }
        self.move_to_group(me, group)
    }

    fn check_group_change(&self, group: u8) -> Result<(), JamError> {
        if !self.groups_open() {
            return Err(JamError::GroupsFixed);
        }
        if group >= self.group_count() {
            return Err(JamError::NoSuchGroup);
        }
        Ok(())
    }

    /// Whether people may still change groups and the number of groups change: in the lobby,
    /// before anyone has written (going back to the lobby later does not reopen them, or notes
    /// would be left in a group their author is no longer in).
    pub fn groups_open(&self) -> bool {
        self.round == Round::Lobby && self.notes.is_empty()
    }

    /// Makes `participant` the lead of their group (the group's earlier lead steps down), or
    /// not. Only a room in groups has leads.
    pub(crate) fn set_lead(&mut self, participant: Uuid, lead: bool) -> Result<(), JamError> {
        let group = self
            .group_of(participant)
            .ok_or(JamError::NoSuchParticipant)?;
        if !lead {
            self.leads.retain(|l| *l != participant);
            return Ok(());
        }
        if !self.grouped() {
            return Err(JamError::NoSuchGroup);
        }
        let same_group: Vec<Uuid> = self
            .participants
            .iter()
            .filter(|p| p.group == group)
            .map(|p| p.id)
            .collect();
        self.leads.retain(|l| !same_group.contains(l));
        self.leads.push(participant);
        Ok(())
    }

    /// Whether a lead of `group` may send `command`: the group's own facilitator steps, on
    /// its own notes; never the clock, the rounds, the settings or the keys.
    pub(crate) fn lead_may(&self, group: u8, command: &HostCommand) -> Result<(), JamError> {
        let mine = |note: &Uuid| {
            if self.note_group(*note) == Some(group) {
                Ok(())
            } else if self.note_group(*note).is_none() {
                Err(JamError::NoSuchNote)
            } else {
                Err(JamError::OtherGroup)
            }
        };
        match command {
            HostCommand::Reveal {
                author: Some(author),
                ..
            } => match self.group_of(*author) {
                Some(g) if g == group => Ok(()),
                Some(_) => Err(JamError::OtherGroup),
                None => Err(JamError::NoSuchParticipant),
            },
            HostCommand::Reveal {
                author: None,
                group: Some(g),
            }
            | HostCommand::ChooseHmw { group: g, .. } => {
                if *g == group {
                    Ok(())
                } else {
                    Err(JamError::OtherGroup)
                }
            }
            HostCommand::Merge { note, into } => mine(note).and_then(|_| mine(into)),
            HostCommand::Unmerge { note }
            | HostCommand::MoveProblem { note, .. }
            | HostCommand::SetChosen { note, .. } => mine(note),
            HostCommand::Place { solution, .. }
            | HostCommand::SetAction { solution, .. }
            | HostCommand::RemoveAction { solution } => mine(solution),
            _ => Err(JamError::NotFacilitator),
        }
    }
}
