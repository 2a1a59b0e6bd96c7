//! The effort/impact matrix: phones rate, the projector shows averages and the room's
//! placement in four quadrants.

use super::commands::use_commands;
use crate::domain::view::MatrixItem;
use crate::domain::{HostCommand, JamView, ParticipantCommand, Quadrant, Rating};
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn HostMatrix(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let items = move || current.get().matrix;
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
                                        .map(|i| view! { <li>{i.text}</li> })
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
                                <p class="note-text">{item.text.clone()}</p>
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
                                </div>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

fn averages(item: &MatrixItem) -> Option<String> {
    Some(format!(" · ⌀ {:.1} / {:.1}", item.effort?, item.impact?))
}

/// A phone rates each solution on the matrix: effort and impact, 1 (low) to 5 (high).
#[component]
pub fn PhoneRating(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    view! {
        <ul class="ratings" data-testid="ratings">
            {move || {
                current
                    .get()
                    .matrix
                    .into_iter()
                    .map(|item| {
                        let id = item.id;
                        let (effort, impact) = item.my_rating.unwrap_or((0, 0));
                        // Until both are given, the other counts as the middle of the scale.
                        let or_middle = |v: u8| if v == 0 { 3 } else { v };
                        let scale = move |label: &'static str, given: u8, make: Box<dyn Fn(u8) -> ParticipantCommand + Send + Sync>| {
                            let make = std::sync::Arc::new(make);
                            view! {
                                <fieldset class="scale">
                                    <legend>{label}</legend>
                                    {(Rating::MIN..=Rating::MAX)
                                        .map(|v| {
                                            let make = make.clone();
                                            view! {
                                                <button
                                                    class="button small"
                                                    class:primary=(given == v)
                                                    class:secondary=(given != v)
                                                    aria-pressed=(given == v).to_string()
                                                    on:click=move |_| commands.send(make(v))
                                                >
                                                    {v}
                                                </button>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                            }
                        };
                        view! {
                            <li class="rating-item" data-testid="rating-item">
                                <p class="note-text">{item.text}</p>
                                {scale(
                                    t.get().effort,
                                    effort,
                                    Box::new(move |v| ParticipantCommand::Rate { solution: id, effort: v, impact: or_middle(impact) }),
                                )}
                                {scale(
                                    t.get().impact,
                                    impact,
                                    Box::new(move |v| ParticipantCommand::Rate { solution: id, effort: or_middle(effort), impact: v }),
                                )}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
