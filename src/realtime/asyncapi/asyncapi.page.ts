/**
 * /asyncapi: the AsyncAPI document as one static HTML page, rendered here rather than by a
 * browser bundle (no script, works offline and under the strict CSP).
 */
interface Doc {
  info: { title: string; version: string; description: string };
  servers: Record<
    string,
    { host: string; protocol: string; pathname: string; title: string; description: string }
  >;
  channels: Record<
    string,
    { address: string | null; description?: string; messages: Record<string, { $ref: string }> }
  >;
  operations: Record<string, { action: string; summary: string; channel: { $ref: string } }>;
  components: {
    messages: Record<string, { summary: string; payload: { $ref: string } }>;
    schemas: Record<string, unknown>;
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const code = (text: string) => `<code>${escape(text)}</code>`;
const last = (ref: string) => ref.split('/').at(-1) ?? ref;
/** Backticks in the document's prose become code. */
const prose = (text: string) =>
  text
    .split('\n\n')
    .map((p) => `<p>${escape(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');

export function renderAsyncApiPage(document: object): string {
  const doc = document as Doc;
  const servers = Object.entries(doc.servers)
    .map(
      ([, s]) =>
        `<li>${escape(s.title)}: ${code(`${s.protocol}://${s.host}${s.pathname}`)} ${escape(s.description)}</li>`,
    )
    .join('');
  const channels = Object.entries(doc.channels)
    .map(([name, channel]) => {
      const messages = Object.keys(channel.messages)
        .map((m) => {
          const message = doc.components.messages[m];
          const schema = doc.components.schemas[last(message.payload.$ref)];
          return `<h4 id="message-${escape(m)}">${code(m)}: ${escape(message.summary)}</h4><pre>${escape(JSON.stringify(schema, null, 2))}</pre>`;
        })
        .join('');
      const address = channel.address === null ? '(no address)' : code(channel.address);
      return `<section id="channel-${escape(name)}"><h3>${escape(name)} ${address}</h3>${channel.description ? prose(channel.description) : ''}${messages}</section>`;
    })
    .join('');
  const operations = Object.entries(doc.operations)
    .map(
      ([name, op]) =>
        `<li>${code(name)} (${escape(op.action)}, ${escape(last(op.channel.$ref))}): ${escape(op.summary)}</li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escape(doc.info.title)}</title>
    <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{background:#f4f4f4;padding:.75rem;overflow:auto}code{background:#f4f4f4;padding:0 .2rem}</style>
  </head>
  <body>
    <h1>${escape(doc.info.title)} ${escape(doc.info.version)}</h1>
    <p>AsyncAPI 3 document: <a href="/asyncapi.json">/asyncapi.json</a>. REST: <a href="/docs">/docs</a>.</p>
    ${prose(doc.info.description)}
    <h2>Servers</h2><ul>${servers}</ul>
    <h2>Operations</h2><ul>${operations}</ul>
    <h2>Channels and messages</h2>${channels}
  </body>
</html>
`;
}
