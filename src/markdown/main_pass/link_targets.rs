//! Links as they open: each sorted into internal (a placeholder the link stage fills),
//! external (kept, and listed) or kept as written; its label is the text read until it ends.

use pulldown_cmark::{CowStr, LinkType};

use super::super::links::{self, Destination};
use super::super::{ExternalLink, LinkRef, PLACEHOLDER};
use super::MainPass;

pub(super) struct OpenLink {
    pub(super) index: Option<usize>,
    pub(super) is_wiki_without_label: bool,
    pub(super) label: String,
    pub(super) external: Option<usize>,
    /// An `obsidian://` link shows only its text: its end tag is dropped too.
    pub(super) dropped: bool,
}

impl<'p, 'a> MainPass<'p, 'a> {
    pub(super) fn set_label(&mut self, open: &OpenLink, label: String) {
        if let Some(i) = open.index {
            self.out.links[i].label = label.clone();
        }
        if let Some(i) = open.external {
            self.out.external_links[i].label = label;
        }
    }

    pub(super) fn start_link<'e>(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'e>,
        line: usize,
        written: String,
        is_image: bool,
    ) -> (CowStr<'e>, OpenLink) {
        let mut open = OpenLink {
            index: None,
            is_wiki_without_label: matches!(link_type, LinkType::WikiLink { has_pothole: false }),
            label: String::new(),
            external: None,
            dropped: false,
        };
        let out = &mut *self.out;
        let order = out.links.len() + out.external_links.len();
        let dest = match links::classify(&dest_url, link_type, self.pos) {
            Destination::Keep => dest_url,
            Destination::External(url) => {
                open.external = Some(out.external_links.len());
                out.external_links.push(ExternalLink {
                    url: url.clone(),
                    line,
                    label: String::new(),
                    is_image,
                    order,
                    list: self.list,
                });
                url.into()
            }
            Destination::Rewritten(url) => url.into(),
            Destination::Internal(target) => {
                let index = out.links.len();
                open.index = Some(index);
                out.links.push(LinkRef {
                    target,
                    line,
                    written,
                    label: String::new(),
                    is_image,
                    order,
                    list: self.list,
                });
                format!("{PLACEHOLDER}{index}").into()
            }
        };
        (dest, open)
    }
}
