//! The drawing: one inline SVG with a viewBox around all nodes, at the canvas's own size so
//! it scrolls on a phone and zooms without loss. Node contents are HTML in `foreignObject`;
//! edges are curves leaving and entering the nodes' sides, as Obsidian draws them.

use super::content::NodeContent;
use super::model::{Canvas, Color, Edge, End, Node, NodeKind, Side, color};
use crate::html::escape;

const PAD: f64 = 40.0;

pub fn svg(canvas: &Canvas, contents: &[NodeContent], title: &str) -> String {
    let (min_x, min_y, max_x, max_y) = bounds(canvas);
    let (w, h) = (max_x - min_x, max_y - min_y);
    let mut out = format!(
        "<svg class=\"canvas-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" data-width=\"{}\" aria-hidden=\"true\" focusable=\"false\"><title>{}</title>\n",
        n(min_x),
        n(min_y),
        n(w),
        n(h),
        n(w),
        n(h),
        n(w),
        escape(title)
    );
    // Groups below everything, then the connections, then the other nodes in file order (the
    // spec's z-order).
    for node in &canvas.nodes {
        if node.is_group() {
            group(&mut out, node);
        }
    }
    for edge in &canvas.edges {
        let from = canvas.nodes.iter().find(|n| n.id == edge.from_node);
        let to = canvas.nodes.iter().find(|n| n.id == edge.to_node);
        if let (Some(from), Some(to)) = (from, to) {
            connection(&mut out, edge, from, to);
        }
    }
    for (node, content) in canvas.nodes.iter().zip(contents) {
        if !node.is_group() {
            card(&mut out, node, content);
        }
    }
    out.push_str("</svg>");
    out
}

fn n(v: f64) -> String {
    crate::bases::expr::value::format_number((v * 10.0).round() / 10.0)
}

fn bounds(canvas: &Canvas) -> (f64, f64, f64, f64) {
    if canvas.nodes.is_empty() {
        return (0.0, 0.0, 400.0, 200.0);
    }
    let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for node in &canvas.nodes {
        // A group's label stands above it.
        let top = if node.is_group() {
            node.y - 36.0
        } else {
            node.y
        };
        b.0 = b.0.min(node.x);
        b.1 = b.1.min(top);
        b.2 = b.2.max(node.x + node.width);
        b.3 = b.3.max(node.y + node.height);
    }
    (b.0 - PAD, b.1 - PAD, b.2 + PAD, b.3 + PAD)
}

/// The class and inline style that colour a node or edge: presets by class (the theme sets
/// them), hex colours as a custom property.
fn paint(value: Option<&str>) -> (String, String) {
    match color(value) {
        Some(Color::Preset(p)) => (format!(" canvas-color-{p}"), String::new()),
        Some(Color::Hex(hex)) => (
            " canvas-color-custom".into(),
            format!(" style=\"--canvas-color:{hex}\""),
        ),
        None => (String::new(), String::new()),
    }
}

fn group(out: &mut String, node: &Node) {
    let (class, style) = paint(node.color.as_deref());
    out.push_str(&format!(
        "<g class=\"canvas-group{class}\"{style}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"12\"/>",
        n(node.x), n(node.y), n(node.width), n(node.height)
    ));
    if let NodeKind::Group { label: Some(label) } = &node.kind
        && !label.trim().is_empty()
    {
        out.push_str(&format!(
            "<text class=\"canvas-group-label\" x=\"{}\" y=\"{}\">{}</text>",
            n(node.x + 4.0),
            n(node.y - 12.0),
            escape(label)
        ));
    }
    out.push_str("</g>\n");
}

fn card(out: &mut String, node: &Node, content: &NodeContent) {
    let (class, style) = paint(node.color.as_deref());
    let kind = match node.kind {
        NodeKind::Text { .. } => "text",
        NodeKind::File { .. } => "file",
        NodeKind::Link { .. } => "link",
        _ => "other",
    };
    let (x, y, w, h) = (n(node.x), n(node.y), n(node.width), n(node.height));
    out.push_str(&format!(
        "<g class=\"canvas-node canvas-{kind}{class}\"{style}><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"8\"/>"
    ));
    match &content.image {
        Some(src) => out.push_str(&format!(
            "<image href=\"{}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" preserveAspectRatio=\"xMidYMid meet\"/>",
            escape(src)
        )),
        None => out.push_str(&format!(
            "<foreignObject x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"><div xmlns=\"http://www.w3.org/1999/xhtml\" class=\"canvas-card\">{}</div></foreignObject>",
            drawing_copy(&content.html)
        )),
    }
    out.push_str("</g>\n");
}

