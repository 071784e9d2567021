// The local Slack page: polls /web/state, draws Block Kit, and sends what you
// do to the stand-in, which signs it and delivers it to the bot as Slack would.
// Plain JS, no build step. Every piece of text is HTML-escaped before it is
// placed in the page; Slack's mrkdwn is rendered from the escaped text.
'use strict';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const view = { channel: params.get('channel') || '', user: params.get('user') || '', home: false, lastJson: '', people: [], controls: [] };
const openThreads = new Set();

const EMOJI = {
  white_check_mark: '✅', telephone_receiver: '📞', repeat: '🔁', bust_in_silhouette: '👤', no_bell: '🔕', outbox_tray: '📤',
  x: '❌', no_entry: '⛔', grey_question: '❔', hourglass_flowing_sand: '⏳', warning: '⚠️', large_green_circle: '🟢',
  coffee: '☕', memo: '📝', red_circle: '🔴', bell: '🔔', white_circle: '⚪', rotating_light: '🚨', busts_in_silhouette: '👥',
  mag: '🔍', information_source: 'ℹ️', heavy_check_mark: '✔️', clock3: '🕒', calling: '📲', telephone: '☎️', zap: '⚡',
  chart_with_upwards_trend: '📈', house: '🏠', question: '❓', ok: '🆗', speech_balloon: '💬', hourglass: '⌛',
  arrows_counterclockwise: '🔄', stopwatch: '⏱️', mute: '🔇', inbox_tray: '📥', pushpin: '📌', link: '🔗', lock: '🔒',
};

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
/** Slack escapes &, <, > in message text; undo that before escaping for HTML. */
const unslack = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function personName(id) {
  const p = view.people.find((x) => x.id === id);
  return p ? p.name : id;
}

function pad2(n) { return String(n).padStart(2, '0'); }
function slackDate(sec, format, fallback) {
  const d = new Date(Number(sec) * 1000);
  if (Number.isNaN(d.getTime())) return fallback;
  const month = d.toLocaleString('en', { month: 'short' });
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return format
    .replace('{date_short_pretty}', `${month} ${d.getDate()}`)
    .replace('{date_short}', `${month} ${d.getDate()}, ${d.getFullYear()}`)
    .replace('{date_pretty}', d.toDateString())
    .replace('{date}', d.toDateString())
    .replace('{date_num}', d.toISOString().slice(0, 10))
    .replace('{time_secs}', `${time}:${pad2(d.getSeconds())}`)
    .replace('{time}', time);
}

