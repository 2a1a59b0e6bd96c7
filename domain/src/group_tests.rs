//! Groups: a room split into tables, each with its own wall, on one clock. Example tests of a
//! whole grouped jam and a lead's rights, and properties: nothing of one group in another
//! group's view, dot budgets per person, groups kept even.

use super::commands::{HostCommand, Outcome, ParticipantCommand};
use super::view::{JamView, ViewerRole};
use super::workshop_tests::Room;
use super::*;
use chrono::{NaiveDate, Utc};
use proptest::prelude::*;
use uuid::Uuid;

/// A room of `size` split into `groups` in the lobby (people spread as the count changes).
fn grouped(size: usize, groups: u8) -> Room {
    let mut room = Room::new(size);
    room.host(HostCommand::UpdateSettings(SettingsChange {
        groups: Some(groups),
        ..SettingsChange::default()
    }));
    room
}

fn group_of(room: &Room, who: usize) -> u8 {
    room.jam.group_of(room.participant_id(who)).unwrap()
}

/// Who of `room` sits in `group`, by index.
fn members(room: &Room, group: u8) -> Vec<usize> {
    (0..room.people.len())
        .filter(|w| group_of(room, *w) == group)
        .collect()
}

fn payload(room: &Room, who: usize) -> String {
    serde_json::to_string(&JamView::for_person(
        &room.jam,
        room.people[who],
        Utc::now(),
    ))
    .unwrap()
}

#[test]
fn two_groups_run_every_round_on_their_own_notes() {
    let mut room = grouped(6, 2);
    let (a, b) = (members(&room, 0), members(&room, 1));
    assert_eq!(
        (a.len(), b.len()),
        (3, 3),
        "six people spread three and three"
    );

    room.to(Round::Problems);
    let a_problem = room.write(a[0], "A: Mörkt på vintern");
    let a_other = room.write(a[1], "A: Få jobb");
    let b_problem = room.write(b[0], "B: Skolan långt bort");
    room.to(Round::VoteProblems);
    // A dot on the other group's note is refused and changes nothing.
    let before = room.jam.clone();
    assert_eq!(room.vote(a[0], b_problem), Err(JamError::OtherGroup));
    assert_eq!(room.jam, before);
    room.vote(a[0], a_problem).unwrap();
    room.vote(a[1], a_problem).unwrap();
    room.vote(b[0], b_problem).unwrap();
    room.to(Round::Prioritize);
    assert_eq!(room.jam.group_order(0), vec![a_problem, a_other]);
    assert_eq!(room.jam.group_order(1), vec![b_problem]);
    room.host(HostCommand::SetChosen {
        note: a_problem,
        chosen: true,
    });
    // Each group takes its own problem forward before the room moves on.
    let host = room.host;
    let refused = room.by(
        host,
        HostCommand::NextRound {
            from: Round::Prioritize,
        },
    );
    assert_eq!(refused, Err(JamError::GroupWithoutProblem { group: 1 }));
    room.host(HostCommand::SetChosen {
        note: b_problem,
        chosen: true,
    });
    room.next();
    assert_eq!(room.jam.round, Round::Reframe);
    room.host(HostCommand::ChooseHmw {
        text: "Hur skulle vi kunna lysa upp vintern?".into(),
        group: 0,
    });
    let refused = room.by(
        host,
        HostCommand::NextRound {
            from: Round::Reframe,
        },
    );
    assert_eq!(refused, Err(JamError::GroupWithoutHmw { group: 1 }));
    room.host(HostCommand::ChooseHmw {
        text: "Hur skulle vi kunna korta skolvägen?".into(),
        group: 1,
    });
    room.next();
    // Solutions answer each group's own problem.
    let lights = room.write(a[2], "A: Ljusfestival");
    let bus = room.write(b[1], "B: Skolbuss");
    assert_eq!(
        room.jam
            .notes
            .iter()
            .find(|n| n.id == lights)
            .unwrap()
            .problem,
        Some(a_problem)
    );
    assert_eq!(
        room.jam.notes.iter().find(|n| n.id == bus).unwrap().problem,
        Some(b_problem)
    );
    room.to(Round::VoteSolutions);
    assert_eq!(room.jam.ballot(0), vec![lights]);
    assert_eq!(room.jam.ballot(1), vec![bus]);
    room.vote(a[0], lights).unwrap();
    room.to(Round::EffortImpact);
    assert_eq!(room.jam.matrix_candidates(1), vec![bus]);
    let person = room.people[a[0]];
    assert_eq!(
        room.by(
            person,
            ParticipantCommand::Rate {
                solution: bus,
                effort: Some(1),
                impact: None
            }
        ),
        Err(JamError::NotOnMatrix),
        "a phone rates its own group's matrix only"
    );
    for solution in [lights, bus] {
        room.host(HostCommand::Place {
            solution,
            quadrant: Some(Quadrant::QuickWin),
        });
    }
    room.next();
    let due = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    room.jam.created_at = due.and_hms_opt(9, 0, 0).unwrap().and_utc();
    for (solution, step) in [(lights, "Boka torget"), (bus, "Ring bussbolaget")] {
        room.host(HostCommand::SetAction {
            solution,
            first_step: step.into(),
            owner: "Anna".into(),
            due,
        });
    }
    // Until the plenary, each phone sees its group's work only; the facilitator both groups'.
    let host_view = JamView::for_person(&room.jam, room.host, Utc::now());
    assert_eq!(host_view.actions.len(), 2);
    assert_eq!(host_view.groups.len(), 2);
    for who in 0..6 {
        let view = JamView::for_person(&room.jam, room.people[who], Utc::now());
        let mine = group_of(&room, who);
        assert_eq!(view.actions.len(), 1);
        assert!(view.actions.iter().all(|a| a.group == mine));
        assert!(view.notes.iter().all(|n| n.group == mine));
        let text = payload(&room, who);
        let other = if mine == 0 { "B: " } else { "A: " };
        assert!(
            !text.contains(other),
            "phone {who} sees the other group's notes"
        );
    }

    // The plenary: everyone sees both groups' actions and dots across them, within budget.
    room.next();
    assert_eq!(room.jam.round, Round::Plenary);
    for who in 0..6 {
        let view = JamView::for_person(&room.jam, room.people[who], Utc::now());
        assert_eq!(view.actions.len(), 2, "the whole room's actions");
        assert_eq!(view.dots_left, Some(3));
        assert!(
            view.actions.iter().all(|a| a.plenary_votes.is_none()),
            "tallies hidden while voting"
        );
    }
    for who in 0..6 {
        room.vote(who, bus).unwrap();
    }
    room.vote(a[0], lights).unwrap();
    room.vote(a[0], lights).unwrap();
    assert_eq!(room.vote(a[0], bus), Err(JamError::OutOfDots { dots: 3 }));
    assert_eq!(
        room.vote(a[1], a_problem),
        Err(JamError::NoSuchNote),
        "only actions are on the ballot"
    );
    // The plenary's dots are not the solutions' votes.
    assert_eq!(super::notes::tally(&room.jam.votes, bus), 0);
    room.next();
    assert_eq!(room.jam.round, Round::Summary);
    let combined = JamView::for_person(&room.jam, room.host, Utc::now()).actions;
    let order: Vec<_> = combined
        .iter()
        .map(|a| (a.solution, a.plenary_votes))
        .collect();
    assert_eq!(
        order,
        vec![(bus, Some(6)), (lights, Some(2))],
        "most of the room's dots first"
    );
}

