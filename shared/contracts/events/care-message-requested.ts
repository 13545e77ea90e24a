/** `care.message-requested`: the care planner asks notify to send one campaign message (schema in ../care-message). */
import { CareMessageRequested as data } from '../care-message';
import { defineEvent } from './define';

export const CareMessageRequested = defineEvent('care.message-requested', 1, data);
