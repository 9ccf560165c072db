//! Every named query of `queries/` holds to linear growth: run on a store of the corpus
//! repeated 4 times and 16 times (distinct documents: each copy has its own document names, so
//! its own IRIs and graphs), the work Oxigraph's plan statistics count (intermediate results of
//! every plan node, see `tipkg::output::query::explain_work`) may grow at most about as much as the
//! store. A quadratic join or a per-row sub-select grows with the square and fails. Work is
//! counted, not timed: the test means the same on a loaded machine.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use oxigraph::model::{Term, Variable};
use tipkg::output::query::{NAMED_QUERIES, explain_work};
use tipkg::rdf::Iris;
use tipkg::registry::Registry;
use tipkg::store::GraphStore;

/// A store of `copies` copies of the corpus, in `dir`.
fn store(dir: &std::path::Path, sources: &[tipkg::model::Source], copies: usize) -> GraphStore {
    let registry = Registry::embedded();
    let iris = Iris::default();
    let st =
        GraphStore::open_for_write(&dir.join(format!("x{copies}")), &Default::default()).unwrap();
    st.load_vocabulary(&iris).unwrap();
    for copy in 0..copies {
        let mut docs = tipkg::diff::shelf::Shelf::new();
        for s in sources {
            let mut s = s.clone();
            s.name = format!("{}-{copy}", s.name);
            let x = tipkg::pipeline::process(s, registry);
            let quads = tipkg::rdf::build(&x, registry, &iris);
            st.replace_graph(iris.graph(&x.source.name).as_ref(), &quads)
                .unwrap();
            docs.push(&tipkg::diff::Doc::of(&x, &x.source.name))
                .unwrap();
        }
        // The draft pairings of each copy, as `extract` makes them in one run.
        let pairings = tipkg::diff::pair::find(
            docs.keys(),
            |i| docs.get(i),
            registry,
            |_, _| true,
            |f, d, a| {
                let g = iris.pairing_graph(&d.name, &a.name);
                let quads = tipkg::diff::graph::quads(&f.diff, d, a, &f.pairing, &iris, &g);
                (g, quads)
            },
        )
        .unwrap();
        for (g, quads) in pairings {
            st.replace_graph(g.as_ref(), &quads).unwrap();
        }
    }
    st
}

const DRAFT: &str = "A/C.3/81/L.5\n\nDraft resolution\n\nTrafficking in women and girls\n\n\
The General Assembly,\n\nRecalling its resolution 70/1 of 25 September 2015 on the 2030 Agenda for \
Sustainable Development,\n\n1. Urges Member States to ratify the Protocol to Prevent, Suppress and \
Punish Trafficking in Persons, Especially Women and Children without delay;\n\n2. Invites the United \
Nations Office on Drugs and Crime and the International Labour Organization to continue its technical \
assistance to States in the field of forensic science;\n\n3. Decides to remain seized of the matter.\n";

const ADOPTED: &str = "A/RES/81/5\n\nResolution adopted by the General Assembly\n\n81/5. Trafficking \
in women and girls\n\nThe General Assembly,\n\nRecalling its resolution 70/1 of 25 September 2015 on \
the 2030 Agenda for Sustainable Development,\n\n1. Encourages Member States to ratify the Protocol to \
Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children without delay;\n\n\
2. Invites the United Nations Office on Drugs and Crime to continue its technical assistance to States \
in the field of forensic science;\n\n3. Requests the Secretary-General to submit a report on the \
implementation of the present resolution;\n\n4. Decides to remain seized of the matter.\n";

#[test]
fn named_queries_grow_linearly_with_the_store() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let dir = tempfile::tempdir().unwrap();
    let mut sources: Vec<_> = tipkg::read::expand(&[corpus])
        .into_iter()
        .map(|p| tipkg::read::read_file(&p.unwrap()).unwrap())
        .collect();
    assert!(sources.len() >= 7);
    // A draft and its adopted text with a weakened verb and a dropped addressee, which the
    // corpus pairs have none of (the queries on pairings must return rows).
    for (name, text) in [
        ("synthetic-draft.txt", DRAFT),
        ("synthetic-adopted.txt", ADOPTED),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        sources.push(tipkg::read::read_file(&p).unwrap());
    }
    let (small, large) = (4, 16);
    let stores = [
        store(dir.path(), &sources, small),
        store(dir.path(), &sources, large),
    ];
    let iris = Iris::default();
    let growth = (large / small) as f64;
    let mut report = Vec::new();
    for q in NAMED_QUERIES {
        let mut work = Vec::new();
        for (st, copies) in stores.iter().zip([small, large]) {
            // mandates-not-in compares two documents; unbound, it compares every pair, which
            // is quadratic by its nature, so it is held to linear growth for one pair.
            let params: Vec<(Variable, Term)> = if q.name == "mandates-not-in" {
                vec![
                    (
                        Variable::new_unchecked("in"),
                        iris.document(&format!("pd2021-rev3-draft-{}", copies - 1))
                            .into(),
                    ),
                    (
                        Variable::new_unchecked("notIn"),
                        iris.document(&format!("a-res-76-7-{}", copies - 1)).into(),
                    ),
                ]
            } else {
                Vec::new()
            };
            let w = explain_work(st, q.text, q.name, &params, false, &iris)
                .unwrap_or_else(|e| panic!("{}: {e}", q.name));
            work.push(w);
        }
        let ratio = work[1].steps as f64 / work[0].steps.max(1) as f64;
        report.push(format!(
            "{}: {} rows, {} steps at {small} copies; {} rows, {} steps at {large} (x{ratio:.2})",
            q.name, work[0].rows, work[0].steps, work[1].rows, work[1].steps
        ));
        assert!(work[1].rows > 0, "{}: no rows on the large store", q.name);
        // Linear growth with a margin for fixed costs and plan changes; quadratic is x16.
        assert!(
            ratio <= growth * 1.5,
            "{}: work grew x{ratio:.1} for a store x{growth} larger — superlinear\n{}",
            q.name,
            work[1].plan
        );
    }
    println!("{}", report.join("\n"));
}
