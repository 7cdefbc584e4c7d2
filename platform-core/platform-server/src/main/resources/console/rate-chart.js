// A small line chart of events in and out per second, drawn on a <canvas> from successive polls of
// /admin/stats (the node keeps totals; the rate is the difference between two polls over the time between
// them). No library: a few lines of 2D context are all it takes, and nothing is fetched from elsewhere.

const SERIES = [
  { key: 'in', label: 'in/s', color: '#0b6e4f' },
  { key: 'out', label: 'out/s', color: '#c2571a' },
];

/** Keeps the last `capacity` rate samples of one node (30: a minute of polls every 2 s). */
export class RateHistory {
  constructor(capacity = 30) {
    this.capacity = capacity;
    this.samples = [];
    this.last = null;
  }

  /** Adds the totals seen now; returns the rates since the previous totals, or null for the first ones. */
  record(totals, atMillis) {
    const previous = this.last;
    this.last = { ...totals, atMillis };
    if (!previous) return null;
    const seconds = (atMillis - previous.atMillis) / 1000;
    if (seconds <= 0) return null;
    // A restarted node starts its totals at 0 again: count that as no traffic, not a negative rate.
    const rate = (key) => Math.max(0, (totals[key] - previous[key]) / seconds);
    const sample = { in: rate('in'), out: rate('out') };
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.shift();
    return sample;
  }
}

/** Draws the history on the canvas, scaled for the screen's pixel density. */
export function drawRates(canvas, history) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 320;
  const height = canvas.clientHeight || 120;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);

  const plot = { left: 36, right: width - 8, top: 18, bottom: height - 16 };
  const samples = history.samples;
  const highest = Math.max(1, ...samples.flatMap((sample) => [sample.in, sample.out]));
  const scale = niceCeiling(highest);

  context.font = '11px system-ui, sans-serif';
  context.strokeStyle = '#d9dee3';
  context.fillStyle = '#5b6670';
  context.lineWidth = 1;
  for (const fraction of [0, 0.5, 1]) {
    const y = plot.bottom - fraction * (plot.bottom - plot.top);
    context.beginPath();
    context.moveTo(plot.left, y);
    context.lineTo(plot.right, y);
    context.stroke();
    context.fillText(formatRate(scale * fraction), 2, y + 4);
  }

  const step = (plot.right - plot.left) / Math.max(1, history.capacity - 1);
  const firstX = plot.right - (samples.length - 1) * step;
  let legendX = plot.left;
  for (const series of SERIES) {
    context.strokeStyle = series.color;
    context.lineWidth = 2;
    context.beginPath();
    samples.forEach((sample, index) => {
      const x = firstX + index * step;
      const y = plot.bottom - (sample[series.key] / scale) * (plot.bottom - plot.top);
      if (index === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.stroke();
    const latest = samples.length ? formatRate(samples[samples.length - 1][series.key]) : '–';
    context.fillStyle = series.color;
    const legend = `${series.label} ${latest}`;
    context.fillText(legend, legendX, 11);
    legendX += context.measureText(legend).width + 16;
  }
  if (samples.length === 0) {
    context.fillStyle = '#5b6670';
    context.fillText('collecting…', plot.left + 4, (plot.top + plot.bottom) / 2);
  }
}

function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) {
    if (value <= factor * magnitude) return factor * magnitude;
  }
  return 10 * magnitude;
}

export function formatRate(value) {
  return value >= 100 ? Math.round(value).toString() : value.toFixed(value >= 10 ? 1 : 2);
}
