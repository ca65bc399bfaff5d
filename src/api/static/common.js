// Shared by /ops, /bookings and /playground: the admin token lives in this tab's sessionStorage only.
const Pulpo = {
  token() {
    let t = sessionStorage.getItem('pulpo-admin-token');
    if (!t) {
      t = window.prompt('Token de administración (PULPO_ADMIN_TOKEN)') || '';
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
  // Saves what an admin endpoint answers as a file (the token goes in a header, so a plain
  // link cannot fetch it).
  async download(path, filename) {
    const r = await fetch(path, { headers: { 'Authorization': 'Bearer ' + Pulpo.token() } });
    if (!r.ok) { throw new Error('HTTP ' + r.status); }
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement('a');
    a.href = url; a.download = filename; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  esc(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  },
  svg(tag, attrs, text) {
    const a = Object.entries(attrs).map(([k, v]) => `${k}="${Pulpo.esc(v)}"`).join(' ');
    return `<${tag} ${a}>${text === undefined ? '' : Pulpo.esc(text)}</${tag}>`;
  },
};
