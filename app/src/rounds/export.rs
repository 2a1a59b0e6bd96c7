//! The facilitator's way out with the results: downloads in every format, the printable page,
//! and a read-only link to share.

use super::commands::use_commands;
use crate::api::DeleteJam as DeleteJamAction;
use crate::components::ErrorNote;
use crate::domain::{HostCommand, JamView, Round};
use crate::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn ExportPanel(current: Signal<JamView>) -> impl IntoView {
    let t = use_texts();
    let commands = use_commands();
    let with_notes = RwSignal::new(false);
    // In a jam run in groups: the whole list (None) or one group's (its number from 1).
    let scope = RwSignal::new(None::<u8>);
    let href = move |format: &'static str| {
        let mut query = Vec::new();
        if with_notes.get() {
            query.push("notes=1".to_string());
        }
        if let Some(group) = scope.get() {
            query.push(format!("group={}", usize::from(group) + 1));
        }
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        format!("/jam/{}/export/{format}{query}", current.get().code)
    };
    let groups = move || current.with(|v| super::groups::group_choices(t.get(), v));
    let share_path = move || {
        current
            .get()
            .share_token
            .map(|token| format!("/share/{token}"))
    };
    view! {
        <section class="export-panel" data-testid="export">
            <h2>{move || t.get().download_heading}</h2>
            <label class="check">
                <input type="checkbox" prop:checked=move || with_notes.get() on:change=move |ev| with_notes.set(event_target_checked(&ev))/>
                {move || t.get().include_notes}
            </label>
            {move || {
                let all = groups();
                (!all.is_empty()).then(|| view! {
                    <label>
                        {move || t.get().export_scope_label} " "
                        <select
                            data-testid="export-scope"
                            on:change=move |ev| scope.set(event_target_value(&ev).parse::<u8>().ok())
                        >
                            <option value="all" selected=scope.get_untracked().is_none()>{move || t.get().all_groups}</option>
                            {all
                                .into_iter()
                                .map(|(g, name)| {
                                    view! { <option value=g.to_string() selected=scope.get_untracked() == Some(g)>{name}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                })
            }}
            <div class="downloads">
                <a class="button secondary" download="" href=move || href("markdown")>{move || t.get().download_markdown}</a>
                <a class="button secondary" download="" href=move || href("csv")>{move || t.get().download_csv_excel}</a>
                <a class="button secondary" download="" href=move || href("csv-plain")>{move || t.get().download_csv_plain}</a>
                <a class="button secondary" download="" href=move || href("json")>{move || t.get().download_json}</a>
                <a class="button secondary" target="_blank" rel="noopener" href=move || href("print")>{move || t.get().print_page}</a>
            </div>
            // A link to share the results, once they are final (the summary).
            {move || match share_path() {
                None if current.with(|v| v.round != Round::Summary) => ().into_any(),
                Some(path) => view! {
                    <p class="share">
                        {move || t.get().share_link_label} " "
                        <a href=path.clone() target="_blank" rel="noopener" data-testid="share-link">{absolute(&path)}</a>
                    </p>
                }
                    .into_any(),
                None => view! {
                    <button class="button secondary" on:click=move |_| commands.send(HostCommand::CreateShareLink)>
                        {move || t.get().share_link_button}
                    </button>
                }
                    .into_any(),
            }}
            <DeleteJam code=Signal::derive(move || current.get().code)/>
        </section>
    }
}

/// "Delete the jam", asked twice: the jam and everything in it go for good.
#[component]
fn DeleteJam(code: Signal<String>) -> impl IntoView {
    let t = use_texts();
    let asking = RwSignal::new(false);
    let delete = ServerAction::<DeleteJamAction>::new();
    let error = Signal::derive(move || delete.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if delete.value().get().is_some_and(|r| r.is_ok()) {
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href("/");
        }
    });
    view! {
        <div class="danger-zone" data-testid="delete-jam">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button class="button danger" on:click=move |_| asking.set(true)>
                        {move || t.get().delete_jam}
                    </button>
                }
            >
                <p role="alert">{move || t.get().delete_confirm}</p>
                <button
                    class="button danger"
                    disabled=delete.pending()
                    on:click=move |_| {
                        delete.dispatch(DeleteJamAction { code: code.get_untracked() });
                    }
                >
                    {move || t.get().delete_yes}
                </button>
                " "
                <button class="button secondary" on:click=move |_| asking.set(false)>
                    {move || t.get().cancel}
                </button>
                <ErrorNote error/>
            </Show>
        </div>
    }
}

/// The link as people will paste it: with this site's address in the browser, as a path on
/// the server (where the address people use is not known).
/// `path` as a whole link, as people copy it.
pub(crate) fn absolute(path: &str) -> String {
    #[cfg(feature = "hydrate")]
    if let Ok(origin) = window().location().origin() {
        return format!("{origin}{path}");
    }
    path.to_string()
}