#[test]
fn a_lead_does_the_groups_steps_and_nothing_else() {
    let mut room = grouped(6, 2);
    let (a, b) = (members(&room, 0), members(&room, 1));
    let lead = a[0];
    let lead_id = room.participant_id(lead);
    room.host(HostCommand::SetLead {
        participant: lead_id,
        lead: true,
    });
    let me = room.people[lead];
    room.to(Round::Problems);
    let mine = room.write(a[1], "A: Få jobb");
    let theirs = room.write(b[0], "B: Skolan långt bort");
    room.to(Round::Reveal);
    let before = room.jam.clone();
    for (command, refusal) in [
        (
            HostCommand::Reveal {
                author: None,
                group: Some(1),
            },
            JamError::OtherGroup,
        ),
        (
            HostCommand::Reveal {
                author: Some(room.participant_id(b[0])),
                group: None,
            },
            JamError::OtherGroup,
        ),
        (
            HostCommand::Reveal {
                author: None,
                group: None,
            },
            JamError::NotFacilitator,
        ),
        (
            HostCommand::NextRound {
                from: Round::Reveal,
            },
            JamError::NotFacilitator,
        ),
        (HostCommand::PauseTimer, JamError::NotFacilitator),
        (
            HostCommand::Present { group: Some(0) },
            JamError::NotFacilitator,
        ),
        (
            HostCommand::SetLead {
                participant: room.participant_id(b[1]),
                lead: true,
            },
            JamError::NotFacilitator,
        ),
    ] {
        assert_eq!(room.by(me, command.clone()), Err(refusal), "{command:?}");
    }
    assert_eq!(room.jam, before, "refusals change nothing");
    room.by(
        me,
        HostCommand::Reveal {
            author: None,
            group: Some(0),
        },
    )
    .unwrap();
    let revealed = |room: &Room, id: Uuid| room.jam.notes.iter().any(|n| n.id == id && n.revealed);
    assert!(revealed(&room, mine) && !revealed(&room, theirs));
    room.to(Round::Prioritize);
    assert_eq!(
        room.by(
            me,
            HostCommand::SetChosen {
                note: theirs,
                chosen: true
            }
        ),
        Err(JamError::OtherGroup)
    );
    room.by(
        me,
        HostCommand::SetChosen {
            note: mine,
            chosen: true,
        },
    )
    .unwrap();
    room.host(HostCommand::SetChosen {
        note: theirs,
        chosen: true,
    });
    room.next();
    assert_eq!(
        room.by(
            me,
            HostCommand::ChooseHmw {
                text: "Hur skulle vi kunna?".into(),
                group: 1
            }
        ),
        Err(JamError::OtherGroup)
    );
    room.by(
        me,
        HostCommand::ChooseHmw {
            text: "Hur skulle vi kunna skapa jobb?".into(),
            group: 0,
        },
    )
    .unwrap();
    assert!(room.jam.hmw_of(mine).is_some() && room.jam.hmw_of(theirs).is_none());
    // The lead's phone says it leads; other phones do not.
    let view = JamView::for_person(&room.jam, me, Utc::now());
    assert!(matches!(view.viewer, ViewerRole::Participant { ref me } if me.lead));
}

