//! JSON Canvas 1.0 (jsoncanvas.org, `spec/1.0.md`) read with serde: nodes (text, file, link,
//! group) and edges. Errors name the line of the JSON.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::message;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Canvas {
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Node {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(flatten)]
    pub kind: NodeKind,
    /// The line of its `id` in the file, for messages about what it says.
    #[serde(skip)]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum NodeKind {
    Text {
        text: String,
    },
    File {
        file: String,
        #[serde(default)]
        subpath: Option<String>,
    },
    Link {
        url: String,
    },
    Group {
        #[serde(default)]
        label: Option<String>,
    },
    /// A node type a later version or a plugin adds: left out of the drawing.
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Top,
    Right,
    Bottom,
    Left,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum End {
    #[default]
    None,
    Arrow,
}

fn arrow() -> End {
    End::Arrow
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Edge {
    pub id: String,
    pub from_node: String,
    #[serde(default)]
    pub from_side: Option<Side>,
    #[serde(default)]
    pub from_end: End,
    pub to_node: String,
    #[serde(default)]
    pub to_side: Option<Side>,
    #[serde(default = "arrow")]
    pub to_end: End,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
}

impl Node {
    pub fn contains(&self, other: &Node) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.width <= self.x + self.width
            && other.y + other.height <= self.y + self.height
    }

    pub fn is_group(&self) -> bool {
        matches!(self.kind, NodeKind::Group { .. })
    }
}

/// A colour as the canvas gives it: a preset `"1"`–`"6"` or a hex colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Color {
    Preset(u8),
    Hex(String),
}

pub fn color(value: Option<&str>) -> Option<Color> {
    let v = value?.trim();
    if let Ok(n @ 1..=6) = v.parse::<u8>() {
        return Some(Color::Preset(n));
    }
    let hex = v.strip_prefix('#')?;
    (matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| Color::Hex(format!("#{hex}")))
}

/// Reads a canvas; a broken file is one error with its line. Edges to missing nodes and
/// repeated ids are warnings and are left out.
pub fn parse(json: &str, file: &Path) -> (Option<Canvas>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if json.trim().is_empty() {
        return (Some(Canvas::default()), diagnostics);
    }
    let mut canvas: Canvas = match serde_json::from_str(json) {
        Ok(c) => c,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                file,
                Some(e.line()),
                message!(
                    "canvas: dit is geen geldig JSON Canvas-bestand: {}",
                    "canvas: this is not a valid JSON Canvas file: {}",
                    strip_position(&e.to_string())
                ),
            ));
            return (None, diagnostics);
        }
    };
    let line_of = |id: &str| {
        let needle = format!("\"{id}\"");
        json.lines()
            .position(|l| l.contains(&needle))
            .map(|i| i + 1)
    };
    let mut seen = std::collections::HashSet::new();
    canvas.nodes.retain(|n| {
        if matches!(n.kind, NodeKind::Other) {
            return false;
        }
        if !seen.insert(n.id.clone()) {
            diagnostics.push(Diagnostic::warning(
                file,
                line_of(&n.id),
                message!(
                    "canvas: twee kaarten hebben de id `{}`; de tweede is weggelaten",
                    "canvas: two nodes have the id `{}`; the second is left out",
                    n.id
                ),
            ));
            return false;
        }
        true
    });
    canvas.edges.retain(|e| {
        let missing = [&e.from_node, &e.to_node]
            .into_iter()
            .find(|id| !seen.contains(*id));
        if let Some(id) = missing {
            diagnostics.push(Diagnostic::warning(
                file,
                line_of(&e.id),
                message!(
                    "canvas: verbinding `{}` gaat naar kaart `{id}`, en die bestaat niet",
                    "canvas: connection `{}` goes to node `{id}`, which does not exist",
                    e.id
                ),
            ));
        }
        missing.is_none()
    });
    for node in &mut canvas.nodes {
        node.line = line_of(&node.id);
    }
    for (what, id, c) in canvas
        .nodes
        .iter()
        .map(|n| (("kaart", "node"), &n.id, &n.color))
        .chain(
            canvas
                .edges
                .iter()
                .map(|e| (("verbinding", "connection"), &e.id, &e.color)),
        )
    {
        if let Some(c) = c
            && color(Some(c)).is_none()
        {
            diagnostics.push(Diagnostic::warning(
                file,
                line_of(id),
                {
                    let (nl, en) = what;
                    message!(
                        "canvas: {nl} `{id}` heeft de kleur `{c}`; gebruik 1–6 of een hexkleur zoals #2a6",
                        "canvas: {en} `{id}` has colour `{c}`; use 1–6 or a hex colour such as #2a6"
                    )
                },
            ));
        }
    }
    (Some(canvas), diagnostics)
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
