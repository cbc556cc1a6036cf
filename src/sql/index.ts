// src/sql: the real PostgreSQL parser (libpg_query) and the proxy's statement classifier.
export { loadSqlParser } from './parser.js';
export { StatementClassifier } from './classifier.js';
export type { Classification, ClassifierOptions, MirrorNames, MirrorWrite, WriteShape } from './types.js';
