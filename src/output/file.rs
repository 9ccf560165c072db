//! Output files written safely: the store file, `export -o` and `graph -o`.
//!
//! [`write_file`] follows a symbolic link to its target and then, by the target's kind:
//!
//! - a regular file or a new path: writes a temporary file in the target's folder
//!   (`NAME.tipkg-tmpPID`), syncs it, gives it the target's permissions (and owner, where allowed) and
//!   renames it over the target, so a reader sees the old content or the new, never half;
//! - a character device or a FIFO (`/dev/stdout`, a named pipe): writes in place, since renaming
//!   over it would replace the device with a file;
//! - a directory, a block device or a socket: refused.
//!
//! A temporary file is removed on every error path (a guard) and on SIGINT/SIGTERM/SIGHUP
//! ([`install_signal_cleanup`]); a temporary file left by a killed process (its PID no longer
//! runs) is removed by the next write to the same target ([`clean_stale`]).

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A failure to write an output file. The message names the path and the cause once.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// Reading the target's kind, writing, syncing or renaming failed.
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause (shown in the message, so not also a `source()`).
        cause: io::Error,
    },
    /// The target cannot hold an output file.
    #[error("{path}: {reason}; give a file path")]
    Refused {
        /// The path given.
        path: PathBuf,
        /// Why (a directory, a block device, a socket, a symbolic link loop).
        reason: &'static str,
    },
}

impl OutputError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> Self + '_ {
        move |cause| Self::Io {
            path: path.to_owned(),
            cause,
        }
    }
}

/// Temporary files being written, removed by the signal handler.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// What the signal handler calls instead of exiting, when set ([`on_interrupt`]).
type InterruptHook = Box<dyn Fn() + Send>;

/// The hook of a command that stops by itself on a signal (`tipkg serve`).
static ON_INTERRUPT: Mutex<Option<InterruptHook>> = Mutex::new(None);

/// Removes every temporary file being written, then exits with 130, on SIGINT, SIGTERM or
/// SIGHUP — or, when a command set one with [`on_interrupt`], calls its hook instead of exiting.
/// Call once, early, in a program that writes files. Failing to install it (another handler is
/// set) is not fatal: temporary files are then only cleaned by the next write.
pub fn install_signal_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_temporaries();
        let hook = match ON_INTERRUPT.lock() {
            Ok(h) => h,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(hook) = hook.as_ref() {
            hook();
            return;
        }
        eprintln!("tipkg: interrupted (temporary files removed)");
        std::process::exit(130);
    });
}

/// Makes SIGINT, SIGTERM and SIGHUP call `hook` (on the signal handler's thread, after the
/// temporary files are removed) instead of exiting with 130: for a command that shuts down
/// cleanly by itself, such as a server. Replaces an earlier hook. Takes effect where
/// [`install_signal_cleanup`] installed the handler; `hook` must not call this function.
pub fn on_interrupt(hook: impl Fn() + Send + 'static) {
    let mut slot = match ON_INTERRUPT.lock() {
        Ok(h) => h,
        Err(poisoned) => poisoned.into_inner(),
    };
    *slot = Some(Box::new(hook));
}

/// Removes the temporary files of writes in progress (for a signal handler).
pub fn remove_temporaries() {
    let list = match TEMPORARIES.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    for p in list.iter() {
        let _ = fs::remove_file(p);
    }
}

/// A temporary file: removed when dropped unless [`Temporary::persist`] renamed it.
struct Temporary {
    path: PathBuf,
    done: bool,
}

impl Temporary {
    fn new(path: PathBuf) -> Self {
        if let Ok(mut l) = TEMPORARIES.lock() {
            l.push(path.clone());
        }
        Self { path, done: false }
    }

    fn persist(mut self, target: &Path) -> io::Result<()> {
        fs::rename(&self.path, target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.path);
        }
        if let Ok(mut l) = TEMPORARIES.lock() {
            l.retain(|p| p != &self.path);
        }
    }
}

