"""Pure network analysis of the five-society collaboration graph, on networkx graphs.

Functions here take plain data or networkx graphs and never touch the database, HTTP or GraphQL.
"""
