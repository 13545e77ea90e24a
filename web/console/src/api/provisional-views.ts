/**
 * PROVISIONAL, to delete: the fields the pages read, for as long as schema.d.ts comes from an API
 * document without response schemas. client.ts uses these only where the generated type is
 * `unknown`; once the document publishes its response contracts the generated types win.
 */
type Clock = { name: string; dueAt: string; state: 'running' | 'paused' | 'warning' | 'breached' };
type Customer = { name: string; phone?: string; email?: string; idNumberMasked?: string };

export interface ProvisionalQueueRow {
  complaintId: string;
  reference: string;
  status: string;
  channel: string;
  receivedAt: string;
  category?: string;
  priority?: string;
  team?: string;
  assignee?: string;
  escalated: boolean;
  nextDeadline: { name: string; dueAt: string } | null;
  customer: Customer;
  version: number;
  sla?: Clock | null;
}

export interface ProvisionalQueuePage {
  items: ProvisionalQueueRow[];
  cursor: string | null;
}

export interface ProvisionalCaseDetail extends ProvisionalQueueRow {
  subject?: string;
  description: string;
  policyNumber?: string;
  customerId?: string;
  language?: string;
  preferredChannel?: string;
  triage: {
    category: string;
    priority: string;
    team: string;
    signals: string[];
    reasons: { rule: string; detail: string }[];
  } | null;
  hardship: unknown;
  clocks: {
    name: string;
    regime: string;
    dueAt: string;
    state: string;
    customerFacing: boolean;
    provisional: boolean;
    history: { at: string; change: string; reason: string; dueAt: string }[];
  }[];
  timeline: (
    | { kind: 'action'; at: string; actor: string; role: string; action: string }
    | { kind: 'notification'; at: string; type: string; channel: string; outcome: string; reason?: string }
  )[];
}
