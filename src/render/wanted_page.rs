//! The "Gevraagde pagina's" page: every note a link asks for that does not exist yet, with
//! links to the notes that ask for it.

use serde::Serialize;

use super::context::Urls;
use crate::site::Site;

#[derive(Serialize)]
pub struct WantedItem {
    pub name: String,
    pub count: usize,
    pub from: Vec<WantedFrom>,
}

#[derive(Serialize)]
pub struct WantedFrom {
    pub title: String,
    pub url: String,
}

pub fn context(site: &Site) -> Vec<WantedItem> {
    let urls = Urls { site };
    crate::wanted::wanted_pages(site)
        .into_iter()
        .map(|w| {
            let mut ids: Vec<_> = w.from.iter().map(|(id, _)| *id).collect();
            ids.dedup();
            WantedItem {
                name: w.name,
                count: w.from.len(),
                from: ids
                    .into_iter()
                    .map(|id| WantedFrom {
                        title: site.notes[id].title.clone(),
                        url: urls.note(id),
                    })
                    .collect(),
            }
        })
        .collect()
}
