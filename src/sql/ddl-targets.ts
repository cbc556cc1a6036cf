// Which mirrored tables (or the mirror schema, '*') a DDL/DCL statement changes. Reads inside
// DDL (CREATE VIEW … AS SELECT, CREATE TABLE … (LIKE …)) are not targets; anything that adds a
// dependant to a mirrored table is (REFERENCES, INHERITS, PARTITION OF, ATTACH PARTITION),
// because it constrains or changes what the mirror holds.
import type {
  AlterDefaultPrivilegesStmt, AlterFunctionStmt, AlterObjectSchemaStmt, AlterOwnerStmt, AlterPolicyStmt, AlterSeqStmt,
  AlterTableStmt, CommentStmt, CompositeTypeStmt, Constraint, CreateDomainStmt, CreateEnumStmt, CreateExtensionStmt,
  CreateForeignTableStmt, CreatePolicyStmt, CreateRangeStmt, CreateSchemaStmt, CreateSeqStmt, CreateStatsStmt, CreateStmt,
  CreateTrigStmt, DefineStmt, DropStmt, GrantStmt, ImportForeignSchemaStmt, IndexStmt, Node, RangeVar, RenameStmt, ViewStmt,
  AlterEnumStmt, AlterDomainStmt,
} from 'libpg-query';
import { objectNames, stringList, walk, type Fields } from './ast.js';
import type { StatementFacts } from './statement-facts.js';
import type { WriteShape } from './types.js';

const WHOLE_SCHEMA = '*';

const RELATION_KINDS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);
/** Objects named `[schema.]table.name`: the table is what changes. */
const ON_RELATION = new Map<string, WriteShape>([
  ['OBJECT_TRIGGER', 'trigger'], ['OBJECT_RULE', 'rule'], ['OBJECT_POLICY', 'ddl'], ['OBJECT_TABCONSTRAINT', 'ddl'], ['OBJECT_COLUMN', 'ddl'],
]);

const TRIGGER_SUBTYPES = new Set([
  'AT_EnableTrig', 'AT_EnableAlwaysTrig', 'AT_EnableReplicaTrig', 'AT_DisableTrig', 'AT_EnableTrigAll', 'AT_DisableTrigAll',
  'AT_EnableTrigUser', 'AT_DisableTrigUser',
]);
const RULE_SUBTYPES = new Set(['AT_EnableRule', 'AT_EnableAlwaysRule', 'AT_EnableReplicaRule', 'AT_DisableRule']);

/** Statements that write (anyWrite) but cannot name a mirrored table as something they change. */
const NO_MIRROR_TARGET = new Set([
  'DoStmt', 'CallStmt', 'VacuumStmt', 'ClusterStmt', 'ReindexStmt', 'RefreshMatViewStmt', 'CheckPointStmt', 'LoadStmt',
  'CreatedbStmt', 'DropdbStmt', 'AlterDatabaseStmt', 'AlterDatabaseSetStmt', 'AlterDatabaseRefreshCollStmt', 'AlterSystemStmt',
  'CreateRoleStmt', 'AlterRoleStmt', 'AlterRoleSetStmt', 'DropRoleStmt', 'GrantRoleStmt', 'CreateTableSpaceStmt',
  'DropTableSpaceStmt', 'AlterTableSpaceOptionsStmt', 'AlterTableMoveAllStmt', 'CreateEventTrigStmt', 'AlterEventTrigStmt',
  'DropOwnedStmt', 'ReassignOwnedStmt', 'CreatePublicationStmt', 'AlterPublicationStmt', 'CreateSubscriptionStmt',
  'AlterSubscriptionStmt', 'DropSubscriptionStmt', 'CreateUserMappingStmt', 'AlterUserMappingStmt', 'DropUserMappingStmt',
  'CreateForeignServerStmt', 'AlterForeignServerStmt', 'CreateFdwStmt', 'AlterFdwStmt', 'CreatePLangStmt',
]);

