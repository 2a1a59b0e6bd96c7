//! What the screens are shown, checked on worked examples where the properties in `live_tests`
//! and `rules_tests` only check shapes: whose name is on a revealed note, what the facilitator's
//! progress counts in each kind of round, when the problem in focus is shown, and the order of
//! the action list.

use super::commands::{HostCommand, ParticipantCommand};
use super::view::{actions, JamView};
use super::workshop_tests::Room;
use super::*;
use chrono::Utc;
use uuid::Uuid;

fn view_of(room: &Room, person: PersonId) -> JamView {
    JamView::for_person(&room.jam, person, Utc::now())
}

/// (name, done) for everyone, as the facilitator's progress lists them.
fn progress(room: &Room) -> Vec<(String, usize)> {
    view_of(room, room.host)
        .progress
        .into_iter()
        .map(|p| (p.name, p.done))
        .collect()
}

fn without_working_round(room: &mut Room) {
    room.host(HostCommand::UpdateSettings(SettingsChange {
        working_round: Some(false),
        ..SettingsChange::default()
    }));
}

#[test]
fn the_reveal_names_each_note_by_the_one_who_wrote_it_and_voting_by_nobody() {
    let mut room = Room::new(3);
    without_working_round(&mut room);
    room.to(Round::Problems);
    let written = [
        (room.write(0, "Mörkt på vintern"), "P0"),
        (room.write(1, "Få jobb"), "P1"),
        (room.write(2, "Skolan långt bort"), "P2"),
        (room.write(1, "Dyra resor"), "P1"),
    ];
    room.to(Round::Reveal);
    room.host(HostCommand::Reveal {
        author: Some(room.participant_id(1)),
        group: None,
    });
    // As the projector sees it (a phone also sees its own notes, unrevealed, without a name).
    let seen: Vec<(Uuid, Option<String>)> = view_of(&room, room.host)
        .notes
        .into_iter()
        .map(|n| (n.id, n.author))
        .collect();
    assert_eq!(
        seen,
        vec![
            (written[1].0, Some("P1".to_string())),
            (written[3].0, Some("P1".to_string()))
        ],
        "revealing one author shows that author's notes, under that name"
    );
    room.host(HostCommand::Reveal {
        author: None,
        group: None,
    });
    for viewer in [room.host, room.people[2]] {
        for note in view_of(&room, viewer).notes {
            let (_, writer) = written.iter().find(|(id, _)| *id == note.id).unwrap();
            assert_eq!(note.author.as_deref(), Some(*writer));
        }
    }
    room.next();
    assert_eq!(room.jam.round, Round::VoteProblems);
    assert!(view_of(&room, room.people[0])
        .notes
        .iter()
        .all(|n| n.author.is_none()));
}

#[test]
fn progress_counts_notes_when_writing_dots_when_voting_and_ratings_when_rating() {
    let mut room = Room::new(3);
    without_working_round(&mut room);
    room.to(Round::Problems);
    let dark = room.write(0, "Mörkt på vintern");
    room.write(0, "Få jobb");
    let school = room.write(2, "Skolan långt bort");
    assert_eq!(
        progress(&room),
        vec![("P0".into(), 2), ("P1".into(), 0), ("P2".into(), 1)]
    );
    room.to(Round::Reveal);
    assert_eq!(
        progress(&room),
        vec![("P0".into(), 2), ("P1".into(), 0), ("P2".into(), 1)],
        "the reveal counts the notes still hidden"
    );
    room.host(HostCommand::Reveal {
        author: Some(room.participant_id(0)),
        group: None,
    });
    assert_eq!(
        progress(&room),
        vec![("P0".into(), 0), ("P1".into(), 0), ("P2".into(), 1)]
    );
    let summary = view_of(&room, room.host).progress_summary.unwrap();
    assert_eq!((summary.people_done, summary.total), (1, 1));
    room.to(Round::VoteProblems);
    assert_eq!(
        progress(&room),
        vec![("P0".into(), 0), ("P1".into(), 0), ("P2".into(), 0)],
        "a new round counts afresh"
    );
    room.vote(1, dark).unwrap();
    room.vote(1, dark).unwrap();
    room.vote(1, school).unwrap();
    room.vote(2, school).unwrap();
    assert_eq!(
        progress(&room),
        vec![("P0".into(), 0), ("P1".into(), 3), ("P2".into(), 1)]
    );
    let summary = view_of(&room, room.host).progress_summary.unwrap();
    assert_eq!((summary.people_done, summary.total), (2, 4));

    room.to(Round::Prioritize);
    room.host(HostCommand::SetChosen {
        note: school,
        chosen: true,
    });
    room.next();
    room.host(HostCommand::ChooseHmw {
        text: "Hur kan vi korta skolvägen?".into(),
        group: 0,
    });
    room.next();
    let bus = room.write(0, "Skolbuss");
    let bikes = room.write(1, "Lånecyklar");
    room.to(Round::VoteSolutions);
    room.vote(0, bus).unwrap();
    room.vote(1, bikes).unwrap();
    room.to(Round::EffortImpact);
    for (who, solution) in [(0, bus), (0, bikes), (2, bus)] {
        room.by(
            room.people[who],
            ParticipantCommand::Rate {
                solution,
                effort: Some(2),
                impact: Some(4),
            },
        )
        .unwrap();
    }
    assert_eq!(
        progress(&room),
        vec![("P0".into(), 2), ("P1".into(), 0), ("P2".into(), 1)]
    );
}

