// Small helpers over libpg_query's JSON parse tree, where a node is `{ TypeName: { …fields } }`.
import type { Node } from 'libpg-query';

export type Fields = Record<string, unknown>;

/** The node's type name and its fields. */
export function nodeEntry(node: Node | undefined): [string, Fields] | undefined {
  if (node === undefined || node === null) return undefined;
  for (const key in node) return [key, (node as unknown as Record<string, Fields>)[key] ?? {}];
  return undefined;
}

/** `String` nodes of a name list (`["salesforce", "contacts"]`); other nodes are skipped. */
export function stringList(nodes: readonly Node[] | undefined): string[] {
  const out: string[] = [];
  for (const n of nodes ?? []) {
    if ('String' in n) out.push(n.String.sval ?? '');
  }
  return out;
}

/** The names of an object reference in DROP/COMMENT/GRANT…: a List of Strings, a String, ObjectWithArgs or TypeName. */
export function objectNames(node: Node | undefined): string[] {
  if (node === undefined) return [];
  if ('List' in node) return stringList(node.List.items);
  if ('String' in node) return [node.String.sval ?? ''];
  if ('ObjectWithArgs' in node) return stringList(node.ObjectWithArgs.objname);
  if ('TypeName' in node) return stringList(node.TypeName.names);
  return [];
}

const DML = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

export function isDml(type: string): boolean {
  return DML.has(type);
}

/**
 * Visits everything below `root` (not root itself), depth first, without recursion (parse
 * trees of huge statements are deep). Every object is visited once with type '' (a bare
 * RangeVar in `relation: {…}` is found that way); a wrapped node (`{ DeleteStmt: {…} }`) is
 * visited once more with its type name and fields.
 */
export function walk(root: unknown, visit: (type: string, fields: Fields) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const obj = value as Fields;
    if (obj !== root) visit('', obj);
    for (const key in obj) {
      const child = obj[key];
      if (typeof child !== 'object' || child === null) continue;
      const code = key.charCodeAt(0);
      if (code >= 65 && code <= 90 && !Array.isArray(child)) visit(key, child as Fields); // a node wrapper key
      stack.push(child);
    }
  }
}