export function collectDdlTargets(type: string, fields: Fields, f: StatementFacts, override: WriteShape | undefined): void {
  const s = f.scope;
  const add = (shape: WriteShape, table: string | undefined): void => f.add(shape, table, override);
  const schemaNamed = (name: string | undefined): void => add('ddl', name === s.schema ? WHOLE_SCHEMA : undefined);
  switch (type) {
    case 'AlterTableStmt': {
      const a = fields as AlterTableStmt;
      add(alterTableShape(a.cmds), s.ddlTarget(a.relation));
      addRelationsBelow(a.cmds, f, override); // FK targets, INHERIT parents, ATTACH/DETACH PARTITION
      return;
    }
    case 'CreateStmt':
    case 'CreateForeignTableStmt': {
      const c = type === 'CreateStmt' ? (fields as CreateStmt) : ((fields as CreateForeignTableStmt).base ?? {});
      add('ddl', s.createdRelation(c.relation));
      for (const inh of c.inhRelations ?? []) if ('RangeVar' in inh) add('ddl', s.ddlTarget(inh.RangeVar));
      walk(c.tableElts, (t, o) => { if (t === 'Constraint') add('ddl', s.ddlTarget((o as Constraint).pktable)); });
      return;
    }
    case 'ViewStmt': add('ddl', s.createdRelation((fields as ViewStmt).view)); return;
    case 'CreateSeqStmt': add('ddl', s.createdRelation((fields as CreateSeqStmt).sequence)); return;
    case 'AlterSeqStmt': add('ddl', s.ddlTarget((fields as AlterSeqStmt).sequence)); return;
    case 'CompositeTypeStmt': add('ddl', s.createdRelation((fields as CompositeTypeStmt).typevar)); return;
    case 'IndexStmt': add('ddl', s.ddlTarget((fields as IndexStmt).relation)); return;
    case 'CreateTrigStmt': {
      const t = fields as CreateTrigStmt;
      add('trigger', s.ddlTarget(t.relation));
      add('trigger', s.ddlTarget(t.constrrel));
      return;
    }
    case 'CreatePolicyStmt': add('ddl', s.ddlTarget((fields as CreatePolicyStmt).table)); return;
    case 'AlterPolicyStmt': add('ddl', s.ddlTarget((fields as AlterPolicyStmt).table)); return;
    case 'CreateStatsStmt': {
      const c = fields as CreateStatsStmt;
      add('ddl', s.createdInMirror(stringList(c.defnames)));
      for (const r of c.relations ?? []) if ('RangeVar' in r) add('ddl', s.ddlTarget(r.RangeVar));
      return;
    }
    case 'DropStmt': {
      const d = fields as DropStmt;
      for (const o of d.objects ?? []) objectTarget(d.removeType ?? '', o, f, override);
      return;
    }
    case 'CommentStmt': {
      const c = fields as CommentStmt;
      objectTarget(c.objtype ?? '', c.object, f, override);
      return;
    }
    case 'SecLabelStmt': {
      const c = fields as CommentStmt; // same shape: objtype + object
      objectTarget(c.objtype ?? '', c.object, f, override);
      return;
    }
    case 'RenameStmt': {
      const r = fields as RenameStmt;
      if (r.renameType === 'OBJECT_SCHEMA') {
        schemaNamed(r.subname);
        schemaNamed(r.newname);
      } else if (r.relation !== undefined) {
        add(ON_RELATION.get(r.renameType ?? '') ?? 'ddl', s.ddlTarget(r.relation));
      } else {
        objectTarget(r.renameType ?? '', r.object, f, override);
      }
      return;
    }
    case 'AlterObjectSchemaStmt': {
      const a = fields as AlterObjectSchemaStmt;
      const names = a.relation?.relname !== undefined ? relationNames(a.relation) : objectNames(a.object);
      if (a.relation !== undefined) add('ddl', s.ddlTarget(a.relation));
      else objectTarget(a.objectType ?? '', a.object, f, override);
      if (a.newschema === s.schema) add('ddl', names[names.length - 1]); // moves something into the mirror schema
      return;
    }
    case 'AlterOwnerStmt': {
      const a = fields as AlterOwnerStmt;
      if (a.relation !== undefined) add('ddl', s.ddlTarget(a.relation));
      else objectTarget(a.objectType ?? '', a.object, f, override);
      return;
    }
    case 'GrantStmt': {
      const g = fields as GrantStmt;
      const kind = g.targtype === 'ACL_TARGET_ALL_IN_SCHEMA' ? 'OBJECT_SCHEMA' : g.objtype ?? '';
      for (const o of g.objects ?? []) {
        if ('RangeVar' in o) add('ddl', s.ddlTarget(o.RangeVar));
        else objectTarget(kind, o, f, override);
      }
      return;
    }
    case 'AlterDefaultPrivilegesStmt': {
      for (const o of (fields as AlterDefaultPrivilegesStmt).options ?? []) {
        if ('DefElem' in o && o.DefElem.defname === 'schemas') for (const n of objectNames(o.DefElem.arg)) schemaNamed(n);
      }
      return;
    }
    case 'CreateSchemaStmt': { // CREATE SCHEMA AUTHORIZATION role names the schema after the role
      const c = fields as CreateSchemaStmt;
      schemaNamed(c.schemaname ?? c.authrole?.rolename);
      return;
    }
    case 'ImportForeignSchemaStmt': schemaNamed((fields as ImportForeignSchemaStmt).local_schema); return;
    case 'CreateExtensionStmt': {
      for (const o of (fields as CreateExtensionStmt).options ?? []) {
        if ('DefElem' in o && o.DefElem.defname === 'schema') schemaNamed(objectNames(o.DefElem.arg)[0]);
      }
      return;
    }
    case 'CreateDomainStmt': add('ddl', s.createdInMirror(stringList((fields as CreateDomainStmt).domainname))); return;
    case 'CreateEnumStmt': add('ddl', s.createdInMirror(stringList((fields as CreateEnumStmt).typeName))); return;
    case 'CreateRangeStmt': add('ddl', s.createdInMirror(stringList((fields as CreateRangeStmt).typeName))); return;
    case 'DefineStmt': add('ddl', s.createdInMirror(stringList((fields as DefineStmt).defnames))); return;
    case 'AlterFunctionStmt': add('ddl', s.qualifiedInMirror(stringList((fields as AlterFunctionStmt).func?.objname))); return;
    case 'AlterEnumStmt': add('ddl', s.qualifiedInMirror(stringList((fields as AlterEnumStmt).typeName))); return;
    case 'AlterDomainStmt': add('ddl', s.qualifiedInMirror(stringList((fields as AlterDomainStmt).typeName))); return;
    default:
      if (NO_MIRROR_TARGET.has(type)) return;
      // A statement kind not listed here: every relation it names counts (conservative).
      addRelationsBelow(fields, f, override);
  }
}