/// Where a write goes, once symbolic links are followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A regular file, replaced through a temporary file.
    Regular(PathBuf),
    /// No file yet: created through a temporary file.
    New(PathBuf),
    /// A character device or FIFO, written in place.
    InPlace(PathBuf),
}

impl Target {
    /// The path written (the symbolic link's target).
    pub fn path(&self) -> &Path {
        match self {
            Self::Regular(p) | Self::New(p) | Self::InPlace(p) => p,
        }
    }
}

/// Follows symbolic links from `path` (also dangling ones: the write creates their target) and
/// classifies what is there.
pub fn resolve(path: &Path) -> Result<Target, OutputError> {
    // The kernel follows links best (`/dev/stdout` → `/proc/self/fd/1` → a pipe has no path).
    if let Ok(meta) = fs::metadata(path) {
        let ft = meta.file_type();
        if ft.is_file() {
            return Ok(Target::Regular(
                fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
            ));
        }
        if ft.is_dir() {
            return Err(OutputError::Refused {
                path: path.to_owned(),
                reason: "is a directory",
            });
        }
        return special(path, &ft);
    }
    // Nothing there, a dangling link or a loop: follow by hand.
    let mut cur = path.to_owned();
    for _ in 0..40 {
        let meta = match fs::symlink_metadata(&cur) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::New(cur)),
            Err(e) => return Err(OutputError::io(&cur)(e)),
        };
        if !meta.file_type().is_symlink() {
            // It appeared meanwhile: classify it as above.
            return resolve(&cur);
        }
        let link = fs::read_link(&cur).map_err(OutputError::io(&cur))?;
        cur = match cur.parent() {
            Some(dir) if link.is_relative() => dir.join(link),
            _ => link,
        };
    }
    Err(OutputError::Refused {
        path: path.to_owned(),
        reason: "too many levels of symbolic links",
    })
}

#[cfg(unix)]
fn special(path: &Path, ft: &fs::FileType) -> Result<Target, OutputError> {
    use std::os::unix::fs::FileTypeExt as _;
    if ft.is_char_device() || ft.is_fifo() {
        // Opened through the path given: the kernel resolves what a link leads to.
        Ok(Target::InPlace(path.to_owned()))
    } else {
        Err(OutputError::Refused {
            path: path.to_owned(),
            reason: if ft.is_block_device() {
                "is a block device"
            } else {
                "is a socket or other special file"
            },
        })
    }
}

#[cfg(not(unix))]
fn special(path: &Path, _ft: &fs::FileType) -> Result<Target, OutputError> {
    Err(OutputError::Refused {
        path: path.to_owned(),
        reason: "is not a regular file",
    })
}

