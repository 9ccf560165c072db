//! Bytes to text: files that are not text recognised by their signature, byte-order marks,
//! UTF-8 (strict, then lossy when the file is mostly UTF-8), UTF-16, Windows-1252.
//!
//! The choice between lossy UTF-8 and Windows-1252 for bytes that are not valid UTF-8: the file
//! is *mostly UTF-8* when it holds at least one valid multi-byte UTF-8 sequence and at least as
//! many valid multi-byte sequences as invalid sequences (an invalid sequence being a maximal
//! run that cannot start or continue a character, each replaced by one U+FFFD as in
//! [`String::from_utf8_lossy`]). A genuine Windows-1252 text almost never holds a valid
//! multi-byte sequence (that takes an accented capital followed by a punctuation byte), while a
//! UTF-8 text with a stray byte or a pasted fragment holds mostly valid ones; the ratio keeps a
//! long legacy file with one accidental valid pair in Windows-1252.

use crate::model::{Encoding, Replaced};

/// A file that is not text, recognised by its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NotText {
    /// `%PDF-`.
    Pdf,
    /// `PK\x03\x04` (or the empty archive `PK\x05\x06`), with what the archive holds.
    Zip(super::ZipKind),
    /// An OLE2 compound file: Word 97–2003 `.doc`, `.xls`, `.ppt`.
    Ole,
}

/// How far into a file the `%PDF-` header is looked for (as PDF readers do).
const PDF_REACH: usize = 1024;

/// Recognises PDF, ZIP and OLE2 files by their signature.
///
/// `%PDF-` counts anywhere in the first 1024 bytes, as PDF readers accept junk before the
/// header, but only at the start of the file or after a byte that is not printable ASCII (a
/// line break, binary junk): a text that mentions "the %PDF-1.7 header" stays a text.
pub(super) fn sniff(bytes: &[u8]) -> Option<NotText> {
    let head = &bytes[..bytes.len().min(PDF_REACH)];
    let pdf = head
        .windows(5)
        .enumerate()
        .any(|(i, w)| w == b"%PDF-" && (i == 0 || !matches!(head[i - 1], b' '..=b'~')));
    if pdf {
        return Some(NotText::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(NotText::Zip(zip_kind(bytes)));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(NotText::Ole);
    }
    None
}

/// What a ZIP archive holds: an OpenDocument file stores its `mimetype` first, uncompressed;
/// a Word document has its parts under `word/`.
fn zip_kind(bytes: &[u8]) -> super::ZipKind {
    let head = &bytes[..bytes.len().min(1 << 20)];
    let has = |needle: &[u8], within: &[u8]| within.windows(needle.len()).any(|w| w == needle);
    if has(
        b"mimetypeapplication/vnd.oasis.opendocument",
        &head[..head.len().min(256)],
    ) {
        super::ZipKind::OpenDocument
    } else if has(b"word/", head) {
        super::ZipKind::Word
    } else {
        super::ZipKind::Other
    }
}

/// Decoded bytes.
#[derive(Debug)]
pub(super) struct Decoded {
    /// The text.
    pub text: String,
    /// How it was decoded.
    pub encoding: Encoding,
    /// What was replaced with U+FFFD.
    pub replaced: Replaced,
}

/// Decodes the bytes of a text file; `Err` is the file offset of the first byte (or UTF-16
/// code unit) that marks it as binary.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, usize> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true, 2);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false, 2);
    }
    if let Some(little) = utf16_without_bom(bytes) {
        return utf16(bytes, little, 0);
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(offset);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // The mark declares UTF-8: invalid sequences are replaced whatever their number.
        let (text, replaced, _) = utf8_lossy(rest, 3);
        return Ok(Decoded {
            text,
            encoding: Encoding::Utf8Bom,
            replaced,
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: Encoding::Utf8,
            replaced: Replaced::default(),
        });
    }
    let (text, replaced, valid) = utf8_lossy(bytes, 0);
    if valid > 0 && valid >= replaced.count {
        Ok(Decoded {
            text,
            encoding: Encoding::Utf8,
            replaced,
        })
    } else {
        Ok(Decoded {
            text: windows_1252(bytes),
            encoding: Encoding::Windows1252,
            replaced: Replaced::default(),
        })
    }
}

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD; `base` is the file offset of
/// `bytes`. Also gives the number of valid multi-byte sequences.
fn utf8_lossy(bytes: &[u8], base: usize) -> (String, Replaced, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = Replaced::default();
    let mut valid = 0;
    let mut at = base;
    for chunk in bytes.utf8_chunks() {
        let v = chunk.valid();
        valid += v.bytes().filter(|&b| b >= 0xC0).count();
        text.push_str(v);
        at += v.len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced.push(at);
            at += bad.len();
        }
    }
    (text, replaced, valid)
}