/// The drawing repeats what the text version says, hidden from screen readers; its links
/// leave the tab order (the text version's are the ones to use) and its ids are dropped so
/// the page has each id once.
fn drawing_copy(html: &str) -> String {
    html.replace(" id=\"", " data-id=\"")
        .replace("<a href=", "<a tabindex=\"-1\" href=")
}

type Point = (f64, f64);

fn side_point(node: &Node, side: Side) -> Point {
    let (cx, cy) = (node.x + node.width / 2.0, node.y + node.height / 2.0);
    match side {
        Side::Top => (cx, node.y),
        Side::Bottom => (cx, node.y + node.height),
        Side::Left => (node.x, cy),
        Side::Right => (node.x + node.width, cy),
    }
}

fn normal(side: Side) -> Point {
    match side {
        Side::Top => (0.0, -1.0),
        Side::Bottom => (0.0, 1.0),
        Side::Left => (-1.0, 0.0),
        Side::Right => (1.0, 0.0),
    }
}

/// The side facing the other node, when the canvas does not say.
fn facing(node: &Node, other: &Node) -> Side {
    let dx = (other.x + other.width / 2.0) - (node.x + node.width / 2.0);
    let dy = (other.y + other.height / 2.0) - (node.y + node.height / 2.0);
    if dx.abs() > dy.abs() {
        if dx > 0.0 { Side::Right } else { Side::Left }
    } else if dy > 0.0 {
        Side::Bottom
    } else {
        Side::Top
    }
}

fn connection(out: &mut String, edge: &Edge, from: &Node, to: &Node) {
    let from_side = edge.from_side.unwrap_or_else(|| facing(from, to));
    let to_side = edge.to_side.unwrap_or_else(|| facing(to, from));
    let p0 = side_point(from, from_side);
    let p3 = side_point(to, to_side);
    let dist = ((p3.0 - p0.0).powi(2) + (p3.1 - p0.1).powi(2)).sqrt();
    let pull = (dist / 3.0).clamp(30.0, 150.0);
    let (n0, n3) = (normal(from_side), normal(to_side));
    let p1 = (p0.0 + n0.0 * pull, p0.1 + n0.1 * pull);
    let p2 = (p3.0 + n3.0 * pull, p3.1 + n3.1 * pull);
    let (class, style) = paint(edge.color.as_deref());
    out.push_str(&format!(
        "<g class=\"canvas-edge{class}\"{style}><path d=\"M{} {} C{} {} {} {} {} {}\"/>",
        n(p0.0),
        n(p0.1),
        n(p1.0),
        n(p1.1),
        n(p2.0),
        n(p2.1),
        n(p3.0),
        n(p3.1)
    ));
    if edge.to_end == End::Arrow {
        arrowhead(out, p3, n3);
    }
    if edge.from_end == End::Arrow {
        arrowhead(out, p0, n0);
    }
    if let Some(label) = edge.label.as_deref().filter(|l| !l.trim().is_empty()) {
        // The curve's midpoint, B(½).
        let mx = (p0.0 + 3.0 * p1.0 + 3.0 * p2.0 + p3.0) / 8.0;
        let my = (p0.1 + 3.0 * p1.1 + 3.0 * p2.1 + p3.1) / 8.0;
        // Above a level line rather than on it, so a short edge keeps its arrow visible.
        let my = if (p3.0 - p0.0).abs() > (p3.1 - p0.1).abs() {
            my - 8.0
        } else {
            my + 5.0
        };
        out.push_str(&format!(
            "<text class=\"canvas-edge-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            n(mx),
            n(my),
            escape(label)
        ));
    }
    out.push_str("</g>\n");
}

/// A triangle at `tip`, pointing into the node along the side's inward direction.
fn arrowhead(out: &mut String, tip: Point, side_normal: Point) {
    let (nx, ny) = side_normal;
    let (len, half) = (14.0, 7.0);
    let base = (tip.0 + nx * len, tip.1 + ny * len);
    let a = (base.0 - ny * half, base.1 + nx * half);
    let b = (base.0 + ny * half, base.1 - nx * half);
    out.push_str(&format!(
        "<polygon class=\"canvas-arrow\" points=\"{},{} {},{} {},{}\"/>",
        n(tip.0),
        n(tip.1),
        n(a.0),
        n(a.1),
        n(b.0),
        n(b.1)
    ));
}
