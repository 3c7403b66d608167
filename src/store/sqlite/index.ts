/** The SQLite tracking store (`sqlite:` tracking URIs), in MLflow's own schema. */
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store';
export { SqliteModelStore } from './model-store';
export { SqliteSchemaError } from './schema';
export { SqliteDriverError } from './driver';
