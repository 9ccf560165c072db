//! The documents an `extract` run compares to pair drafts with adopted texts, kept in a
//! temporary file while the run goes on.
//!
//! Pairing can only start once every document of the run is read, and held in memory a
//! compared document costs 70–90 KB (its paragraphs, provisions and mandates): 350 MB for
//! 5,000 documents, most of the run's peak. In memory stays only what choosing the pairs to
//! compare needs ([`Key`]: symbols, title, head, word 4-grams); each document itself is
//! written to an unnamed temporary file (the system removes it however the process ends) and
//! read back for each comparison it takes part in.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use super::Doc;
use super::pair;

/// What pairing needs of a document before comparing it with another.
#[derive(Debug, Clone)]
pub struct Key {
    /// Its name.
    pub name: String,
    /// Its symbols.
    pub symbols: Vec<String>,
    /// Its title.
    pub title: Option<String>,
    /// A draft (and no amendment).
    pub draft: bool,
    /// An adopted text.
    pub adopted: bool,
    /// The first [`super::doc::HEAD_BYTES`] of its text.
    pub head: String,
    /// Its word 4-grams, hashed and sorted ([`pair::shingles`]).
    pub shingles: Vec<u32>,
}

impl Key {
    fn of(d: &Doc) -> Self {
        Self {
            name: d.name.clone(),
            symbols: d.symbols.clone(),
            title: d.title.clone(),
            draft: d.draft,
            adopted: d.adopted,
            head: d.head.clone(),
            shingles: if d.draft || d.adopted {
                pair::shingles(d)
            } else {
                Vec::new()
            },
        }
    }
}

/// Documents put away for pairing: their [`Key`]s in memory, the documents on disk — or, when
/// no temporary file can be made (a read-only or missing temporary directory), in memory, as
/// [`Shelf::in_memory`] says.
#[derive(Debug, Default)]
pub struct Shelf {
    /// Where the temporary file goes (`None`: the system's temporary directory).
    dir: Option<std::path::PathBuf>,
    kept: Kept,
    keys: Vec<Key>,
}

/// Where a shelf's documents are.
#[derive(Debug, Default)]
enum Kept {
    /// Nowhere yet: the file is made with the first document.
    #[default]
    Nowhere,
    /// In a temporary file, each at (offset, length).
    File(Mutex<File>, Vec<(u64, usize)>),
    /// In memory, since no file could be made (and why).
    Memory(Vec<Doc>, String),
}

impl Shelf {
    /// An empty shelf (its file is made with the first document, in the system's temporary
    /// directory: `TMPDIR` on Unix).
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty shelf whose file goes into `dir`.
    pub fn new_in(dir: &std::path::Path) -> Self {
        Self {
            dir: Some(dir.to_owned()),
            ..Self::default()
        }
    }

    /// Why the documents are kept in memory, when no temporary file could be made.
    pub fn in_memory(&self) -> Option<&str> {
        match &self.kept {
            Kept::Memory(_, why) => Some(why),
            _ => None,
        }
    }

    /// Puts `d` away.
    pub fn push(&mut self, d: &Doc) -> io::Result<()> {
        if let Kept::Nowhere = self.kept {
            let made = match &self.dir {
                Some(dir) => tempfile::tempfile_in(dir),
                None => tempfile::tempfile(),
            };
            self.kept = match made {
                Ok(f) => Kept::File(Mutex::new(f), Vec::new()),
                Err(e) => Kept::Memory(Vec::new(), e.to_string()),
            };
        }
        match &mut self.kept {
            Kept::Memory(docs, _) => docs.push(d.clone()),
            Kept::File(file, places) => {
                let bytes = serde_json::to_vec(d).map_err(io::Error::other)?;
                let end = places.last().map_or(0, |&(at, len)| at + len as u64);
                let f = file.get_mut().map_err(|_| poisoned())?;
                f.seek(SeekFrom::Start(end))?;
                f.write_all(&bytes)?;
                places.push((end, bytes.len()));
            }
            Kept::Nowhere => {}
        }
        self.keys.push(Key::of(d));
        Ok(())
    }

    /// The keys of the documents, in the order they were put away.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no document was put away.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Document `i`, read back.
    pub fn get(&self, i: usize) -> io::Result<Doc> {
        let missing = || io::Error::other(format!("no document {i} on the shelf"));
        match &self.kept {
            Kept::Memory(docs, _) => docs.get(i).cloned().ok_or_else(missing),
            Kept::File(file, places) => {
                let &(at, len) = places.get(i).ok_or_else(missing)?;
                let mut bytes = vec![0; len];
                {
                    let mut f = file.lock().map_err(|_| poisoned())?;
                    f.seek(SeekFrom::Start(at))?;
                    f.read_exact(&mut bytes)?;
                }
                serde_json::from_slice(&bytes).map_err(io::Error::other)
            }
            Kept::Nowhere => Err(missing()),
        }
    }
}

