/**
 * The customer event's RSVP page: the invitation's signed link shows the event (its time in the
 * guest's own zone, the venue or online address, the seats left) and the answer so far; accept or
 * decline posts to POST /v1/rsvp?t=, and the page says what came of it: a seat, the waitlist (when
 * the event is full) or a decline. A forged or expired link, or an event that has begun, says so.
 */
import type { Language } from '#shared/contracts/vocabulary';
import { apiBase, pageLanguage, query, showProblem, type Words } from './page';

const words: Record<Language, Words> = {
  'zh-CN': {
    title: '活动报名',
    switchTo: 'English',
    when: '时间',
    venue: '地点',
    online: '线上地址',
    seats: '剩余名额',
    yourAnswer: '您的回复',
    accept: '我会参加',
    decline: '无法参加',
    sending: '正在提交…',
    'state.invited': '尚未回复',
    'state.accepted': '已确认参加',
    'state.waitlisted': '候补中',
    'state.declined': '已谢绝',
    'state.checked-in': '已签到',
    'done.accepted': '报名成功，您的席位已确认',
    'doneText.accepted':
      '活动前一天上午 9 点我们会提醒您。如无法参加，请回到此页面点击“无法参加”，把名额让给其他客户。',
    'done.waitlisted': '名额已满，您已进入候补',
    'doneText.waitlisted': '一旦有名额空出，我们会按候补顺序为您确认并通知您。',
    'done.declined': '已收到您的回复',
    'doneText.declined': '感谢告知，期待下次与您相见。',
    'done.checked-in': '您已签到',
    'doneText.checked-in': '欢迎参加本次活动。',
    'error.link': '此邀请链接无效或已过期。',
    'error.unknown': '找不到这份邀请。',
    'error.started': '活动已开始，无法再更改回复。',
    'error.general': '加载或提交失败，请稍后再试。',
    'error.network': '网络连接失败，请检查网络后重试。',
  },
  en: {
    title: 'Event invitation',
    switchTo: '中文',
    when: 'When',
    venue: 'Where',
    online: 'Online at',
    seats: 'Seats left',
    yourAnswer: 'Your answer',
    accept: 'I will come',
    decline: 'I cannot come',
    sending: 'Sending…',
    'state.invited': 'Not answered yet',
    'state.accepted': 'Coming (seat confirmed)',
    'state.waitlisted': 'On the waitlist',
    'state.declined': 'Not coming',
    'state.checked-in': 'Checked in',
    'done.accepted': 'Your seat is confirmed',
    'doneText.accepted':
      'We will remind you at 9:00 the day before. If you cannot come after all, come back here and choose "I cannot come" so that someone else can have your seat.',
    'done.waitlisted': 'The event is full: you are on the waitlist',
    'doneText.waitlisted': 'When a seat comes free, we give it to the waitlist in order and let you know.',
    'done.declined': 'Thank you for letting us know',
    'doneText.declined': 'We hope to see you another time.',
    'done.checked-in': 'You are checked in',
    'doneText.checked-in': 'Welcome to the event.',
    'error.link': 'This invitation link is invalid or has expired.',
    'error.unknown': 'We could not find this invitation.',
    'error.started': 'The event has begun; the answer can no longer be changed.',
    'error.general': 'Something went wrong. Please try again later.',
    'error.network': 'We could not reach the server. Check your connection and try again.',
  },
};

interface RsvpView {
  readonly event: {
    readonly title: string;
    readonly startsAt: string;
    readonly venue?: string;
    readonly onlineUrl?: string;
    readonly seatsLeft: number;
    readonly timeZone: string;
  };
  readonly state: string;
}

const form = document.querySelector<HTMLFormElement>('#rsvp-form')!;
const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[name=response]')];
const sending = document.querySelector<HTMLElement>('#sending')!;
const $ = (id: string) => document.querySelector<HTMLElement>(`#${id}`)!;
let view: RsvpView | undefined;
let answered = false;
let problemKey: string | undefined;

const page = pageLanguage(words, () => {
  if (view) show(view);
  if (problemKey) showProblem(page.t(problemKey));
});

/** The event's time as the guest's clocks show it, with the zone named. */
const when = (startsAt: string, timeZone: string) =>
  `${new Intl.DateTimeFormat(page.language, {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(startsAt))} (${timeZone})`;

function show(next: RsvpView): void {
  view = next;
  const { event, state } = next;
  $('event-title').textContent = event.title;
  $('event-when').textContent = when(event.startsAt, event.timeZone);
  $('event-where-label').textContent = page.t(event.venue ? 'venue' : 'online');
  const where = $('event-where');
  where.replaceChildren();
  if (event.venue) where.textContent = event.venue;
  else if (event.onlineUrl) {
    const link = document.createElement('a');
    link.href = event.onlineUrl;
    link.rel = 'noopener noreferrer';
    link.textContent = event.onlineUrl;
    where.append(link);
  }
  $('event-seats').textContent = String(event.seatsLeft);
  $('event-state').textContent = page.t(`state.${state}`);
  // a checked-in guest has nothing left to answer
  form.hidden = state === 'checked-in';
  $('invitation').hidden = false;
  if (answered) {
    $('answered-heading').textContent = page.t(`done.${state}`);
    $('answered-text').textContent = page.t(`doneText.${state}`);
    $('answered').hidden = false;
  }
}

function problem(key: string | undefined): void {
  problemKey = key;
  showProblem(key ? page.t(key) : undefined);
}

/** The problem a refused request names: the link, the invitation, the event's start, or other. */
function problemOf(status: number, answer: { errors?: { path: string }[] }): string {
  if (status === 400 && answer.errors?.some((e) => e.path === 'query.t')) return 'error.link';
  if (status === 404) return 'error.unknown';
  if (status === 409) return 'error.started';
  return 'error.general';
}

async function call(init?: RequestInit): Promise<void> {
  try {
    const response = await fetch(`${apiBase()}/v1/rsvp?t=${encodeURIComponent(query.get('t') ?? '')}`, init);
    const answer = await response.json().catch(() => ({}));
    if (response.status !== 200) return problem(problemOf(response.status, answer));
    problem(undefined);
    show(answer as RsvpView);
  } catch {
    problem('error.network');
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = (event as SubmitEvent).submitter;
  if (!(chosen instanceof HTMLButtonElement) || chosen.name !== 'response') return;
  for (const button of buttons) button.disabled = true;
  sending.textContent = page.t('sending');
  answered = true;
  await call({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response: chosen.value }),
  });
  for (const button of buttons) button.disabled = false;
  sending.textContent = '';
  if (!problemKey) $('answered').focus();
});

page.apply();
if (query.get('t')) void call();
else problem('error.link');
