/** Roles of the people who work cases; groups of the same names exist in the Cognito user pool. */
export const roles = ['agent', 'lead', 'admin'] as const;
export type Role = (typeof roles)[number];
