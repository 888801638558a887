"""Small-number suppression for anonymised views (MEAL analysts, organisation admins).

Primary suppression: every count below THRESHOLD (zero included, as SPEC §3 says "fewer than 5")
is shown as "<5".

Secondary suppression: a hidden count must not be recoverable from the counts and totals that are
shown. A table with its totals is a set of equations (each row adds up to its total; when the rows
partition the cases, each column adds up to its total too). Picture it as a bipartite graph: one
node per row and per column (totals included), one edge per cell, and each node's equation says
"the edges at this node add up to a known number". Nodes that carry no equation (columns whose sum
is not published, e.g. categories where one case counts in several rows) are merged into one free
"ground" node. Then a hidden cell can be worked out exactly if and only if its edge is a *bridge*
of the graph of hidden cells (an edge on no cycle): summing the equations on one side of a bridge
isolates it, while a cycle of hidden cells can be shifted by +t/-t around it without changing any
published figure. So we hide more cells until no hidden edge is a bridge, each time closing a cycle
through the cheapest path of shown cells (smallest counts first, so the least information is lost).

Limits (documented in docs/performance.md's neighbour, the threat model): protection is per table.
Someone who combines two different reports of the same cases, or who uses the bounds 0 ≤ x ≤ 4 of
"<5" cells, can sometimes narrow a hidden cell to a range; that is the usual standard for published
statistics with a threshold rule.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from .tables import TOTAL, Table

THRESHOLD = 5
GROUND = ("ground",)


def _node_map(table: Table):
    """Which node each row and column is, with the unconstrained ones merged into GROUND."""

    def row_node(rk):
        constrained = table.show_row_totals
        return ("r", rk) if constrained else GROUND

    def col_node(ck):
        constrained = table.show_col_totals and table.rows_partition
        return ("c", ck) if constrained else GROUND

    return row_node, col_node


def _edges(table: Table):
    row_node, col_node = _node_map(table)
    return {(rk, ck): (row_node(rk), col_node(ck)) for rk in table.row_keys for ck in table.col_keys}


def bridges(edges: dict, hidden: set) -> list:
    """The hidden cells whose edges are bridges of the hidden-cell graph (recoverable cells)."""
    adjacency = defaultdict(list)
    for cell in hidden:
        u, v = edges[cell]
        if u == v:
            continue  # a self-loop at GROUND lies in no equation: never recoverable
        adjacency[u].append((v, cell))
        adjacency[v].append((u, cell))
    found, order, low = [], {}, {}
    counter = 0
    for start in list(adjacency):
        if start in order:
            continue
        # Iterative DFS (Tarjan): tables can have hundreds of rows; recursion would be fragile.
        order[start] = low[start] = counter
        counter += 1
        stack = [(start, None, iter(adjacency[start]))]
        while stack:
            node, via, it = stack[-1]
            advanced = False
            for nxt, cell in it:
                if cell == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, cell, iter(adjacency[nxt])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append(via)
    return sorted(found, key=repr)


def _cheapest_cycle(edges: dict, hidden: set, table: Table, target) -> list:
    """Shown cells that, once hidden, put `target` on a cycle: a cheapest path between its ends."""
    source, goal = edges[target]
    adjacency = defaultdict(list)
    for cell, (u, v) in edges.items():
        if cell == target:
            continue
        cost = 0 if cell in hidden else table.count(*cell) + 1
        adjacency[u].append((v, cost, cell))
        adjacency[v].append((u, cost, cell))
    best = {source: 0}
    previous = {}
    heap = [(0, 0, source)]
    tie = 0
    while heap:
        cost, _, node = heapq.heappop(heap)
        if node == goal:
            break
        if cost > best.get(node, float("inf")):
            continue
        for nxt, step, cell in adjacency[node]:
            new = cost + step
            if new < best.get(nxt, float("inf")):
                best[nxt] = new
                previous[nxt] = (node, cell)
                tie += 1
                heapq.heappush(heap, (new, tie, nxt))
    if goal not in previous and goal != source:
        return []
    path, node = [], goal
    while node != source:
        node, cell = previous[node]
        path.append(cell)
    return [c for c in path if c not in hidden]


def suppress(table: Table, threshold: int = THRESHOLD) -> Table:
    """Mark the table's hidden cells in place (and return it)."""
    edges = _edges(table)
    hidden = {cell for cell in edges if table.count(*cell) < threshold}
    primary = set(hidden)
    guard = len(edges) + 1
    while guard:
        guard -= 1
        recoverable = bridges(edges, hidden)
        if not recoverable:
            break
        extra = _cheapest_cycle(edges, hidden, table, recoverable[0])
        if not extra:
            # No shown cell can close a cycle (a one-cell table): hide everything that touches it.
            u, v = edges[recoverable[0]]
            extra = [c for c, ends in edges.items() if c not in hidden and (set(ends) & {u, v})]
            if not extra:
                break
        hidden.update(extra)
    table.hidden = {cell: ("primary" if cell in primary else "secondary") for cell in hidden}
    return table


def recoverable_cells(table: Table) -> list:
    """Hidden cells that the published figures would reveal (empty for a safe table; tests use it)."""
    return bridges(_edges(table), set(table.hidden))


__all__ = ["THRESHOLD", "TOTAL", "bridges", "recoverable_cells", "suppress"]
