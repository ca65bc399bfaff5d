//! The self-contained HTML report of `pulpo eval --report`: summary and per-class tables,
//! the confusion matrix as a heat map, latency histograms and CDFs (inline SVG), and the
//! misread messages. No network assets.

use std::fmt::Write;

use super::RouteMetrics;
use crate::nlu::{Intent, SlotName};

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const COLORS: [&str; 3] = ["#2563eb", "#ea580c", "#16a34a"];

fn heatmap(r: &RouteMetrics) -> String {
    let cell = 44.0;
    let left = 110.0;
    let top = 100.0;
    let w = left + cell * 9.0 + 10.0;
    let h = top + cell * 9.0 + 10.0;
    let mut s = format!(
        r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="confusion matrix {}">"#,
        esc(&r.route)
    );
    for (j, i) in Intent::ALL.iter().enumerate() {
        let x = left + cell * j as f64 + cell / 2.0;
        let _ = write!(
            s,
            r#"<text x="{x}" y="{}" font-size="11" transform="rotate(-45 {x} {})" text-anchor="start">{}</text>"#,
            top - 6.0,
            top - 6.0,
            i.as_str()
        );
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>"#,
            left - 6.0,
            top + cell * j as f64 + cell / 2.0 + 4.0,
            i.as_str()
        );
    }
    for (gi, row) in r.confusion.iter().enumerate() {
        let total: usize = row.iter().sum();
        for (pi, &c) in row.iter().enumerate() {
            let frac = if total == 0 {
                0.0
            } else {
                c as f64 / total as f64
            };
            let color = if gi == pi {
                format!("rgba(22,163,74,{:.2})", 0.1 + 0.9 * frac)
            } else {
                format!(
                    "rgba(220,38,38,{:.2})",
                    if c == 0 { 0.03 } else { 0.15 + 0.85 * frac }
                )
            };
            let (x, y) = (left + cell * pi as f64, top + cell * gi as f64);
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{color}" stroke="#fff"><title>gold {} → predicted {}: {c}</title></rect>"##,
                Intent::ALL[gi].as_str(),
                Intent::ALL[pi].as_str()
            );
            if c > 0 {
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" font-size="12" text-anchor="middle">{c}</text>"#,
                    x + cell / 2.0,
                    y + cell / 2.0 + 4.0
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

fn latency_plots(routes: &[RouteMetrics]) -> String {
    let max = routes
        .iter()
        .flat_map(|r| r.latencies_ms.iter())
        .cloned()
        .fold(1.0f64, f64::max);
    let (w, h, pad) = (560.0, 220.0, 40.0);
    let bins = 30usize;
    let x_of = |v: f64| pad + (v / max) * (w - 2.0 * pad);
    // Histogram.
    let mut hist = format!(
        r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="latency histogram">"#
    );
    let counts: Vec<Vec<usize>> = routes
        .iter()
        .map(|r| {
            let mut c = vec![0usize; bins];
            for &v in &r.latencies_ms {
                c[((v / max) * (bins as f64 - 1.0))
                    .round()
                    .clamp(0.0, bins as f64 - 1.0) as usize] += 1;
            }
            c
        })
        .collect();
    let top = counts.iter().flatten().cloned().max().unwrap_or(1).max(1) as f64;
    let bw = (w - 2.0 * pad) / bins as f64 / routes.len().max(1) as f64;
    for (ri, c) in counts.iter().enumerate() {
        for (b, &n) in c.iter().enumerate() {
            let bh = (n as f64 / top) * (h - 2.0 * pad);
            let x = pad + b as f64 * (w - 2.0 * pad) / bins as f64 + ri as f64 * bw;
            let _ = write!(
                hist,
                r#"<rect x="{x:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}" fill="{}"><title>{}: {n}</title></rect>"#,
                h - pad - bh,
                COLORS[ri % 3],
                esc(&routes[ri].route)
            );
        }
    }
    axes(&mut hist, w, h, pad, max, "count");
    hist.push_str("</svg>");
    // CDF.
    let mut cdf = format!(
        r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="latency CDF">"#
    );
    for (ri, r) in routes.iter().enumerate() {
        let mut v = r.latencies_ms.clone();
        v.sort_by(f64::total_cmp);
        let n = v.len().max(1) as f64;
        let pts: Vec<String> = v
            .iter()
            .enumerate()
            .map(|(i, x)| {
                format!(
                    "{:.1},{:.1}",
                    x_of(*x),
                    h - pad - ((i + 1) as f64 / n) * (h - 2.0 * pad)
                )
            })
            .collect();
        let _ = write!(
            cdf,
            r#"<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>"#,
            COLORS[ri % 3],
            pts.join(" ")
        );
    }
    axes(&mut cdf, w, h, pad, max, "share");
    cdf.push_str("</svg>");
    let legend: String = routes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                r#"<span style="color:{}">■ {}</span> "#,
                COLORS[i % 3],
                esc(&r.route)
            )
        })
        .collect();
    format!("<p>{legend}</p><div class=row>{hist}{cdf}</div>")
}

