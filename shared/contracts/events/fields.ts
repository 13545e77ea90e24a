/** Field shapes several events share. */
import * as z from 'zod/mini';

export const id = () => z.string().check(z.minLength(1));
export const instant = () => z.iso.datetime({ offset: true });

/** Every complaint event names its complaint and the reference the customer knows it by. */
export const complaintFields = { complaintId: id(), reference: id() };