#[test]
fn groups_are_set_in_the_lobby_only() {
    let mut room = grouped(4, 2);
    let someone = room.participant_id(0);
    room.host(HostCommand::MoveToGroup {
        participant: someone,
        group: 1,
    });
    assert_eq!(group_of(&room, 0), 1);
    let host = room.host;
    assert_eq!(
        room.by(
            host,
            HostCommand::MoveToGroup {
                participant: someone,
                group: 2
            }
        ),
        Err(JamError::NoSuchGroup)
    );
    assert_eq!(
        room.by(host, HostCommand::Present { group: Some(2) }),
        Err(JamError::NoSuchGroup)
    );
    room.host(HostCommand::Present { group: Some(1) });
    assert_eq!(room.jam.presenting, Some(1));
    // Picking is for the facilitator to allow.
    let me = room.people[1];
    assert_eq!(
        room.by(me, ParticipantCommand::PickGroup { group: 1 }),
        Err(JamError::NoGroupPicking)
    );
    room.host(HostCommand::UpdateSettings(SettingsChange {
        pick_group: Some(true),
        ..SettingsChange::default()
    }));
    room.by(me, ParticipantCommand::PickGroup { group: 0 })
        .unwrap();
    assert_eq!(group_of(&room, 1), 0);
    room.next();
    let before = room.jam.clone();
    assert_eq!(
        room.by(me, ParticipantCommand::PickGroup { group: 1 }),
        Err(JamError::GroupsFixed)
    );
    assert_eq!(
        room.by(
            host,
            HostCommand::UpdateSettings(SettingsChange {
                groups: Some(3),
                ..SettingsChange::default()
            })
        ),
        Err(JamError::GroupsFixed)
    );
    assert_eq!(room.jam, before);
}

/// One step of a random grouped workshop.
#[derive(Debug, Clone)]
enum Step {
    Write(usize),
    Vote(usize, usize),
    TakeBack(usize, usize),
    Rate(usize, usize, u8),
    /// The facilitator moves on, doing first what the round needs (choices, HMWs, places).
    Next,
    Reveal(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..9).prop_map(Step::Write),
        4 => (0usize..9, 0usize..40).prop_map(|(w, n)| Step::Vote(w, n)),
        1 => (0usize..9, 0usize..40).prop_map(|(w, n)| Step::TakeBack(w, n)),
        1 => (0usize..9, 0usize..40, 1u8..=5).prop_map(|(w, n, v)| Step::Rate(w, n, v)),
        2 => Just(Step::Next),
        1 => (0u8..4).prop_map(Step::Reveal),
    ]
}

