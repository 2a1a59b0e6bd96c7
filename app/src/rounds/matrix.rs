//! The effort/impact matrix: phones rate, the projector shows averages and the room's
//! placement in four quadrants.

use super::commands::use_commands;
use crate::domain::view::MatrixItem;
use crate::domain::{HostCommand, JamView, ParticipantCommand, Quadrant, Rating};
use crate::locale::use_texts;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn HostMatrix(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let items = move || current.with(|v| v.matrix.clone());
    view! {
        <div class="matrix" data-testid="matrix">
            <span class="axis impact">{move || t.get().impact} " ↑"</span>
            <span class="axis effort">{move || t.get().effort} " →"</span>
            {Quadrant::ALL
                .into_iter()
                .map(|q| {
                    view! {
                        <section class=format!("quadrant {q:?}").to_lowercase() data-testid=format!("quadrant-{q:?}")>
                            <h3>{move || (t.get().quadrant_name)(q)}</h3>
                            <ul>
                                {move || {
                                    items()
                                        .into_iter()
                                        .filter(|i| i.quadrant == Some(q))
                                        .map(|i| view! { <li>{crate::hyphens::note_text(&i.text)}</li> })
                                        .collect_view()
                                }}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
        <ul class="candidates">
            {move || {
                items()
                    .into_iter()
                    .map(|item| {
                        let id = item.id;
                        view! {
                            <li class="candidate" data-testid="candidate">
                                <p class="note-text">{crate::hyphens::note_text(&item.text)}</p>
                                <p class="note-meta">
                                    {move || (t.get().votes)(item.votes)} " · "
                                    {move || (t.get().ratings_count)(item.ratings)}
                                    {averages(&item)}
                                    {item.suggested.map(|s| view! {
                                        " · " {move || t.get().suggested} ": " {move || (t.get().quadrant_name)(s)}
                                    })}
                                </p>
                                {(item.tied_off_matrix > 0).then(|| view! {
                                    <p class="badge tie" data-testid="matrix-tie">
                                        {move || (t.get().tied_off_matrix)(item.tied_off_matrix)}
                                    </p>
                                })}
                                <div class="place-buttons">
                                    {Quadrant::ALL
                                        .into_iter()
                                        .map(|q| view! {
                                            <button
                                                class="button small"
                                                class:primary=(item.quadrant == Some(q))
                                                class:secondary=(item.quadrant != Some(q))
                                                aria-pressed=(item.quadrant == Some(q)).to_string()
                                                on:click=move |_| commands.send(HostCommand::Place { solution: id, quadrant: Some(q) })
                                            >
                                                {move || (t.get().quadrant_name)(q)}
                                            </button>
                                        })
                                        .collect_view()}
                                    {item.quadrant.is_some().then(|| view! {
                                        <button
                                            class="button small danger"
                                            data-testid="unplace"
                                            on:click=move |_| commands.send(HostCommand::Place { solution: id, quadrant: None })
                                        >
                                            {move || t.get().remove_from_matrix}
                                        </button>
                                    })}
                                </div>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// The averages, each with its scale's name: "Insats: snitt 2,0 · Effekt: snitt 4,5".
fn averages(item: &MatrixItem) -> Option<impl IntoView> {
    let t = use_texts();
    let (effort, impact) = (item.effort?, item.impact?);
    Some(view! {
        " · " {move || t.get().effort} ": " {move || (t.get().average)(effort.into())}
        " · " {move || t.get().impact} ": " {move || (t.get().average)(impact.into())}
    })
}

/// Which of a solution's two scales.
#[derive(Clone, Copy)]
enum Scale {
    Effort,
    Impact,
}

/// A phone rates each solution on the matrix: effort and impact, 1 to 5, each scale with what
/// its ends mean (a 5 is bad for effort, good for impact). A tap sends only its own scale.
#[component]
pub fn PhoneRating(current: Signal<JamView>) -> impl IntoView {
    let action = format!("/jam/{}/rate", use_commands().code());
    view! {
        <ul class="ratings" data-testid="ratings">
            {move || {
                current
                    .get()
                    .matrix
                    .into_iter()
                    .map(|item| {
                        let (effort, impact) = item.my_rating.unwrap_or((0, 0));
                        // A form whose buttons name their scale and value (see the server's
                        // `phone_forms`); with the wasm, a tap sends the command live.
                        view! {
                            <li class="rating-item" data-testid="rating-item" id=format!("rate-{}", item.id)>
                                <p class="note-text">{crate::hyphens::note_text(&item.text)}</p>
                                <form method="post" action=action.clone()>
                                    <input type="hidden" name="form" value=Uuid::new_v4().to_string()/>
                                    <input type="hidden" name="solution" value=item.id.to_string()/>
                                    <RatingScale solution=item.id scale=Scale::Effort given=effort/>
                                    <RatingScale solution=item.id scale=Scale::Impact given=impact/>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// One scale of one solution: its name, its low end, 1–5, its high end. `given` is 0 until
/// this phone has rated it.
#[component]
fn RatingScale(solution: Uuid, scale: Scale, given: u8) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let texts = move || {
        let t = t.get();
        match scale {
            Scale::Effort => (t.effort, t.effort_ends),
            Scale::Impact => (t.impact, t.impact_ends),
        }
    };
    let field = match scale {
        Scale::Effort => "effort",
        Scale::Impact => "impact",
    };
    let rate = move |v: u8| {
        let (effort, impact) = match scale {
            Scale::Effort => (Some(v), None),
            Scale::Impact => (None, Some(v)),
        };
        commands.send(ParticipantCommand::Rate {
            solution,
            effort,
            impact,
        });
    };
    view! {
        <fieldset class="scale">
            <legend>{move || texts().0}</legend>
            <div class="scale-row">
                {(Rating::MIN..=Rating::MAX)
                    .map(|v| {
                        let label = move || {
                            let (name, (low, high)) = texts();
                            match v {
                                Rating::MIN => format!("{name} {v} ({low})"),
                                Rating::MAX => format!("{name} {v} ({high})"),
                                _ => format!("{name} {v}"),
                            }
                        };
                        view! {
                            <button
                                type="submit"
                                name=field
                                value=v
                                class="button small"
                                class:primary=(given == v)
                                class:secondary=(given != v)
                                aria-pressed=(given == v).to_string()
                                aria-label=label
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    rate(v);
                                }
                            >
                                {v}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            // What 1 and 5 mean, under the ends of the row.
            <div class="scale-ends" aria-hidden="true">
                <span>{move || texts().1 .0}</span>
                <span>{move || texts().1 .1}</span>
            </div>
        </fieldset>
    }
}
