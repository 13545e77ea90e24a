/** The event contracts: the envelope, one module per catalog type, and the catalog that unites them. */
export * from './catalog';
export * from './envelope';
