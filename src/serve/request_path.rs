//! Request targets to output paths. The server only ever looks paths up among the files the
//! build produced, never on disk; on top of that, anything that could name a place outside the
//! site (`..`, encoded or not, backslashes, NUL bytes, drive letters) is refused outright.

use percent_encoding::percent_decode_str;

/// Why a request target is refused.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused;

/// `/projecten/x/?q=1` → `projecten/x/index.html`; `/css/site.css` → `css/site.css`.
pub fn output_path(target: &str) -> Result<String, Refused> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    // A proxy-style absolute target: `http://host/path`.
    let path = match path.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => {
            rest.find('/').map_or("/", |i| &rest[i..])
        }
        _ => path,
    };
    if !path.starts_with('/') || path.contains('\\') {
        return Err(Refused);
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refused)?;
    if decoded.contains(['\0', '\\']) {
        return Err(Refused);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Err(Refused),
            s if segments.is_empty() && is_drive(s) => return Err(Refused),
            s => segments.push(s),
        }
    }
    let mut out = segments.join("/");
    if decoded.ends_with('/') || out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Ok(out)
}

/// `C:`: a Windows drive, never a page of ours.
fn is_drive(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.len() == 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_files_map_to_output_paths() {
        for (target, want) in [
            ("/", "index.html"),
            (
                "/projecten/golden-sports/",
                "projecten/golden-sports/index.html",
            ),
            (
                "/projecten/golden-sports/?q=x#kop",
                "projecten/golden-sports/index.html",
            ),
            ("/css/site.css", "css/site.css"),
            (
                "/projecten/foto%20met%20spatie.png",
                "projecten/foto met spatie.png",
            ),
            ("/een//twee/", "een/twee/index.html"),
            ("http://127.0.0.1:1111/atom.xml", "atom.xml"),
        ] {
            assert_eq!(output_path(target).as_deref(), Ok(want), "{target}");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_is_refused() {
        for target in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2fetc/passwd",
            "/.%2e/etc/passwd",
            "/a\\..\\..\\etc\\passwd",
            "/a%5c..%5cetc",
            "/index.html%00.png",
            "/C:/Windows/win.ini",
            "etc/passwd",
            "/%ff%fe",
            "/./index.html",
        ] {
            assert_eq!(output_path(target), Err(Refused), "{target}");
        }
    }
}
