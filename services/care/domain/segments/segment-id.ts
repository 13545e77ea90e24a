/** A segment's id (a ULID), on its own so campaign definitions can name a segment without its rules. */
import * as z from 'zod/mini';

export const SegmentId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be a segment id'));
