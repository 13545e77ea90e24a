// CloudFront Function (cloudfront-js-2.0, viewer request) of the site's /console* behaviour. The
// console is a single-page app: its routes (/console/, /console/cases/<id>, /console/auth/callback)
// are no objects in the bucket, so every path under /console/ that names no file is served
// /console/index.html and the app's router takes it from there. Files (a last path segment with a
// dot: the hashed assets, config.json, icons) go to the bucket as asked, so a missing script stays
// a 404 rather than turning into HTML. The complaint form's paths never reach this behaviour.
// Tested by infra/test/console.test.ts, which runs this file as CloudFront would.

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler.
function handler(event) {
  const request = event.request;
  const uri = request.uri;
  if (uri === '/console') {
    // One canonical address (relative links and the router's base need the slash); keep the query.
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: `/console/${queryString(request.querystring)}` } },
    };
  }
  if (uri.indexOf('/console/') !== 0) return request;
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/console/index.html';
  return request;
}

// The query as received: CloudFront hands values over still URL-encoded, so they are not encoded again.
function queryString(querystring) {
  const parts = [];
  for (const name in querystring) {
    const entry = querystring[name];
    const values = entry.multiValue ? entry.multiValue : [entry];
    for (let i = 0; i < values.length; i++) {
      parts.push(values[i].value === '' ? name : `${name}=${values[i].value}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
