/**
 * The authorization matrix on the local cloud with the real topology: every jwt route of
 * `topology.routes` × every kind of caller (no token, forged or stale tokens, a caller of another
 * team, and the agent, lead and admin of the case's team) answers the expected status, every error
 * is problem+json, and nothing of a case leaks to a caller outside its team. A jwt route added to
 * the topology without a probe here fails this file.
 */
import { type CryptoKey, decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#shared/contracts/roles';
import type { LocalCloud } from '../../../infra/local/cloud';
import { LOCAL_AUDIENCE } from '../../../infra/local/jwt';
import { topology } from '../../../infra/topology';
import type { RouteSpec } from '../../../infra/topology-types';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { campaignCatalog } from '../../care/domain/campaign-definitions';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

// ---------------------------------------------------------------------------------------------
// Callers

/** Tokens the gateway must refuse (each carries admin claims, so only its defect can refuse it). */
const invalidKinds = [
  'no token',
  'bad signature',
  'tampered claims',
  'expired',
  'wrong audience',
  'wrong issuer',
] as const;
/** Valid tokens of a team other than the target case's. */
const outsiderKinds = ['other-team agent', 'other-team lead'] as const;
/** Valid tokens of the target case's team, and an admin. */
const insiderKinds = ['agent', 'lead', 'admin'] as const;
const kinds = [...invalidKinds, ...outsiderKinds, ...insiderKinds] as const;
type Kind = (typeof kinds)[number];

const isInvalid = (kind: Kind): kind is (typeof invalidKinds)[number] =>
  (invalidKinds as readonly string[]).includes(kind);
const isOutsider = (kind: Kind): kind is (typeof outsiderKinds)[number] =>
  (outsiderKinds as readonly string[]).includes(kind);
const roleOf = (kind: Kind): Role | undefined =>
  kind === 'agent' || kind === 'other-team agent'
    ? 'agent'
    : kind === 'lead' || kind === 'other-team lead'
      ? 'lead'
      : kind === 'admin'
        ? 'admin'
        : undefined;

// ---------------------------------------------------------------------------------------------
// The two cases

interface Filed {
  readonly complaintId: string;
  /** The care customer the complaint's phone belongs to (imported before filing). */
  readonly customerId: string;
  readonly reference: string;
  readonly team: string;
  readonly customer: { readonly name: string; readonly phone: string; readonly email: string };
  readonly description: string;
}

const complaints = [
  {
    customerId: 'MATRIXC1',
    customer: { name: '郑国强', phone: '13644445555', email: 'zheng.guoqiang@example.com' },
    description: '我的医疗险理赔申请提交一个月了，一直没有结果，理赔员也联系不上，请尽快处理。',
  },
  {
    customerId: 'MATRIXC2',
    customer: { name: '欧阳雪梅', phone: '13511118888', email: 'ouyang.xuemei@example.com' },
    description: '我的个人信息被泄露了：最近总有陌生人打电话推销，能准确说出我的保单号和家庭住址。',
  },
] as const;

/** The fixed clock: Monday 1 June 2026, 08:30 in Shanghai (a working day, no holiday near). */
const FILED_AT = '2026-06-01T00:30:00Z';
const REPORT_QUERY = 'from=2026-06-01&to=2026-06-01';
/** A well-formed complaint id no complaint has. */
const UNKNOWN_ID = '01J0000000000000000000000Z';

/** The customer the admin-only customer routes are probed with (imported before the matrix). */
const MATRIX_CUSTOMER = 'MATRIX01';
const MATRIX_CUSTOMER_LINE = JSON.stringify({
  customerId: MATRIX_CUSTOMER,
  name: '测试客户',
  phone: '13700137000',
  consent: { service: true, marketing: false },
});

/** The complaints' customers, known to care before they file (so the journey route finds them). */
const complainantLines = complaints
  .map((c) =>
    JSON.stringify({
      customerId: c.customerId,
      name: c.customer.name,
      phone: c.customer.phone,
      consent: { service: true, marketing: false },
    }),
  )
  .join('\n');
/** The rectification the read and action probes work on (opened by an admin before the matrix). */
let customerEventId = '';
let rectificationId = '';
/** A campaign draft the authoring probes write: the shipped birthday greeting under another id. */
let drafts = 0;
const matrixDraft = (id: string) => {
  const { enabled: _enabled, ...birthday } = campaignCatalog.campaigns.find((c) => c.id === 'birthday')!;
  return { ...birthday, id };
};
/** The segment the read, change and preview probes work on (defined by an admin before the matrix). */
let segmentId = '';
const MATRIX_SEGMENT = { name: 'Matrix gold customers', rules: { tiers: ['gold'] } };
/** The privacy request the read probe works on (recorded by an admin before the matrix). */
let privacyRequestId = '';
let privacyAccessRequestId = '';
let erasures = 0;

const filed: Filed[] = [];
const tokens = new Map<string, string>();
/** Every note a matrix cell tried to add, and whether the API took it. */
const notes: { complaintId: string; text: string; accepted: boolean }[] = [];
/** The observed matrix, printed with PRINT_AUTH_MATRIX=1. */
const observed = new Map<string, Map<string, number>>();

const tokenKey = (role: Role | 'expired-admin', team?: string) => `${role}:${team ?? '-'}`;

async function issue(sub: string, role: Role, team?: string): Promise<string> {
  const res = await api(cloud, '/dev/token', {
    method: 'POST',
    json: { sub, role, ...(team ? { team } : {}) },
  });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

/** A Cognito-shaped ID token signed with any key and any issuer or audience. */
async function forge(
  key: CryptoKey,
  options: { issuer?: string; audience?: string; role?: Role; team?: string } = {},
): Promise<string> {
  const iat = Math.floor(cloud.clock.now().getTime() / 1000);
  return new SignJWT({
    'cognito:groups': [options.role ?? 'admin'],
    ...(options.team ? { 'custom:team': options.team } : {}),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'local' })
    .setSubject('mallory')
    .setIssuer(options.issuer ?? cloud.identity.issuer)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(key);
}

/**
 * The local identity provider's signing key. A wrong audience or issuer is only tested as such
 * when the signature is right, and `/dev/token` signs nothing but the right ones.
 */
function localSigningKey(): CryptoKey {
  const key = Reflect.get(cloud.identity, 'privateKey') as CryptoKey | undefined;
  if (key?.type !== 'private') {
    throw new Error('LocalIdentityProvider no longer keeps its signing key in `privateKey`; update forge()');
  }
  return key;
}

/** A real token with its payload edited (admin, no team) and its original signature kept. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims['cognito:groups'] = ['admin'];
  delete claims['custom:team'];
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

function authorization(kind: Kind, target: Filed, other: Filed): string | undefined {
  const token = (() => {
    switch (kind) {
      case 'no token':
        return undefined;
      case 'expired':
        return tokens.get(tokenKey('expired-admin'));
      case 'agent':
      case 'lead':
        return tokens.get(tokenKey(kind, target.team));
      case 'admin':
        return tokens.get(tokenKey('admin'));
      case 'other-team agent':
        return tokens.get(tokenKey('agent', other.team));
      case 'other-team lead':
        return tokens.get(tokenKey('lead', other.team));
      default:
        return tokens.get(kind);
    }
  })();
  if (kind !== 'no token' && !token) throw new Error(`no token prepared for ${kind}`);
  return token && `Bearer ${token}`;
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

interface Call {
  readonly method: string;
  readonly path: string;
  readonly ifMatch?: string;
  readonly json?: unknown;
  /** An NDJSON body (the customer import). */
  readonly ndjson?: string;
}

async function send(call: Call, auth: string | undefined): Promise<Reply> {
  const headers = new Headers();
  if (auth) headers.set('authorization', auth);
  if (call.ifMatch) headers.set('if-match', call.ifMatch);
  if (call.json !== undefined) headers.set('content-type', 'application/json');
  if (call.ndjson !== undefined) headers.set('content-type', 'application/x-ndjson');
  const response = await fetch(`${cloud.url}${call.path}`, {
    method: call.method,
    headers,
    body: call.json === undefined ? call.ndjson : JSON.stringify(call.json),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // CSV or plain text; `text` has it
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    text,
    body,
  };
}

function expectProblem(reply: Reply, what: string): void {
  expect(reply.contentType, `${what}: content-type`).toMatch(/^application\/problem\+json/);
  expect(reply.body, `${what}: problem body`).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: reply.status,
    detail: expect.any(String),
  });
}

