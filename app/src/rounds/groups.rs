//! Groups on the screens: the facilitator's screens show each group's work in a section of its
//! own (the round's usual components, each fed one group's part of the view); the lobby
//! shows who sits where, with the facilitator's controls to move people and make a lead; a
//! phone says which group it is in and, when allowed, lets its owner pick one.

use super::commands::use_commands;
use super::controls::FocusLine;
use crate::domain::{HostCommand, JamView, ParticipantCommand, Settings, ViewerRole};
use crate::i18n::Texts;
use crate::locale::use_texts;
use leptos::prelude::*;

/// What a group is called on screen: the name the facilitator gave it, or "Grupp 2".
pub fn group_name(t: &Texts, settings: &Settings, group: u8) -> String {
    settings
        .group_name(group)
        .map(|n| n.to_string())
        .unwrap_or_else(|| (t.group_numbered)(usize::from(group) + 1))
}

/// Every group of the view, with what it is called: the choices of the screens' group menus.
pub fn group_choices(t: &Texts, view: &JamView) -> Vec<(u8, String)> {
    view.groups
        .iter()
        .map(|g| (g.group, group_name(t, &view.settings, g.group)))
        .collect()
}

/// The group a view was narrowed to by `only_group` (or a phone's own group); None when the
/// room is one group.
pub fn scope(view: &JamView) -> Option<u8> {
    match view.groups.as_slice() {
        [one] => Some(one.group),
        _ => None,
    }
}

/// `view` with only `group`'s work in it: its notes, ranking, matrix, actions, people and
/// problem in focus. The facilitator's screens show every group this way, one after another.
pub fn only_group(view: &JamView, group: u8) -> JamView {
    let mut view = view.clone();
    view.notes.retain(|n| n.group == group);
    view.ranking.retain(|r| r.group == group);
    view.matrix.retain(|m| m.group == group);
    view.actions.retain(|a| a.group == group);
    view.groups.retain(|g| g.group == group);
    view.focus = view.groups.first().and_then(|g| g.focus.clone());
    if let ViewerRole::Facilitator { participants } = &mut view.viewer {
        participants.retain(|p| p.group == group);
        let ids: Vec<_> = participants.iter().map(|p| p.id).collect();
        view.progress.retain(|p| ids.contains(&p.id));
    }
    view
}

