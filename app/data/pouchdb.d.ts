// The parts of PouchDB's packages the sync uses (they ship no types of their own).
declare module 'pouchdb-core' {
  interface PouchStatic {
    new (name: string, opts?: object): unknown;
    plugin(p: unknown): PouchStatic;
    replicate(from: unknown, to: unknown, opts?: object): unknown;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-md5' {
  /** MD5 of a string, in hex. */
  export function stringMd5(s: string): string;
}