/// Writes `path` with `f` as the module docs say: atomically for files, in place for devices
/// and FIFOs. Returns where it wrote.
pub fn write_file(
    path: &Path,
    f: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<Target, OutputError> {
    let target = resolve(path)?;
    write_to(&target, f)?;
    Ok(target)
}

/// Writes a target [`resolve`] gave (for a caller that checks its kind first).
pub fn write_to(
    target: &Target,
    f: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<(), OutputError> {
    match target {
        Target::InPlace(p) => {
            let file = OpenOptions::new()
                .write(true)
                .open(p)
                .map_err(OutputError::io(p))?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            f(&mut w).map_err(OutputError::io(p))?;
            w.flush().map_err(OutputError::io(p))?;
        }
        Target::Regular(p) | Target::New(p) => {
            clean_stale(p, false);
            let tmp = Temporary::new(temporary_path(p));
            let file = File::create(&tmp.path).map_err(OutputError::io(&tmp.path))?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            f(&mut w).map_err(OutputError::io(p))?;
            let file = w
                .into_inner()
                .map_err(|e| OutputError::io(p)(e.into_error()))?;
            if let Ok(old) = fs::metadata(p) {
                keep_owner_and_mode(&file, &old);
            }
            file.sync_all().map_err(OutputError::io(p))?;
            drop(file);
            tmp.persist(p).map_err(OutputError::io(p))?;
            sync_parent(p);
        }
    }
    Ok(())
}

/// Gives the new file the replaced file's permissions and, where the process may, its owner.
fn keep_owner_and_mode(file: &File, old: &fs::Metadata) {
    let _ = file.set_permissions(old.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
}

/// Best effort: not every platform can sync a directory.
fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// What a temporary file's name adds to its target's: `PATH.tipkg-tmpPID`, a name no other
/// program is likely to use, so that cleaning up never touches a file tipkg did not create.
const TMP: &str = ".tipkg-tmp";

/// `PATH.tipkg-tmpPID`, beside `path`.
pub fn temporary_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!("{TMP}{}", std::process::id()));
    PathBuf::from(s)
}

/// Removes the temporary files (`PATH.tipkg-tmpPID`) that earlier writes of `path` left behind: all of
/// them when `all` (the caller holds a lock that no other writer of `path` can hold), else those
/// whose process no longer runs (where that can be told: Linux's /proc). Returns how many went.
pub fn clean_stale(path: &Path, all: bool) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut prefix = OsString::from(name);
    prefix.push(TMP);
    let prefix = prefix.as_encoded_bytes().to_vec();
    let me = std::process::id();
    let mut removed = 0;
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(pid) = file
            .as_encoded_bytes()
            .strip_prefix(prefix.as_slice())
            .and_then(|rest| std::str::from_utf8(rest).ok())
            .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|rest| rest.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me || (!all && process_runs(pid)) {
            continue;
        }
        if e.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a process runs: on Linux from /proc; elsewhere assumed to (nothing is removed).
fn process_runs(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) -> Result<Target, OutputError> {
        write_file(path, |w| w.write_all(text.as_bytes()))
    }

    #[test]
    fn new_and_regular_files_are_replaced_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.ttl");
        assert_eq!(write(&p, "one").unwrap(), Target::New(p.clone()));
        assert_eq!(write(&p, "two").unwrap(), Target::Regular(p.clone()));
        assert_eq!(fs::read_to_string(&p).unwrap(), "two");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret.nq");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
        write(&p, "new").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_to_their_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ttl");
        let link = dir.path().join("link.ttl");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.ttl", &link).unwrap();
        assert_eq!(write(&link, "new").unwrap(), Target::Regular(real.clone()));
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        // A dangling link creates its target.
        let dangling = dir.path().join("dangling.ttl");
        std::os::unix::fs::symlink("made.ttl", &dangling).unwrap();
        write(&dangling, "made").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("made.ttl")).unwrap(),
            "made"
        );
        // A loop is refused.
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        let e = write(&a, "x").unwrap_err();
        assert!(e.to_string().contains("symbolic links"), "{e}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn dev_stdout_is_written_in_place() {
        assert_eq!(
            resolve(Path::new("/dev/null")).unwrap(),
            Target::InPlace(PathBuf::from("/dev/null"))
        );
        // /dev/stdout is a link to /proc/self/fd/1, itself a link to whatever stdout is.
        assert!(!matches!(
            resolve(Path::new("/dev/stdout")),
            Ok(Target::New(_))
        ));
    }

    #[test]
    fn directories_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = write(dir.path(), "x").unwrap_err();
        assert!(
            e.to_string().ends_with("is a directory; give a file path"),
            "{e}"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.nq");
        fs::write(&p, "old").unwrap();
        let e = write_file(&p, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk on fire"))
        })
        .unwrap_err();
        assert_eq!(e.to_string(), format!("{}: disk on fire", p.display()));
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.nq");
        // PID 4194304 is above Linux's largest PID, so it cannot run.
        let stale = dir.path().join("s.nq.tipkg-tmp4194304");
        let other = dir.path().join("t.nq.tipkg-tmp4194304");
        fs::write(&stale, "left by a killed run").unwrap();
        fs::write(&other, "another target's").unwrap();
        write(&p, "new").unwrap();
        if cfg!(target_os = "linux") {
            assert!(!stale.exists());
        }
        assert!(other.exists());
        fs::write(&stale, "again").unwrap();
        assert_eq!(clean_stale(&p, true), 1);
    }
}
