//! A group lead's phone: below the phone's own part of the round, the group's facilitator
//! steps of that round — reveal the group's notes, pick its "How might we", place its
//! solutions on the matrix, write its actions. (Ordering ties and choosing the problem happen
//! on the phone's own ranking, which has the controls for a lead.) The same components as on
//! the facilitator's screen, fed the phone's view (which holds the lead's group only), so what
//! a lead can do is what the server lets a lead do.
//!
//! Their code is split out of the phone's bundle (`#[lazy]`, built with `--split`): only a
//! lead's phone fetches it, when it first shows a step.

use super::actions::HostActions;
use super::matrix::HostMatrix;
use super::reframe::HostReframe;
use super::writing::HostReveal;
use crate::domain::{JamView, Round, ViewerRole};
use crate::locale::use_texts;
use leptos::prelude::*;

/// Whether this phone leads its group.
pub fn leads(view: &JamView) -> bool {
    matches!(&view.viewer, ViewerRole::Participant { me } if me.lead)
}

/// Whether a lead has steps to do in `round`.
fn has_steps(round: Round) -> bool {
    matches!(
        round,
        Round::Reveal | Round::Reframe | Round::EffortImpact | Round::Actions
    )
}

/// Builds the lead's steps of a round (in the split-out chunk).
type Steps = fn(Signal<JamView>, Round) -> AnyView;

/// The lead's part of `round`, if the round has one. The steps' code is fetched first (a lead's
/// phone only); they show once it is there, built in this component's own scope like any
/// other part of the screen. (Not server-rendered: a phone without the wasm is no lead.)
#[component]
pub fn LeadPanel(current: Signal<JamView>, round: Round) -> impl IntoView {
    let t = use_texts();
    let steps = RwSignal::new(None::<Steps>);
    #[cfg(feature = "hydrate")]
    if has_steps(round) {
        leptos::task::spawn_local(async move {
            let build = lead_steps().await;
            let _ = steps.try_set(Some(build));
        });
    }
    has_steps(round).then(|| {
        view! {
            <section class="lead-panel" data-testid="lead-panel">
                <h2>{move || t.get().lead_heading}</h2>
                {move || steps.get().map(|build| build(current, round))}
            </section>
        }
    })
}

#[lazy]
fn lead_steps() -> Steps {
    build_steps
}

// The server renders no lead steps (see `LeadPanel`), so only the browser build calls this.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn build_steps(current: Signal<JamView>, round: Round) -> AnyView {
    match round {
        Round::Reveal => view! { <HostReveal current/> }.into_any(),
        Round::Reframe => view! { <HostReframe current/> }.into_any(),
        Round::EffortImpact => view! { <HostMatrix current/> }.into_any(),
        Round::Actions => view! { <HostActions current/> }.into_any(),
        _ => ().into_any(),
    }
}