/// The body of a round on the facilitator's screens: as it is for a room of one group, or one
/// section per group, each headed by the group's name.
pub fn per_group<F>(current: Signal<JamView>, body: F) -> AnyView
where
    F: Fn(Signal<JamView>) -> AnyView + Clone + Send + Sync + 'static,
{
    // The number of groups is fixed once the lobby is over, and the body is rebuilt per round.
    let groups = current.with_untracked(|v| v.groups.iter().map(|g| g.group).collect::<Vec<_>>());
    if groups.is_empty() {
        return body(current);
    }
    let t = use_texts();
    groups
        .into_iter()
        .map(|g| {
            let narrowed = Signal::derive(move || only_group(&current.get(), g));
            let heading = move || current.with(|v| group_name(t.get(), &v.settings, g));
            // While one group presents, the room's screen shows that group alone.
            let shown = move || current.with(|v| v.presenting.is_none_or(|p| p == g));
            view! {
                <section class="group-section" class:hidden=move || !shown() data-testid=format!("group-{}", g + 1)>
                    <h2 class="group-heading">{heading}</h2>
                    // Rounds 6–10: the group's own problem and question.
                    <FocusLine current=narrowed/>
                    {body.clone()(narrowed)}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// The lobby's list of people by group. On the presenter view (`controls`) each person can be
/// moved to another group and made their group's lead.
#[component]
pub fn LobbyGroups(current: Signal<JamView>, controls: bool) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let groups = move || current.with(|v| v.groups.clone());
    view! {
        <div class="lobby-groups" data-testid="lobby-groups">
            {move || {
                let all = groups();
                let choices = current.with(|v| group_choices(t.get(), v));
                let people = current.with(|v| match &v.viewer {
                    ViewerRole::Facilitator { participants } => participants.clone(),
                    _ => Vec::new(),
                });
                all.iter()
                    .map(|g| {
                        let group = g.group;
                        let name = choices.iter().find(|(o, _)| *o == group).map(|(_, n)| n.clone()).unwrap_or_default();
                        let members: Vec<_> = people.iter().filter(|p| p.group == group).cloned().collect();
                        view! {
                            <section class="lobby-group" data-testid=format!("lobby-group-{}", group + 1)>
                                <h3>{name} " " <span class="count">{g.members}</span></h3>
                                <ul class="people">
                                    {members
                                        .into_iter()
                                        .map(|p| {
                                            let id = p.id;
                                            let lead = p.lead;
                                            let choices = choices.clone();
                                            view! {
                                                <li class:lead=lead>
                                                    {p.name.clone()}
                                                    {lead.then(|| view! { " " <span class="badge">{move || t.get().lead_badge}</span> })}
                                                    {controls.then(|| view! {
                                                        <span class="group-controls">
                                                            <select
                                                                aria-label=format!("{}: {}", t.get_untracked().move_to_group, p.name)
                                                                on:change=move |ev| {
                                                                    if let Ok(to) = event_target_value(&ev).parse::<u8>() {
                                                                        commands.send(HostCommand::MoveToGroup { participant: id, group: to });
                                                                    }
                                                                }
                                                            >
                                                                {choices
                                                                    .into_iter()
                                                                    .map(|(o, label)| view! {
                                                                        <option value=o.to_string() selected=o == group>{label}</option>
                                                                    })
                                                                    .collect_view()}
                                                            </select>
                                                            <label class="check small">
                                                                <input
                                                                    type="checkbox"
                                                                    aria-label=format!("{}: {}", t.get_untracked().make_lead, p.name)
                                                                    checked=lead
                                                                    on:change=move |ev| {
                                                                        commands.send(HostCommand::SetLead { participant: id, lead: event_target_checked(&ev) });
                                                                    }
                                                                />
                                                                {move || t.get().make_lead}
                                                            </label>
                                                        </span>
                                                    })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// A phone's group: its name, and in the lobby the choice of group when the facilitator lets
/// people pick.
#[component]
pub fn PhoneGroup(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let mine = move || {
        current.with(|v| match &v.viewer {
            ViewerRole::Participant { me } if !v.groups.is_empty() => Some((me.group, me.lead)),
            _ => None,
        })
    };
    let can_pick = move || {
        current.with(|v| {
            v.settings.pick_group && v.settings.groups > 1 && v.round == crate::domain::Round::Lobby
        })
    };
    view! {
        {move || mine().map(|(group, lead)| view! {
            <p class="phone-group" data-testid="my-group">
                {move || t.get().your_group} ": "
                <strong>{move || current.with(|v| group_name(t.get(), &v.settings, group))}</strong>
                {lead.then(|| view! { " · " {move || t.get().lead_badge} })}
            </p>
        })}
        {move || can_pick().then(|| {
            let count = current.with(|v| v.settings.groups);
            let settings = current.with(|v| v.settings.clone());
            let mine = mine().map(|(g, _)| g);
            // A form whose buttons name their group (see the server's `phone_forms`).
            view! {
                <form method="post" action=format!("/jam/{}/group", commands.code())>
                <input type="hidden" name="form" value=uuid::Uuid::new_v4().to_string()/>
                <fieldset class="group-picker">
                    <legend>{move || t.get().pick_group_heading}</legend>
                    {(0..count)
                        .map(|g| {
                            let label = group_name(t.get_untracked(), &settings, g);
                            view! {
                                <button
                                    type="submit"
                                    name="group"
                                    value=g
                                    class="button"
                                    class:primary=mine == Some(g)
                                    class:secondary=mine != Some(g)
                                    aria-pressed=(mine == Some(g)).to_string()
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        commands.send(ParticipantCommand::PickGroup { group: g });
                                    }
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </fieldset>
                </form>
            }
        })}
    }
}

/// The presenter view's choice of what the room's screen shows: every group, or one group
/// alone while it presents its work.
#[component]
pub fn PresentGroup(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let choices = move || current.with(|v| group_choices(t.get(), v));
    move || {
        let all = choices();
        (!all.is_empty()).then(|| {
            let presenting = current.with_untracked(|v| v.presenting);
            view! {
                <label class="present-group">
                    {move || t.get().present_label} " "
                    <select
                        data-testid="present-group"
                        on:change=move |ev| {
                            let group = event_target_value(&ev).parse::<u8>().ok();
                            commands.send(HostCommand::Present { group });
                        }
                    >
                        <option value="all" selected=presenting.is_none()>{move || t.get().all_groups}</option>
                        {all
                            .into_iter()
                            .map(|(g, name)| view! { <option value=g.to_string() selected=presenting == Some(g)>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
            }
        })
    }
}
