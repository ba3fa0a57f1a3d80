//! The text version of a canvas, since a drawing alone fails WCAG: every node in reading
//! order (top to bottom, left to right; a group holds the nodes drawn inside it) with its
//! connections as in-page links.

use super::content::NodeContent;
use super::model::{Canvas, End, Node};
use super::{CanvasOptions, words};
use crate::html::escape;
use crate::slug::slugify;

pub fn html(
    canvas: &Canvas,
    contents: &[NodeContent],
    opts: &CanvasOptions<'_>,
    id: &str,
) -> String {
    let parents = parents(&canvas.nodes);
    let w = words(opts.language);
    let h = opts.heading_level.clamp(2, 5);
    let mut out = format!(
        "<section class=\"canvas-text\" aria-labelledby=\"{id}-text\">\n<h{h} id=\"{id}-text\">{}</h{h}>\n",
        w.text_version
    );
    if canvas.nodes.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", w.empty));
    } else {
        list(&mut out, canvas, contents, &parents, None, opts, id);
    }
    out.push_str("</section>\n");
    out
}

/// The id of a node's entry, from the canvas's own node id.
pub fn item_id(id: &str, node_id: &str) -> String {
    format!("{id}-n-{}", slugify(node_id))
}

/// For each node, the smallest group drawn around it.
fn parents(nodes: &[Node]) -> Vec<Option<usize>> {
    let area = |n: &Node| n.width * n.height;
    nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            nodes
                .iter()
                .enumerate()
                .filter(|(j, g)| {
                    *j != i && g.is_group() && g.contains(node) && area(g) > area(node)
                })
                .min_by(|(_, a), (_, b)| area(a).total_cmp(&area(b)))
                .map(|(j, _)| j)
        })
        .collect()
}

/// Reading order: rows of about one line's height, then left to right.
fn reading_key(node: &Node) -> (i64, i64) {
    ((node.y / 24.0).floor() as i64, node.x.round() as i64)
}

fn list(
    out: &mut String,
    canvas: &Canvas,
    contents: &[NodeContent],
    parents: &[Option<usize>],
    parent: Option<usize>,
    opts: &CanvasOptions<'_>,
    id: &str,
) {
    let mut children: Vec<usize> = (0..canvas.nodes.len())
        .filter(|i| parents[*i] == parent)
        .collect();
    if children.is_empty() {
        return;
    }
    children.sort_by_key(|i| reading_key(&canvas.nodes[*i]));
    out.push_str("<ol class=\"canvas-items\">\n");
    for i in children {
        item(out, canvas, contents, parents, i, opts, id);
    }
    out.push_str("</ol>\n");
}

fn item(
    out: &mut String,
    canvas: &Canvas,
    contents: &[NodeContent],
    parents: &[Option<usize>],
    i: usize,
    opts: &CanvasOptions<'_>,
    id: &str,
) {
    let w = words(opts.language);
    let node = &canvas.nodes[i];
    let content = &contents[i];
    out.push_str(&format!(
        "<li id=\"{}\" class=\"canvas-item\">",
        item_id(id, &node.id)
    ));
    if node.is_group() {
        out.push_str(&format!(
            "<p class=\"canvas-item-group\"><strong>{}</strong> ({})</p>",
            escape(&content.title),
            w.group_lower
        ));
    } else {
        out.push_str(&format!(
            "<div class=\"canvas-item-body\">{}</div>",
            content.html
        ));
    }
    let mut links = Vec::new();
    for edge in &canvas.edges {
        let (other, direction) = if edge.from_node == node.id {
            (&edge.to_node, Direction::of(edge.from_end, edge.to_end))
        } else if edge.to_node == node.id {
            (&edge.from_node, Direction::of(edge.to_end, edge.from_end))
        } else {
            continue;
        };
        let Some(j) = canvas.nodes.iter().position(|n| &n.id == other) else {
            continue;
        };
        let verb = match direction {
            Direction::Out => w.to,
            Direction::In => w.from,
            Direction::Both => w.with,
        };
        let label = edge
            .label
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!(" ({})", escape(l)))
            .unwrap_or_default();
        links.push(format!(
            "<li>{verb} <a href=\"#{}\">{}</a>{label}</li>",
            item_id(id, &canvas.nodes[j].id),
            escape(&contents[j].title)
        ));
    }
    if !links.is_empty() {
        out.push_str(&format!(
            "<ul class=\"canvas-item-links\">{}</ul>",
            links.join("")
        ));
    }
    list(out, canvas, contents, parents, Some(i), opts, id);
    out.push_str("</li>\n");
}

enum Direction {
    Out,
    In,
    Both,
}

impl Direction {
    /// Seen from one end of an edge: `own` is the arrow at this end, `far` at the other.
    fn of(own: End, far: End) -> Direction {
        match (own, far) {
            (End::None, End::Arrow) => Direction::Out,
            (End::Arrow, End::None) => Direction::In,
            _ => Direction::Both,
        }
    }
}