fn axes(s: &mut String, w: f64, h: f64, pad: f64, max: f64, ylabel: &str) {
    let _ = write!(
        s,
        r##"<line x1="{pad}" y1="{}" x2="{}" y2="{}" stroke="#333"/><line x1="{pad}" y1="{pad}" x2="{pad}" y2="{}" stroke="#333"/>"##,
        h - pad,
        w - pad,
        h - pad,
        h - pad
    );
    for k in 0..=4 {
        let v = max * k as f64 / 4.0;
        let x = pad + (k as f64 / 4.0) * (w - 2.0 * pad);
        let _ = write!(
            s,
            r#"<text x="{x:.1}" y="{}" font-size="10" text-anchor="middle">{v:.0} ms</text>"#,
            h - pad + 14.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="10" y="{}" font-size="10">{ylabel}</text>"#,
        pad - 8.0
    );
}

/// The whole page.
pub fn render(title: &str, dataset: &str, routes: &[RouteMetrics]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{t}</title>
<style>body{{font-family:system-ui,sans-serif;margin:24px;color:#111}}table{{border-collapse:collapse;margin:8px 0 20px}}
td,th{{border:1px solid #ddd;padding:4px 8px;text-align:right}}th{{background:#f5f5f5}}td:first-child,th:first-child{{text-align:left}}
.row{{display:flex;gap:24px;flex-wrap:wrap}}.bad{{color:#b91c1c}}.msg{{text-align:left;max-width:520px}}</style></head><body>
<h1>{t}</h1><p>Dataset: <code>{d}</code></p>"#,
        t = esc(title),
        d = esc(dataset)
    );
    s.push_str("<h2>Summary</h2><table><tr><th></th>");
    for r in routes {
        let _ = write!(s, "<th>{}</th>", esc(&r.route));
    }
    s.push_str("</tr>");
    type Cell = Box<dyn Fn(&RouteMetrics) -> String>;
    let rows: Vec<(&str, Cell)> = vec![
        ("messages", Box::new(|r| r.n.to_string())),
        (
            "intent accuracy",
            Box::new(|r| format!("{:.3}", r.intent_accuracy)),
        ),
        (
            "slot F1 (micro)",
            Box::new(|r| format!("{:.3}", r.slot_micro.f1)),
        ),
        (
            "messy: intent / slot F1",
            Box::new(|r| {
                r.messy
                    .as_ref()
                    .map(|m| format!("{:.3} / {:.3} (n={})", m.intent_accuracy, m.slot_f1, m.n))
                    .unwrap_or("—".into())
            }),
        ),
        (
            "clean: intent / slot F1",
            Box::new(|r| {
                r.clean
                    .as_ref()
                    .map(|m| format!("{:.3} / {:.3} (n={})", m.intent_accuracy, m.slot_f1, m.n))
                    .unwrap_or("—".into())
            }),
        ),
        (
            "schema-valid rate",
            Box::new(|r| format!("{:.3}", r.schema_valid_rate)),
        ),
        (
            "fallback rate",
            Box::new(|r| format!("{:.3}", r.fallback_rate)),
        ),
        (
            "latency p50 / p90 / p99 ms",
            Box::new(|r| {
                format!(
                    "{:.1} / {:.1} / {:.1}",
                    r.latency_p50_ms, r.latency_p90_ms, r.latency_p99_ms
                )
            }),
        ),
    ];
    for (label, f) in &rows {
        let _ = write!(s, "<tr><td>{label}</td>");
        for r in routes {
            let _ = write!(s, "<td>{}</td>", esc(&f(r)));
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    for (title, keys) in [
        (
            "Per intent",
            Intent::ALL.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        ),
        (
            "Per slot",
            SlotName::ALL.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        ),
    ] {
        let _ = write!(
            s,
            "<h2>{title} (precision / recall / F1)</h2><table><tr><th></th>"
        );
        for r in routes {
            let _ = write!(s, "<th>{}</th>", esc(&r.route));
        }
        s.push_str("</tr>");
        for k in keys {
            let _ = write!(s, "<tr><td>{k}</td>");
            for r in routes {
                let p = r.per_intent.get(k).or_else(|| r.per_slot.get(k));
                let cell = p
                    .map(|p| {
                        format!(
                            "{:.2} / {:.2} / {:.2} <small>({})</small>",
                            p.precision,
                            p.recall,
                            p.f1,
                            p.tp + p.fn_
                        )
                    })
                    .unwrap_or_default();
                let _ = write!(s, "<td>{cell}</td>");
            }
            s.push_str("</tr>");
        }
        s.push_str("</table>");
    }
    s.push_str("<h2>Confusion matrices</h2><div class=row>");
    for r in routes {
        let _ = write!(s, "<div><h3>{}</h3>{}</div>", esc(&r.route), heatmap(r));
    }
    s.push_str("</div><h2>Latency (histogram and CDF)</h2>");
    s.push_str(&latency_plots(routes));
    for r in routes {
        let _ = write!(s, "<h2>Misread by {} ({})</h2><table><tr><th>id</th><th>message</th><th>gold</th><th>predicted</th><th>wrong slots</th></tr>", esc(&r.route), r.misses.len());
        for m in &r.misses {
            let gold = serde_json::to_string(&m.gold_slots).unwrap_or_default();
            let pred = serde_json::to_string(&m.pred_slots).unwrap_or_default();
            let intent_cls = if m.gold_intent != m.pred_intent {
                " class=bad"
            } else {
                ""
            };
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=msg>{}</td><td class=msg>{} {}</td><td class=msg><span{intent_cls}>{}</span> {}</td><td>{}</td></tr>",
                esc(&m.id),
                esc(&m.text),
                m.gold_intent,
                esc(&gold),
                m.pred_intent,
                esc(&pred),
                esc(&m.wrong_slots.join(", "))
            );
        }
        s.push_str("</table>");
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{parse_dataset, score, Prediction};

    #[test]
    fn the_report_is_self_contained_and_escaped() {
        let (ex, _) = parse_dataset("{\"id\":\"1\",\"text\":\"<script>alert(1)</script>\",\"intent\":\"book\",\"slots\":{}}\n");
        let preds = vec![Prediction {
            id: "1".into(),
            route: "legacy".into(),
            intent: crate::nlu::Intent::Other,
            slots: Default::default(),
            confidence: 0.5,
            fallback_reason: None,
            latency_ms: 2.0,
        }];
        let html = render("t", "d.jsonl", &[score("legacy", &ex, &preds)]);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no network assets"
        );
        assert!(html.contains("<svg"));
    }
}
