/**
 * The small bilingual pages of the NPS survey link: the 0–10 question (a GET only shows it: mail
 * scanners fetch links before the customer does) and the thanks after the answer.
 */
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6}
fieldset{border:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}label{border:1px solid #555;border-radius:.25rem;padding:.25rem .6rem}
button{font-size:1rem;padding:.5rem 1.25rem;margin-top:1rem}textarea{width:100%}</style>
</head><body>${body}</body></html>`;
}

export function surveyPage(actionPath: string): string {
  const scores = Array.from(
    { length: 11 },
    (_, n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`,
  ).join('');
  return page(
    '满意度调查 / Survey',
    `<main><h1>您有多大可能向亲友推荐我们？</h1><p lang="en">How likely are you to recommend us to a friend or family member?</p>
<form method="post" action="${escapeHtml(actionPath)}">
<fieldset><legend>0 = 完全不可能 / not at all likely, 10 = 非常可能 / extremely likely</legend>${scores}</fieldset>
<p><label for="comment">原因（可选）/ Why? (optional)</label><br><textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea></p>
<button type="submit">提交 / Send</button></form></main>`,
  );
}

export function thanksPage(): string {
  return page(
    '感谢您的反馈 / Thank you',
    '<main><h1>感谢您的反馈！</h1><p lang="en">Thank you for your answer.</p></main>',
  );
}
