/** Field shapes several events share. */
import * as z from 'zod/mini';

// One instance each, handed to every field: zod schemas are immutable, and building one per field
// (over a hundred across the catalog, which every function loads) was a share of module init.
const nonEmpty = z.string().check(z.minLength(1));
const offsetDateTime = z.iso.datetime({ offset: true });
export const id = () => nonEmpty;
export const instant = () => offsetDateTime;

/** Every complaint event names its complaint and the reference the customer knows it by. */
export const complaintFields = { complaintId: id(), reference: id() };
