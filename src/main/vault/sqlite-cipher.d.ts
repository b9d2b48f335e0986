// Types for better-sqlite3-multiple-ciphers: its own index.d.ts is hidden by its "exports" map, and its API is better-sqlite3's.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database = require('better-sqlite3');
  export = Database;
}
