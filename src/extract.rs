//! Extract: the provisions (speaker, verb, addressee or object, mandate) and stated relations of
//! each paragraph.
//!
//! (First cut: nothing is extracted yet.)

use crate::model::{Extracted, Recognised, Segmented};
use crate::registry::Registry;

/// Extracts provisions and relations.
pub fn extract(
    _segmented: &Segmented,
    _recognised: &Recognised,
    _registry: &Registry,
) -> Extracted {
    Extracted::default()
}
