//! "How might we": phones propose, the facilitator picks one (and may edit it).

use super::commands::use_commands;
use crate::domain::{HostCommand, JamView, NoteText};
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn HostReframe(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let proposals = move || {
        let view = current.get();
        view.notes
            .into_iter()
            .filter(|n| n.in_round)
            .collect::<Vec<_>>()
    };
    // The question chosen so far, to edit; empty until one is.
    let draft = RwSignal::new(current.with_untracked(|v| {
        v.focus
            .as_ref()
            .and_then(|f| f.hmw.clone())
            .unwrap_or_default()
    }));
    // One form per group on the facilitator's screen: each field its own id.
    let field = format!(
        "hmw-{}",
        current.with_untracked(|v| super::groups::scope(v).unwrap_or(0))
    );
    view! {
        <form
            class="hmw-form"
            on:submit=move |ev| {
                ev.prevent_default();
                let group = super::groups::scope(&current.get_untracked()).unwrap_or(0);
                commands.send(HostCommand::ChooseHmw { text: draft.get_untracked(), group });
            }
        >
            <label for=field.clone()>{move || t.get().hmw_edit_label}</label>
            <div class="row">
                <input
                    id=field
                    maxlength=NoteText::MAX_CHARS
                    placeholder=move || (t.get().note_placeholder)(crate::domain::Round::Reframe)
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                />
                <button type="submit" class="button primary">{move || t.get().choose}</button>
            </div>
        </form>
        <ul class="wall" data-testid="proposals">
            {move || {
                // The question picked so far, marked among the proposals.
                let chosen = current.with(|v| v.focus.as_ref().and_then(|f| f.hmw.clone()));
                proposals()
                    .into_iter()
                    .map(|n| {
                        let text = n.text.clone();
                        let chosen = chosen.as_deref() == Some(n.text.as_str());
                        view! {
                            <li class="card" class:chosen=chosen>
                                <p class="note-text">{crate::hyphens::note_text(n.text)}</p>
                                {chosen.then(|| view! { <span class="badge chosen-mark">{move || t.get().chosen}</span> })}
                                <p class="note-meta host-only">
                                    <button class="button small secondary" on:click=move |_| draft.set(text.clone())>
                                        {move || t.get().use_this}
                                    </button>
                                </p>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
