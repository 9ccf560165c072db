//! Document identity: the name a document's IRIs are minted from (`doc/NAME`, `graph/NAME`)
//! comes from the document, not from the file it was read from.
//!
//! - A document that bears a symbol is named by it: `A/RES/76/7` → `a-res-76-7`,
//!   `A/C.3/80/L.18` → `a-c3-80-l18`. Extracting the same symbol again, from any file or format,
//!   replaces it (the caller says so when the file differs).
//! - A summary of a document bears the symbol of what it summarises, so it keeps its file name,
//!   as does a document without a symbol.
//! - A name taken from a file is kept distinct per path: when the store (or the same run)
//!   already holds that name from another path, the name gets a short key of the path
//!   (`notes-3f2a9c1e`). Each document records the key of its path (`tip:sourceKey`), so a
//!   later run can tell the same file from another one of the same name.

use std::collections::HashMap;
use std::path::Path;

use oxigraph::model::{Literal, NamedNode, Quad, Term};

use crate::model::{DocKind, Extraction};
use crate::rdf::Iris;
use crate::rdf::vocab;
use crate::store::GraphStore;

/// The name minted from a symbol: lower case, `/` and spaces as `-`, dots dropped.
pub fn symbol_name(symbol: &str) -> String {
    symbol
        .trim()
        .chars()
        .filter(|&c| c != '.')
        .map(|c| match c {
            '/' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A stable key of the file a document came from: 16 hex digits of a 64-bit FNV-1a hash of its
/// canonical path (as given when it cannot be resolved).
pub fn path_key(path: &Path) -> String {
    let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in p.as_os_str().as_encoded_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The document's own name, if it has one: from its (first) symbol, unless it is a summary.
pub fn symbol_identity(x: &Extraction) -> Option<String> {
    if x.segmented.meta.kind == DocKind::Summary {
        return None;
    }
    x.segmented
        .meta
        .symbols
        .first()
        .map(|s| symbol_name(s))
        .filter(|n| !n.is_empty())
}

/// The name [`Namer::name`] gives a document unless another file already holds it: its symbol's,
/// else its file's (so a graph can be built before the store is consulted, and rebuilt in the
/// rare case the name differs).
pub fn provisional_name(x: &Extraction) -> String {
    symbol_identity(x).unwrap_or_else(|| x.source.name.clone())
}

/// What [`Namer::name`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    /// The name to mint IRIs from.
    pub name: String,
    /// The key of the file's path (recorded as `tip:sourceKey`).
    pub key: String,
    /// Set when this document replaces one of the same identity read from another file: that
    /// file's name.
    pub replaces: Option<String>,
}

/// Names the documents of one extraction run against a store.
#[derive(Debug, Default)]
pub struct Namer {
    /// Names given in this run, with the key of their path and their file.
    given: HashMap<String, (String, String)>,
}

impl Namer {
    /// A namer for one run.
    pub fn new() -> Self {
        Self::default()
    }

    /// Names `x` (see the module docs), looking up earlier runs in `store`.
    pub fn name(&mut self, x: &Extraction, store: &GraphStore, iris: &Iris) -> Naming {
        let key = path_key(&x.source.path);
        let file = file_name(&x.source.path);
        // Another file holds the name: its file name.
        let other = |name: &str, given: &HashMap<String, (String, String)>| {
            given
                .get(name)
                .cloned()
                .or_else(|| recorded(store, &iris.document(name)))
                .filter(|(k, f)| !(*k == key || (k.is_empty() && *f == file)))
                .map(|(_, f)| f)
        };
        let name = if let Some(name) = symbol_identity(x) {
            let replaces = other(&name, &self.given);
            self.given.insert(name.clone(), (key.clone(), file));
            return Naming {
                name,
                key,
                replaces,
            };
        } else {
            let stem = x.source.name.clone();
            if crate::rdf::RESERVED_NAMES.contains(&stem.as_str())
                || other(&stem, &self.given).is_some()
            {
                format!("{stem}-{}", &key[..8])
            } else {
                stem
            }
        };
        self.given.insert(name.clone(), (key.clone(), file));
        Naming {
            name,
            key,
            replaces: None,
        }
    }
}

/// The quad recording the key of a document's path, in its graph.
pub fn key_quad(iris: &Iris, naming: &Naming) -> Quad {
    Quad::new(
        iris.document(&naming.name),
        NamedNode::new_unchecked(vocab::SOURCE_KEY),
        Literal::new_simple_literal(&naming.key),
        iris.graph(&naming.name),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
}

/// The path key and file name recorded for a document IRI in the store, if it is there. A
/// document recorded without a key (an older store) counts as the same file when its file
/// name matches: the key is then the empty string.
fn recorded(store: &GraphStore, doc: &NamedNode) -> Option<(String, String)> {
    let literal = |p: &str| {
        store
            .store()
            .quads_for_pattern(
                Some(doc.as_ref().into()),
                Some(NamedNode::new_unchecked(p).as_ref()),
                None,
                None,
            )
            .filter_map(Result::ok)
            .find_map(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
    };
    let file = literal(vocab::SOURCE_FILE)?;
    Some((literal(vocab::SOURCE_KEY).unwrap_or_default(), file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_give_names() {
        assert_eq!(symbol_name("A/RES/76/7"), "a-res-76-7");
        assert_eq!(symbol_name("A/C.3/80/L.18"), "a-c3-80-l18");
        assert_eq!(symbol_name("A/C.3/78/L.12/Rev.1"), "a-c3-78-l12-rev1");
        assert_eq!(symbol_name("E/CN.15/2024/L.3"), "e-cn15-2024-l3");
    }

    #[test]
    fn path_keys_differ_by_path() {
        let a = path_key(Path::new("/one/notes.txt"));
        let b = path_key(Path::new("/two/notes.txt"));
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
        assert_eq!(a, path_key(Path::new("/one/notes.txt")));
    }
}
