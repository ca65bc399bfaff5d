// Shared by /ops and /playground: the admin token lives in this tab's sessionStorage only.
const Pulpo = {
  token() {
    let t = sessionStorage.getItem('pulpo-admin-token');
    if (!t) {
      t = window.prompt('Admin token (PULPO_ADMIN_TOKEN)') || '';
      sessionStorage.setItem('pulpo-admin-token', t);
    }
    return t;
  },
  async api(method, path, body) {
    const opts = { method, headers: { 'Authorization': 'Bearer ' + Pulpo.token() } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(path, opts);
    const data = await r.json().catch(() => ({}));
    if (r.status === 401) { sessionStorage.removeItem('pulpo-admin-token'); }
    if (!r.ok) { throw new Error((data && data.detail) || ('HTTP ' + r.status)); }
    return data;
  },
  esc(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  },
  svg(tag, attrs, text) {
    const a = Object.entries(attrs).map(([k, v]) => `${k}="${Pulpo.esc(v)}"`).join(' ');
    return `<${tag} ${a}>${text === undefined ? '' : Pulpo.esc(text)}</${tag}>`;
  },
};
