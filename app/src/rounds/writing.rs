//! Silent writing (what's working, problems, HMW proposals, solutions) and the reveal.

use super::commands::use_commands;
use super::revealed;
use crate::domain::{
    HostCommand, JamView, NoteKind, NoteText, NoteView, ParticipantCommand, ViewerRole,
};
use crate::locale::use_texts;
use leptos::prelude::*;
use uuid::Uuid;

/// A phone in a writing round: a box for the next note, and the notes written so far.
#[component]
pub fn PhoneWriting(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let draft = RwSignal::new(String::new());
    let round = move || current.get().round;
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        if !text.trim().is_empty() {
            commands.send(ParticipantCommand::AddNote { text });
            draft.set(String::new());
        }
    };
    let mine = move || {
        current
            .get()
            .notes
            .into_iter()
            .filter(|n| n.mine && n.in_round)
            .collect::<Vec<_>>()
    };
    view! {
        <form class="composer" on:submit=add>
            <textarea
                name="note"
                rows="3"
                maxlength=NoteText::MAX_CHARS
                aria-label=move || (t.get().note_placeholder)(round())
                placeholder=move || (t.get().note_placeholder)(round())
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            ></textarea>
            <button type="submit" class="button primary">{move || t.get().add_note}</button>
        </form>
        <section class="my-notes">
            <h2>{move || t.get().my_notes} " (" {move || mine().len()} ")"</h2>
            <ul class="notes" data-testid="my-notes">
                <For each=mine key=|n| (n.id, n.text.clone(), n.editable) children=move |n| view! { <MyNote note=n/> }/>
            </ul>
        </section>
    }
}

/// One of my notes, with edit and delete while nobody has used it and its round is open.
#[component]
fn MyNote(note: NoteView) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(note.text.clone());
    let id = note.id;
    let text = note.text.clone();
    let editable = note.editable;
    view! {
        <li class="note mine">
            <Show
                when=move || editing.get()
                fallback=move || {
                    let text = text.clone();
                    view! {
                        <p class="note-text">{text}</p>
                        {editable.then(|| view! {
                            <div class="note-actions">
                                <button class="button small secondary" on:click=move |_| editing.set(true)>
                                    {move || t.get().edit}
                                </button>
                                <button
                                    class="button small danger"
                                    on:click=move |_| commands.send(ParticipantCommand::DeleteNote { note: id })
                                >
                                    {move || t.get().delete}
                                </button>
                            </div>
                        })}
                    }
                }
            >
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    commands.send(ParticipantCommand::EditNote { note: id, text: draft.get_untracked() });
                    editing.set(false);
                }>
                    <textarea
                        rows="3"
                        maxlength=NoteText::MAX_CHARS
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    ></textarea>
                    <div class="note-actions">
                        <button type="submit" class="button small primary">{move || t.get().save}</button>
                        <button type="button" class="button small secondary" on:click=move |_| editing.set(false)>
                            {move || t.get().cancel}
                        </button>
                    </div>
                </form>
            </Show>
        </li>
    }
}

/// The projector during a writing, voting or rating round: who has done how much (never what).
#[component]
pub fn HostProgress(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="progress">
            <h2>{move || t.get().progress_heading}</h2>
            // A room too big to list by name: how many have started, and how much is done.
            {move || {
                let view = current.get();
                view.progress_summary.filter(|_| view.progress.is_empty()).map(|s| {
                    view! {
                        <p class="big" data-testid="progress-summary">
                            {(t.get().started_of)(s.people_done, view.participant_count, s.total)}
                        </p>
                    }
                })
            }}
            <ul class="people" data-testid="progress">
                {move || {
                    current
                        .get()
                        .progress
                        .into_iter()
                        .map(|p| {
                            let done = p.done > 0;
                            view! {
                                <li class:done=done>
                                    {p.name} " " <span class="count">{p.done}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// Notes as cards: text, author once revealed, votes once counted.
#[component]
pub fn NoteWall(#[prop(into)] notes: Signal<Vec<NoteView>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <Show
            when=move || !notes.get().is_empty()
            fallback=move || view! { <p class="muted">{move || t.get().nothing_yet}</p> }
        >
            <ul class="wall" data-testid="wall">
                <For
                    each=move || notes.get()
                    key=|n| (n.id, n.text.clone(), n.votes)
                    children=move |n| {
                        view! {
                            <li class="card">
                                <p class="note-text">{n.text}</p>
                                <p class="note-meta">
                                    {n.author}
                                    {n.votes.map(|v| view! { <span class="votes">{move || (t.get().votes)(v)}</span> })}
                                </p>
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}

/// The projector's reveal round: the revealed notes, and buttons to reveal one author or all.
#[component]
pub fn HostReveal(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let working = Signal::derive(move || revealed(&current.get(), NoteKind::Working));
    let problems = Signal::derive(move || revealed(&current.get(), NoteKind::Problem));
    let people = move || match current.get().viewer {
        ViewerRole::Facilitator { participants } => participants,
        _ => Vec::new(),
    };
    view! {
        <div class="reveal-controls">
            <button class="button primary" on:click=move |_| commands.send(HostCommand::Reveal { author: None })>
                {move || t.get().reveal_all}
            </button>
            <span class="label">{move || t.get().reveal_author}</span>
            {move || {
                people()
                    .into_iter()
                    .map(|p| {
                        let id: Uuid = p.id;
                        view! {
                            <button
                                class="button small secondary"
                                on:click=move |_| commands.send(HostCommand::Reveal { author: Some(id) })
                            >
                                {p.name}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
        <Show when=move || !working.get().is_empty()>
            <h2>{move || (t.get().round_name)(crate::domain::Round::Working)}</h2>
            <NoteWall notes=working/>
        </Show>
        <h2>{move || (t.get().round_name)(crate::domain::Round::Problems)}</h2>
        <NoteWall notes=problems/>
    }
}
