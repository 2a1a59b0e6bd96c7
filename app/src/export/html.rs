//! The printable page: one self-contained HTML document in the jam's language, laid out for
//! A4 (print it, or save it as PDF from the browser's print dialog).

use super::Export;
use std::fmt::Write;

/// `downloads`: where the other formats of this export can be fetched (`<base>/markdown`, …),
/// to offer them on the page; None prints the page alone.
pub fn html(export: &Export, downloads: Option<String>) -> String {
    let t = export.texts();
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1>{}</h1><p>{}: {} · {}: {}</p>\
         <button class=\"no-print\" onclick=\"window.print()\">{}</button></header>",
        esc(&export.topic)
            + &export
                .group
                .as_deref()
                .map(|g| format!(" · {}", esc(g)))
                .unwrap_or_default(),
        t.date_label,
        export.date,
        t.code_label,
        esc(&export.code),
        t.print_button
    );
    if let Some(base) = downloads {
        let base = esc(&base);
        let _ = write!(
            body,
            "<nav class=\"no-print\"><strong>{}:</strong> <a href=\"{base}/markdown\">{}</a> · \
             <a href=\"{base}/csv\">{}</a> · <a href=\"{base}/csv-plain\">{}</a> · <a href=\"{base}/json\">{}</a></nav>",
            t.download_heading, t.download_markdown, t.download_csv_excel, t.download_csv_plain, t.download_json
        );
    }
    let _ = write!(body, "<h2>{}</h2>", t.summary_heading);
    if export.actions.is_empty() {
        let _ = write!(body, "<p>{}</p>", t.no_actions);
    } else {
        let _ = write!(
            body,
            "<table><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t.first_step, t.owner, t.due, t.quadrant_label, t.solution_label
        );
        for a in &export.actions {
            let _ = write!(
                body,
                "<tr><td>{}</td><td><strong>{}</strong></td><td>{}</td><td>{}</td><td>{}</td>\
                 <td>{} ({})<br><small>{} ({}){}</small></td></tr>",
                a.priority,
                a.group
                    .as_deref()
                    .map(|g| format!("<small>{}</small><br>", esc(g)))
                    .unwrap_or_default()
                    + &esc(&a.first_step)
                    + &a.room_votes
                        .map(|n| format!("<br><small>{}</small>", (t.room_votes)(n)))
                        .unwrap_or_default(),
                esc(&a.owner),
                a.due,
                (t.quadrant_name)(a.quadrant),
                esc(&a.solution),
                (t.votes)(a.solution_votes),
                esc(&a.problem),
                (t.votes)(a.problem_votes),
                a.hmw
                    .as_deref()
                    .map(|h| format!(" → {}", esc(h)))
                    .unwrap_or_default(),
            );
        }
        let _ = write!(
            body,
            "</tbody></table><p class=\"order\">{}</p>",
            esc(&export.order)
        );
    }
    let _ = write!(body, "<h2>{}</h2>", t.problems_heading);
    for p in &export.problems {
        let _ = write!(
            body,
            "<section><h3>{}{}. {} ({})</h3>",
            p.group
                .as_deref()
                .map(|g| format!("{} · ", esc(g)))
                .unwrap_or_default(),
            p.rank,
            esc(&super::with_merged(&p.text, &p.merged)),
            (t.votes)(p.votes)
        );
        if let Some(hmw) = &p.hmw {
            let _ = write!(
                body,
                "<p><strong>{}:</strong> {}</p>",
                t.hmw_label,
                esc(hmw)
            );
        }
        body.push_str("<ul>");
        for s in &p.solutions {
            let quadrant = s
                .quadrant
                .map(|q| format!(" — {}", (t.quadrant_name)(q)))
                .unwrap_or_default();
            let votes = s
                .votes
                .map(|v| format!(" — {}", (t.votes)(v)))
                .unwrap_or_default();
            let _ = write!(body, "<li>{}{votes}{quadrant}</li>", esc(&s.text));
        }
        body.push_str("</ul></section>");
    }
    if let Some(notes) = &export.notes {
        let _ = write!(body, "<h2>{}</h2><ul>", t.all_notes_heading);
        for n in notes {
            let votes = n
                .votes
                .map(|v| format!(" — {}", (t.votes)(v)))
                .unwrap_or_default();
            let group = n
                .group
                .as_deref()
                .map(|g| format!("{} · ", esc(g)))
                .unwrap_or_default();
            let _ = write!(
                body,
                "<li>{} <small>({group}{}){}</small></li>",
                esc(&super::with_merged(&n.text, &n.merged)),
                esc(&n.author),
                votes
            );
        }
        body.push_str("</ul>");
    }
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} – Blixt</title><style>{}</style></head><body>{}</body></html>",
        esc(&export.language),
        esc(&export.topic),
        PRINT_CSS,
        body
    )
}

const PRINT_CSS: &str = "\
@page { size: A4; margin: 18mm 16mm; }
body { font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; } h2 { font-size: 1.3rem; margin-top: 1.5rem; border-bottom: 2px solid #111; }
h3 { font-size: 1.1rem; margin-bottom: .25rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; } tr { break-inside: avoid; } section { break-inside: avoid; }
.order { font-size: .9rem; color: #444; } small { color: #444; }
button { font: inherit; padding: .5rem 1rem; }
@media print { body { margin: 0; max-width: none; } .no-print { display: none; } th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
";

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
