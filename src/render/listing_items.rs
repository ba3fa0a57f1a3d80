//! Every item of a long listing as data (`items.json` beside the listing), so that the
//! listing's filters work across all its pages: fetched by `listing-pages.js` only once a reader
//! filters. Each item holds what the page's markup shows of it, in the listing's order,
//! except its summary: with summaries the file of all 10,000 notes was 530 KB gzip, without
//! them a fifth of that, and a filtered list is scanned by title.

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{SerializeTuple, Serializer};

use super::items::Item;
use super::listing::{ListingContext, items_of};
use crate::site::Site;

#[derive(Serialize)]
struct Items<'a> {
    layout: &'static str,
    /// The kind labels items refer to by number.
    kinds: Vec<&'static str>,
    /// Per item `[title, url, [values], kind]`, and for publications also publisher and year.
    /// Values are numbered as the panel's checkboxes stand, across its facets in order: at
    /// 10,000 notes names made the file three times the size.
    items: Vec<Row<'a>>,
}

/// One item as a JSON array, written straight from the item (as `serde_json::Value`s, each
/// item's strings were copied once more).
struct Row<'a> {
    item: &'a Item,
    values: Vec<usize>,
    kind: usize,
    publication: bool,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut row = serializer.serialize_tuple(if self.publication { 6 } else { 4 })?;
        row.serialize_element(&self.item.title)?;
        row.serialize_element(&self.item.url)?;
        row.serialize_element(&self.values)?;
        row.serialize_element(&self.kind)?;
        if self.publication {
            row.serialize_element(&self.item.publisher)?;
            row.serialize_element(&self.item.year)?;
        }
        row.end()
    }
}

pub fn render_whole(site: &Site, ctx: &ListingContext) -> Vec<u8> {
    render_items(ctx, &items_of(site, ctx, &ctx.ids))
}

/// `render_whole` with the listing's items already made, in its order.
pub fn render_items(ctx: &ListingContext, all: &[Item]) -> Vec<u8> {
    let mut number: HashMap<String, usize> = HashMap::new();
    for facet in &ctx.filters {
        for value in &facet.values {
            let next = number.len();
            number.insert(format!("{}={}", facet.key, value.slug), next);
        }
    }
    let mut kinds: Vec<&'static str> = Vec::new();
    let items = all
        .iter()
        .map(|item| {
            let values: Vec<usize> = item
                .filter
                .split(' ')
                .filter_map(|token| number.get(token).copied())
                .collect();
            let kind = kinds
                .iter()
                .position(|k| *k == item.kind_label)
                .unwrap_or_else(|| {
                    kinds.push(item.kind_label);
                    kinds.len() - 1
                });
            Row {
                item,
                values,
                kind,
                publication: ctx.layout == "publication",
            }
        })
        .collect();
    serde_json::to_vec(&Items {
        layout: ctx.layout,
        kinds,
        items,
    })
    .unwrap_or_default()
}
