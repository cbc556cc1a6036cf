// Plans the REST shape of a record from the selected paths, once per query: plain fields at
// the top level, `Account.Name` and `Account.Industry` merged into one nested `Account` object
// placed where the relationship is first selected, as Salesforce does.

import type { Hop, ResolvedPath, ShapeNode } from './prepared-query.js';

interface NodeBuilder {
  entries: EntryBuilder[];
}

type EntryBuilder =
  | { kind: 'field'; key: string; field: ResolvedPath['field']; owner: ResolvedPath['owner'] }
  | { kind: 'parent'; key: string; hop: Hop; node: NodeBuilder };

export function buildShape(paths: readonly ResolvedPath[]): ShapeNode {
  const root: NodeBuilder = { entries: [] };
  for (const path of paths) {
    let node = root;
    for (const hop of path.hops) node = parentNode(node, hop);
    node.entries.push({ kind: 'field', key: path.field.name, field: path.field, owner: path.owner });
  }
  return root;
}

function parentNode(node: NodeBuilder, hop: Hop): NodeBuilder {
  for (const entry of node.entries) {
    if (entry.kind === 'parent' && entry.hop.field === hop.field) return entry.node;
  }
  const child: NodeBuilder = { entries: [] };
  node.entries.push({ kind: 'parent', key: hop.field.relationshipName ?? hop.field.name, hop, node: child });
  return child;
}
