//! Export: writes the store, or one of its graphs, as RDF.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef};

use crate::store::GraphStore;

/// A failure to export.
#[derive(Debug, thiserror::Error)]
#[error("export: {0}")]
pub struct ExportError(pub String);

/// Writes quads (dataset formats) or the triples of all graphs (graph formats) to `out`.
pub fn export(
    store: &GraphStore,
    format: RdfFormat,
    graph: Option<NamedNodeRef<'_>>,
    out: impl Write,
) -> Result<(), ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError(e.to_string());
    let mut ser = RdfSerializer::from_format(format).for_writer(out);
    let g = graph.map(GraphNameRef::NamedNode);
    for q in store.store().quads_for_pattern(None, None, None, g) {
        let q = q.map_err(|e| err(&e))?;
        if format.supports_datasets() {
            ser.serialize_quad(&q).map_err(|e| err(&e))?;
        } else {
            ser.serialize_triple(q.as_ref()).map_err(|e| err(&e))?;
        }
    }
    ser.finish().map_err(|e| err(&e))?;
    Ok(())
}
