"""Pure network analysis of the five-society collaboration graph, on networkx graphs.

Functions here take plain data or networkx graphs and never touch the database, HTTP or GraphQL.

- `build`: the graph from actor, link and shared-work rows; an actor's neighbourhood.
- `summary`, `centrality`, `clusters`, `fragility`: whole-network figures, per-actor
  centralities, Louvain clusters, bridges, cut vertices and society gateways.
- `paths`: shortest and strongest chains between two actors, ego networks.
- `brokerage`: Burt's constraint and effective size, Gould–Fernandez brokerage roles.
- `linkage`: the five-society linkage index of a community; `suggestions`: partners it
  could add in a society, by shared partners (Adamic–Adar).
- `timeline`: summaries and linkage indexes date by date, with the change between dates.
- `export`: GraphML, GEXF and node-link JSON.
- `analysis`: the whole-network parts at once, as the API computes and caches it.
- `_igraph`: the one conversion to igraph that the heavy kernels share; `_table`: per-actor
  results kept as columns; `_gc`: building and analysing with the cyclic collector paused.
"""
