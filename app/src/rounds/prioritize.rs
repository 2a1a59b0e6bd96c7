//! Problems in vote order: ties marked, the facilitator orders ties and picks what goes on.

use super::commands::use_commands;
use crate::domain::{HostCommand, JamView};
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn Ranking(current: Signal<JamView>, controls: bool) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    view! {
        <ol class="ranking" data-testid="ranking">
            {move || {
                current
                    .get()
                    .ranking
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
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
                    })
                    .collect_view()
            }}
        </ol>
    }
}
