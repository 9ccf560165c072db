//! Recognise: finds the entities, citations and sponsors each paragraph names.
//!
//! (First cut: nothing is recognised yet.)

use crate::model::{Recognised, Segmented, Source};
use crate::registry::Registry;

/// Recognises entities, citations and sponsors in a segmented document.
pub fn recognise(_source: &Source, _segmented: &Segmented, _registry: &Registry) -> Recognised {
    Recognised::default()
}
