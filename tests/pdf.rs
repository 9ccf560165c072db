//! Reading PDFs, with the real binaries: the official PDFs of gold documents against the text
//! PyMuPDF extracts from them (paragraphs, marks and scores), and damaged or unusual PDFs made
//! here (truncated, garbage, encrypted, without text, not a UN document, 2,000 pages).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::tipkg;

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

/// The PDFs of `tests/data/real/pdf` (official PDFs of gold documents) give the same
/// paragraphs — numbers, order, whitespace-normalised texts — as the PyMuPDF text of
/// `tests/data/real/docs` for at least 97 % of them in every document, and the same footnote
/// marks. (All 99 PDFs of ../shared/wild/ga-pdf: `tipkg-bench pdf`, README "Reading PDFs".)
#[test]
fn official_pdfs_give_the_paragraphs_and_marks_of_the_oracle_text() {
    let out = Command::new(env!("CARGO_BIN_EXE_tipkg-bench"))
        .args(["pdf", "--min", "0.97"])
        .arg(data("real/pdf"))
        .arg(data("real/docs"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(", 0 not read"), "{stdout}");
    let marks = stdout
        .lines()
        .find(|l| l.starts_with("footnote marks the same in "))
        .unwrap();
    let (same, all) = marks["footnote marks the same in ".len()..]
        .split_once(" documents")
        .unwrap()
        .0
        .split_once('/')
        .unwrap();
    assert_eq!(same, all, "{stdout}");
    assert!(all.parse::<usize>().unwrap() >= 4, "{stdout}");
}

/// The scorer gives the same figures (within 0.01 in every category) on the gold documents read
/// from their official PDFs as from their text.
#[test]
fn scores_the_same_from_the_pdf_as_from_the_text() {
    let pdfs: Vec<String> = std::fs::read_dir(data("real/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(pdfs.len() >= 4, "{pdfs:?}");
    let tmp = tempfile::tempdir().unwrap();
    let (gold, texts) = (tmp.path().join("gold"), tmp.path().join("texts"));
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&texts).unwrap();
    for name in &pdfs {
        let g = format!("{name}.tsv");
        std::fs::copy(data("real/gold").join(&g), gold.join(&g)).unwrap();
        let t = format!("{name}.txt");
        std::fs::copy(data("real/docs").join(&t), texts.join(&t)).unwrap();
    }
    let from_text = common::score_totals(&gold, &texts);
    let from_pdf = common::score_totals(&gold, &data("real/pdf"));
    assert_eq!(
        from_text.len(),
        from_pdf.len(),
        "{from_text:?}\n{from_pdf:?}"
    );
    assert!(!from_text.is_empty());
    for ((cat, a), (cat_b, b)) in from_text.iter().zip(&from_pdf) {
        assert_eq!(cat, cat_b);
        assert!(
            (a - b).abs() <= 0.01,
            "{cat}: F1 {a} from the text, {b} from the PDF\n{from_text:?}\n{from_pdf:?}"
        );
    }
}

/// A paragraph read from a PDF carries its pages.
#[test]
fn paragraphs_read_from_a_pdf_carry_their_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let pdf = data("real/pdf/a-res-78-226.pdf");
    let out = tipkg(&store, &["extract", pdf.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nq = common::dump(&store);
    let first = "<https://w3id.org/tipkg/ontology#firstPage>";
    let last = "<https://w3id.org/tipkg/ontology#lastPage>";
    let pages = |p: &str| -> Vec<u32> {
        nq.lines()
            .filter(|l| {
                l.contains(p) && l.contains("\"^^<http://www.w3.org/2001/XMLSchema#integer>")
            })
            .map(|l| {
                let v = l.split('"').nth(1).unwrap();
                v.parse().unwrap()
            })
            .collect()
    };
    let (f, l) = (pages(first), pages(last));
    assert!(!f.is_empty() && f.len() == l.len());
    assert!(f.iter().all(|&p| (1..=9).contains(&p)), "{f:?}");
    assert!(f.contains(&1) && f.iter().any(|&p| p > 3), "{f:?}");
    assert!(f.iter().zip(&l).all(|(a, b)| a <= b));
}

/// Builds a PDF from page content streams (Helvetica), with a correct cross-reference table;
/// `trailer_extra` is added to the trailer dictionary.
fn make_pdf(pages: &[String], trailer_extra: &str) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 pages, 3 font, then per page: page, content.
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn text_page(lines: &[&str]) -> String {
    let mut s = String::from("BT /F1 11 Tf 72 720 Td 14 TL\n");
    for l in lines {
        s.push_str(&format!(
            "({}) Tj T*\n",
            l.replace('(', "\\(").replace(')', "\\)")
        ));
    }
    s.push_str("ET");
    s
}

/// Damaged and unusual PDFs beside a good document: each bad one is named with its reason, the
/// good ones still go in, nothing panics, and the exit code is 2.
#[test]
fn damaged_pdfs_are_named_and_the_others_still_go_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let real = std::fs::read(data("real/pdf/a-res-78-226.pdf")).unwrap();
    std::fs::write(dir.join("truncated.pdf"), &real[..real.len() / 3]).unwrap();
    let mut garbage = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 7;
    for _ in 0..5000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    std::fs::write(dir.join("garbage.pdf"), garbage).unwrap();
    std::fs::write(
        dir.join("scanned.pdf"),
        make_pdf(&["0.5 g 72 72 468 648 re f".into()], ""),
    )
    .unwrap();
    std::fs::write(
        dir.join("encrypted.pdf"),
        make_pdf(
            &[text_page(&["Secret"])],
            "/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /U <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("letter.pdf"),
        make_pdf(
            &[text_page(&[
                "Dear colleagues,",
                "",
                "The meeting on the budget is moved to Thursday.",
            ])],
            "",
        ),
    )
    .unwrap();
    std::fs::copy(data("real/pdf/a-res-78-226.pdf"), dir.join("good.pdf")).unwrap();
    let store = tmp.path().join("store");
    let out = tipkg(&store, &["extract", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let line = |name: &str| {
        stderr
            .lines()
            .find(|l| l.contains(&format!("{name}.pdf:")))
            .unwrap_or_else(|| panic!("{name} not named:\n{stderr}"))
            .to_owned()
    };
    assert!(line("truncated").contains("PDF"), "{stderr}");
    assert!(line("garbage").contains("a damaged PDF"), "{stderr}");
    assert!(line("scanned").contains("a PDF without text"), "{stderr}");
    assert!(line("encrypted").contains("an encrypted PDF"), "{stderr}");
    assert!(!stderr.contains("good.pdf"), "{stderr}");
    let nq = common::dump(&store);
    assert!(
        nq.contains("<https://w3id.org/tipkg/doc/a-res-78-226>"),
        "{stderr}"
    );
    assert!(nq.contains("moved to Thursday"), "{stderr}");
}

/// A 2,000-page PDF is read (or stopped by the time limit), never a hang or a crash.
#[test]
fn a_two_thousand_page_pdf_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let pages: Vec<String> = (1..=2000)
        .map(|i| {
            text_page(&[
                &format!("{i}. Requests the Secretary-General to report on page {i},"),
                "in accordance with the rules of procedure of the General Assembly;",
            ])
        })
        .collect();
    let path = tmp.path().join("report.pdf");
    std::fs::write(&path, make_pdf(&pages, "")).unwrap();
    let store = tmp.path().join("store");
    let out = tipkg(
        &store,
        &["extract", "--pdf-timeout", "120", path.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.status.code() == Some(0) || stderr.contains("took over"),
        "{stderr}"
    );
}