/** What of a case must never reach a caller outside its team. */
function secretsOf(c: Filed): Record<string, string> {
  return {
    complaintId: c.complaintId,
    reference: c.reference,
    'customer name': c.customer.name,
    'customer phone': c.customer.phone,
    'customer email': c.customer.email,
    description: c.description,
  };
}

/** The cases a caller may see anything of: none without a valid token, all for an admin. */
function visibleTo(kind: Kind, target: Filed, other: Filed): (c: Filed) => boolean {
  if (isInvalid(kind)) return () => false;
  if (kind === 'admin') return () => true;
  const team = isOutsider(kind) ? other.team : target.team;
  return (c) => c.team === team;
}

/**
 * Nothing of the cases the caller may not see is in the body or a header. A 404 names the id the
 * caller put in the URL (exactly as for an id that does not exist): that echo is not a leak.
 */
function expectNoLeak(reply: Reply, hidden: readonly Filed[], what: string, echoed?: string): void {
  let haystack = [reply.text, ...[...reply.headers.entries()].map(([k, v]) => `${k}: ${v}`)].join('\n');
  if (echoed && reply.status === 404) haystack = haystack.replaceAll(echoed, '<the id in the URL>');
  for (const c of hidden) {
    for (const [field, secret] of Object.entries(secretsOf(c))) {
      expect(haystack.includes(secret), `${what}: the ${field} of ${c.team}'s case leaked`).toBe(false);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One probe per jwt route

interface Probe {
  /** The one request every kind of caller sends for the target case. */
  request(target: Filed, cell: string): Call | Promise<Call>;
  /** The answer to an allowed caller of another team. */
  readonly outsider: 404 | 403 | 200 | 201 | 409;
  /** The answer to an allowed caller of the case's team (200 unless the route creates or refuses the state). */
  readonly success?: 201 | 202 | 409;
  /** Answers that depend on who the caller is rather than on their team (e.g. an owner's rights). */
  readonly byKind?: Partial<Record<Kind, 403>>;
  /** What a 200 must hold (beyond "no leak"). */
  ok(reply: Reply, kind: Kind, target: Filed, other: Filed): void;
}

/** A feedback text the relationship service routes to each of the matrix's two teams. */
const FEEDBACK_TOPIC: Record<string, string> = {
  claims: '请问理赔材料需要原件吗？',
  'privacy-office': '请问你们如何保护我的个人信息？',
};

const idsIn = (reply: Reply) => (reply.body.items as { complaintId: string }[]).map((i) => i.complaintId);

const MATRIX_ARTICLE = {
  topic: 'policy-interpretation',
  content: {
    'zh-CN': {
      title: '宽限期',
      summary: '交费日后的宽限期内出险照常赔付。',
      body: '宽限期内发生保险事故，照常赔付。',
    },
    en: {
      title: 'Grace period',
      summary: 'Claims in the grace period are paid.',
      body: 'A claim in the grace period is paid.',
    },
  },
};

const probes: Record<string, Probe> = {
  // the queue, naming the target's team: another team's caller may not name it (their own list
  // is checked below)
  'GET /v1/cases': {
    request: (target) => ({ method: 'GET', path: `/v1/cases?team=${target.team}` }),
    outsider: 403,
    ok(reply, _kind, target, other) {
      expect(idsIn(reply)).toContain(target.complaintId);
      expect(idsIn(reply)).not.toContain(other.complaintId);
    },
  },
  'GET /v1/cases/{complaintId}': {
    request: (target) => ({ method: 'GET', path: `/v1/cases/${target.complaintId}` }),
    outsider: 404,
    ok(reply, _kind, target) {
      expect(reply.body).toMatchObject({ complaintId: target.complaintId, team: target.team });
      expect(reply.headers.get('etag')).toBe(`"${reply.body.version}"`);
    },
  },
  // a harmless action: notes need no If-Match and are allowed in every status
  'POST /v1/cases/{complaintId}/{action}': {
    request: (target, cell) => ({
      method: 'POST',
      path: `/v1/cases/${target.complaintId}/notes`,
      json: { text: `matrix note: ${cell}`, visibility: 'internal' },
    }),
    outsider: 404,
    ok(reply, _kind, target) {
      expect(reply.body).toMatchObject({ complaintId: target.complaintId, team: target.team });
    },
  },
  // the report has no team parameter (a `team` is a 400): a lead of another team gets their own
  // team's report, an agent none
  'GET /v1/reports/complaints': {
    request: () => ({ method: 'GET', path: `/v1/reports/complaints?${REPORT_QUERY}` }),
    outsider: 200,
    ok(reply, kind, target, other) {
      const report = reply.body as {
        scope: Record<string, string>;
        totals: { received: number };
        counts: { team: Record<string, number> };
      };
      if (kind === 'admin') {
        expect(report.scope).toEqual({ teams: 'all' });
        expect(report.totals.received).toBe(2);
        return;
      }
      const own = kind === 'other-team lead' ? other : target;
      const foreign = own === target ? other : target;
      expect(report.scope).toEqual({ team: own.team });
      expect(report.totals.received).toBe(1);
      expect(report.counts.team[own.team]).toBe(1);
      expect(report.counts.team[foreign.team]).toBe(0);
    },
  },
  // the admin-only customer routes: no case is involved, so "outsiders" are refused by role
  'POST /v1/customers/import': {
    request: () => ({ method: 'POST', path: '/v1/customers/import', ndjson: MATRIX_CUSTOMER_LINE }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ rejected: [] });
      const { created, updated, unchanged } = reply.body as Record<string, number>;
      expect(created! + updated! + unchanged!).toBe(1);
    },
  },
  'GET /v1/customers/{customerId}/preferences': {
    request: () => ({ method: 'GET', path: `/v1/customers/${MATRIX_CUSTOMER}/preferences` }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ customerId: MATRIX_CUSTOMER });
    },
  },
  'PUT /v1/customers/{customerId}/preferences': {
    request: () => ({
      method: 'PUT',
      path: `/v1/customers/${MATRIX_CUSTOMER}/preferences`,
      json: { language: 'en' },
    }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ customerId: MATRIX_CUSTOMER, language: 'en' });
    },
  },
  // the admin-only campaign routes
  'GET /v1/campaigns': {
    request: () => ({ method: 'GET', path: '/v1/campaigns' }),
    outsider: 403,
    ok(reply) {
      const ids = (reply.body.campaigns as { id: string }[]).map((c) => c.id);
      expect(ids).toContain('birthday');
    },
  },
  // a draft by one admin; the matrix's admin (another) approves a fresh draft in every cell
  'POST /v1/campaigns': {
    request: () => ({ method: 'POST', path: '/v1/campaigns', json: matrixDraft(`matrix-draft-${++drafts}`) }),
    outsider: 403,
    success: 201,
    ok(reply) {
      expect(reply.body).toMatchObject({ status: 'draft', latestVersion: 1, pendingVersion: 1 });
    },
  },
  'POST /v1/campaigns/{campaignId}/{action}': {
    async request() {
      const campaignId = `matrix-approve-${++drafts}`;
      const written = await send(
        { method: 'POST', path: '/v1/campaigns', json: matrixDraft(campaignId) },
        `Bearer ${await issue('admin-bo', 'admin')}`,
      );
      expect(written.status).toBe(201);
      return { method: 'POST', path: `/v1/campaigns/${campaignId}/approve` };
    },
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ status: 'active', activeVersion: 1, updatedBy: 'admin-ada' });
    },
  },
  'GET /v1/campaigns/{campaignId}/preview': {
    request: () => ({ method: 'GET', path: '/v1/campaigns/birthday/preview?date=2026-06-15' }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ campaignId: 'birthday', date: '2026-06-15' });
    },
  },
  'GET /v1/campaigns/{campaignId}/runs': {
    request: () => ({ method: 'GET', path: '/v1/campaigns/birthday/runs' }),
    outsider: 403,
    ok(reply) {
      expect(Array.isArray(reply.body.runs)).toBe(true);
    },
  },
  // the knowledge library belongs to no team: leads and admins read it, admins write it
  'GET /v1/articles': {
    request: () => ({ method: 'GET', path: '/v1/articles' }),
    outsider: 200,
    ok(reply) {
      expect((reply.body.articles as { articleId: string }[]).map((a) => a.articleId)).toContain(
        'kb-003-home-fire-safety',
      );
    },
  },
  'POST /v1/articles': {
    request: () => ({ method: 'POST', path: '/v1/articles', json: MATRIX_ARTICLE }),
    outsider: 403,
    success: 201,
    ok(reply) {
      expect(reply.body).toMatchObject({ version: 1, topic: MATRIX_ARTICLE.topic });
    },
  },
  'GET /v1/articles/{articleId}': {
    request: () => ({ method: 'GET', path: '/v1/articles/kb-003-home-fire-safety' }),
    outsider: 200,
    ok(reply) {
      expect(reply.body).toMatchObject({ articleId: 'kb-003-home-fire-safety', topic: 'risk-management' });
    },
  },
  // no If-Match: the matrix changes it many times, each a whole new text
  'PUT /v1/articles/{articleId}': {
    request: () => ({ method: 'PUT', path: '/v1/articles/kb-002-grace-period', json: MATRIX_ARTICLE }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ articleId: 'kb-002-grace-period', topic: MATRIX_ARTICLE.topic });
    },
  },
  // segments belong to no team: leads and admins define and preview them, agents are refused
  'GET /v1/segments': {
    request: () => ({ method: 'GET', path: '/v1/segments' }),
    outsider: 200,
    ok(reply) {
      expect((reply.body.segments as { segmentId: string }[]).map((s) => s.segmentId)).toContain(segmentId);
    },
  },
  'POST /v1/segments': {
    request: (_target, cell) => ({
      method: 'POST',
      path: '/v1/segments',
      json: { name: `matrix ${cell}`, rules: { tiers: ['platinum'] } },
    }),
    outsider: 201,
    success: 201,
    ok(reply, _kind, _target) {
      expect(reply.body).toMatchObject({ version: 1, rules: { tiers: ['platinum'] } });
    },
  },
  'GET /v1/segments/{segmentId}': {
    request: () => ({ method: 'GET', path: `/v1/segments/${segmentId}` }),
    outsider: 200,
    ok(reply) {
      expect(reply.body).toMatchObject({ segmentId, name: MATRIX_SEGMENT.name });
    },
  },
  // no If-Match: the matrix changes it many times, each a whole new definition
  'PUT /v1/segments/{segmentId}': {
    request: () => ({ method: 'PUT', path: `/v1/segments/${segmentId}`, json: MATRIX_SEGMENT }),
    outsider: 200,
    ok(reply) {
      expect(reply.body).toMatchObject({ segmentId, rules: MATRIX_SEGMENT.rules });
    },
  },
  'GET /v1/segments/{segmentId}/preview': {
    request: () => ({ method: 'GET', path: `/v1/segments/${segmentId}/preview` }),
    outsider: 200,
    ok(reply) {
      expect(reply.body).toMatchObject({ segmentId, count: 0 });
    },
  },
  // the regulators' returns cover every team: admins only
  'GET /v1/reports/returns/{regime}': {
    request: () => ({ method: 'GET', path: `/v1/reports/returns/uk-fca?${REPORT_QUERY}&format=json` }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ regime: 'uk-fca' });
    },
  },
  // personal-information requests: the privacy office (admins) only
  'POST /v1/privacy/requests': {
    request: () => ({
      method: 'POST',
      path: '/v1/privacy/requests',
      json: { customerId: MATRIX_CUSTOMER, kind: 'access', verification: 'matrix: ID card checked' },
    }),
    outsider: 403,
    success: 201,
    ok(reply) {
      expect(reply.body).toMatchObject({ customerId: MATRIX_CUSTOMER, kind: 'access', status: 'open' });
    },
  },
  'GET /v1/privacy/requests/{requestId}': {
    request: () => ({ method: 'GET', path: `/v1/privacy/requests/${privacyRequestId}` }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ requestId: privacyRequestId });
    },
  },
  'GET /v1/privacy/requests/{requestId}/export': {
    request: () => ({ method: 'GET', path: `/v1/privacy/requests/${privacyAccessRequestId}/export` }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ requestId: privacyAccessRequestId, customerId: MATRIX_CUSTOMER });
    },
  },
  // each cell completes an erasure request of its own (for a customer who holds nothing)
  'POST /v1/privacy/requests/{requestId}/complete': {
    request: async (_target, cell) => {
      const filed = await send(
        {
          method: 'POST',
          path: '/v1/privacy/requests',
          json: {
            customerId: `MATRIX-ERASE-${++erasures}`,
            kind: 'erasure',
            verification: `matrix: ${cell}`,
          },
        },
        `Bearer ${tokens.get(tokenKey('admin'))}`,
      );
      return { method: 'POST', path: `/v1/privacy/requests/${filed.body.requestId}/complete` };
    },
    outsider: 403,
    // handed to the erasure function through its queue
    success: 202,
    ok(reply) {
      expect(reply.body).toMatchObject({ kind: 'erasure', status: 'erasing' });
    },
  },
  'GET /v1/privacy/retention/expiring': {
    request: () => ({ method: 'GET', path: '/v1/privacy/retention/expiring?days=30' }),
    outsider: 403,
    ok(reply) {
      expect(reply.body).toMatchObject({ days: 30 });
    },
  },
  'GET /v1/privacy/audit': {
    request: () => ({ method: 'GET', path: '/v1/privacy/audit' }),
    outsider: 403,
    ok(reply) {
      expect(Array.isArray(reply.body.entries)).toBe(true);
    },
  },
  // rectifications belong to no team: any lead opens one, any staff reads and updates them
  'POST /v1/rectifications': {
    request: (_target, cell) => ({
      method: 'POST',
      path: '/v1/rectifications',
      json: {
        rootCause: 'claims/assessment-delay',
        title: `matrix rectification: ${cell}`,
        owner: 'lead-matrix',
        dueDate: '2026-07-31',
        actions: [{ text: 'Review the assessment queue', owner: 'lead-matrix', dueDate: '2026-07-15' }],
      },
    }),
    outsider: 201,
    success: 201,
    ok(reply) {
      expect(reply.body).toMatchObject({ rootCause: 'claims/assessment-delay', status: 'open' });
    },
  },
  'GET /v1/rectifications': {
    request: () => ({ method: 'GET', path: '/v1/rectifications' }),
    outsider: 200,
    ok(reply) {
      const ids = (reply.body.items as { rectificationId: string }[]).map((r) => r.rectificationId);
      expect(ids).toContain(rectificationId);
    },
  },
  'GET /v1/rectifications/{rectificationId}': {
    request: () => ({ method: 'GET', path: `/v1/rectifications/${rectificationId}` }),
    outsider: 200,
    ok(reply) {
      expect(reply.body).toMatchObject({ rectificationId });
    },
  },
  // a progress note, at the version an admin reads just before
  'POST /v1/rectifications/{rectificationId}/{action}': {
    async request(_target, cell) {
      const current = await send(
        { method: 'GET', path: `/v1/rectifications/${rectificationId}` },
        `Bearer ${tokens.get(tokenKey('admin'))}`,
      );
      return {
        method: 'POST',
        path: `/v1/rectifications/${rectificationId}/update`,
        ifMatch: `"${current.body.version}"`,
        json: { note: `matrix note: ${cell}` },
      };
    },
    outsider: 200,
    // only its owner, leads and admins act on a rectification: these agents own none
    byKind: { agent: 403, 'other-team agent': 403 },
    ok(reply) {
      expect(reply.body).toMatchObject({ rectificationId });
    },
  },
  // feedback belongs to the team it was routed to: another team's caller may not name that team's
  // queue, and answers another team's feedback as if it did not exist
  'GET /v1/feedback': {
    request: (target) => ({ method: 'GET', path: `/v1/feedback?team=${target.team}` }),
    outsider: 403,
    ok(reply, _kind, target) {
      const items = reply.body.items as { team: string }[];
      expect(items.every((f) => f.team === target.team)).toBe(true);
    },
  },
  'POST /v1/feedback/{feedbackId}/answer': {
    async request(target, cell) {
      const filed = await api(cloud, '/v1/feedback', {
        method: 'POST',
        json: { kind: 'question', text: `${FEEDBACK_TOPIC[target.team]} (${cell})` },
      });
      expect(filed.body.team).toBe(target.team);
      return {
        method: 'POST',
        path: `/v1/feedback/${filed.body.feedbackId as string}/answer`,
        json: { text: `matrix answer: ${cell}` },
      };
    },
    outsider: 404,
    ok(reply, _kind, target) {
      expect(reply.body).toMatchObject({ team: target.team, state: 'answered' });
    },
  },
  // customer events belong to no team: admins create them, leads read them, any staff checks in
  'POST /v1/events': {
    request: (_target, cell) => ({
      method: 'POST',
      path: '/v1/events',
      json: {
        title: `matrix event: ${cell}`,
        kind: 'health-talk',
        customerIds: [MATRIX_CUSTOMER],
        venue: 'Room 1',
        startsAt: '2027-12-01T06:00:00Z',
        capacity: 10,
      },
    }),
    outsider: 201,
    success: 201,
    ok(reply) {
      expect(reply.body).toMatchObject({ counts: { invited: 1 } });
    },
  },
  'GET /v1/events/{eventId}': {
    request: () => ({ method: 'GET', path: `/v1/events/${customerEventId}` }),
    outsider: 200,
    ok(reply) {
      expect(reply.body).toMatchObject({ eventId: customerEventId });
    },
  },
  // a customer without a seat cannot check in (409), whoever asks: the route's roles are what is probed
  'POST /v1/events/{eventId}/check-in': {
    request: () => ({
      method: 'POST',
      path: `/v1/events/${customerEventId}/check-in`,
      json: { customerId: MATRIX_CUSTOMER },
    }),
    outsider: 409,
    success: 409,
    ok() {},
  },
  // NPS covers every team's customers: leads and admins
  'GET /v1/reports/nps': {
    request: () => ({ method: 'GET', path: '/v1/reports/nps?from=2026-06-01&to=2026-06-30' }),
    outsider: 200,
    ok(reply) {
      expect(reply.body).toMatchObject({ from: '2026-06-01', to: '2026-06-30' });
    },
  },
  // a customer's journey: admins, and the staff of a team that has one of the customer's complaints
  'GET /v1/customers/{customerId}/journey': {
    request: (target) => ({ method: 'GET', path: `/v1/customers/${target.customerId}/journey` }),
    outsider: 403,
    ok(reply, _kind, target) {
      expect(reply.body).toMatchObject({ customerId: target.customerId });
      const ids = (reply.body.complaints as { complaintId: string }[]).map((c) => c.complaintId);
      expect(ids).toEqual([target.complaintId]);
    },
  },
};