impl Room {
    /// Does `step`; refusals are part of the game (their changing nothing is checked by the
    /// rules tests).
    fn take(&mut self, step: &Step, written: &mut usize) {
        let people = self.people.len();
        let notes: Vec<Uuid> = self.jam.notes.iter().map(|n| n.id).collect();
        let pick = |i: usize| notes.get(i % notes.len().max(1)).copied();
        match *step {
            Step::Write(w) => {
                let who = w % people;
                let group = self.jam.group_of(self.participant_id(who)).unwrap();
                *written += 1;
                let person = self.people[who];
                // Every text names its group, so a leak is a substring away.
                let text = format!("G{group}x note {written}");
                let _ = self.by(person, ParticipantCommand::AddNote { text });
            }
            Step::Vote(w, n) | Step::TakeBack(w, n) => {
                let Some(note) = pick(n) else { return };
                let person = self.people[w % people];
                let command = if matches!(step, Step::Vote(..)) {
                    ParticipantCommand::CastVote { note }
                } else {
                    ParticipantCommand::WithdrawVote { note }
                };
                let _ = self.by(person, command);
            }
            Step::Rate(w, n, v) => {
                let Some(solution) = pick(n) else { return };
                let person = self.people[w % people];
                let _ = self.by(
                    person,
                    ParticipantCommand::Rate {
                        solution,
                        effort: Some(v),
                        impact: Some(6 - v),
                    },
                );
            }
            Step::Reveal(g) => {
                let host = self.host;
                let _ = self.by(
                    host,
                    HostCommand::Reveal {
                        author: None,
                        group: Some(g),
                    },
                );
            }
            Step::Next => {
                let host = self.host;
                for g in 0..self.jam.group_count() {
                    match self.jam.round {
                        Round::Prioritize => {
                            if let Some(top) = self.jam.group_order(g).first().copied() {
                                let _ = self.by(
                                    host,
                                    HostCommand::SetChosen {
                                        note: top,
                                        chosen: true,
                                    },
                                );
                            }
                        }
                        Round::Reframe => {
                            let _ = self.by(
                                host,
                                HostCommand::ChooseHmw {
                                    text: format!("G{g}x how might we"),
                                    group: g,
                                },
                            );
                        }
                        Round::Actions => {
                            let day = self.jam.created_at.date_naive();
                            for solution in self.jam.matrix_candidates(g) {
                                let _ = self.by(
                                    host,
                                    HostCommand::SetAction {
                                        solution,
                                        first_step: format!("G{g}x step"),
                                        owner: "Ägare".into(),
                                        due: day,
                                    },
                                );
                            }
                        }
                        Round::EffortImpact => {
                            for solution in self.jam.matrix_candidates(g) {
                                let _ = self.by(
                                    host,
                                    HostCommand::Place {
                                        solution,
                                        quadrant: Some(Quadrant::BigBet),
                                    },
                                );
                            }
                        }
                        _ => {}
                    }
                }
                if self.jam.round != Round::Summary {
                    let from = self.jam.round;
                    let _ = self.by(host, HostCommand::NextRound { from });
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever a grouped room does, a phone's payload holds no note, question, tally or
    /// action of another group — but for the plenary's combined list, which holds every
    /// group's actions exactly once; every dot is on the voter's own group's notes and within
    /// the budget, the plenary's too; every note is in its author's group.
    #[test]
    fn nothing_crosses_groups(
        size in 2usize..9,
        groups in 2u8..5,
        steps in proptest::collection::vec(step(), 1..120),
    ) {
        let mut room = grouped(size, groups);
        let mut written = 0;
        for step in &steps {
            room.take(step, &mut written);
            let jam = &room.jam;
            for n in &jam.notes {
                prop_assert_eq!(Some(n.group), jam.group_of(n.author));
            }
            for v in &jam.votes {
                prop_assert_eq!(jam.note_group(v.note), jam.group_of(v.voter));
            }
            if let Some(kind) = jam.round.votes_on() {
                for p in &jam.participants {
                    prop_assert!(jam.dots_used(p.id) <= usize::from(jam.settings.dots(kind)));
                }
            }
            // From the plenary on, every group's actions are the whole room's.
            let whole_room = jam.round >= Round::Plenary;
            let counted: Vec<Uuid> = jam.plenary_ballot();
            for v in &jam.plenary_votes {
                prop_assert!(jam.round >= Round::Plenary);
                prop_assert!(counted.contains(&v.note) || jam.round == Round::Summary);
            }
            for p in &jam.participants {
                prop_assert!(jam.plenary_dots_used(p.id) <= usize::from(jam.settings.plenary_dots));
            }
            for who in 0..size {
                let mine = group_of(&room, who);
                let mut view = JamView::for_person(&room.jam, room.people[who], Utc::now());
                prop_assert!(view.ranking.iter().all(|r| r.group == mine));
                prop_assert!(view.matrix.iter().all(|m| m.group == mine));
                prop_assert!(view.groups.iter().all(|g| g.group == mine && g.done.is_none()));
                if whole_room {
                    // The combined list: every group's counted actions, each exactly once.
                    let mut listed: Vec<Uuid> = view.actions.iter().map(|a| a.solution).collect();
                    listed.sort();
                    let mut expected = counted.clone();
                    expected.sort();
                    prop_assert_eq!(listed, expected);
                    view.actions.clear();
                }
                let text = serde_json::to_string(&view).unwrap();
                for other in (0..groups).filter(|g| *g != mine) {
                    prop_assert!(!text.contains(&format!("G{other}x")), "phone {} of group {} saw group {}: {}", who, mine, other, text);
                }
            }
        }
    }

    /// However people join and the facilitator changes the number of groups in the lobby,
    /// everyone is in a group that exists, no two groups differ by more than one person, and
    /// each group has at most one lead, who sits in it (and a room of one group none).
    #[test]
    fn groups_stay_even(
        steps in proptest::collection::vec((0u8..3, 1u8..7, 0usize..30), 1..50),
    ) {
        let mut room = Room::new(0);
        for (i, (what, groups, who)) in steps.into_iter().enumerate() {
            match what {
                0 => {
                    let person = PersonId(Uuid::from_u128(50_000 + i as u128));
                    let name = DisplayName::parse(&format!("N{i}")).unwrap();
                    room.jam.join(person, name, Uuid::from_u128(60_000 + i as u128), Utc::now()).unwrap();
                }
                1 => room.host(HostCommand::UpdateSettings(SettingsChange { groups: Some(groups), ..SettingsChange::default() })),
                _ => {
                    if let Some(p) = room.jam.participants.get(who % room.jam.participants.len().max(1)) {
                        let participant = p.id;
                        let host = room.host;
                        let made = room.by(host, HostCommand::SetLead { participant, lead: true });
                        prop_assert_eq!(made.is_ok(), room.jam.grouped());
                    }
                }
            }
            let count = room.jam.group_count();
            let sizes: Vec<usize> = (0..count).map(|g| room.jam.members_of(g)).collect();
            prop_assert_eq!(sizes.iter().sum::<usize>(), room.jam.participants.len());
            prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{:?}", sizes);
            for g in 0..count {
                let leads = room.jam.leads.iter().filter(|l| room.jam.group_of(**l) == Some(g)).count();
                prop_assert!(leads <= 1);
            }
            prop_assert!(room.jam.leads.iter().all(|l| room.jam.group_of(*l).is_some()));
            prop_assert!(room.jam.grouped() || room.jam.leads.is_empty());
        }
    }
}

#[test]
fn groups_stay_fixed_once_anyone_has_written_even_back_in_the_lobby() {
    let mut room = grouped(4, 2);
    let someone = room.participant_id(0);
    room.to(Round::Working);
    room.write(0, "En lapp");
    room.host(HostCommand::PreviousRound {
        from: Round::Working,
    });
    assert_eq!(room.jam.round, Round::Lobby);
    let host = room.host;
    let before = room.jam.clone();
    let regroup = HostCommand::UpdateSettings(SettingsChange {
        groups: Some(1),
        ..SettingsChange::default()
    });
    assert_eq!(room.by(host, regroup), Err(JamError::GroupsFixed));
    let other = 1 - group_of(&room, 0);
    assert_eq!(
        room.by(
            host,
            HostCommand::MoveToGroup {
                participant: someone,
                group: other
            }
        ),
        Err(JamError::GroupsFixed)
    );
    assert_eq!(room.jam, before);
}

#[test]
fn only_a_room_in_groups_has_leads_and_unchecking_one_person_leaves_the_lead() {
    let mut room = grouped(4, 2);
    let a = members(&room, 0);
    let (anna, other) = (room.participant_id(a[0]), room.participant_id(a[1]));
    room.host(HostCommand::SetLead {
        participant: anna,
        lead: true,
    });
    // Unticking someone who does not lead changes nothing.
    let host = room.host;
    let before = room.jam.clone();
    let untick = HostCommand::SetLead {
        participant: other,
        lead: false,
    };
    assert_eq!(room.by(host, untick), Ok(Outcome::Unchanged));
    assert_eq!(room.jam, before);
    // Back to one group: nobody leads, and nobody can be made lead.
    room.host(HostCommand::UpdateSettings(SettingsChange {
        groups: Some(1),
        ..SettingsChange::default()
    }));
    assert!(room.jam.leads.is_empty());
    let make = HostCommand::SetLead {
        participant: anna,
        lead: true,
    };
    assert_eq!(room.by(host, make), Err(JamError::NoSuchGroup));
}
