/**
 * Small static SVG pictures made at build time (no JavaScript, no external assets). Every label
 * goes through `escapeXml`, because labels come from article data.
 */

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Bar {
  label: string;
  value: number;
}

/** A bar chart (e.g. articles per month); `title` names it for screen readers. */
export function barChartSvg(bars: readonly Bar[], title: string): string {
  // Wide enough for a "2021-10" label under each bar, so the first label is not clipped.
  const barW = 30;
  const gap = 6;
  const h = 120;
  const top = 16;
  const bottom = 34;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = Math.max(120, bars.length * (barW + gap) + gap);
  const parts: string[] = [];
  bars.forEach((b, i) => {
    const x = gap + i * (barW + gap);
    const bh = Math.round((b.value / max) * h);
    const y = top + h - bh;
    parts.push(`<g><title>${escapeXml(`${b.label}: ${b.value}`)}</title><rect x="${x}" y="${y}" width="${barW}" height="${bh}" fill="currentColor"/></g>`);
    if (b.value > 0) parts.push(`<text x="${x + barW / 2}" y="${y - 3}" font-size="9" text-anchor="middle">${b.value}</text>`);
    // Label every bar when few, else only January (a year boundary) and the first bar.
    if (bars.length <= 12 || i === 0 || b.label.endsWith('-01')) {
      parts.push(`<text x="${x + barW / 2}" y="${top + h + 12}" font-size="9" text-anchor="middle">${escapeXml(b.label.length > 7 ? b.label.slice(0, 7) : b.label)}</text>`);
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${width} ${top + h + bottom}" width="${width}" height="${top + h + bottom}" class="chart"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;
}

export interface TimelinePoint {
  /** Fractional year (2023.5 = mid-2023). */
  at: number;
  label: string;
}

/** Dots on a horizontal year axis, one per dated appearance. */
export function timelineSvg(points: readonly TimelinePoint[], title: string): string {
  const width = 560;
  const height = 60;
  const pad = 30;
  if (points.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="timeline"><title>${escapeXml(title)}</title><text x="${pad}" y="34" font-size="12">年份均不详 · no dated appearances</text></svg>`;
  }
  const min = Math.floor(Math.min(...points.map((p) => p.at)));
  const max = Math.floor(Math.max(...points.map((p) => p.at))) + 1;
  const x = (at: number) => pad + ((at - min) / (max - min)) * (width - 2 * pad);
  const parts = [`<line x1="${pad}" y1="30" x2="${width - pad}" y2="30" stroke="currentColor" stroke-width="1"/>`];
  for (let year = min; year <= max; year++) {
    parts.push(`<text x="${x(year).toFixed(1)}" y="52" font-size="10" text-anchor="middle">${year}</text>`);
  }
  for (const p of points) {
    parts.push(`<circle cx="${x(p.at).toFixed(1)}" cy="30" r="5" fill="currentColor" fill-opacity="0.6"><title>${escapeXml(p.label)}</title></circle>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="timeline"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;
}
