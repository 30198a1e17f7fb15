import type { RenderedMail } from '../mail.types.js';
import type { MailBlock, MailContent, TemplateContext } from './content.js';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/** Only http(s) and mailto links reach an href: a `javascript:` URL never becomes a link. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function blockHtml(block: MailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`;
    case 'facts':
      return (
        '<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">' +
        block.rows
          .map(
            ([label, value]) =>
              `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(label)}</th>` +
              `<td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
          )
          .join('') +
        '</table>'
      );
    case 'list':
      return `<ul style="margin:0 0 16px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'action': {
      const href = safeHref(block.href);
      if (!href) return `<p style="margin:0 0 16px">${escapeHtml(block.label)}</p>`;
      return (
        `<p style="margin:0 0 16px"><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 16px;background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(block.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:13px;color:#444">If the button does not work, copy this address into your browser: ${escapeHtml(href)}</p>`
      );
    }
  }
}

function blockText(block: MailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'action':
      return `${block.label}:\n${block.href}`;
  }
}

function footerLines(context: TemplateContext): string[] {
  const { branding } = context;
  const lines = [`${branding.name}`];
  if (branding.contactEmail) lines.push(`Questions? Write to ${branding.contactEmail}.`);
  lines.push('You receive this message because you have an account on its exam platform.');
  return lines;
}

/**
 * Lays a template's content out as the message: the association's name in the subject, the
 * greeting, the blocks and the footer, once as HTML (every string escaped) and once as text.
 */
export function renderLayout(content: MailContent, context: TemplateContext): RenderedMail {
  const { branding } = context;
  const subject = `${content.subject} · ${branding.shortName ?? branding.name}`;
  const greeting = context.recipientName ? `Dear ${context.recipientName},` : 'Hello,';
  const footer = footerLines(context);
  const text = [greeting, ...content.blocks.map(blockText), '--', ...footer].join('\n\n') + '\n';
  const contact = branding.contactEmail ? safeHref(`mailto:${branding.contactEmail}`) : null;
  const footerHtml = footer
    .map((line, index) =>
      index === 1 && contact && branding.contactEmail
        ? `Questions? Write to <a href="${escapeHtml(contact)}">${escapeHtml(branding.contactEmail)}</a>.`
        : escapeHtml(line),
    )
    .join('<br>');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(subject)}</title></head>` +
    '<body style="margin:0;padding:24px;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">' +
    '<main style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px">' +
    `<p style="margin:0 0 16px;font-weight:bold;font-size:18px">${escapeHtml(branding.name)}</p>` +
    `<p style="margin:0 0 16px">${escapeHtml(greeting)}</p>` +
    content.blocks.map(blockHtml).join('') +
    `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0"><p style="margin:0;font-size:13px;color:#444">${footerHtml}</p>` +
    '</main></body></html>';
  return {
    subject,
    text,
    html,
    attachments: content.attachments ?? [],
    link: content.logLink ?? null,
  };
}