#[test]
fn the_problem_in_focus_is_shown_from_reframing_to_the_actions_and_not_before_or_after() {
    let mut room = Room::new(2);
    without_working_round(&mut room);
    let mut shown = Vec::new();
    let mut problem = None;
    while room.jam.round != Round::Summary {
        let round = room.jam.round;
        match round {
            Round::Problems => problem = Some(room.write(0, "Få jobb")),
            Round::Prioritize => room.host(HostCommand::SetChosen {
                note: problem.unwrap(),
                chosen: true,
            }),
            Round::Reframe => {
                let focus = view_of(&room, room.people[1]).focus.unwrap();
                assert_eq!(focus.hmw, None, "no HMW before one is chosen");
                room.host(HostCommand::ChooseHmw {
                    text: "Hur kan vi synliggöra jobben?".into(),
                    group: 0,
                });
            }
            Round::Solutions => {
                room.write(1, "Jobbmässa");
            }
            Round::VoteSolutions => {
                let solution = room.jam.ballot(0)[0];
                room.vote(1, solution).unwrap();
            }
            _ => {}
        }
        if let Some(focus) = view_of(&room, room.people[1]).focus {
            assert_eq!(focus.problem_id, problem.unwrap());
            assert_eq!(focus.problem, "Få jobb");
            assert_eq!((focus.number, focus.of), (1, 1));
            shown.push(round);
        }
        if round == Round::EffortImpact {
            let solution = room.jam.matrix_candidates(0)[0];
            room.host(HostCommand::Place {
                solution,
                quadrant: Some(Quadrant::QuickWin),
            });
        }
        room.next();
    }
    assert!(view_of(&room, room.people[1]).focus.is_none());
    assert_eq!(
        shown,
        vec![
            Round::Reframe,
            Round::Solutions,
            Round::VoteSolutions,
            Round::EffortImpact,
            Round::Actions
        ]
    );
}

/// Quick wins first, then big bets; within a quadrant the higher impact, then more votes, then
/// the solution written first.
#[test]
fn the_action_list_is_ordered_by_quadrant_impact_votes_and_writing_order() {
    let mut room = Room::new(3);
    without_working_round(&mut room);
    room.to(Round::Problems);
    let problem = room.write(0, "Få jobb");
    room.to(Round::Prioritize);
    room.host(HostCommand::SetChosen {
        note: problem,
        chosen: true,
    });
    room.next();
    room.host(HostCommand::ChooseHmw {
        text: "Hur kan vi synliggöra jobben?".into(),
        group: 0,
    });
    room.next();
    let big = room.write(0, "Ny industri");
    let early = room.write(1, "Jobbmässa");
    let best = room.write(2, "Jobbsajt");
    let voted = room.write(0, "Mentorer");
    let late = room.write(1, "Praktik");
    room.to(Round::VoteSolutions);
    for (who, note) in [
        (0, big),
        (1, big),
        (2, big),
        (0, early),
        (0, best),
        (1, voted),
        (2, voted),
        (2, late),
    ] {
        room.vote(who, note).unwrap();
    }
    room.to(Round::EffortImpact);
    for (solution, effort, impact, quadrant) in [
        (big, 5, 5, Quadrant::BigBet),
        (early, 1, 3, Quadrant::QuickWin),
        (best, 1, 4, Quadrant::QuickWin),
        (voted, 1, 3, Quadrant::QuickWin),
        (late, 1, 3, Quadrant::QuickWin),
    ] {
        room.by(
            room.people[0],
            ParticipantCommand::Rate {
                solution,
                effort: Some(effort),
                impact: Some(impact),
            },
        )
        .unwrap();
        room.host(HostCommand::Place {
            solution,
            quadrant: Some(quadrant),
        });
    }
    room.next();
    let due = Utc::now().date_naive() + chrono::Days::new(10);
    for solution in [big, early, best, voted, late] {
        room.host(HostCommand::SetAction {
            solution,
            first_step: "Ring".into(),
            owner: "Anna".into(),
            due,
        });
    }
    let order: Vec<Uuid> = actions(&room.jam).iter().map(|a| a.solution).collect();
    assert_eq!(order, vec![best, voted, early, late, big]);
}
