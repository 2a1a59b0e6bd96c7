//! Actions: a first step, an owner and a due date for each placed solution; and the
//! prioritized list with its trail, shown in the actions round and the summary.

use super::commands::use_commands;
use crate::domain::view::ActionView;
use crate::domain::{ActionText, HostCommand, JamView, Quadrant};
use crate::locale::use_texts;
use leptos::prelude::*;

/// The projector: one form per placed solution, quick wins first.
#[component]
pub fn HostActions(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let placed = move || {
        let view = current.get();
        let mut items: Vec<_> = view
            .matrix
            .iter()
            .filter(|i| i.quadrant.is_some())
            .cloned()
            .collect();
        items.sort_by_key(|i| i.quadrant);
        items
            .into_iter()
            .map(|i| {
                let action = view.actions.iter().find(|a| a.solution == i.id).cloned();
                (i, action)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="action-forms">
            <For
                each=placed
                key=|(item, action)| {
                    (item.id, action.as_ref().map(|a| (a.first_step.clone(), a.owner.clone(), a.due)))
                }
                children=move |(item, action)| {
                    let id = item.id;
                    let quadrant = item.quadrant.unwrap_or(Quadrant::FillIn);
                    let first_step = RwSignal::new(action.as_ref().map(|a| a.first_step.clone()).unwrap_or_default());
                    let owner = RwSignal::new(action.as_ref().map(|a| a.owner.clone()).unwrap_or_default());
                    let due = RwSignal::new(action.as_ref().map(|a| a.due.to_string()).unwrap_or_default());
                    let save = move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        if let Ok(date) = due.get_untracked().parse() {
                            commands.send(HostCommand::SetAction {
                                solution: id,
                                first_step: first_step.get_untracked(),
                                owner: owner.get_untracked(),
                                due: date,
                            });
                        }
                    };
                    view! {
                        <form class="action-form" on:submit=save data-testid="action-form">
                            <p class="note-text">
                                <span class=format!("badge {quadrant:?}").to_lowercase()>{move || (t.get().quadrant_name)(quadrant)}</span>
                                " "
                                {crate::hyphens::note_text(&item.text)}
                            </p>
                            <label>
                                {move || t.get().first_step}
                                <textarea name="first_step" rows="2" required maxlength=ActionText::MAX_CHARS prop:value=move || first_step.get() on:input=move |ev| first_step.set(event_target_value(&ev))></textarea>
                            </label>
                            <label>
                                {move || t.get().owner}
                                <input name="owner" required maxlength=ActionText::MAX_CHARS prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev))/>
                            </label>
                            <label>
                                {move || t.get().due}
                                <input name="due" required type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                            </label>
                            <div class="note-actions">
                                <button type="submit" class="button primary">{move || t.get().save_action}</button>
                                {action.is_some().then(|| view! {
                                    <button
                                        type="button"
                                        class="button danger"
                                        data-testid="remove-action"
                                        on:click=move |_| commands.send(HostCommand::RemoveAction { solution: id })
                                    >
                                        {move || t.get().remove_action}
                                    </button>
                                })}
                            </div>
                        </form>
                    }
                }
            />
        </div>
        <ActionList current/>
    }
}

/// The prioritized actions with their trail: problem → question → solution → votes → quadrant.
#[component]
pub fn ActionList(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let actions = move || current.with(|v| v.actions.clone());
    // In a room of groups, each action says whose it is.
    let group_of = move |group: u8| {
        current.with(|v| {
            (v.settings.groups > 1).then(|| super::groups::group_name(t.get(), &v.settings, group))
        })
    };
    view! {
        <section class="action-list">
            <h2>{move || t.get().summary_heading}</h2>
            <Show
                when=move || !actions().is_empty()
                fallback=move || view! { <p class="muted">{move || t.get().no_actions}</p> }
            >
                <ol data-testid="actions">
                    {move || {
                        actions()
                            .into_iter()
                            .map(|a| {
                                let group = group_of(a.group);
                                view! { <ActionItem action=a group/> }
                            })
                            .collect_view()
                    }}
                </ol>
            </Show>
        </section>
    }
}

#[component]
fn ActionItem(action: ActionView, group: Option<String>) -> impl IntoView {
    let t = use_texts();
    let quadrant = action.quadrant;
    let room_votes = action.plenary_votes;
    view! {
        <li class="action" data-testid="action">
            <p class="action-step">
                {group.map(|g| view! { <span class="badge group">{g}</span> " " })}
                <span class=format!("badge {quadrant:?}").to_lowercase()>{move || (t.get().quadrant_name)(quadrant)}</span>
                " "
                <strong>{crate::hyphens::note_text(&action.first_step)}</strong>
                {room_votes.map(|n| view! {
                    " " <span class="room-votes" data-testid="room-votes">{move || (t.get().room_votes)(n)}</span>
                })}
            </p>
            <p class="action-who">
                {move || t.get().owner} ": " <strong>{action.owner}</strong> " · "
                {move || t.get().due} ": " <strong class="due">{move || (t.get().date)(action.due)}</strong>
            </p>
            <p class="trail">
                {move || t.get().problem_label} ": " {crate::hyphens::note_text(&action.problem)} " (" {move || (t.get().votes)(action.problem_votes)} ")"
                {action.hmw.map(|h| view! { " → " {crate::hyphens::note_text(&h)} })}
                " → " {crate::hyphens::note_text(&action.solution_text)} " (" {move || (t.get().votes)(action.votes)} ")"
            </p>
        </li>
    }
}