const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;
const jwtRoutes = topology.routes.filter(
  (r): r is RouteSpec & { auth: { kind: 'jwt'; roles: readonly Role[] } } => r.auth.kind === 'jwt',
);

function expectedStatus(route: (typeof jwtRoutes)[number], probe: Probe, kind: Kind): number {
  if (isInvalid(kind)) return 401;
  if (!route.auth.roles.includes(roleOf(kind)!)) return 403;
  return probe.byKind?.[kind] ?? (isOutsider(kind) ? probe.outsider : (probe.success ?? 200));
}

/**
 * Cells that show a real bug: `${route} | ${target index} | ${kind}` → why. Such a cell runs as
 * `it.fails`, so it turns red the day the bug is fixed and the entry can go. (None found.)
 */
const knownBugs: Record<string, string> = {};

// ---------------------------------------------------------------------------------------------

describe('authorization matrix', () => {
  beforeAll(async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: FILED_AT } });
    const known = await send(
      { method: 'POST', path: '/v1/customers/import', ndjson: complainantLines },
      `Bearer ${await issue('admin-ada', 'admin')}`,
    );
    expect(known.body).toMatchObject({ rejected: [] });
    for (const { customerId, ...complaint } of complaints) {
      const res = await api(cloud, '/v1/complaints', {
        method: 'POST',
        json: { ...complaint, consent: { dataProcessing: true } },
      });
      expect(res.status).toBe(201);
      const complaintId = res.body.complaintId as string;
      await waitFor(async () => {
        const r = await api(cloud, '/dev/events?type=complaint.triaged&limit=100');
        return (r.body.events as { detail: { data: { complaintId: string } } }[]).some(
          (e) => e.detail.data.complaintId === complaintId,
        )
          ? true
          : undefined;
      }, 'triage');
      filed.push({
        complaintId,
        customerId,
        reference: res.body.reference as string,
        team: '',
        customer: { ...complaint.customer },
        description: complaint.description,
      });
    }
    await cloud.settle();

    // an admin token that works now and is expired 13 h later (tokens live 12 h)
    const expiring = await issue('admin-early', 'admin');
    const before = await send({ method: 'GET', path: '/v1/cases' }, `Bearer ${expiring}`);
    expect(before.status).toBe(200);
    tokens.set(tokenKey('expired-admin'), expiring);

    // which team triage gave each complaint, read as an admin
    const admin = await issue('admin-ada', 'admin');
    for (const [i, c] of filed.entries()) {
      const view = await send({ method: 'GET', path: `/v1/cases/${c.complaintId}` }, `Bearer ${admin}`);
      expect(view.status).toBe(200);
      filed[i] = { ...c, team: view.body.team as string };
    }
    // (claims and privacy-office today); the matrix needs only that they differ
    expect(filed[0]!.team).not.toBe(filed[1]!.team);

    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT13H' } });
    expect(decodeJwt(expiring).exp! * 1000).toBeLessThan(cloud.clock.now().getTime());

    // every other token is issued after the clock moved
    tokens.set(tokenKey('admin'), await issue('admin-ada', 'admin'));
    const seeded = await send(
      { method: 'POST', path: '/v1/customers/import', ndjson: MATRIX_CUSTOMER_LINE },
      `Bearer ${tokens.get(tokenKey('admin'))}`,
    );
    expect(seeded.status).toBe(200);
    const opened = await send(
      {
        method: 'POST',
        path: '/v1/rectifications',
        json: {
          rootCause: 'claims/assessment-delay',
          title: 'Assessment delays in June',
          owner: 'lead-matrix',
          dueDate: '2026-07-31',
          actions: [{ text: 'Add assessors', owner: 'lead-matrix', dueDate: '2026-07-15' }],
        },
      },
      `Bearer ${tokens.get(tokenKey('admin'))}`,
    );
    expect(opened.status).toBe(201);
    rectificationId = opened.body.rectificationId as string;
    const segment = await send(
      { method: 'POST', path: '/v1/segments', json: MATRIX_SEGMENT },
      `Bearer ${tokens.get(tokenKey('admin'))}`,
    );
    expect(segment.status).toBe(201);
    segmentId = segment.body.segmentId as string;
    const event = await send(
      {
        method: 'POST',
        path: '/v1/events',
        json: {
          title: 'Matrix health talk',
          kind: 'health-talk',
          customerIds: [MATRIX_CUSTOMER],
          venue: 'Room 1',
          startsAt: '2027-12-01T06:00:00Z',
          capacity: 10,
        },
      },
      `Bearer ${tokens.get(tokenKey('admin'))}`,
    );
    expect(event.status).toBe(201);
    customerEventId = event.body.eventId as string;
    const privacyRequest = await send(
      {
        method: 'POST',
        path: '/v1/privacy/requests',
        json: { customerId: MATRIX_CUSTOMER, kind: 'erasure', verification: 'matrix: passport checked' },
      },
      `Bearer ${tokens.get(tokenKey('admin'))}`,
    );
    expect(privacyRequest.status).toBe(201);
    privacyRequestId = privacyRequest.body.requestId as string;
    const accessRequest = await send(
      {
        method: 'POST',
        path: '/v1/privacy/requests',
        json: { customerId: MATRIX_CUSTOMER, kind: 'access', verification: 'matrix: passport checked' },
      },
      `Bearer ${tokens.get(tokenKey('admin'))}`,
    );
    privacyAccessRequestId = accessRequest.body.requestId as string;
    for (const c of filed) {
      tokens.set(tokenKey('agent', c.team), await issue(`agent-${c.team}`, 'agent', c.team));
      tokens.set(tokenKey('lead', c.team), await issue(`lead-${c.team}`, 'lead', c.team));
    }
    const { privateKey: strangerKey } = await generateKeyPair('RS256');
    tokens.set('bad signature', await forge(strangerKey));
    tokens.set('tampered claims', tamper(tokens.get(tokenKey('agent', filed[1]!.team))!));
    tokens.set('wrong audience', await forge(localSigningKey(), { audience: 'some-other-app-client' }));
    tokens.set('wrong issuer', await forge(localSigningKey(), { issuer: 'https://issuer.example/other' }));
    // the forge itself is sound: the right key, issuer and audience make a token the API takes
    const control = await send(
      { method: 'GET', path: '/v1/cases' },
      `Bearer ${await forge(localSigningKey())}`,
    );
    expect(control.status).toBe(200);
  });

  afterAll(() => {
    if (!process.env.PRINT_AUTH_MATRIX) return;
    const rows = [...observed.entries()].map(([route, cells]) => ({ route, ...Object.fromEntries(cells) }));
    console.table(rows);
  });

  it('has a probe for every jwt route of the topology, and none for a route that is gone', () => {
    const declared = jwtRoutes.map(routeKey);
    const missing = declared.filter((key) => !probes[key]);
    expect(missing, `jwt routes without an authorization probe in ${import.meta.filename}`).toEqual([]);
    expect(Object.keys(probes).filter((key) => !declared.includes(key))).toEqual([]);
    expect(declared.length).toBeGreaterThanOrEqual(4);
  });

  for (const route of jwtRoutes) {
    const key = routeKey(route);
    describe(key, () => {
      const probe = probes[key];
      if (!probe) {
        it('is covered by the matrix', () => {
          expect.fail(
            `${key} is a jwt route with no probe in the authorization matrix: add one to \`probes\``,
          );
        });
        return;
      }
      for (const targetIndex of [0, 1]) {
        for (const kind of kinds) {
          const cell = `${key} | ${targetIndex} | ${kind}`;
          const bug = knownBugs[cell];
          const expected = expectedStatus(route, probe, kind);
          (bug ? it.fails : it)(`case ${targetIndex + 1}, ${kind} → ${expected}`, async () => {
            const target = filed[targetIndex]!;
            const other = filed[1 - targetIndex]!;
            const call = await probe.request(target, cell);
            const reply = await send(call, authorization(kind, target, other));
            const column = `${kind} (case ${targetIndex + 1})`;
            observed.set(key, (observed.get(key) ?? new Map()).set(column, reply.status));
            if (call.path.endsWith('/notes')) {
              notes.push({
                complaintId: target.complaintId,
                text: `matrix note: ${cell}`,
                accepted: reply.status === 200,
              });
            }

            expect(reply.status, `${cell}: ${reply.text}`).toBe(expected);
            if (reply.status >= 400) expectProblem(reply, cell);
            else {
              expect(reply.contentType).toMatch(/^application\/json/);
              probe.ok(reply, kind, target, other);
            }
            const visible = visibleTo(kind, target, other);
            expectNoLeak(
              reply,
              filed.filter((c) => !visible(c)),
              cell,
              target.complaintId,
            );
            if (reply.status === 404) {
              // out of scope answers exactly like a case that does not exist
              const missing = await send(
                { ...call, path: call.path.replace(target.complaintId, UNKNOWN_ID) },
                authorization(kind, target, other),
              );
              expect(missing.status).toBe(404);
              expect(reply.body).toEqual(
                JSON.parse(JSON.stringify(missing.body).replaceAll(UNKNOWN_ID, target.complaintId)),
              );
            }
          });
        }
      }
    });
  }

  it("gives agents and leads their own team's queue only, and an admin every team's", async () => {
    for (const [i, own] of filed.entries()) {
      const foreign = filed[1 - i]!;
      for (const role of ['agent', 'lead'] as const) {
        const what = `${role} of ${own.team}, GET /v1/cases`;
        const reply = await send(
          { method: 'GET', path: '/v1/cases' },
          `Bearer ${tokens.get(tokenKey(role, own.team))}`,
        );
        expect(reply.status, what).toBe(200);
        expect(idsIn(reply), what).toEqual([own.complaintId]);
        expectNoLeak(reply, [foreign], what);
        // filters do not widen the scope
        for (const query of ['status=triaged', 'priority=P1', `assignee=${role}-${foreign.team}`]) {
          const filtered = await send(
            { method: 'GET', path: `/v1/cases?${query}` },
            `Bearer ${tokens.get(tokenKey(role, own.team))}`,
          );
          expect(filtered.status, `${what}?${query}`).toBe(200);
          expect(idsIn(filtered), `${what}?${query}`).not.toContain(foreign.complaintId);
          expectNoLeak(filtered, [foreign], `${what}?${query}`);
        }
      }
    }
    const all = await send({ method: 'GET', path: '/v1/cases' }, `Bearer ${tokens.get(tokenKey('admin'))}`);
    expect(all.status).toBe(200);
    expect(idsIn(all).sort()).toEqual(filed.map((c) => c.complaintId).sort());
  });

  it('keeps the notes of refused callers off the timeline, and the accepted ones on it', async () => {
    const admin = `Bearer ${tokens.get(tokenKey('admin'))}`;
    expect(notes.length).toBeGreaterThan(0);
    for (const c of filed) {
      const view = await send({ method: 'GET', path: `/v1/cases/${c.complaintId}` }, admin);
      const texts = (view.body.timeline as { action: string; detail?: { text?: string } }[])
        .filter((t) => t.action === 'notes')
        .map((t) => t.detail?.text);
      const accepted = notes.filter((n) => n.complaintId === c.complaintId && n.accepted).map((n) => n.text);
      expect(texts.sort()).toEqual(accepted.sort());
      expect(accepted.every((t) => /\| (agent|lead|admin)$/.test(t))).toBe(true);
    }
  });

  it('masks the phone for an agent of the team who is not the assignee, and shows it to the assignee and the lead', async () => {
    const [claims] = filed as [Filed, Filed];
    const lead = `Bearer ${tokens.get(tokenKey('lead', claims.team))}`;
    const assignee = `Bearer ${await issue('agent-assigned', 'agent', claims.team)}`;
    const colleague = `Bearer ${tokens.get(tokenKey('agent', claims.team))}`;
    const current = await send({ method: 'GET', path: `/v1/cases/${claims.complaintId}` }, lead);
    const assigned = await fetch(`${cloud.url}/v1/cases/${claims.complaintId}/assign`, {
      method: 'POST',
      headers: {
        authorization: lead,
        'content-type': 'application/json',
        'if-match': `"${current.body.version}"`,
      },
      body: JSON.stringify({ assignee: 'agent-assigned' }),
    });
    expect(assigned.status).toBe(200);
    await cloud.settle();

    const { phone, name, email } = claims.customer;
    const masked = `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
    const customerOf = async (auth: string) => {
      const detail = await send({ method: 'GET', path: `/v1/cases/${claims.complaintId}` }, auth);
      const queue = await send({ method: 'GET', path: '/v1/cases' }, auth);
      const note = await send(
        {
          method: 'POST',
          path: `/v1/cases/${claims.complaintId}/notes`,
          json: { text: 'checked the contact details', visibility: 'internal' },
        },
        auth,
      );
      expect([detail.status, queue.status, note.status]).toEqual([200, 200, 200]);
      const listed = (queue.body.items as { complaintId: string; customer: unknown }[]).find(
        (i) => i.complaintId === claims.complaintId,
      );
      return { detail, views: [detail.body.customer, listed?.customer, note.body.customer] };
    };

    const seenByColleague = await customerOf(colleague);
    for (const customer of seenByColleague.views) {
      expect(customer).toMatchObject({ phone: masked, name: `${[...name][0]}**` });
      expect((customer as { email: string }).email).not.toBe(email);
    }
    expect(seenByColleague.detail.text).not.toContain(phone);
    expect(seenByColleague.detail.text).not.toContain(name);
    expect(seenByColleague.detail.text).not.toContain(email);

    for (const auth of [lead, assignee]) {
      for (const customer of (await customerOf(auth)).views) {
        expect(customer).toMatchObject({ phone, name, email });
      }
    }
  });
});
