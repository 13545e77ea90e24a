/**
 * What the local cloud really answers is what the API document says: the queue, a case, an
 * action's summary and the report validate against the published JSON Schemas (which forbid
 * undocumented fields) and the zod contracts they come from.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../infra/local/cloud';
import { openApiDocument } from '../../../infra/openapi/document';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import {
  CaseDetail,
  CaseQueuePage,
  CaseSummary,
  type ComplaintReportView,
  ComplaintReportView as ReportContract,
} from '../domain/case-responses';
import type { ComplaintReport } from '../domain/report';

// the report's type (report.ts) fits its documented contract
const _reportFits = (report: ComplaintReport): ComplaintReportView => report;

const schemas = (openApiDocument(topology).components as { schemas: Record<string, object> }).schemas;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
function expectDocumented(
  name: string,
  value: unknown,
  contract: { safeParse(v: unknown): { success: boolean } },
) {
  const validate = ajv.getSchema(name) ?? ajv.compile({ $id: name, ...schemas[name] });
  expect(validate(value), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  expect(contract.safeParse(value).success, name).toBe(true);
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

const token = async (sub: string, role: string, team?: string) =>
  (await api(cloud, '/dev/token', { method: 'POST', json: { sub, role, ...(team ? { team } : {}) } })).body
    .token as string;

describe('answers of the case API against the document', () => {
  it('queue, case, action and report validate against their response schemas', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-01T01:00:00Z' } });
    const posted = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '郑强', phone: '13644445555', email: 'zheng@example.com' },
        policyNumber: 'P2024000999',
        description: '我的医疗险理赔申请提交一个月了，一直没有结果，请尽快处理。',
        consent: { dataProcessing: true },
      },
    });
    expect(posted.status).toBe(201);
    const id = posted.body.complaintId as string;
    const lead = { authorization: `Bearer ${await token('lead-li', 'lead', 'claims')}` };
    await waitFor(async () => {
      const queue = await api(cloud, '/v1/cases', { headers: lead });
      return (queue.body.items as { complaintId: string }[]).some((i) => i.complaintId === id) || undefined;
    }, 'the complaint in the claims queue');
    await cloud.settle();

    const queue = await api(cloud, '/v1/cases', { headers: lead });
    expect(queue.status).toBe(200);
    expectDocumented('CaseQueuePage', queue.body, CaseQueuePage);
    const row = (queue.body.items as { complaintId: string; sla: unknown }[]).find(
      (i) => i.complaintId === id,
    );
    expect(row?.sla).toMatchObject({ state: 'running' });

    const detail = await api(cloud, `/v1/cases/${id}`, { headers: lead });
    expect(detail.status).toBe(200);
    expectDocumented('CaseDetail', detail.body, CaseDetail);
    expect((detail.body.clocks as unknown[]).length).toBeGreaterThan(0);
    expect(detail.body.triage).not.toBeNull();

    const assigned = await api(cloud, `/v1/cases/${id}/assign`, {
      method: 'POST',
      headers: { ...lead, 'if-match': `"${detail.body.version}"` },
      json: { assignee: 'agent-ann' },
    });
    expect(assigned.status).toBe(200);
    expectDocumented('CaseSummary', assigned.body, CaseSummary);

    // the queue's filters
    const agent = { authorization: `Bearer ${await token('agent-ann', 'agent', 'claims')}` };
    const ids = async (query: string, who = lead) => {
      const page = await api(cloud, `/v1/cases?${query}`, { headers: who });
      expect(page.status, query).toBe(200);
      return (page.body.items as { complaintId: string }[]).map((i) => i.complaintId);
    };
    expect(await ids('assignee=me', agent)).toEqual([id]);
    expect(await ids('assignee=unassigned')).not.toContain(id);
    expect(await ids(`category=${detail.body.category}&priority=${detail.body.priority}`)).toContain(id);
    expect(await ids('due=breaching')).not.toContain(id);
    // search by reference, scoped like the queue
    const reference = posted.body.reference as string;
    expect(await ids(`q=${reference.toLowerCase()}`)).toEqual([id]);
    const stranger = { authorization: `Bearer ${await token('sam', 'agent', 'sales-compliance')}` };
    expect(await ids(`q=${reference}`, stranger)).toEqual([]);
    expect(await ids('q=C-NOBODY-0001')).toEqual([]);
    // by phone (however typed), email (any case) and policy number, from the search indexes
    for (const q of ['13644445555', '+86 136 4444 5555', '136-4444-5555', 'Zheng@Example.com', 'p2024000999'])
      expect(await ids(`q=${encodeURIComponent(q)}`), q).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent('+86 136 4444 5555')}`, stranger)).toEqual([]);
    expect(await ids('q=13644445556')).toEqual([]);
    expect(await ids('q=other%40example.com')).toEqual([]);
    // the same customer complains again: each case lists the other (the customer history index)
    const again = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '郑强', phone: '+86 136 4444 5555' },
        description: '上次的理赔投诉还没有处理，现在又被要求补充材料，请给出明确答复。',
        consent: { dataProcessing: true },
      },
    });
    expect(again.status).toBe(201);
    await cloud.settle();
    const second = await api(cloud, `/v1/cases/${again.body.complaintId}`, { headers: lead });
    expectDocumented('CaseDetail', second.body, CaseDetail);
    expect((second.body.otherComplaints as { complaintId: string }[]).map((c) => c.complaintId)).toEqual([
      id,
    ]);
    expect((await api(cloud, `/v1/cases/${id}`, { headers: lead })).body.otherComplaints).toMatchObject([
      { complaintId: again.body.complaintId, reference: again.body.reference },
    ]);
    const notSearchable = await api(cloud, '/v1/cases?q=no%40where', { headers: lead });
    expect(notSearchable.status).toBe(400);
    expect(notSearchable.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((notSearchable.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['query.q']);
    const found = await api(cloud, `/v1/cases?q=${reference}`, { headers: lead });
    expectDocumented('CaseQueuePage', found.body, CaseQueuePage);
    expect((await api(cloud, '/v1/cases?q=a%20b', { headers: lead })).status).toBe(400);
    const bad = await api(cloud, '/v1/cases?due=tomorrow&category=cars', { headers: lead });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'query.category',
      'query.due',
    ]);

    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'P40D' } });
    await cloud.settle();
    // 40 days on, the breach has been escalated (a day after it) from the claims team to the
    // escalation desk: an admin's queue, across teams, still finds it
    const lateAdmin = { authorization: `Bearer ${await token('root', 'admin')}` };
    expect(await ids('due=breaching', lateAdmin)).toContain(id);
    expect(await ids('due=today', lateAdmin)).toContain(id);
    const late = await api(cloud, '/v1/cases?due=breaching', { headers: lateAdmin });
    expectDocumented('CaseQueuePage', late.body, CaseQueuePage);
    expect(
      (late.body.items as { complaintId: string; sla: unknown }[]).find((i) => i.complaintId === id)?.sla,
    ).toMatchObject({ state: 'breached' });

    const admin = { authorization: `Bearer ${await token('root', 'admin')}` };
    const report = await api(cloud, '/v1/reports/complaints?from=2026-06-01&to=2026-06-30', {
      headers: admin,
    });
    expect(report.status).toBe(200);
    expectDocumented('ComplaintReport', report.body, ReportContract);
  }, 180_000);
});
