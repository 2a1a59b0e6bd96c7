//! `/join` and `/j/<CODE>` (the link and the QR code): where a participant gets in.

use super::route_code;
use crate::api::{load_jam_view, JoinJam};
use crate::components::{ErrorNote, FormRefusal, TopBar};
use crate::domain::{DisplayName, JamView, ViewerRole};
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn JoinPage() -> impl IntoView {
    let t = use_texts();
    let code = route_code();
    // `?k=…`: the jam's key, from its QR code or a link someone sent.
    let query = leptos_router::hooks::use_query_map();
    let key = Memo::new(move |_| query.read().get("k").unwrap_or_default());
    // With a code in the link, show what the jam is about (and refuse an unknown code, or a
    // jam that takes nobody new) before anyone types their name.
    let preview = Resource::new(
        move || (code.get(), key.get()),
        |(code, key)| async move {
            if code.is_empty() {
                None
            } else {
                Some(load_jam_view(code, Some(key)).await)
            }
        },
    );
    view! {
        <TopBar/>
        <main class="page narrow" data-texts=move || super::phone::script_texts(t.get())>
            <h1>{move || t.get().join_heading}</h1>
            <FormRefusal showing=true/>
            <Suspense fallback=move || view! { <p>{move || t.get().loading}</p> }>
                {move || {
                    preview
                        .get()
                        .map(|preview| match preview {
                            Some(Err(error)) => {
                                view! {
                                    <ErrorNote error=Signal::derive(move || Some(error.clone()))/>
                                    <JoinForm code=String::new() name=String::new() key=String::new()/>
                                }
                                    .into_any()
                            }
                            Some(Ok(view)) => {
                                let name = own_name(&view).unwrap_or_default();
                                view! {
                                    <section class="topic-preview">
                                        <p class="label">{move || t.get().joining_topic}</p>
                                        <p class="topic">{view.topic.clone()}</p>
                                    </section>
                                    <JoinForm code=view.code.clone() name key=key.get_untracked()/>
                                }
                                    .into_any()
                            }
                            None => {
                                view! { <JoinForm code=String::new() name=String::new() key=String::new()/> }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </main>
    }
}

/// Someone who already joined comes back with their name filled in.
fn own_name(view: &JamView) -> Option<String> {
    match &view.viewer {
        ViewerRole::Participant { me } => Some(me.name.clone()),
        _ => None,
    }
}

/// The join form; `key` is the join link's, sent along so a jam open to its link only lets
/// this phone in.
#[component]
fn JoinForm(code: String, name: String, key: String) -> impl IntoView {
    let t = use_texts();
    let join = ServerAction::<JoinJam>::new();
    let error = Signal::derive(move || join.value().get().and_then(Result::err));
    let code_given = !code.is_empty();
    let (code_input, name_input, key_input) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    // A plain form rather than `ActionForm`: it posts by itself before the wasm has loaded, and
    // once it has, sends the three fields by hand — which keeps the form-decoding machinery
    // `ActionForm` brings out of the bundle every phone downloads.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |input: NodeRef<leptos::html::Input>| {
            input.get().map(|i| i.value()).unwrap_or_default()
        };
        join.dispatch(JoinJam {
            code: value(code_input),
            name: value(name_input),
            key: Some(value(key_input)).filter(|k| !k.is_empty()),
        });
    };
    view! {
        // Without the wasm it posts to the server's `/join`, which answers with the jam screen
        // or this page again with the reason.
        <form method="post" action="/join" class="stack" on:submit=on_submit>
            <input type="hidden" name="key" value=key node_ref=key_input/>
            <label for="code">{move || t.get().code_label}</label>
            <input
                id="code"
                name="code"
                class="code-input"
                value=code
                node_ref=code_input
                required
                maxlength="12"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                aria-describedby="code-hint"
            />
            <p id="code-hint" class="hint">{move || t.get().code_hint}</p>
            <label for="name">{move || t.get().name_label}</label>
            <input
                id="name"
                name="name"
                value=name
                node_ref=name_input
                required
                maxlength=DisplayName::MAX_CHARS
                autocomplete="nickname"
                autofocus=code_given
                aria-describedby="name-hint"
            />
            <p id="name-hint" class="hint">{move || t.get().name_hint}</p>
            <ErrorNote error/>
            <button type="submit" class="button primary" disabled=join.pending()>
                {move || if join.pending().get() { t.get().joining } else { t.get().join_button }}
            </button>
        </form>
    }
}
