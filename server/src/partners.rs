//! Partner allowlist: which partner ids exist and from which exact origins a
//! browser may post records for each of them (the CORS allowlist and the
//! server-side Origin ↔ partner check).
//!
//! File format (`--partners FILE`): a JSON object mapping a partner id to its
//! allowed origins, e.g. `{"bank-site": ["https://bank.example"]}`. The
//! placeholder `{port}` inside an origin is replaced by the listening port, so
//! the demo file can allow `http://127.0.0.1:{port}` whatever `PORT` is.

use std::collections::{BTreeMap, BTreeSet};

/// Partner ids and their allowed origins.
#[derive(Debug, Clone, Default)]
pub struct Partners {
    by_id: BTreeMap<String, BTreeSet<String>>,
    all_origins: BTreeSet<String>,
}

impl Partners {
    /// Parses the partner file's JSON text; `{port}` is replaced by `port`.
    pub fn from_json(text: &str, port: u16) -> Result<Partners, String> {
        let raw: BTreeMap<String, Vec<String>> = serde_json::from_str(text).map_err(|e| {
            format!("partners file: expected {{\"partner-id\": [\"origin\", ...]}}: {e}")
        })?;
        let mut by_id = BTreeMap::new();
        for (id, origins) in raw {
            if !valid_partner_id(&id) {
                return Err(format!(
                    "partners file: partner id `{id}` must be 1-64 characters of a-z, 0-9, '-', '_' or '.'"
                ));
            }
            let mut set = BTreeSet::new();
            for (i, o) in origins.into_iter().enumerate() {
                let o = o.replace("{port}", &port.to_string());
                if !valid_origin(&o) {
                    return Err(format!(
                        "partners file: `{id}`[{i}]: `{o}` is not an origin (scheme://host[:port], no path)"
                    ));
                }
                set.insert(o);
            }
            by_id.insert(id, set);
        }
        Ok(Partners::from_map(by_id))
    }

    /// Builds the allowlist from a map (tests, defaults).
    pub fn from_map(by_id: BTreeMap<String, BTreeSet<String>>) -> Partners {
        let all_origins = by_id.values().flatten().cloned().collect();
        Partners { by_id, all_origins }
    }

    /// The demo allowlist used when no file is given: `bank-site` and
    /// `vc-portal-1`, both from `http://127.0.0.1:PORT` and `http://localhost:PORT`.
    pub fn demo(port: u16) -> Partners {
        let origins: BTreeSet<String> = [
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ]
        .into();
        Partners::from_map(
            [
                ("bank-site".to_string(), origins.clone()),
                ("vc-portal-1".to_string(), origins),
            ]
            .into(),
        )
    }

    /// Whether the partner id is known.
    pub fn contains(&self, partner: &str) -> bool {
        self.by_id.contains_key(partner)
    }

    /// Whether `origin` may post records for `partner`.
    pub fn allows(&self, partner: &str, origin: &str) -> bool {
        self.by_id.get(partner).is_some_and(|s| s.contains(origin))
    }

    /// Whether any partner allows `origin` (CORS preflight, response headers).
    pub fn any_allows(&self, origin: &str) -> bool {
        self.all_origins.contains(origin)
    }

    /// Partner ids, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }
}

/// Partner ids: 1–64 characters of `a-z 0-9 - _ .`.
pub fn valid_partner_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

fn valid_origin(o: &str) -> bool {
    let Some((scheme, rest)) = o.split_once("://") else {
        return false;
    };
    (scheme == "http" || scheme == "https")
        && !rest.is_empty()
        && !rest.contains('/')
        && !rest.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_substitutes_port() {
        let p = Partners::from_json(
            r#"{"bank-site":["http://127.0.0.1:{port}"],"vc":["https://vc.example"]}"#,
            8123,
        )
        .unwrap();
        assert!(p.allows("bank-site", "http://127.0.0.1:8123"));
        assert!(!p.allows("bank-site", "https://vc.example"));
        assert!(p.any_allows("https://vc.example"));
        assert!(!p.contains("nobody"));
    }

    #[test]
    fn rejects_bad_files() {
        assert!(
            Partners::from_json("[]", 1)
                .unwrap_err()
                .contains("partners file")
        );
        let e = Partners::from_json(r#"{"Bad Id":[]}"#, 1).unwrap_err();
        assert!(e.contains("Bad Id"), "{e}");
        let e = Partners::from_json(r#"{"a":["https://x.example/path"]}"#, 1).unwrap_err();
        assert!(e.contains("`a`[0]"), "{e}");
    }
}
