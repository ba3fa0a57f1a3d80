//! schema.org JSON-LD for every HTML page, built as JSON values (never by string templating)
//! and escaped for a `<script>` element. Search engines and reference tools read a page's
//! kind from it: a lexicon entry is a `DefinedTerm`, a publication a `CreativeWork` with its
//! `publisher`, a reading list an `ItemList` in the list's order.

use serde_json::{Map, Value, json};

use crate::kind::Kind;
use crate::link::NoteId;
use crate::note::{KindData, Note};
use crate::pages::Page;
use crate::reading_list::{self, Entry};
use crate::site::Site;

const CONTEXT: &str = "https://schema.org";

/// The JSON-LD of a page, ready to put between `<script type="application/ld+json">` tags;
/// `None` for files that are no HTML page.
pub fn for_page(site: &Site, page: &Page) -> Option<String> {
    value(site, page).map(|v| script_text(&v))
}

/// JSON text that cannot end its `<script>` element early: `<`, `>` and `&` only occur in
/// JSON strings, where `\u003c` means the same.
pub fn script_text(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

pub fn value(site: &Site, page: &Page) -> Option<Value> {
    let url = site.config.absolute_url(&page.url_path(site));
    let mut node = match page {
        Page::Home => website(site),
        Page::Note(id) => note(site, *id),
        Page::Kind(Kind::Lexicon | Kind::Definition) => {
            let mut node = collection(site, page);
            if let Some(set) = defined_term_set(site) {
                node.insert("mainEntity".into(), set);
            }
            node
        }
        Page::Section(_)
        | Page::Kind(_)
        | Page::AllNotes
        | Page::FacetIndex(_)
        | Page::FacetTerm(..) => collection(site, page),
        Page::Paged(listing, _) => collection(site, listing),
        Page::Handout(id) => {
            let mut node = object("WebPage");
            node.insert("name".into(), json!(site.notes[*id].title));
            node.insert("about".into(), item_list(site, *id));
            node
        }
        Page::Search | Page::NotFound | Page::Wanted => object("WebPage"),
        Page::Document(d) => {
            let mut node = object("WebPage");
            node.insert("name".into(), json!(site.documents[*d].title));
            node
        }
        Page::Feed
        | Page::Sitemap
        | Page::Citations(..)
        | Page::Data
        | Page::Redirect(_)
        | Page::ListingItems(_) => {
            return None;
        }
    };
    node.entry("url").or_insert(json!(url));
    node.insert("inLanguage".into(), json!(site.config.language.code()));
    let mut root = Map::new();
    root.insert("@context".into(), json!(CONTEXT));
    root.extend(node);
    Some(Value::Object(root))
}

fn object(kind: &str) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("@type".into(), json!(kind));
    map
}

fn website(site: &Site) -> Map<String, Value> {
    let config = &site.config;
    let mut node = object("WebSite");
    node.insert("name".into(), json!(config.title));
    if !config.description.is_empty() {
        node.insert("description".into(), json!(config.description));
    }
    let search = config.absolute_url(&Page::Search.url_path(site));
    node.insert(
        "potentialAction".into(),
        json!({
            "@type": "SearchAction",
            "target": format!("{search}?q={{search_term_string}}"),
            "query-input": "required name=search_term_string",
        }),
    );
    node
}

fn collection(site: &Site, page: &Page) -> Map<String, Value> {
    let mut node = object("CollectionPage");
    let name = match page {
        Page::Section(path) => site.sections[path].title.clone(),
        Page::Kind(kind) => kind.plural_label(site.config.language).to_string(),
        Page::AllNotes => crate::i18n::string(site.config.language, "all_notes").to_string(),
        Page::FacetIndex(f) => site.facets[*f].config.label.clone(),
        Page::FacetTerm(f, t) => format!(
            "{}: {}",
            site.facets[*f].config.label, site.facets[*f].terms[*t].name
        ),
        _ => site.config.title.clone(),
    };
    node.insert("name".into(), json!(name));
    node.insert(
        "isPartOf".into(),
        json!({
            "@type": "WebSite",
            "name": site.config.title,
            "url": site.config.absolute_url(""),
        }),
    );
    node
}

/// Whose listing is the term set: the lexicon's, else the definitions'.
pub fn term_set_kind(site: &Site) -> Option<Kind> {
    [Kind::Lexicon, Kind::Definition]
        .into_iter()
        .find(|k| site.kind_counts.contains_key(k))
}

