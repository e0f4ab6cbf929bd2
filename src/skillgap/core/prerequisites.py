"""The prerequisite graph of a bank: cycles and chain depth, found without recursion so that a
hostile bank cannot exhaust the stack."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

#: Longest chain of prerequisites a bank may have (A needs B needs C ... ).
MAX_DEPTH = 64


def cycles(graph: Mapping[str, Mapping[str, int]]) -> Iterator[tuple[str, ...]]:
    """Each cycle once, as the path that closes it (a, b, ..., a). Unknown ids are ignored."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    seen: set[frozenset[str]] = set()
    for start in graph:
        if start in state:
            continue
        path: list[str] = [start]
        stack: list[Iterator[str]] = [iter(graph[start])]
        state[start] = 1
        while stack:
            node = next(stack[-1], None)
            if node is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if node not in graph:
                continue
            if state.get(node) == 1:
                cycle = (*path[path.index(node) :], node)
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    yield cycle
            elif node not in state:
                state[node] = 1
                path.append(node)
                stack.append(iter(graph[node]))


def depths(graph: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """The longest prerequisite chain below each question (0: needs nothing). Assumes no
    cycles; a question on a cycle gets the depth found before the cycle closed."""
    depth: dict[str, int] = {}
    for start in graph:
        if start in depth:
            continue
        stack = [(start, False)]
        on_path: set[str] = set()
        while stack:
            node, expanded = stack.pop()
            if expanded:
                on_path.discard(node)
                known = [depth.get(p, 0) + 1 for p in graph[node] if p in graph and p in depth]
                depth[node] = max(known, default=0)
                continue
            if node in depth or node in on_path:
                continue
            on_path.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in graph[node] if p in graph and p not in depth)
    return depth
