/**
 * The satisfaction rating page: one tap on a score from 1 to 5 sends it, with the optional comment
 * typed above, and the signed link's token to POST /v1/ratings, which records it on the case once. A second rating is answered "already
 * recorded" and changes nothing; a forged or expired link says so.
 */
import type { Language } from '#shared/contracts/vocabulary';
import { apiBase, pageLanguage, query, showProblem, type Words } from './page';

const words: Record<Language, Words> = {
  'zh-CN': {
    title: '满意度评价',
    switchTo: 'English',
    intro: '感谢您给我们机会处理您的投诉。请告诉我们您对处理过程和结果的满意程度。',
    question: '您对本次投诉处理的满意度',
    'score.1': '1 非常不满意',
    'score.2': '2 不满意',
    'score.3': '3 一般',
    'score.4': '4 满意',
    'score.5': '5 非常满意',
    comment: '您的意见或建议（选填，点选分数即提交）',
    sending: '正在提交…',
    thanks: '感谢您的评价',
    thanksText: '我们已记录您的评价，这将帮助我们改进服务。',
    already: '您已评价过',
    alreadyText: '这次投诉的评价此前已记录，无需重复提交。',
    'error.link': '此评价链接无效或已过期。',
    'error.notYet': '这次投诉尚未处理完毕，处理完成后即可评价。',
    'error.general': '提交失败，请稍后再试。',
    'error.network': '网络连接失败，请检查网络后重试。',
  },
  en: {
    title: 'How did we do?',
    switchTo: '中文',
    intro:
      'Thank you for giving us the chance to put things right. Please tell us how satisfied you are with how we handled your complaint.',
    question: 'How satisfied are you with how we handled your complaint?',
    'score.1': '1 Very dissatisfied',
    'score.2': '2 Dissatisfied',
    'score.3': '3 Neither',
    'score.4': '4 Satisfied',
    'score.5': '5 Very satisfied',
    comment: 'Anything you would like to tell us (optional, sent when you tap a score)',
    sending: 'Sending…',
    thanks: 'Thank you for your rating',
    thanksText: 'We have recorded it; it helps us improve.',
    already: 'You have already rated this complaint',
    alreadyText: 'Your rating was recorded before, so there is nothing more to send.',
    'error.link': 'This rating link is invalid or has expired.',
    'error.notYet': 'This complaint is not resolved yet; you can rate it once it is.',
    'error.general': 'Sending failed. Please try again later.',
    'error.network': 'We could not reach the server. Check your connection and try again.',
  },
};

const form = document.querySelector<HTMLFormElement>('#rating-form')!;
const scores = [...form.querySelectorAll<HTMLButtonElement>('button[name=satisfaction]')];
const sending = document.querySelector<HTMLElement>('#sending')!;
let outcome: 'thanks' | 'already' | undefined;
let problemKey: string | undefined;

const page = pageLanguage(words, () => {
  if (outcome) showOutcome(outcome);
  if (problemKey) showProblem(page.t(problemKey));
});

function showOutcome(which: 'thanks' | 'already'): void {
  outcome = which;
  form.hidden = true;
  const done = document.querySelector<HTMLElement>('#rated')!;
  document.querySelector('#rated-heading')!.textContent = page.t(which);
  document.querySelector('#rated-text')!.textContent = page.t(`${which}Text`);
  done.hidden = false;
}

function problem(key: string): void {
  problemKey = key;
  showProblem(page.t(key));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = (event as SubmitEvent).submitter;
  // only a score button submits (a textarea has no implicit submission)
  if (!(chosen instanceof HTMLButtonElement) || chosen.name !== 'satisfaction') return;
  const comment = (form.elements.namedItem('comment') as HTMLTextAreaElement).value.trim();
  for (const score of scores) score.disabled = true;
  sending.textContent = page.t('sending');
  try {
    const response = await fetch(`${apiBase()}/v1/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        t: query.get('t') ?? '',
        satisfaction: Number(chosen.value),
        ...(comment ? { comment } : {}),
      }),
    });
    const answer = await response.json().catch(() => ({}));
    problemKey = undefined;
    showProblem(undefined);
    if (response.status === 201) showOutcome('thanks');
    else if (response.status === 409 && answer.recordedAt) showOutcome('already');
    else if (response.status === 409) problem('error.notYet');
    else if (response.status === 400 && answer.errors?.some((e: { path: string }) => e.path === 'body.t'))
      problem('error.link');
    else problem('error.general');
  } catch {
    problem('error.network');
  } finally {
    for (const score of scores) score.disabled = false;
    sending.textContent = '';
  }
});

page.apply();
if (!query.get('t')) problem('error.link');
