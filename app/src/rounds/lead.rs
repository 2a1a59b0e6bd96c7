//! A group lead's phone: below the phone's own part of the round, the group's facilitator
//! steps of that round — reveal the group's notes, pick its "How might we", place its
//! solutions on the matrix, write its actions. (Ordering ties and choosing the problem happen
//! on the phone's own ranking, which has the controls for a lead.) The same components
//! as on the facilitator's screen, fed the phone's view (which holds the lead's group only),
//! so what a lead can do is what the server lets a lead do.

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

/// The lead's part of `round`, if the round has one.
#[component]
pub fn LeadPanel(current: Signal<JamView>, round: Round) -> impl IntoView {
    let t = use_texts();
    let steps = match round {
        Round::Reveal => Some(view! { <HostReveal current/> }.into_any()),
        Round::Reframe => Some(view! { <HostReframe current/> }.into_any()),
        Round::EffortImpact => Some(view! { <HostMatrix current/> }.into_any()),
        Round::Actions => Some(view! { <HostActions current/> }.into_any()),
        _ => None,
    };
    steps.map(|steps| {
        view! {
            <section class="lead-panel" data-testid="lead-panel">
                <h2>{move || t.get().lead_heading}</h2>
                {steps}
            </section>
        }
    })
}