/** One `<…>` sequence of Slack's mrkdwn, as safe HTML. */
function special(inner) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return `<span class="mention">@${esc(label || personName(target.slice(1)))}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${esc(label || target.slice(1))}</span>`;
  if (target.startsWith('!date^')) {
    const [, sec, format] = target.split('^');
    return esc(slackDate(sec, format || '{date_short_pretty} {time}', unslack(label || '')));
  }
  if (target.startsWith('!')) return `<span class="mention">@${esc(target.slice(1).split('^')[0])}</span>`;
  if (/^https?:\/\//.test(target)) return `<a href="${esc(unslack(target))}" target="_blank" rel="noopener">${esc(unslack(label || target))}</a>`;
  return esc(unslack(inner));
}
function splitOnce(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

/** Slack mrkdwn -> HTML. Special sequences and code become placeholders first, so formatting may span them. */
function mrkdwn(text) {
  const held = [];
  const hold = (html) => `\u0001${held.push(html) - 1}\u0002`;
  let s = String(text);
  s = s.replace(/```([\s\S]*?)```/g, (_, code) => hold(`<pre>${esc(unslack(code))}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${esc(unslack(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, inner) => hold(special(inner)));
  let html = esc(unslack(s));
  html = html
    // Bold may hold stars (masked numbers: *1317511*****): the closing star is the one before a word boundary.
    .replace(/(^|[\s(\u0002])\*(?!\s)([^\n]+?)\*(?=$|[\s.,:;!?)\u0001])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(\u0002])_(?!\s)([^_\n]+?)_(?=$|[\s.,:;!?)\u0001])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(\u0002])~(?!\s)([^~\n]+?)~(?=$|[\s.,:;!?)\u0001])/g, '$1<s>$2</s>')
    .replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] || m)
    .replace(/\n/g, '<br>');
  return html.replace(/\u0001(\d+)\u0002/g, (_, i) => held[Number(i)]);
}

function textObject(t) {
  if (!t) return '';
  return t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text).replace(/:([a-z0-9_+-]+):/g, (m, n) => (t.emoji === false ? m : EMOJI[n] || m));
}

/** An interactive element; what it sends is kept in view.controls, found again by index on use. */
function element(el, blockId, msg) {
  const ref = view.controls.push({ el, blockId, msg }) - 1;
  switch (el.type) {
    case 'button':
      return `<button type="button" class="btn ${el.style === 'primary' ? 'primary' : el.style === 'danger' ? 'danger' : ''}" data-control="${ref}">${textObject(el.text)}</button>`;
    case 'static_select':
    case 'overflow': {
      const label = el.type === 'overflow' ? '⋯' : el.placeholder ? el.placeholder.text : 'Select…';
      const options = (el.options || []).map((o, i) => `<option value="${i}">${esc(o.text ? o.text.text : o.value)}</option>`).join('');
      return `<select data-control="${ref}" aria-label="${esc(label)}"><option value="" selected>${esc(label)}</option>${options}</select>`;
    }
    case 'users_select': {
      const label = el.placeholder ? el.placeholder.text : 'Select a person…';
      const options = view.people.map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('');
      return `<select data-control="${ref}" aria-label="${esc(label)}"><option value="" selected>${esc(label)}</option>${options}</select>`;
    }
    case 'image':
      return `<span class="hint">[image: ${esc(el.alt_text || '')}]</span>`;
    default:
      return `<span class="hint">[${esc(el.type)}]</span>`;
  }
}

function block(b, msg) {
  switch (b.type) {
    case 'section': {
      const fields = b.fields ? `<div class="fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>` : '';
      const accessory = b.accessory ? `<div>${element(b.accessory, b.block_id, msg)}</div>` : '';
      return `<div class="block section"><div>${textObject(b.text)}${fields}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="block context">${(b.elements || []).map((e) => (e.type === 'image' ? element(e) : `<span>${textObject(e)}</span>`)).join('')}</div>`;
    case 'divider':
      return '<hr class="block">';
    case 'header':
      return `<div class="block header">${textObject(b.text)}</div>`;
    case 'actions':
      return `<div class="block actions">${(b.elements || []).map((e) => element(e, b.block_id, msg)).join('')}</div>`;
    case 'image':
      return `<div class="block hint">[image: ${esc(b.alt_text || '')}]</div>`;
    default:
      return `<div class="block hint">[${esc(b.type)} block]</div>`;
  }
}

function timeOf(ts) {
  const d = new Date(Number(ts) * 1000);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

function message(m) {
  const content = m.blocks && m.blocks.length ? m.blocks.map((b) => block(b, m)).join('') : `<div class="block">${mrkdwn(m.text)}</div>`;
  const only = m.ephemeral ? '<div class="only-you">👁 Only visible to you</div>' : '';
  let thread = '';
  if (m.replies && m.replies.length) {
    const open = openThreads.has(m.ts) ? ' open' : '';
    thread = `<details class="thread" data-thread="${esc(m.ts)}"${open}><summary>${m.replies.length} ${m.replies.length === 1 ? 'reply' : 'replies'}</summary>${m.replies.map(message).join('')}</details>`;
  }
  return `<div class="msg${m.ephemeral ? ' ephemeral' : ''}" data-ts="${esc(m.ts)}">
    <div class="avatar">cc</div>
    <div class="body">${only}<div class="meta"><span class="name">ccops</span><span class="app">APP</span><span class="time">${timeOf(m.ts)}</span>${m.edited ? '<span class="edited">(edited)</span>' : ''}</div>${content}${thread}</div>
  </div>`;
}

function render(state) {
  view.people = state.people;
  view.channel = state.channel.id;
  view.controls = [];
  $('channels').innerHTML = state.channels
    .map((c) => `<li data-channel="${esc(c.id)}" class="${c.id === state.channel.id ? 'active' : ''}"><span># ${esc(c.name)}</span><span class="count">${c.messages || ''}</span></li>`)
    .join('');
  $('channel-name').textContent = `# ${state.channel.name}`;
  $('app-status').textContent = state.connected ? 'ccops app connected' : 'waiting for the ccops app…';
  $('rate-limited').textContent = state.rateLimited ? `429s served in this channel: ${state.rateLimited}` : '';
  const burst = $('burst-center');
  if (burst.options.length !== state.burstCenters.length) burst.innerHTML = state.burstCenters.map((c) => `<option>${esc(c)}</option>`).join('');
  $('apps').firstElementChild.className = view.home ? 'active' : '';
  const list = $('messages');
  if (view.home) {
    for (const li of $('channels').children) li.className = '';
    $('channel-name').textContent = 'ccops · Home';
    const blocks = state.home ? state.home.blocks : [];
    const home = { ts: '', home: true };
    list.innerHTML = blocks.length ? `<div class="home">${blocks.map((b) => block(b, home)).join('')}</div>` : '<div class="empty">Opening the Home tab…</div>';
    return;
  }
  const items = [...state.messages, ...state.ephemeral].sort((a, b) => Number(a.ts) - Number(b.ts));
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.innerHTML = items.length ? items.map(message).join('') : '<div class="empty">No messages yet.</div>';
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function fillPeople(people) {
  const who = $('who');
  if (who.options.length) return;
  who.innerHTML = people
    .map((p) => `<option value="${esc(p.id)}">${esc(p.name)} (${esc(p.role)}${p.agent ? `: ${esc(p.agent)}` : ''})</option>`)
    .join('');
  if (view.user && people.some((p) => p.id === view.user)) who.value = view.user;
  view.user = who.value;
}

async function refresh() {
  const q = new URLSearchParams({ user: view.user, ...(view.channel ? { channel: view.channel } : {}) });
  const res = await fetch(`/web/state?${q}`);
  const text = await res.text();
  if (text === view.lastJson) return;
  view.lastJson = text;
  const state = JSON.parse(text);
  fillPeople(state.people);
  if (!view.user) {
    view.user = $('who').value;
    view.lastJson = '';
    return refresh();
  }
  render(state);
}

let polling = false;
async function poll() {
  if (polling) return;
  polling = true;
  try {
    await refresh();
    status('');
  } catch (e) {
    status(`The local Slack does not answer (${e.message}). Is npm start still running?`);
  } finally {
    polling = false;
  }
}

function status(text) { $('status').textContent = text; }

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok || answer.ok === false) status(answer.error || `HTTP ${res.status}`);
  view.lastJson = '';
  await poll();
  return answer;
}

function send(control, value) {
  const { el, blockId, msg } = control;
  const action = { type: el.type, action_id: el.action_id, ...(blockId ? { block_id: blockId } : {}) };
  if (el.type === 'button') {
    if (el.confirm && !window.confirm(`${el.confirm.title.text}\n\n${el.confirm.text.text}`)) return;
    if (el.value !== undefined) action.value = el.value;
  } else if (el.type === 'static_select' || el.type === 'overflow') {
    const o = el.options[Number(value)];
    action.selected_option = el.type === 'overflow' ? { value: o.value } : { value: o.value, text: o.text };
  } else if (el.type === 'users_select') {
    action.selected_user = value;
  }
  if (msg.ephemeral || msg.home) {
    status('Buttons in ephemeral messages and the Home tab are not simulated.');
    return;
  }
  return post('/web/action', { user: view.user, channel: view.channel, ts: msg.ts, action });
}

document.addEventListener('click', (e) => {
  if (e.target.closest('[data-home]')) {
    view.home = true;
    post('/web/home', { user: view.user });
    return;
  }
  const li = e.target.closest('[data-channel]');
  if (li) {
    view.home = false;
    view.channel = li.dataset.channel;
    view.lastJson = '';
    poll();
    return;
  }
  const btn = e.target.closest('button[data-control]');
  if (btn) send(view.controls[Number(btn.dataset.control)]);
});
document.addEventListener('change', (e) => {
  const sel = e.target.closest('select[data-control]');
  if (sel && sel.value !== '') send(view.controls[Number(sel.dataset.control)], sel.value);
});
document.addEventListener('toggle', (e) => {
  const d = e.target;
  if (d.dataset && d.dataset.thread) (d.open ? openThreads.add(d.dataset.thread) : openThreads.delete(d.dataset.thread));
}, true);

$('who').addEventListener('change', () => {
  view.user = $('who').value;
  view.lastJson = '';
  if (view.home) post('/web/home', { user: view.user });
  else poll();
});
$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('command');
  const text = input.value.trim();
  if (!text) return;
  if (!/^\/cc(\s|$)/.test(text)) {
    status('This local Slack only knows the /cc command.');
    return;
  }
  input.value = '';
  await post('/web/command', { user: view.user, channel: view.channel, text });
});
$('throttle').addEventListener('click', () => post('/web/throttle', { channel: view.channel, retryAfterSec: 2, times: 3 }));
$('burst').addEventListener('click', async () => {
  const n = Number($('burst-n').value) || 25;
  const answer = await post('/web/burst', { center: $('burst-center').value, n });
  if (answer.ok) status(`${answer.abandoned} calls abandoned at ${$('burst-center').value}; alerts follow within one poll.`);
});

poll();
setInterval(poll, 1000);