/// How many bytes the UTF-16 sniffing looks at.
const UTF16_SNIFF: usize = 4096;

/// UTF-16 without a byte-order mark, recognised cheaply and reliably only for mostly Latin-1
/// text: an even length, and in the first 4 KiB no NUL code unit and at least 90% of the code
/// units with a NUL high byte (on the same side). `Some(true)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(UTF16_SNIFF)];
    let (mut little, mut big) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, 0) => return None,
            (_, 0) => little += 1,
            (0, _) => big += 1,
            _ => {}
        }
    }
    let units = head.len() / 2;
    if little * 10 >= units * 9 {
        Some(true)
    } else if big * 10 >= units * 9 {
        Some(false)
    } else {
        None
    }
}

/// Decodes UTF-16 (`little`-endian or big-endian) starting at file offset `base`: unpaired
/// surrogates and a dangling last byte are replaced with U+FFFD; a NUL, or a high share of
/// control characters in the first 4096 code units, marks the data as binary.
fn utf16(bytes: &[u8], little: bool, base: usize) -> Result<Decoded, usize> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .collect();
    let offset = |i: usize| base + 2 * i;
    if let Some(i) = units.iter().position(|&u| u == 0) {
        return Err(offset(i));
    }
    let head = &units[..units.len().min(UTF16_SNIFF)];
    let controls: Vec<usize> = head
        .iter()
        .enumerate()
        .filter(|&(_, &u)| u < 0x20 && !matches!(u, 0x0a | 0x0d | 0x09 | 0x0c))
        .map(|(i, _)| i)
        .collect();
    if let Some(&first) = controls.first()
        && controls.len() * 20 > head.len()
    {
        return Err(offset(first));
    }
    let mut text = String::with_capacity(units.len());
    let mut replaced = Replaced::default();
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        let c = match u {
            0xD800..=0xDBFF => match units.get(i + 1) {
                Some(&low @ 0xDC00..=0xDFFF) => {
                    i += 1;
                    char::from_u32(
                        0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00),
                    )
                }
                _ => None,
            },
            _ => char::from_u32(u32::from(u)),
        };
        match c {
            Some(c) => text.push(c),
            None => {
                text.push(char::REPLACEMENT_CHARACTER);
                replaced.push(offset(i));
            }
        }
        i += 1;
    }
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
        replaced.push(base + bytes.len() - 1);
    }
    Ok(Decoded {
        text,
        encoding: if little {
            Encoding::Utf16Le { bom: base > 0 }
        } else {
            Encoding::Utf16Be { bom: base > 0 }
        },
        replaced,
    })
}

/// The offset of the first byte that marks the data as binary: a NUL, or a high share of
/// control characters in the first 8 KiB.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Some(i);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls: Vec<usize> = head
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .map(|(i, _)| i)
        .collect();
    if !head.is_empty() && controls.len() * 20 > head.len() {
        return controls.first().copied();
    }
    None
}

/// Windows-1252 bytes 0x80–0x9F (the rest is Latin-1).
pub(super) const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes Windows-1252.
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}
