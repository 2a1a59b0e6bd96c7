//! Markdown, ready to paste into minutes or a wiki. Text people wrote is escaped, so a note
//! with `*`, `|` or `#` in it shows as written and cannot break the table.

use super::Export;
use std::fmt::Write;

pub fn markdown(export: &Export) -> String {
    let t = export.texts();
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", escape(&export.topic));
    if let Some(group) = &export.group {
        let _ = writeln!(md, "**{}:** {}\n", t.group_label, escape(group));
    }
    let _ = writeln!(
        md,
        "{}: {} · {}: {}\n",
        t.date_label, export.date, t.code_label, export.code
    );
    let _ = writeln!(md, "## {}\n", t.summary_heading);
    if export.actions.is_empty() {
        let _ = writeln!(md, "{}\n", t.no_actions);
    } else {
        let _ = writeln!(
            md,
            "| # | {} | {} | {} | {} | {} | {} |",
            t.first_step, t.owner, t.due, t.quadrant_label, t.solution_label, t.problem_label
        );
        md.push_str("|---|---|---|---|---|---|---|\n");
        for a in &export.actions {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} ({}) | {} ({}) |",
                a.priority,
                with_group(&a.first_step, a.group.as_deref())
                    + &a.room_votes
                        .map(|n| format!(" — {}", (t.room_votes)(n)))
                        .unwrap_or_default(),
                escape(&a.owner),
                a.due,
                (t.quadrant_name)(a.quadrant),
                escape(&a.solution),
                (t.votes)(a.solution_votes),
                escape(&a.problem),
                (t.votes)(a.problem_votes),
            );
        }
        let _ = writeln!(md, "\n{}\n", export.order);
    }
    let _ = writeln!(md, "## {}\n", t.problems_heading);
    for p in &export.problems {
        let _ = writeln!(
            md,
            "### {}. {} ({})\n",
            p.rank,
            with_group(&super::with_merged(&p.text, &p.merged), p.group.as_deref()),
            (t.votes)(p.votes)
        );
        if let Some(hmw) = &p.hmw {
            let _ = writeln!(md, "**{}:** {}\n", t.hmw_label, escape(hmw));
        }
        for s in &p.solutions {
            let _ = write!(md, "- {}", escape(&s.text));
            if let Some(v) = s.votes {
                let _ = write!(md, " — {}", (t.votes)(v));
            }
            if let Some(q) = s.quadrant {
                let _ = write!(md, " — {}", (t.quadrant_name)(q));
            }
            if let (Some(e), Some(i)) = (s.effort, s.impact) {
                let _ = write!(md, " ({} {e:.1}, {} {i:.1})", t.effort, t.impact);
            }
            md.push('\n');
        }
        md.push('\n');
    }
    if let Some(notes) = &export.notes {
        let _ = writeln!(md, "## {}\n", t.all_notes_heading);
        let mut current = None;
        for n in notes {
            if current != Some(n.kind) {
                let _ = writeln!(
                    md,
                    "{}### {}\n",
                    if current.is_some() { "\n" } else { "" },
                    (t.round_name)(n.kind.written_in())
                );
                current = Some(n.kind);
            }
            let text = super::with_merged(&n.text, &n.merged);
            let _ = write!(
                md,
                "- {} ({})",
                with_group(&text, n.group.as_deref()),
                escape(&n.author)
            );
            if let Some(v) = n.votes {
                let _ = write!(md, " — {}", (t.votes)(v));
            }
            md.push('\n');
        }
    }
    md
}

/// `text`, escaped, after its group's name in brackets in a jam run in groups.
fn with_group(text: &str, group: Option<&str>) -> String {
    match group {
        Some(group) => format!("[{}] {}", escape(group), escape(text)),
        None => escape(text),
    }
}

/// Backslash-escapes what Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_{}[]()<>#+-.!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
