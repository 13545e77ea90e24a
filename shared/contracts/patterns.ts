/**
 * The identifier formats contracts share, apart from any schema: importing a pattern builds no
 * zod schema, so a module that only needs a format (core events, customer imports, and through the
 * event catalog every function) does not build the intake request schemas at module init.
 */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
export const E164 = /^\+[1-9]\d{7,14}$/;
export const POLICY_NUMBER = /^[A-Z0-9][A-Z0-9-]{3,39}$/;
/** A claim number as the claim system prints it, e.g. `CLM2026000123`. */
export const CLAIM_NUMBER = /^[A-Z0-9][A-Z0-9-]{3,39}$/;
