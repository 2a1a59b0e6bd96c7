//! Problems in vote order: ties marked, the facilitator orders ties and picks what goes on.

use super::commands::use_commands;
use crate::domain::view::RankedProblem;
use crate::domain::{HostCommand, JamView};
use crate::locale::use_texts;
use leptos::prelude::*;

/// Problems nobody voted for, from this many on, fold away under one line on the facilitator's
/// screen (a room of 40 leaves dozens: the decision is among the top).
const FOLD_UNVOTED: usize = 5;

#[component]
pub fn Ranking(current: Signal<JamView>, controls: bool) -> impl IntoView {
    let t = use_texts();
    // Open or closed as the facilitator left it: the list is rebuilt on every change.
    let open = RwSignal::new(false);
    view! {
        <ol class="ranking" data-testid="ranking">
            {move || {
                let ranking = current.with(|v| v.ranking.clone());
                // Voted problems come first: the ranking is by votes.
                let voted = ranking.iter().take_while(|p| p.votes > 0).count();
                // A chosen problem is never folded away.
                let fold = controls
                    && ranking.len() - voted >= FOLD_UNVOTED
                    && !ranking[voted..].iter().any(|p| p.chosen);
                let mut shown: Vec<_> = ranking
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| row(i, p, controls))
                    .collect();
                let folded = if fold { shown.split_off(voted) } else { Vec::new() };
                let count = folded.len();
                view! {
                    {shown}
                    {(count > 0).then(|| view! {
                        <li class="unvoted">
                            <details prop:open=move || open.get() on:toggle=move |ev| open.set(event_target::<leptos::web_sys::HtmlDetailsElement>(&ev).open())>
                                <summary>{move || (t.get().unvoted_problems)(count)}</summary>
                                <ol class="ranking">{folded}</ol>
                            </details>
                        </li>
                    })}
                }
            }}
        </ol>
    }
}

/// One problem of the ranking: its place, text, votes, tie and chosen marks, and the
/// facilitator's buttons.
fn row(i: usize, p: RankedProblem, controls: bool) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let id = p.id;
    view! {
        <li class="ranked" class:chosen=p.chosen class:tied=p.tied class:no-votes=(p.votes == 0) data-testid="ranked">
            <span class="rank">{i + 1}</span>
            <span class="note-text">{crate::hyphens::note_text(crate::export::with_merged(&p.text, &p.merged))}</span>
            <span class="votes">{move || (t.get().votes)(p.votes)}</span>
            {p.tied.then(|| view! { <span class="badge tie">{move || t.get().tie}</span> })}
            // In words, not only in colour (the presenter's button says it).
            {p.chosen.then(|| view! { <span class="badge chosen-mark">{move || t.get().chosen}</span> })}
            {controls.then(|| view! {
                <span class="rank-controls">
                    {p.can_move_up.then(|| view! {
                        <button class="button small secondary" on:click=move |_| commands.send(HostCommand::MoveProblem { note: id, to: i - 1 })>
                            "↑ " {move || t.get().move_up}
                        </button>
                    })}
                    {p.can_move_down.then(|| view! {
                        <button class="button small secondary" on:click=move |_| commands.send(HostCommand::MoveProblem { note: id, to: i + 1 })>
                            "↓ " {move || t.get().move_down}
                        </button>
                    })}
                    <button
                        class="button small"
                        class:primary=!p.chosen
                        class:secondary=p.chosen
                        aria-pressed=p.chosen.to_string()
                        on:click=move |_| commands.send(HostCommand::SetChosen { note: id, chosen: !p.chosen })
                    >
                        {move || if p.chosen { t.get().chosen } else { t.get().choose }}
                    </button>
                </span>
            })}
        </li>
    }
}
