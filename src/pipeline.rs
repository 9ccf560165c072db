//! The pipeline from a decoded source to an [`Extraction`]: segment → recognise → extract.
//! Infallible: whatever the text, it gives a result (possibly with no paragraphs and a warning).

use crate::model::{Encoding, Extraction, Source};
use crate::registry::Registry;
use crate::{extract, recognise, segment};

/// Runs segmentation, recognition and extraction on one source.
pub fn process(source: Source, registry: &Registry) -> Extraction {
    let mut warnings = Vec::new();
    if source.encoding == Encoding::Windows1252 {
        warnings.push(format!(
            "{}: not valid UTF-8, decoded as Windows-1252",
            source.path.display()
        ));
    }
    let segmented = segment::segment(&source);
    if segmented.paragraphs.is_empty() {
        warnings.push(format!("{}: no paragraphs found", source.path.display()));
    }
    let recognised = recognise::recognise(&source, &segmented, registry);
    let extracted = extract::extract(&segmented, &recognised, registry);
    Extraction {
        source,
        segmented,
        recognised,
        extracted,
        warnings,
    }
}
