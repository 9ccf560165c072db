"""A SPARQL client that is not ours: rdflib's SPARQLStore against `tipkg serve`.

Usage: serve-rdflib.py http://ADDR/query
Prints one line per check and exits 0 when every check holds.
"""
import sys

from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

endpoint = sys.argv[1]
TIP = "https://w3id.org/tipkg/ontology#"

# The default: SPARQL XML results for SELECT and ASK, RDF/XML for CONSTRUCT (rdflib's Accept).
store = SPARQLStore(query_endpoint=endpoint)
g = Graph(store=store)

# SELECT, relying on the prefixes the server predeclares.
rows = list(g.query("SELECT ?doc ?title WHERE { ?doc a tip:Document ; dcterms:title ?title } ORDER BY ?doc"))
assert rows, "no documents"
assert all(isinstance(r[0], URIRef) for r in rows), rows
print(f"select: {len(rows)} documents")

# ASK.
ask = g.query("ASK { ?p a tip:Provision }")
assert bool(ask.askAnswer) is True, ask.askAnswer
print("ask: true")

# CONSTRUCT: an rdflib Graph comes back.
built = g.query(
    "CONSTRUCT { ?doc a tip:Document ; dcterms:title ?title } "
    "WHERE { ?doc a tip:Document ; dcterms:title ?title }"
)
docs = set(built.graph.subjects(predicate=None, object=URIRef(TIP + "Document")))
assert docs == {r[0] for r in rows}, (docs, rows)
print(f"construct: {len(built.graph)} triples")

# JSON results too.
store_json = SPARQLStore(query_endpoint=endpoint, returnFormat="json")
n = list(Graph(store=store_json).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0][0]
assert int(n) > 0, n
print(f"json count: {int(n)}")

# POST as well as GET.
store_post = SPARQLStore(query_endpoint=endpoint, method="POST")
rows_post = list(Graph(store=store_post).query("SELECT ?doc WHERE { ?doc a tip:Document } ORDER BY ?doc"))
assert [r[0] for r in rows_post] == [r[0] for r in rows], rows_post
print("post: same documents")
print("rdflib: ok")
