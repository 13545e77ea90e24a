/**
 * `rectification.action-overdue`: an action of an open rectification passed its due date undone.
 * Published once per action and due date, for its owner and the lead who opened the rectification.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const RectificationActionOverdue = defineEvent(
  'rectification.action-overdue',
  1,
  z.looseObject({
    rectificationId: id(),
    actionId: id(),
    rootCause: id(),
    title: z.string(),
    dueDate: z.string(),
    /** Staff ids (subjects) to alert: the action's owner and the lead who opened the rectification. */
    notify: z.array(id()),
  }),
);
