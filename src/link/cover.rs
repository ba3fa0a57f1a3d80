//! `image:` / `cover:`, the page's social and card image, found as an embed's file is: a path
//! in the vault (`Bijlagen/bus.png`, `/Bijlagen/bus.png`), a wikilink (`"[[bus.png]]"`,
//! `"![[bus.png|200]]"`), or a bare file name, by Obsidian's rule for names (`file_by_name`).
//! An address elsewhere is not used (sites load nothing from third parties), and neither is a
//! file that is not there or is no image: both are warnings at the property's line.

use super::resolve::Resolver;
use super::{NoteId, Resolved};
use crate::diagnostic::Diagnostic;
use crate::message;
use crate::message::Message;

/// Extensions a browser shows as an image (what `og:image` and a card can use).
const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp"];

impl Resolver<'_> {
    /// The content file of note `from`'s cover image, if it has one that resolves.
    pub fn resolve_cover(&self, from: NoteId, problems: &mut Vec<Diagnostic>) -> Option<usize> {
        let note = &self.notes[from];
        let (written, line) = note.image.as_ref()?;
        let mut warn = |message: Message| {
            problems.push(Diagnostic::warning(&note.source_path, Some(*line), message));
        };
        let target = target_of(written);
        if target.is_empty() {
            return None;
        }
        if is_elsewhere(target) {
            warn(message!(
                "image: `{target}` staat op een andere plek; zet de afbeelding in de kluis en noem haar hier",
                "image: `{target}` is an address elsewhere; put the image in the vault and name it here"
            ));
            return None;
        }
        let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        let name = decoded.trim_start_matches("./");
        match self.file_by_name(from, name) {
            Ok(Resolved::File(file)) if is_image(name) => Some(file),
            Ok(_) => {
                warn(message!(
                    "image: `{target}` is geen afbeelding",
                    "image: `{target}` is no image"
                ));
                None
            }
            Err(_) => {
                warn(message!(
                    "image: er is geen bestand `{target}` in de kluis",
                    "image: no file `{target}` in the vault"
                ));
                None
            }
        }
    }
}

/// `"![[bus.png|200]]"` → `bus.png`; `Bijlagen/bus.png` stays.
fn target_of(written: &str) -> &str {
    let text = written.trim();
    let inner = text
        .strip_prefix('!')
        .unwrap_or(text)
        .strip_prefix("[[")
        .and_then(|t| t.strip_suffix("]]"));
    match inner {
        Some(inner) => inner.split(['|', '#']).next().unwrap_or("").trim(),
        None => text,
    }
}

fn is_elsewhere(target: &str) -> bool {
    target.starts_with("//")
        || target.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

fn is_image(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::{is_elsewhere, target_of};

    #[test]
    fn the_forms_an_image_property_takes() {
        assert_eq!(target_of("[[bus.png]]"), "bus.png");
        assert_eq!(target_of(" ![[Bijlagen/bus.png|200]] "), "Bijlagen/bus.png");
        assert_eq!(target_of("bus.png"), "bus.png");
        assert!(is_elsewhere("https://a.nl/bus.png"));
        assert!(is_elsewhere("//a.nl/bus.png"));
        assert!(is_elsewhere("data:image/png;base64,AAAA"));
        assert!(!is_elsewhere("Bijlagen/bus.png"));
        assert!(!is_elsewhere("C/bus: een foto.png"));
    }
}
