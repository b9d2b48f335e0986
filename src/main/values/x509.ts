// The one entry to @peculiar/x509: it needs the Reflect metadata polyfill loaded before it.
import 'reflect-metadata';

export * from '@peculiar/x509';