/// The one set all lexicon entries and definitions belong to: the lexicon's listing, or the
/// definitions' when the site has no lexicon.
pub fn defined_term_set(site: &Site) -> Option<Value> {
    let kind = term_set_kind(site)?;
    let listing = site.config.absolute_url(&Page::Kind(kind).url_path(site));
    Some(json!({
        "@type": "DefinedTermSet",
        "@id": format!("{listing}#begrippen"),
        "name": format!("{} · {}", kind.plural_label(site.config.language), site.config.title),
        "url": listing,
    }))
}

fn note(site: &Site, id: NoteId) -> Map<String, Value> {
    let note = &site.notes[id];
    let page_url = site.config.absolute_url(&note.url_path);
    let mut node = match note.kind {
        Kind::Lexicon | Kind::Definition => {
            let mut node = object("DefinedTerm");
            if let Some(set) = defined_term_set(site) {
                node.insert("inDefinedTermSet".into(), set);
            }
            node
        }
        Kind::Publication => publication(note, &page_url),
        Kind::Project => project(note),
        Kind::ReadingList => match item_list(site, id) {
            Value::Object(map) => map,
            _ => object("ItemList"),
        },
        Kind::Note => {
            let mut node = object("Article");
            node.insert("headline".into(), json!(note.title));
            node
        }
    };
    node.insert("name".into(), json!(note.title));
    if let Some(summary) = &note.summary {
        node.insert("description".into(), json!(summary));
    }
    if !note.aliases.is_empty() {
        node.insert("alternateName".into(), json!(note.aliases));
    }
    // A publication's `date` is when the note was written; its `year` is the work's.
    if let Some(date) = note.date.filter(|_| note.kind != Kind::Publication) {
        node.insert("datePublished".into(), json!(date.to_string()));
    }
    if let Some(updated) = note.updated {
        node.insert("dateModified".into(), json!(updated.to_string()));
    }
    let tags = note.facet("tags");
    if !tags.is_empty() {
        node.insert("keywords".into(), json!(tags.join(", ")));
    }
    node.entry("url").or_insert(json!(page_url));
    node
}

fn publication(note: &Note, page_url: &str) -> Map<String, Value> {
    let mut node = object("CreativeWork");
    let KindData::Publication {
        url,
        publisher,
        year,
        authors,
    } = &note.kind_data
    else {
        return node;
    };
    // The work lives at its own address; this page is about it.
    node.insert("url".into(), json!(url));
    node.insert("mainEntityOfPage".into(), json!(page_url));
    if let Some(publisher) = publisher {
        node.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": publisher }),
        );
    }
    if !authors.is_empty() {
        let people: Vec<Value> = authors
            .iter()
            .map(|a| json!({ "@type": "Person", "name": a }))
            .collect();
        node.insert("author".into(), Value::Array(people));
    }
    if let Some(year) = year {
        node.insert("datePublished".into(), json!(year.to_string()));
    }
    node
}

fn project(note: &Note) -> Map<String, Value> {
    // schema.org's `Project` is an `Organization` undertaken to reach an aim.
    let mut node = object("Project");
    if let KindData::Project {
        organisation,
        place,
        website,
    } = &note.kind_data
    {
        if let Some(place) = place {
            node.insert(
                "location".into(),
                json!({ "@type": "Place", "name": place }),
            );
        }
        if let Some(organisation) = organisation {
            node.insert(
                "parentOrganization".into(),
                json!({ "@type": "Organization", "name": organisation }),
            );
        }
        if let Some(website) = website {
            node.insert("sameAs".into(), json!(website));
        }
    }
    node
}

fn item_list(site: &Site, id: NoteId) -> Value {
    let note = &site.notes[id];
    let elements: Vec<Value> = reading_list::items(site, id)
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let (name, url) = match item.entry {
                Entry::Note(target) => (
                    site.notes[target].title.clone(),
                    site.config.absolute_url(&site.notes[target].url_path),
                ),
                Entry::External { url, label } => (label, url),
            };
            json!({ "@type": "ListItem", "position": i + 1, "name": name, "url": url })
        })
        .collect();
    json!({
        "@type": "ItemList",
        "name": note.title,
        "url": site.config.absolute_url(&note.url_path),
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": elements.len(),
        "itemListElement": elements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_script_element() {
        let text = script_text(&json!({ "name": "</script><script>alert(1)</script> & <!--" }));
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & <!--");
    }
}