fn poisoned() -> io::Error {
    io::Error::other("a thread reading the shelf panicked")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    fn doc(dir: &std::path::Path, name: &str, text: &str) -> Doc {
        let p = dir.join(format!("{name}.txt"));
        std::fs::write(&p, text).unwrap();
        let x = crate::pipeline::process(crate::read::read_file(&p).unwrap(), Registry::embedded());
        Doc::of(&x, name)
    }

    #[test]
    fn documents_come_back_as_they_went_and_keys_stay_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let draft = doc(
            dir.path(),
            "l5",
            "A/C.3/81/L.5\n\nDraft resolution\n\nTrafficking in women and girls\n\nThe General \
             Assembly,\n\n1. Urges Member States to ratify the Protocol without delay;\n\n2. \
             Invites the United Nations Office on Drugs and Crime to continue its assistance;\n",
        );
        let adopted = doc(
            dir.path(),
            "r5",
            "A/RES/81/5\n\nResolution adopted by the General Assembly\n\n81/5. Trafficking in \
             women and girls\n\nThe General Assembly,\n\n1. Encourages Member States to ratify \
             the Protocol without delay;\n",
        );
        let mut shelf = Shelf::new();
        assert!(shelf.is_empty());
        assert!(shelf.get(0).is_err(), "nothing on an empty shelf");
        shelf.push(&draft).unwrap();
        shelf.push(&adopted).unwrap();
        assert_eq!(shelf.len(), 2);
        // Read back in any order, as often as asked, the same as put away.
        for (i, d) in [(1, &adopted), (0, &draft), (1, &adopted)] {
            assert_eq!(format!("{:?}", shelf.get(i).unwrap()), format!("{d:?}"));
        }
        assert!(shelf.get(2).is_err());
        let k = &shelf.keys()[0];
        assert_eq!((k.name.as_str(), k.draft, k.adopted), ("l5", true, false));
        assert_eq!(k.symbols, draft.symbols);
        assert_eq!(k.shingles, pair::shingles(&draft));
        assert!(!k.shingles.is_empty() && k.shingles.is_sorted());
        assert!(shelf.keys()[1].adopted);
    }

    /// The wording of the texts below: the same operative paragraphs in each.
    const BODY: &str = "The General Assembly,\n\n1. Urges Member States to ratify the Protocol \
        to Prevent, Suppress and Punish Trafficking in Persons without delay;\n\n2. Invites the \
        United Nations Office on Drugs and Crime to continue its technical assistance to States \
        in the field of forensic science;\n\n3. Decides to remain seized of the matter.\n";

    #[test]
    fn a_draft_is_paired_by_title_before_wording_and_by_wording_alone_without_one() {
        let dir = tempfile::tempdir().unwrap();
        let text = |head: &str| format!("{head}\n\n{BODY}");
        let mut shelf = Shelf::new();
        let docs = [
            (
                "l5",
                "A/C.3/81/L.5\n\nDraft resolution\n\nTrafficking in women and girls",
            ),
            // The same wording under another title, first among the adopted texts.
            (
                "r9",
                "A/RES/81/9\n\nResolution adopted by the General Assembly\n\n81/9. Forensic science",
            ),
            (
                "r5",
                "A/RES/81/5\n\nResolution adopted by the General Assembly\n\n81/5. Trafficking in women and girls",
            ),
        ];
        for (name, head) in docs {
            shelf.push(&doc(dir.path(), name, &text(head))).unwrap();
        }
        let pairs = |shelf: &Shelf, consider: &(dyn Fn(usize, usize) -> bool + Sync)| {
            pair::find(
                shelf.keys(),
                |i| shelf.get(i),
                Registry::embedded(),
                consider,
                |f, d, a| (d.name.clone(), a.name.clone(), f.pairing.basis),
            )
            .unwrap()
        };
        assert_eq!(
            pairs(&shelf, &|_, _| true),
            [("l5".to_owned(), "r5".to_owned(), pair::Basis::Title)]
        );
        // Without the adopted text of its title, the one of its wording.
        assert_eq!(
            pairs(&shelf, &|_, j| j != 2),
            [("l5".to_owned(), "r9".to_owned(), pair::Basis::Text)]
        );
    }

    #[test]
    fn without_a_temporary_directory_documents_stay_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let d = doc(
            dir.path(),
            "l5",
            &format!("A/C.3/81/L.5\n\nDraft resolution\n\n{BODY}"),
        );
        let mut shelf = Shelf::new_in(&dir.path().join("no such directory"));
        shelf.push(&d).unwrap();
        assert!(shelf.in_memory().is_some());
        assert_eq!(format!("{:?}", shelf.get(0).unwrap()), format!("{d:?}"));
        assert!(shelf.get(1).is_err());
        let mut on_disk = Shelf::new_in(dir.path());
        on_disk.push(&d).unwrap();
        assert_eq!(on_disk.in_memory(), None);
    }
}
