//! A view's result → semantic HTML: a table with caption, header cells and summaries in
//! `<tfoot>`, a list of cards, or a list; groups as subheadings. Works without JavaScript and
//! prints; `bases.js` adds sorting, a text filter and "toon alles" from what is in the page.

use super::definition::ViewKind;
use super::expr::value::{DAY_MS, Value, format_number};
use super::rows::{Group, ResultRow, ViewResult};
use crate::config::Language;
use crate::html::{escape, is_safe_url};
use crate::i18n::format_date;
use crate::slug::{slugify, sort_key};

/// Turns a link target (`Projecten`, `map/x.md`, `golden.jpg`) into the URL of the published
/// note or file; `None` when it is not published, and the value then shows as text.
pub type Resolve<'r> = dyn Fn(&str) -> Option<String> + 'r;

pub struct RenderOptions<'r> {
    pub language: Language,
    pub resolve: &'r Resolve<'r>,
    /// Makes ids unique when a page holds several bases: `base-3`.
    pub id_prefix: &'r str,
    /// The view's heading level (2 on a base's own page, 3 when embedded under a heading).
    pub heading_level: u8,
}

struct Words {
    results: &'static str,
    result: &'static str,
    computed_on: &'static str,
    no_value: &'static str,
    none: &'static str,
    filter: &'static str,
    show_all: &'static str,
    shown_of: &'static str,
    yes: &'static str,
    no: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::Nl => Words {
            results: "resultaten",
            result: "resultaat",
            computed_on: "berekend op",
            no_value: "Geen waarde",
            none: "Geen resultaten.",
            filter: "Filter deze weergave",
            show_all: "Toon alles",
            shown_of: "van",
            yes: "ja",
            no: "nee",
        },
        Language::En => Words {
            results: "results",
            result: "result",
            computed_on: "computed on",
            no_value: "No value",
            none: "No results.",
            filter: "Filter this view",
            show_all: "Show all",
            shown_of: "of",
            yes: "yes",
            no: "no",
        },
    }
}

/// One view as HTML.
pub fn render_view(view: &ViewResult<'_>, opts: &RenderOptions<'_>) -> String {
    let w = words(opts.language);
    let id = format!("{}-{}", opts.id_prefix, slugify(&view.name));
    let h = opts.heading_level.clamp(2, 5);
    let mut out = String::new();
    let kind = match view.kind {
        ViewKind::Table => "table",
        ViewKind::Cards => "cards",
        ViewKind::List => "list",
    };
    out.push_str(&format!(
        "<section class=\"base base-view-{kind}\" id=\"{id}\" data-base-view{} data-words=\"{}|{}\" aria-labelledby=\"{id}-title\">\n<h{h} id=\"{id}-title\">{}</h{h}>\n",
        view.limit.map(|l| format!(" data-limit=\"{l}\"")).unwrap_or_default(),
        w.shown_of,
        w.results,
        escape(&view.name)
    ));
    let count = if view.total == 1 { w.result } else { w.results };
    let mut meta = format!("{} {count}", view.total);
    if let Some(limit) = view.limit.filter(|l| *l < view.total) {
        meta = format!("{limit} {} {} {count}", w.shown_of, view.total);
    }
    if let Some(date) = view.computed_on {
        meta.push_str(&format!(
            ", {} {}",
            w.computed_on,
            format_date(date, opts.language)
        ));
    }
    out.push_str(&format!(
        "<p class=\"base-meta\" data-base-count aria-live=\"polite\">{meta}</p>\n"
    ));
    out.push_str(&format!(
        "<p class=\"base-tools\" data-base-tools hidden><label for=\"{id}-filter\">{}</label> <input type=\"search\" id=\"{id}-filter\" data-base-filter></p>\n",
        w.filter
    ));
    if view.total == 0 {
        out.push_str(&format!("<p class=\"base-empty\">{}</p>\n", w.none));
    }
    let grouped = view.groups.iter().any(|g| g.key.is_some());
    for (gi, group) in view.groups.iter().enumerate() {
        if group.rows.is_empty() {
            continue;
        }
        let group_title = group.key.as_ref().map(|k| match k.is_empty() {
            true => w.no_value.to_string(),
            false => k.to_text(),
        });
        out.push_str("<div class=\"base-group-block\" data-base-group>\n");
        if let Some(title) = &group_title {
            out.push_str(&format!(
                "<h{g} class=\"base-group\">{}</h{g}>\n",
                escape(title),
                g = h + 1
            ));
        }
        let group_id = format!("{id}-{gi}");
        match view.kind {
            ViewKind::Table => table(
                &mut out,
                view,
                group,
                group_title.as_deref(),
                &group_id,
                opts,
            ),
            ViewKind::Cards => cards(&mut out, view, group, h + if grouped { 2 } else { 1 }, opts),
            ViewKind::List => list(&mut out, view, group, opts),
        }
        out.push_str("</div>\n");
    }
    let hidden = view.rows().filter(|r| r.past_limit).count();
    if hidden > 0 {
        out.push_str(&format!(
            "<p class=\"base-more\"><button type=\"button\" data-base-more hidden>{} ({})</button></p>\n",
            w.show_all, view.total
        ));
    }
    out.push_str("</section>\n");
    out
}