/** DROP / COMMENT / SECURITY LABEL / GRANT / RENAME of one object reference. */
function objectTarget(kind: string, object: Node | undefined, f: StatementFacts, override: WriteShape | undefined): void {
  const s = f.scope;
  const names = objectNames(object);
  if (kind === 'OBJECT_SCHEMA') {
    if (names[0] === s.schema) f.add('ddl', WHOLE_SCHEMA, override);
  } else if (RELATION_KINDS.has(kind)) {
    f.add('ddl', s.ddlTargetNames(names), override);
  } else if (ON_RELATION.has(kind)) {
    f.add(ON_RELATION.get(kind) ?? 'ddl', s.ddlTargetNames(names.slice(0, -1)), override);
  } else {
    f.add('ddl', s.qualifiedInMirror(names), override);
  }
}

function addRelationsBelow(root: unknown, f: StatementFacts, override: WriteShape | undefined): void {
  walk(root, (t, o) => {
    if (t === '' && typeof o.relname === 'string') f.add('ddl', f.scope.ddlTarget(o as RangeVar), override);
  });
}

function alterTableShape(cmds: readonly Node[] | undefined): WriteShape {
  let shape: WriteShape = 'ddl';
  for (const c of cmds ?? []) {
    const sub = 'AlterTableCmd' in c ? c.AlterTableCmd.subtype ?? '' : '';
    if (TRIGGER_SUBTYPES.has(sub)) shape = 'trigger';
    else if (RULE_SUBTYPES.has(sub) && shape === 'ddl') shape = 'rule';
  }
  return shape;
}

function relationNames(rv: RangeVar): string[] {
  return rv.schemaname === undefined ? [rv.relname ?? ''] : [rv.schemaname, rv.relname ?? ''];
}