fn row_open(row: &ResultRow<'_>, tag: &str, class: &str) -> String {
    let hidden = if row.past_limit {
        " hidden data-past-limit"
    } else {
        ""
    };
    format!("<{tag} class=\"{class}\" data-base-row{hidden}>")
}

fn table(
    out: &mut String,
    view: &ViewResult<'_>,
    group: &Group<'_>,
    group_title: Option<&str>,
    id: &str,
    opts: &RenderOptions<'_>,
) {
    let caption = match group_title {
        Some(t) => format!("{}: {}", view.name, t),
        None => view.name.clone(),
    };
    out.push_str(&format!(
        "<div class=\"base-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-caption\">\n<table class=\"base-grid\">\n<caption id=\"{id}-caption\">{}</caption>\n<thead><tr>",
        escape(&caption)
    ));
    for (i, column) in view.columns.iter().enumerate() {
        let numeric = group
            .rows
            .iter()
            .map(|r| &r.cells[i])
            .filter(|v| !v.is_empty())
            .all(|v| matches!(v, Value::Number(_) | Value::Date(_) | Value::Duration(_)));
        let kind = if numeric { "number" } else { "text" };
        out.push_str(&format!(
            "<th scope=\"col\" data-sort-type=\"{kind}\">{}</th>",
            escape(&column.label)
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    out.reserve(group.rows.len() * view.columns.len() * 48);
    let name_columns: Vec<bool> = view.columns.iter().map(|c| is_name_column(&c.id)).collect();
    for row in &group.rows {
        out.push_str(&row_open(row, "tr", "base-row"));
        for (i, cell) in row.cells.iter().enumerate() {
            // Pushed piece by piece: this loop writes most of a large base's page.
            out.push_str(if i == 0 {
                "<th scope=\"row\" data-sort=\""
            } else {
                "<td data-sort=\""
            });
            push_sort_value(out, cell);
            out.push_str("\">");
            match cell {
                _ if name_columns[i] => out.push_str(&note_link(row, opts)),
                Value::Null => {}
                // Most cells: plain text, written without a string of their own.
                Value::String(s) if !is_safe_url(s) => crate::html::escape_into(out, s),
                other => out.push_str(&render_value(other, opts)),
            }
            out.push_str(if i == 0 { "</th>" } else { "</td>" });
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
    if group.summaries.iter().any(Option::is_some) {
        out.push_str("<tfoot><tr>");
        for (i, summary) in group.summaries.iter().enumerate() {
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let close = if i == 0 { "th" } else { "td" };
            match summary {
                Some((name, value)) => out.push_str(&format!(
                    "<{tag}><span class=\"base-summary-name\">{}</span> {}</{close}>",
                    escape(&summary_label(name, opts.language)),
                    render_value(value, opts)
                )),
                None => out.push_str(&format!("<{tag}></{close}>")),
            }
        }
        out.push_str("</tr></tfoot>\n");
    }
    out.push_str("</table>\n</div>\n");
}

fn cards(
    out: &mut String,
    view: &ViewResult<'_>,
    group: &Group<'_>,
    level: u8,
    opts: &RenderOptions<'_>,
) {
    out.push_str("<ul class=\"base-cards\" role=\"list\">\n");
    for row in &group.rows {
        out.push_str(&row_open(row, "li", "base-card"));
        match &row.image {
            Some(Value::String(s)) if s.starts_with('#') && s.len() <= 9 => out.push_str(&format!(
                "<div class=\"base-card-swatch\" style=\"background:{}\"></div>",
                escape(s)
            )),
            Some(image) if !image.is_empty() => {
                if let Some(src) = image_url(image, opts) {
                    out.push_str(&format!(
                        "<img class=\"base-card-image\" src=\"{}\" alt=\"\" loading=\"lazy\">",
                        escape(&src)
                    ));
                }
            }
            _ => {}
        }
        out.push_str(&format!(
            "<h{level} class=\"base-card-title\">{}</h{level}>",
            note_link(row, opts)
        ));
        let props: Vec<(usize, &Value<'_>)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, v)| !v.is_empty() && !is_name_column(&view.columns[*i].id))
            .collect();
        if !props.is_empty() {
            out.push_str("<dl class=\"base-card-props\">");
            for (i, v) in props {
                out.push_str(&format!(
                    "<div><dt>{}</dt><dd>{}</dd></div>",
                    escape(&view.columns[i].label),
                    render_value(v, opts)
                ));
            }
            out.push_str("</dl>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn list(out: &mut String, view: &ViewResult<'_>, group: &Group<'_>, opts: &RenderOptions<'_>) {
    out.push_str("<ul class=\"base-items\">\n");
    for row in &group.rows {
        out.push_str(&row_open(row, "li", "base-item"));
        out.push_str(&note_link(row, opts));
        let props: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, v)| !v.is_empty() && !is_name_column(&view.columns[*i].id))
            .map(|(i, v)| {
                format!(
                    "<span class=\"base-item-prop\"><span class=\"visually-hidden\">{}: </span>{}</span>",
                    escape(&view.columns[i].label),
                    render_value(v, opts)
                )
            })
            .collect();
        if !props.is_empty() {
            out.push_str(&format!(
                " <span class=\"base-item-props\">– {}</span>",
                props.join(" · ")
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn is_name_column(id: &str) -> bool {
    matches!(id, "file.name" | "file.basename")
}

/// The note's name as a link to its page, as Obsidian shows `file.name`.
fn note_link(row: &ResultRow<'_>, opts: &RenderOptions<'_>) -> String {
    let name = &row.note.name;
    match (opts.resolve)(&row.note.path) {
        Some(url) => {
            let mut out = String::with_capacity(url.len() + name.len() + 15);
            out.push_str("<a href=\"");
            crate::html::escape_into(&mut out, &url);
            out.push_str("\">");
            crate::html::escape_into(&mut out, name);
            out.push_str("</a>");
            out
        }
        None => escape(name),
    }
}

fn image_url(value: &Value<'_>, opts: &RenderOptions<'_>) -> Option<String> {
    match value {
        Value::Link(l) if is_safe_url(&l.target) => Some(l.target.clone()),
        Value::Link(l) => (opts.resolve)(&l.target),
        Value::String(s) if is_safe_url(s) => Some(s.clone()),
        Value::String(s) => (opts.resolve)(s),
        Value::List(items) => items.first().and_then(|v| image_url(v, opts)),
        _ => None,
    }
}

/// `sort_value`, escaped onto `out`; plain ASCII text (most cells) without a copy.
fn push_sort_value(out: &mut String, value: &Value<'_>) {
    match value {
        Value::String(s) if s.is_ascii() => {
            let start = out.len();
            crate::html::escape_into(out, s);
            out[start..].make_ascii_lowercase();
        }
        other => crate::html::escape_into(out, &sort_value(other)),
    }
}

/// What the sorting script compares: numbers as numbers, dates as ISO text, text folded.
fn sort_value(value: &Value<'_>) -> String {
    match value {
        Value::Number(n) => format_number(*n),
        Value::Duration(d) => format_number(d.total_millis()),
        Value::Date(d) => d.iso(),
        Value::Bool(b) => u8::from(*b).to_string(),
        Value::String(s) if s.is_ascii() => s.to_ascii_lowercase(),
        other => sort_key(&other.to_text()),
    }
}

/// A value in a cell: links are real links, dates in words, numbers with a decimal comma.
pub fn render_value(value: &Value<'_>, opts: &RenderOptions<'_>) -> String {
    let w = words(opts.language);
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => (if *b { w.yes } else { w.no }).to_string(),
        Value::Number(n) => number(*n, opts.language),
        Value::String(s) if is_safe_url(s) && !s.contains(char::is_whitespace) => {
            format!("<a href=\"{0}\">{0}</a>", escape(s))
        }
        Value::String(s) => escape(s),
        Value::Date(d) => {
            let day = format_date(d.at.date(), opts.language);
            let text = if d.has_time {
                format!("{day} {}", d.at.strftime("%H:%M"))
            } else {
                day
            };
            format!(
                "<time datetime=\"{}\">{}</time>",
                d.iso().replace(' ', "T"),
                escape(&text)
            )
        }
        Value::Duration(d) => {
            let days = d.total_millis() / DAY_MS;
            match opts.language {
                Language::Nl => format!(
                    "{} dagen",
                    number((days * 10.0).round() / 10.0, opts.language)
                ),
                Language::En => format!(
                    "{} days",
                    number((days * 10.0).round() / 10.0, opts.language)
                ),
            }
        }
        Value::List(items) => items
            .iter()
            .filter(|v| !v.is_empty())
            .map(|v| render_value(v, opts))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => escape(&value.to_text()),
        Value::Link(l) => {
            let label = escape(&l.label());
            let href = if is_safe_url(&l.target) {
                Some(l.target.clone())
            } else {
                (opts.resolve)(&l.target)
            };
            match href {
                Some(url) => format!("<a href=\"{}\">{label}</a>", escape(&url)),
                None => label,
            }
        }
        Value::File(f) => match (opts.resolve)(&f.path) {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(&f.basename)),
            None => escape(&f.basename),
        },
    }
}

fn number(n: f64, language: Language) -> String {
    let text = format_number(n);
    match language {
        Language::Nl if text.contains('.') => text.replace('.', ","),
        _ => text,
    }
}

/// Built-in summary names in the reader's language; custom summaries keep their own name.
fn summary_label(name: &str, language: Language) -> String {
    if language == Language::En {
        return name.to_string();
    }
    let nl = match name.to_lowercase().as_str() {
        "count" => "Aantal",
        "sum" => "Som",
        "average" | "mean" => "Gemiddelde",
        "min" => "Minimum",
        "max" => "Maximum",
        "range" => "Bereik",
        "median" => "Mediaan",
        "stddev" => "Standaardafwijking",
        "earliest" => "Vroegste",
        "latest" => "Laatste",
        "checked" => "Aangevinkt",
        "unchecked" => "Niet aangevinkt",
        "empty" => "Leeg",
        "filled" => "Ingevuld",
        "unique" => "Uniek",
        _ => return name.to_string(),
    };
    nl.to_string()
}

#[cfg(test)]
mod tests;
